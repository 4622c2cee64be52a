-- Restores of a backup into this database (运维: 恢复记录): written by the restore command in the transaction
-- that loads the data; the next start publishes RestoredFromBackup once (the exchange resends from there) and
-- sets followed_up_at.
create table operations_restore (
    id              bigint generated always as identity primary key,
    restored_at     timestamptz not null default now(),
    backup_created  timestamptz not null,
    tables          integer     not null,
    row_count       bigint      not null,
    followed_up_at  timestamptz
);
