-- Two indexes on person that others already serve, each costing every insert and update of a person (an
-- import of a district writes 212,000): every lookup by ID-number hash asks for live records
-- (status <> 'MERGED') and uses the unique partial index person_id_number_live_idx; a name prefix search uses
-- person_name_scope_idx, whose leading column is the name.
drop index if exists person_id_number_idx;
drop index if exists person_name_idx;
