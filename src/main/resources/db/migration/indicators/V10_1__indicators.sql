-- Indicator definitions (指标) as data: a numerator and an optional denominator, each a named measure with
-- filters; measures are counted by MeasureSource beans (the ledger and sites ship here, services elsewhere).
create table indicator_definition (
    code                text primary key,
    name_zh             text    not null,
    name_en             text    not null,
    description_zh      text    not null,
    numerator_measure   text    not null,
    denominator_measure text,
    filters             jsonb   not null default '{}',
    period_type         text    not null check (period_type in ('MONTH', 'QUARTER', 'YEAR')),
    unit                text    not null check (unit in ('PERCENT', 'COUNT')),
    default_target      numeric(9, 2),
    dhis2_code          text    not null unique,
    sort_order          int     not null
);

-- Targets per indicator, org unit and period; a unit without its own inherits its nearest ancestor's.
create table indicator_target (
    indicator_code text          not null references indicator_definition (code),
    org_code       varchar(12)   not null,
    period         text          not null,
    value          numeric(12, 2) not null check (value >= 0),
    set_by         text          not null,
    set_at         timestamptz   not null,
    primary key (indicator_code, org_code, period)
);

-- A unit's report for a period: submitted by the street, approved or returned by the district.
create table indicator_report (
    org_code     varchar(12) not null,
    period       text        not null,
    status       text        not null check (status in ('SUBMITTED', 'APPROVED', 'RETURNED')),
    comment      text,
    submitted_by text        not null,
    submitted_at timestamptz not null,
    decided_by   text,
    decided_at   timestamptz,
    primary key (org_code, period)
);

-- The values frozen when a report is approved; later ledger changes do not touch them.
create table indicator_report_value (
    org_code       varchar(12)    not null,
    period         text           not null,
    indicator_code text           not null references indicator_definition (code),
    numerator      bigint         not null,
    denominator    bigint,
    value          numeric(12, 2),
    as_of          timestamptz    not null,
    primary key (org_code, period, indicator_code),
    foreign key (org_code, period) references indicator_report (org_code, period)
);

-- Indexes for the ledger counts: who lived where on a date, who arrived when.
create index if not exists residence_episode_moved_in_idx on residence_episode (moved_in);
create index if not exists person_status_category_idx on person (category) where status <> 'MERGED';

insert into indicator_definition (code, name_zh, name_en, description_zh, numerator_measure, denominator_measure,
                                  filters, period_type, unit, default_target, dhis2_code, sort_order) values
('LEDGER_COVERAGE', '台帐覆盖率', 'Ledger coverage',
 '站点台帐中一年内更新或核实的流动人口数占站点估计流动人口数的比例', 'SITE_LEDGER_UPDATED', 'SITE_HEADCOUNT',
 '{}', 'YEAR', 'PERCENT', 90, 'LD_LEDGER_COVERAGE', 10),
('SITES_WITH_ACTIVITY', '开展活动站点比例', 'Sites with an activity',
 '本期内至少开展一次服务活动的站点占站点总数的比例', 'SITES_WITH_ACTIVITY', 'SITES',
 '{}', 'YEAR', 'PERCENT', 100, 'LD_SITES_WITH_ACTIVITY', 20),
('SITE_ROLLOUT', '站点规范化建设覆盖率', 'Site rollout coverage',
 '期末已纳入规范化建设的站点占站点总数的比例', 'SITES_ADMITTED', 'SITES',
 '{}', 'YEAR', 'PERCENT', null, 'LD_SITE_ROLLOUT', 30),
('HEALTH_LECTURES', '健康讲座场次', 'Health lectures',
 '本期内各站点举办的健康讲座场次（每街道每月1次）', 'LECTURES', null,
 '{}', 'MONTH', 'COUNT', 1, 'LD_HEALTH_LECTURES', 40),
('CERT_CHECKED_30D', '查证建档率', 'Certificate checked within 30 days',
 '本期内迁入的流动育龄人员中，迁入后30日内查验婚育证明并建档的比例', 'ARRIVALS_CERT_CHECKED_30D', 'ARRIVALS',
 '{"category": ["FLOATING_FP"]}', 'YEAR', 'PERCENT', 85, 'LD_CERT_CHECKED_30D', 50),
('FLOATING_FP', '流动育龄人员数', 'Floating persons of childbearing age',
 '期末居住的流动育龄人员数', 'PERSONS', null,
 '{"category": ["FLOATING_FP"]}', 'MONTH', 'COUNT', null, 'LD_FLOATING_FP', 60),
('FLOATING_FP_MARRIED_WOMEN', '已婚流动育龄妇女数', 'Married floating women of childbearing age',
 '期末居住的已婚流动育龄妇女数', 'PERSONS', null,
 '{"category": ["FLOATING_FP"], "sex": "2", "marital": ["20", "21", "22", "23"]}', 'MONTH', 'COUNT', null,
 'LD_FLOATING_FP_MW', 70),
('FLOATING_ALL', '流动人口数', 'Floating population',
 '期末居住的流动人口数（含育龄及非育龄）', 'PERSONS', null,
 '{"category": ["FLOATING_FP", "FLOATING_OTHER"]}', 'MONTH', 'COUNT', null, 'LD_FLOATING_ALL', 80),
('POLICY_AWARENESS', '政策知晓率', 'Policy awareness rate',
 '抽样调查中知晓计划生育政策的流动人口比例', 'POLICY_AWARE', 'POLICY_SURVEYED',
 '{}', 'YEAR', 'PERCENT', 90, 'LD_POLICY_AWARENESS', 90),
('FREE_SERVICE', '免费服务率', 'Served free in place of residence',
 '在现居住地接受免费计划生育基本服务的流动育龄人员比例', 'SERVED_FREE', 'PERSONS',
 '{"category": ["FLOATING_FP"]}', 'YEAR', 'PERCENT', 95, 'LD_FREE_SERVICE', 100),
('FREE_PREGNANCY_CHECK', '免费孕检率', 'Free pregnancy/IUD check rate',
 '已婚流动育龄妇女中接受免费孕情环情检查的比例', 'FREE_PREGNANCY_CHECK', 'PERSONS',
 '{"category": ["FLOATING_FP"], "sex": "2", "marital": ["20", "21", "22", "23"]}', 'YEAR', 'PERCENT', 90,
 'LD_FREE_PREGNANCY_CHECK', 110),
('FREE_CONTRACEPTIVES', '免费药具获得率', 'Free contraceptive reach',
 '已婚流动育龄人员中获得免费避孕药具的比例', 'FREE_CONTRACEPTIVES', 'PERSONS',
 '{"category": ["FLOATING_FP"], "marital": ["20", "21", "22", "23"]}', 'YEAR', 'PERCENT', 90,
 'LD_FREE_CONTRACEPTIVES', 120),
('PREPREGNANCY_SERVICE', '孕前优生服务率', 'Pre-pregnancy eugenic service rate',
 '已婚流动育龄妇女中接受免费孕前优生健康检查的比例', 'PREPREGNANCY_CHECK', 'PERSONS',
 '{"category": ["FLOATING_FP"], "sex": "2", "marital": ["20", "21", "22", "23"]}', 'YEAR', 'PERCENT', 80,
 'LD_PREPREGNANCY_SERVICE', 130);

-- The rollout's yearly targets (briefing: 40% 2012, 70% 2013, 100% 2014), set on the city so all inherit.
insert into indicator_target (indicator_code, org_code, period, value, set_by, set_at) values
('SITE_ROLLOUT', '11', '2012', 40, 'PRODUCT §5.4', now()),
('SITE_ROLLOUT', '11', '2013', 70, 'PRODUCT §5.4', now()),
('SITE_ROLLOUT', '11', '2014', 100, 'PRODUCT §5.4', now());
