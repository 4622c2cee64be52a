-- What a failed service import says, as message keys with their arguments (shared.Refusal), as import_job has.
alter table service_import add column message_parts jsonb;
