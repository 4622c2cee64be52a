-- Two-way assessment (双向考核) and regional cooperation agreements (区域协作).

-- A cooperation agreement between regions: its members are counties (6 digits) or provinces (2 digits).
create table cooperation_agreement (
    id         bigserial primary key,
    name       text        not null unique check (length(name) between 1 and 100),
    created_by text        not null,
    created_at timestamptz not null default now()
);

create table cooperation_member (
    agreement_id bigint not null references cooperation_agreement (id) on delete cascade,
    code         text   not null check (code ~ '^([0-9]{2}|[0-9]{6})$'),
    primary key (agreement_id, code)
);

-- The message types an agreement covers; its scorecards and league tables count only these.
create table cooperation_type (
    agreement_id bigint not null references cooperation_agreement (id) on delete cascade,
    type         text   not null,
    primary key (agreement_id, type)
);

-- A stricter answer deadline for one covered type between members: days, counted as working days or not.
create table cooperation_deadline (
    agreement_id bigint  not null references cooperation_agreement (id) on delete cascade,
    type         text    not null,
    days         int     not null check (days between 1 and 60),
    working_days boolean not null,
    primary key (agreement_id, type),
    foreign key (agreement_id, type) references cooperation_type (agreement_id, type) on delete cascade
);

-- Which scorecard went to which partner for which period; the key makes the periodic sending happen once
-- even when several instances of the application run the schedule at the same time.
create table assessment_scorecard_sent (
    county     text        not null,
    partner    text        not null,
    period     text        not null,
    message_id uuid        not null,
    sent_at    timestamptz not null default now(),
    primary key (county, partner, period)
);

-- The assessment's rates are indicators like any other, so their targets are set and inherited the same
-- way (PRODUCT §3.6); defaults from PRODUCT §5.4. The certificate check rate uses CERT_CHECKED_30D's target.
insert into indicator_definition (code, name_zh, name_en, description_zh, numerator_measure, denominator_measure,
                                  filters, period_type, unit, default_target, dhis2_code, sort_order) values
('EXCH_NOTIFIED_15WD', '流入通报及时率', 'Inflow notices sent on time',
 '本期登记的流动育龄人员中，15个工作日内向户籍地发出流入通报的比例', 'EXCH_NOTICES_ON_TIME', 'EXCH_NOTICES',
 '{}', 'MONTH', 'PERCENT', null, 'LD_EXCH_NOTIFIED_15WD', 200),
('EXCH_ANSWERED', '协查反馈率', 'Requests answered',
 '本期到期的协查、核验、查询请求中已反馈的比例', 'EXCH_REQUESTS_ANSWERED', 'EXCH_REQUESTS_DUE',
 '{}', 'MONTH', 'PERCENT', 95, 'LD_EXCH_ANSWERED', 210),
('EXCH_ANSWERED_ON_TIME', '按时反馈率', 'Requests answered on time',
 '本期到期的协查、核验、查询请求中在期限内反馈的比例', 'EXCH_REQUESTS_ON_TIME', 'EXCH_REQUESTS_DUE',
 '{}', 'MONTH', 'PERCENT', null, 'LD_EXCH_ANSWERED_ON_TIME', 220),
('EXCH_ACCURACY', '反馈准确率', 'Answer accuracy',
 '本期发出的反馈中未被更正、未被提出异议的比例', 'EXCH_ANSWERS_ACCURATE', 'EXCH_ANSWERS',
 '{}', 'MONTH', 'PERCENT', null, 'LD_EXCH_ACCURACY', 230);
