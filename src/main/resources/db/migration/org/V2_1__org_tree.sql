-- The org tree (组织机构): city, districts, streets (街道), communities (社区居委会), each with a
-- materialised path so that a subtree is one prefix scan.
create table org_unit (
    code        varchar(12) primary key,
    name        text        not null,
    level       text        not null check (level in ('CITY', 'DISTRICT', 'STREET', 'COMMUNITY')),
    parent_code varchar(12) references org_unit (code),
    path        text        not null unique,
    depth       int         not null check (depth between 1 and 5),
    sort_order  int         not null default 0
);
create index org_unit_parent_idx on org_unit (parent_code);
create index org_unit_path_idx on org_unit (path text_pattern_ops);

-- Groupings over org units, like DHIS2's group sets: Beijing's four functional zones (功能区).
create table org_group_set (
    code    text primary key,
    name_zh text not null,
    name_en text not null
);
create table org_group (
    code           text primary key,
    group_set_code text not null references org_group_set (code),
    name_zh        text not null,
    name_en        text not null,
    sort_order     int  not null
);
create table org_group_member (
    group_code text        not null references org_group (code),
    org_code   varchar(12) not null references org_unit (code),
    primary key (group_code, org_code)
);

insert into org_group_set (code, name_zh, name_en) values ('BJ_FUNCTIONAL_ZONE', '北京市功能区', 'Beijing functional zones');
insert into org_group (code, group_set_code, name_zh, name_en, sort_order) values
    ('BJ_CORE',        'BJ_FUNCTIONAL_ZONE', '首都功能核心区', 'Capital core functional zone', 1),
    ('BJ_EXPANSION',   'BJ_FUNCTIONAL_ZONE', '城市功能拓展区', 'Urban function expansion zone', 2),
    ('BJ_DEVELOPMENT', 'BJ_FUNCTIONAL_ZONE', '城市发展新区',   'New urban development zone', 3),
    ('BJ_ECOLOGICAL',  'BJ_FUNCTIONAL_ZONE', '生态涵养发展区', 'Ecological conservation zone', 4);

-- Service sites (服务站点) under communities, one of the four service models (四种模式).
create table service_site (
    id                  bigint generated always as identity primary key,
    code                text        not null unique,
    name                text        not null,
    model               text        not null check (model in ('COMMUNITY', 'OFFICE_BUILDING', 'MARKET', 'BASEMENT')),
    community_code      varchar(12) not null references org_unit (code),
    path                text        not null unique,
    address             text,
    estimated_headcount int check (estimated_headcount >= 0),
    head_name           text,
    head_phone          text,
    established_on      date,
    publicity_updated_on date,
    active              boolean     not null default true,
    created_at          timestamptz not null default now(),
    version             int         not null default 0
);
create index service_site_community_idx on service_site (community_code);
create index service_site_path_idx on service_site (path text_pattern_ops);

create table service_site_staff (
    site_id bigint not null references service_site (id) on delete cascade,
    seq     int    not null,
    name    text   not null,
    duty    text   not null,
    phone   text,
    primary key (site_id, seq)
);
