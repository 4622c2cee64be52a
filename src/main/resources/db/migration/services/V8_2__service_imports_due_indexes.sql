-- Imports of service records (服务记录导入): one row per upload, with its counts, the first errors (row,
-- column, why) and the error report to download. Records of an applied import carry source 'IMPORT'.
create table service_import (
    id            bigint generated always as identity primary key,
    owner         text        not null,
    scope_path    text        not null,
    file_name     text        not null,
    format        text        not null check (format in ('XLSX', 'CSV')),
    dry_run       boolean     not null,
    status        text        not null check (status in ('DRY_RUN', 'APPLIED', 'REFUSED')),
    rows_read     int         not null,
    valid         int         not null,
    invalid       int         not null,
    applied       int         not null,
    unchanged     int         not null,
    notes         text        not null default '',
    errors        jsonb       not null,
    error_report  bytea,
    at            timestamptz not null
);
create index service_import_owner_idx on service_import (owner, id);

-- Due lists read, per person of a street, the latest record of each scheduled service and the latest
-- abnormal result; these indexes answer both without sorting a person's whole history.
create index service_record_person_code_idx on service_record (person_id, service_code, provided_on desc);
create index service_record_abnormal_idx on service_record (person_id, provided_on desc) where result = 'ABNORMAL';
