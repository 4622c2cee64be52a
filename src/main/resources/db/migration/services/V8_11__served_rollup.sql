-- Pre-aggregated counts of the persons served (服务人数汇总) for the indicators at city scale. A count of
-- distinct persons served in a year cannot be added up from the streets (one person may be served in two),
-- so the distinct sets themselves are kept per unit: served_person holds each person served in a year under a
-- district or street (the record's org path cut at depth 2 and 3), with the number of qualifying records, and
-- served_count holds +1/-1 deltas each time such a set gains or loses a person. Both are kept exact by
-- statement-level triggers on service_record in the same transaction as the change; served_count is
-- append-only, so writers for different persons never wait on each other.
--
-- The tags are the indicators' service measures (ServiceMeasures):
--   SERVED_FREE           basic services B01 B02 B03 C01 C02, free and in the place of residence
--   FREE_PREGNANCY_CHECK  B02 free, in place
--   FREE_CONTRACEPTIVES   B01 free, in place
--   PREPREGNANCY_CHECK    C02 free, in place
--   POLICY_SURVEYED       A03 (the policy-awareness survey), any
--   POLICY_AWARE          A03 with the result AWARE
create function served_tags(service_code text, free boolean, in_place boolean, result text) returns text[]
    language sql immutable as $$
    select array_remove(array[
        case when free and in_place and service_code in ('B01', 'B02', 'B03', 'C01', 'C02') then 'SERVED_FREE' end,
        case when free and in_place and service_code = 'B02' then 'FREE_PREGNANCY_CHECK' end,
        case when free and in_place and service_code = 'B01' then 'FREE_CONTRACEPTIVES' end,
        case when free and in_place and service_code = 'C02' then 'PREPREGNANCY_CHECK' end,
        case when service_code = 'A03' then 'POLICY_SURVEYED' end,
        case when service_code = 'A03' and result = 'AWARE' then 'POLICY_AWARE' end], null)
$$;

-- the path cut at a depth, or null when the path is shallower (/city/district/ is depth 2)
create function served_path(p text, depth int) returns text language sql immutable as $$
    select substring(p from '^(?:/[^/]+){' || depth || '}/')
$$;

create table served_person (
    tag       text    not null,
    year      int     not null,
    path      text    not null,
    person_id bigint  not null,
    records   int     not null,
    primary key (tag, year, path, person_id)
);

create table served_count (
    tag  text    not null,
    year int     not null,
    path text    not null,
    n    integer not null
);

create index served_count_idx on served_count (tag, year, path) include (n);

-- the statements that follow a set of service records, given as a query over service_record's columns:
-- 'add' adds them (a set gaining its first record counts +1), 'take' takes their records off, 'drop' then
-- removes the persons left without a record (counting -1). One text for the triggers, which run it over their
-- transition tables (visible to dynamic SQL run from the trigger function itself).
create function served_sql(part text, source text) returns text language sql immutable as $fn$
    select replace(case part
        when 'add' then $sql$
            with x as (%GROUPED%),
            added as (
                insert into served_person as s (tag, year, path, person_id, records)
                select tag, year, path, person_id, records from x
                on conflict (tag, year, path, person_id) do update set records = s.records + excluded.records
                returning s.tag, s.year, s.path, s.xmax = 0 as fresh)
            insert into served_count (tag, year, path, n)
            select tag, year, path, count(*) from added where fresh group by 1, 2, 3$sql$
        when 'take' then $sql$
            update served_person s set records = s.records - g.records
            from (%GROUPED%) g
            where s.tag = g.tag and s.year = g.year and s.path = g.path and s.person_id = g.person_id$sql$
        when 'drop' then $sql$
            with gone as (
                delete from served_person s using (%GROUPED%) g
                where s.tag = g.tag and s.year = g.year and s.path = g.path and s.person_id = g.person_id
                  and s.records <= 0
                returning s.tag, s.year, s.path)
            insert into served_count (tag, year, path, n)
            select tag, year, path, -count(*) from gone group by 1, 2, 3$sql$
        end, '%GROUPED%', $sql$
            select t.tag, extract(year from r.provided_on)::int as year, c.path, r.person_id, count(*) as records
            from ($sql$ || source || $sql$) r
            cross join lateral unnest(served_tags(r.service_code, r.free, r.in_place, r.result)) as t(tag)
            cross join lateral (values (served_path(r.org_path, 2)), (served_path(r.org_path, 3))) as c(path)
            where c.path is not null
            group by 1, 2, 3, 4$sql$)
$fn$;

create function served_rebuild() returns bigint language plpgsql as $$
declare
    written bigint;
begin
    truncate served_person, served_count;
    insert into served_person (tag, year, path, person_id, records)
    select t.tag, extract(year from r.provided_on)::int, c.path, r.person_id, count(*)
    from service_record r
    cross join lateral unnest(served_tags(r.service_code, r.free, r.in_place, r.result)) as t(tag)
    cross join lateral (values (served_path(r.org_path, 2)), (served_path(r.org_path, 3))) as c(path)
    where c.path is not null
    group by 1, 2, 3, 4;
    get diagnostics written = row_count;
    insert into served_count (tag, year, path, n)
    select tag, year, path, count(*) from served_person group by 1, 2, 3;
    return written;
end
$$;

-- folds served_count's deltas to one row per key (nightly, by the application)
create function served_count_compact() returns bigint language plpgsql as $$
declare
    written bigint;
begin
    with gone as (delete from served_count returning *)
    insert into served_count (tag, year, path, n)
    select tag, year, path, sum(n)::integer from gone group by 1, 2, 3 having sum(n) <> 0;
    get diagnostics written = row_count;
    return written;
end
$$;

select served_rebuild();

create function served_records_changed() returns trigger language plpgsql as $$
begin
    if tg_op in ('DELETE', 'UPDATE') then
        execute served_sql('take', 'select * from old_rows');
        execute served_sql('drop', 'select * from old_rows');
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        execute served_sql('add', 'select * from new_rows');
    end if;
    return null;
end
$$;

create function served_records_truncated() returns trigger language plpgsql as $$
begin
    truncate served_person, served_count;
    return null;
end
$$;

create trigger served_ins after insert on service_record
    referencing new table as new_rows for each statement execute function served_records_changed();
create trigger served_upd after update on service_record
    referencing old table as old_rows new table as new_rows
    for each statement execute function served_records_changed();
create trigger served_del after delete on service_record
    referencing old table as old_rows for each statement execute function served_records_changed();
create trigger served_trunc after truncate on service_record
    for each statement execute function served_records_truncated();
