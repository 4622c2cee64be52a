-- When a recurring ledger job last covered a day, so that a missed night is caught up, not skipped.
create table registry_job (
    name     text primary key,
    last_day date not null
);
