-- Aggregate data (汇总数据), as DHIS2 data sets hold it: figures that do not come from the ledger, such as
-- the resident population or other districts' floating population, by data element, org unit and period.
create table data_element (
    code       text primary key,
    name_zh    text not null,
    name_en    text not null,
    dhis2_code text not null unique
);
create table aggregate_value (
    data_element text          not null references data_element (code),
    org_code     varchar(12)   not null,
    period       text          not null,
    value        numeric(14, 2) not null,
    updated_by   text          not null,
    updated_at   timestamptz   not null,
    primary key (data_element, org_code, period)
);
create index aggregate_value_period_idx on aggregate_value (period, data_element);

insert into data_element (code, name_zh, name_en, dhis2_code) values
('RESIDENT_POP', '常住人口', 'Resident population', 'LD_RESIDENT_POP'),
('FLOATING_POP', '流动人口', 'Floating population', 'LD_FLOATING_POP'),
('REGISTERED_POP', '户籍人口', 'Registered population', 'LD_REGISTERED_POP');
