-- When each password was last chosen, so that it can expire (docs/adr/0001-password-rotation.md).
alter table app_user add column password_changed_at timestamptz;
update app_user set password_changed_at = updated_at;

-- Failed sign-ins per source address: five in a row lock the address for a while, whatever the username.
create table sign_in_address (
    address         text primary key,
    failed_attempts int not null default 0,
    locked_until    timestamptz,
    updated_at      timestamptz not null default now()
);

-- TOTP (RFC 6238) second factor: the secret is encrypted with the field-encryption key ring; last_step keeps
-- a code from being used twice.
create table user_totp (
    user_id    bigint primary key references app_user (id) on delete cascade,
    secret     text        not null,
    enabled_at timestamptz not null,
    last_step  bigint      not null default 0
);

-- One-time recovery codes, stored only as a keyed hash.
create table user_recovery_code (
    user_id   bigint not null references app_user (id) on delete cascade,
    code_hash text   not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);
