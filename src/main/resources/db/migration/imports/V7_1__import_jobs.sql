-- Import jobs: one per upload, with its progress and outcome; files live in the data folder.
create table import_job (
    id          bigint generated always as identity primary key,
    owner       text        not null,
    scope_path  text        not null,
    file_name   text        not null,
    format      text        not null check (format in ('XLSX', 'CSV')),
    dry_run     boolean     not null,
    status      text        not null check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    rows_read   int         not null default 0,
    valid       int         not null default 0,
    invalid     int         not null default 0,
    applied     int         not null default 0,
    unchanged   int         not null default 0,
    message     text,
    has_errors  boolean     not null default false,
    created_at  timestamptz not null default now(),
    finished_at timestamptz
);
create index import_job_owner_idx on import_job (owner, id desc);
