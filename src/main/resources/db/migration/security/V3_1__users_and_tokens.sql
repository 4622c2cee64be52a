-- Users, their roles and scope (an org unit: they see that subtree only), and personal API tokens.
create table app_user (
    id                   bigint generated always as identity primary key,
    username             text        not null unique check (username ~ '^[a-z0-9_.-]{3,64}$'),
    display_name         text        not null,
    password_hash        text        not null,
    scope_code           varchar(12) not null references org_unit (code),
    scope_path           text        not null,
    enabled              boolean     not null default true,
    must_change_password boolean     not null default true,
    failed_attempts      int         not null default 0,
    locked_until         timestamptz,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    version              int         not null default 0
);

create table app_user_role (
    user_id bigint not null references app_user (id) on delete cascade,
    role    text   not null check (role in ('DISTRICT_OFFICER', 'STREET_OFFICER', 'COMMUNITY_WORKER', 'SITE_MANAGER',
                                            'SERVICE_PROVIDER', 'EXCHANGE_CLERK', 'LEADER', 'AUDITOR', 'SYSTEM_ADMIN')),
    primary key (user_id, role)
);

-- Only a SHA-256 of each token is kept; the token itself is shown once to its owner.
create table api_token (
    id         bigint generated always as identity primary key,
    user_id    bigint      not null references app_user (id) on delete cascade,
    token_hash text        not null unique,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    revoked_at timestamptz
);
create index api_token_user_idx on api_token (user_id);
