-- Administrative divisions (行政区划, GB/T 2260 codes), from province down to community, plus abolished codes.
create table division (
    code        varchar(12) primary key,
    name        text        not null,
    level       text        not null check (level in ('PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'COMMUNITY')),
    county_type text        null check (county_type in ('DISTRICT', 'COUNTY', 'COUNTY_CITY', 'OTHER')),
    parent_code varchar(12),
    historical  boolean     not null default false,
    check ((level = 'COUNTY') = (county_type is not null))
);

create index division_parent_code on division (parent_code);

-- Public holidays and make-up working days (调休); any other weekday is a working day.
create table calendar_day (
    day     date primary key,
    kind    text not null check (kind in ('holiday', 'workday')),
    name_zh text,
    name_en text
);

-- Which version of each reference data set is loaded, so a restart only reloads changed files.
create table reference_dataset (
    name      text primary key,
    checksum  text        not null,
    rows      int         not null,
    loaded_at timestamptz not null
);
