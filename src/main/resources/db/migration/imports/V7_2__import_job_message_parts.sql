-- What a job says, as message keys with their arguments (shared.Refusal), so that a page shows it in the reader's
-- language; "message" keeps the Chinese text for the API and the logs. The services' imports get the same column.
alter table import_job add column message_parts jsonb;
