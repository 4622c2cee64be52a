-- Services (计划生育基本公共服务): the catalogue, service records with their corrections, and the
-- "visited, not done" notes of due lists.

-- The catalogue is reference data: the five groups of the briefing and their services, with the health
-- action (健康倡导行动 1–5) a service belongs to. An administrator may add services; codes never change.
create table service_catalogue (
    code          varchar(8)  primary key,
    group_code    char(1)     not null check (group_code in ('A', 'B', 'C', 'D', 'E')),
    name_zh       text        not null,
    name_en       text        not null,
    result_codes  text        not null default '',
    health_action int         check (health_action between 1 and 5),
    sort_order    int         not null default 0,
    active        boolean     not null default true,
    added_by      text        not null default 'system'
);

insert into service_catalogue (code, group_code, name_zh, name_en, result_codes, health_action, sort_order) values
    ('A01', 'A', '宣传教育活动', 'Publicity session', '', null, 10),
    ('A02', 'A', '宣传品发放', 'Publicity materials', '', null, 20),
    ('A03', 'A', '政策知晓调查', 'Policy-awareness survey', 'AWARE,UNAWARE', null, 30),
    ('B01', 'B', '免费避孕药具', 'Free contraceptives', '100,200,400,500,600', null, 110),
    ('B02', 'B', '孕情环情检查', 'Pregnancy and IUD check', 'NORMAL,ABNORMAL,PREGNANT', null, 120),
    ('B03', 'B', '计划生育手术', 'Family-planning operation', 'NORMAL,ABNORMAL', null, 130),
    ('C01', 'C', '孕前优生健康咨询', 'Pre-pregnancy eugenic consultation', '', 2, 210),
    ('C02', 'C', '免费孕前优生健康检查', 'Free pre-pregnancy eugenic check', 'NORMAL,ABNORMAL', 2, 220),
    ('C03', 'C', '0–3岁儿童早期教育', 'Early education for children 0–3', '', 3, 230),
    ('C04', 'C', '住院分娩实名登记', 'Hospital birth registration', '', null, 240),
    ('D01', 'D', '宫颈癌筛查', 'Cervical cancer screening', 'NORMAL,ABNORMAL', 5, 310),
    ('D02', 'D', '乳腺癌筛查', 'Breast cancer screening', 'NORMAL,ABNORMAL', 5, 320),
    ('D03', 'D', '随访服务', 'Follow-up visit', 'NORMAL,ABNORMAL', 5, 330),
    ('D04', 'D', '流动人口子女学校学生体检', 'Pupil health check at a migrant school', 'NORMAL,ABNORMAL', 4, 340),
    ('D05', 'D', '生殖健康咨询', 'Reproductive health counselling', '', null, 350),
    ('E01', 'E', '长效节育措施奖励', 'Reward for long-acting contraception', '', null, 410),
    ('E02', 'E', '婚育假期待遇', 'Marriage and maternity leave benefits', '', null, 420);

-- One service given to one person. The person's org path at the time of service is kept on the row, so
-- counts by street stay true after the person moves. Corrections update the row and keep the previous
-- values in service_record_history.
create table service_record (
    id             bigint generated always as identity primary key,
    person_id      bigint      not null,
    service_code   varchar(8)  not null references service_catalogue (code),
    provided_on    date        not null,
    provider       text        not null,
    free           boolean     not null,
    in_place       boolean     not null,
    result         text,
    child_order    int         check (child_order between 1 and 20),
    follow_up_due  date,
    notes          text,
    org_path       text        not null,
    override_note  text,
    source         text        not null default 'MANUAL' check (source in ('MANUAL', 'ACTIVITY', 'IMPORT', 'DEMO')),
    recorded_by    text        not null,
    recorded_at    timestamptz not null,
    version        int         not null default 0
);
create index service_record_person_idx on service_record (person_id, provided_on);
create index service_record_org_path_idx on service_record (org_path text_pattern_ops, provided_on);
create index service_record_code_idx on service_record (service_code, provided_on);

create table service_record_history (
    id         bigint generated always as identity primary key,
    record_id  bigint      not null references service_record (id),
    version    int         not null,
    before     jsonb       not null,
    reason     text        not null,
    actor      text        not null,
    at         timestamptz not null
);
create index service_record_history_record_idx on service_record_history (record_id, id);

-- A worker visited a person due for a service in a month but could not give it, and says why.
create table service_visit (
    id           bigint generated always as identity primary key,
    person_id    bigint      not null,
    service_code varchar(8)  not null references service_catalogue (code),
    month        date        not null,
    visited_on   date        not null,
    reason       text        not null,
    org_path     text        not null,
    actor        text        not null,
    at           timestamptz not null
);
create index service_visit_month_idx on service_visit (month, org_path text_pattern_ops);
