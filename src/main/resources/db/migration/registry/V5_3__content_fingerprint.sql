-- A keyed hash of a person's identity and family details as last recorded, so that a bulk import can tell an
-- unchanged row from a changed one without decrypting and comparing every record.
alter table person add column content_hash text;
