-- The sites programme: each service site's organisation, association, publicity position, activities and
-- admission to the programme against the "four ones" (四个一).

-- Organisation (组织机构): who holds which post from when to when. A change ends the holder's row and starts
-- the next one, so the history stays; a row without a name is a vacant post.
create table site_member (
    id       bigint generated always as identity primary key,
    site_id  bigint not null references service_site (id),
    kind     text   not null check (kind in ('HEAD', 'STAFF', 'VOLUNTEER')),
    duty     text   not null,
    name     text,
    phone    text,
    since    date   not null,
    until    date,
    check (until is null or until >= since)
);
create index site_member_site_idx on site_member (site_id, since);

-- The migrants' association (流动人口协会) of a site, if it has one.
create table site_association (
    site_id    bigint primary key references service_site (id),
    name       text not null,
    chair      text,
    members    int check (members >= 0),
    founded_on date
);

-- The publicity position (宣传阵地): what and where, and each dated update of its content.
create table site_publicity (
    site_id  bigint primary key references service_site (id),
    what     text not null,
    location text not null
);
create table site_publicity_update (
    id         bigint generated always as identity primary key,
    site_id    bigint not null references service_site (id),
    updated_on date   not null,
    content    text   not null,
    created_by text   not null,
    created_at timestamptz not null default now()
);
create index site_publicity_update_site_idx on site_publicity_update (site_id, updated_on);

-- Activities (服务活动) at a site, with named attendees from the ledger and/or a head count.
create table site_activity (
    id         bigint generated always as identity primary key,
    site_id    bigint not null references service_site (id),
    held_on    date   not null,
    kind       text   not null check (kind in ('LECTURE', 'CULTURE_SPORTS', 'CONSULTATION', 'HEALTH_CHECK',
                                                'VOLUNTEER', 'FAMILY_PLANNING', 'OTHER')),
    topic      text   not null,
    organiser  text   not null,
    headcount  int    check (headcount >= 0),
    created_by text   not null,
    created_at timestamptz not null default now()
);
create index site_activity_site_idx on site_activity (site_id, held_on);
create table site_activity_person (
    activity_id bigint not null references site_activity (id) on delete cascade,
    person_id   bigint not null,
    primary key (activity_id, person_id)
);

-- Admission to the programme (纳入规范化建设): the site applies, the street checks, the district admits.
-- The four-ones evidence of each step's moment is kept as it was computed then.
create table site_admission (
    id                bigint generated always as identity primary key,
    site_id           bigint not null references service_site (id),
    status            text   not null check (status in ('APPLIED', 'CHECKED', 'ADMITTED', 'RETURNED')),
    applied_on        date   not null,
    applied_by        text   not null,
    applied_evidence  jsonb  not null,
    checked_on        date,
    checked_by        text,
    checked_evidence  jsonb,
    admitted_on       date,
    admitted_by       text,
    admitted_evidence jsonb,
    note              text,
    version           int    not null default 0
);
-- one admission in progress or granted per site; a returned application may be followed by a new one
create unique index site_admission_live_idx on site_admission (site_id) where status <> 'RETURNED';
create index site_admission_admitted_idx on site_admission (admitted_on) where status = 'ADMITTED';
