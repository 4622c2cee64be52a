-- The ledger (台帐): one row per person, keyed by the keyed hash of the normalised ID number.
-- ID numbers and phone numbers are stored encrypted (AES-GCM); the masked form serves lists.
create table person (
    id                     bigint generated always as identity primary key,
    id_number_enc          text        not null,
    id_number_hash         text        not null,
    id_number_masked       text        not null,
    name                   text        not null,
    sex                    char(1)     not null check (sex in ('0', '1', '2', '9')),
    birth_date             date        not null,
    ethnicity              varchar(2),
    education              varchar(2),
    marital_status         varchar(2),
    household_type         varchar(1),
    household_code         varchar(6)  not null,
    household_address      text,
    phone_enc              text,
    employer               text,
    occupation             text,
    spouse_name            text,
    spouse_id_enc          text,
    spouse_id_hash         text,
    spouse_household_code  varchar(6),
    contraception_code     varchar(3),
    contraception_since    date,
    pregnancy_status       text check (pregnancy_status in ('NOT_PREGNANT', 'PREGNANT', 'UNKNOWN')),
    cert_number            text,
    cert_issuer            text,
    cert_issued_on         date,
    cert_valid_until       date,
    cert_checked_on        date,
    cert_checked_by        text,
    category               text        not null,
    category_article       text        not null,
    category_reason        text        not null,
    classified_on          date        not null,
    status                 text        not null check (status in ('ACTIVE', 'MOVED_OUT', 'MERGED')),
    merged_into            bigint references person (id),
    org_path               text        not null,
    community_code         varchar(12) not null,
    last_verified_on       date,
    created_at             timestamptz not null,
    created_by             text        not null,
    updated_at             timestamptz not null,
    updated_by             text        not null,
    version                int         not null
);
-- one live record per ID number; merged records keep theirs for history but leave the index
create unique index person_id_number_live_idx on person (id_number_hash) where status <> 'MERGED';
create index person_id_number_idx on person (id_number_hash);
create index person_org_path_idx on person (org_path text_pattern_ops);
create index person_name_idx on person (name text_pattern_ops);
create index person_duplicate_idx on person (name, birth_date, household_code);
create index person_category_idx on person (category);

create table person_child (
    person_id   bigint  not null references person (id) on delete cascade,
    seq         int     not null,
    birth_date  date    not null,
    sex         char(1) not null check (sex in ('0', '1', '2', '9')),
    child_order int     not null check (child_order between 1 and 20),
    primary key (person_id, seq)
);

-- Residence episodes (居住登记): where a person lived, from when to when, and why.
create table residence_episode (
    person_id       bigint      not null references person (id) on delete cascade,
    seq             int         not null,
    community_code  varchar(12) not null,
    site_id         bigint,
    org_path        text        not null,
    address         text,
    housing_type    text,
    moved_in        date        not null,
    moved_out       date,
    reason          text        not null,
    expects_return  boolean     not null default false,
    destination_code varchar(12),
    end_kind        text check (end_kind in ('MOVED_WITHIN', 'MOVED_OUT', 'MERGED')),
    primary key (person_id, seq),
    check (moved_out is null or moved_out >= moved_in)
);
create index residence_episode_org_path_idx on residence_episode (org_path text_pattern_ops);
create index residence_episode_dates_idx on residence_episode (moved_in, moved_out);

-- Every change to a person: who, when, what, before and after (ID-like values masked).
create table person_history (
    id         bigint generated always as identity primary key,
    person_id  bigint      not null references person (id),
    version    int         not null,
    at         timestamptz not null,
    actor      text        not null,
    action     text        not null,
    changes    jsonb       not null default '[]'
);
create index person_history_person_idx on person_history (person_id, id);

-- Verification visits (核实): the person still lives here on that date.
create table person_verification (
    id          bigint generated always as identity primary key,
    person_id   bigint      not null references person (id),
    verified_on date        not null,
    actor       text        not null,
    note        text,
    at          timestamptz not null
);
create index person_verification_person_idx on person_verification (person_id);
