-- A service-record import runs as a job, as the ledger's import does: its row is written when the file is
-- accepted (QUEUED), shows the rows read while it runs (RUNNING), and ends as DRY_RUN, APPLIED or REFUSED, or
-- FAILED with a message (a file that cannot be read, or a stop of the server; nothing was recorded then).
alter table service_import drop constraint service_import_status_check;
alter table service_import add constraint service_import_status_check
    check (status in ('QUEUED', 'RUNNING', 'DRY_RUN', 'APPLIED', 'REFUSED', 'FAILED'));
alter table service_import add column message text;
alter table service_import add column finished_at timestamptz;
update service_import set finished_at = at;
