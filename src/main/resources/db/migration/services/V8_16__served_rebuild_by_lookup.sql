-- The recount of the served counts (served_rebuild, V8_11), which the bulk-load path runs over every record (the
-- demo's 661,456), called served_tags and served_path twice for every record: a regular expression per record and
-- depth although a district's records carry a few hundred org paths, and the tags of a record depend only on its
-- code, whether it was free and in place, and its result. Now the cuts of each distinct path and the tags of each
-- distinct combination are computed once and looked up by a hash join; the rows grouped and written are the same
-- (ServedBulkLoadTests compares them with the trigger's). Right after a bulk load the table has no statistics, and
-- the planner, guessing a few thousand groups, sorted two million joined rows to group them, or ran the tags'
-- unnest once per joined row: the recount keeps to hash joins and one hash aggregate (on the demo's records 3.8 s
-- instead of 9.9 s).
create or replace function served_rebuild() returns bigint language plpgsql
    set enable_sort = off set enable_mergejoin = off as $$
declare
    written bigint;
begin
    truncate served_person, served_count;
    insert into served_person (tag, year, path, person_id, records)
    with tagged as materialized (
        select k.service_code, k.free, k.in_place, k.result, t.tag
        from (select distinct service_code, free, in_place, coalesce(result, '') as result from service_record) k
        cross join lateral unnest(served_tags(k.service_code, k.free, k.in_place, nullif(k.result, ''))) as t(tag)),
    cut as materialized (
        select p.org_path, c.path
        from (select distinct org_path from service_record) p
        cross join lateral (values (served_path(p.org_path, 2)), (served_path(p.org_path, 3))) as c(path)
        where c.path is not null)
    select t.tag, extract(year from r.provided_on)::int, c.path, r.person_id, count(*)
    from service_record r
    join tagged t on t.service_code = r.service_code and t.free = r.free and t.in_place = r.in_place
                 and t.result = coalesce(r.result, '')
    join cut c on c.org_path = r.org_path
    group by 1, 2, 3, 4;
    get diagnostics written = row_count;
    insert into served_count (tag, year, path, n)
    select tag, year, path, count(*) from served_person group by 1, 2, 3;
    return written;
end
$$;

-- service_record_org_path_idx (org_path, provided_on) has the same keys as service_record_counts_idx (V8_10), which
-- only adds columns: every query that could read the first reads the second, and each record paid for both (the
-- demo's bulk load built it again in 1.2–1.5 s)
drop index if exists service_record_org_path_idx;

-- served_person is read only by its key, whole (the served counts' triggers); its key led by the tag, which has six
-- values, and two text columns sorted by the database's collation took 6.7 s to build after the demo's bulk load,
-- led by the person 2.0 s. The key's columns, and so every lookup and conflict it serves, are the same.
alter table served_person drop constraint served_person_pkey;
alter table served_person add constraint served_person_pkey primary key (person_id, year, tag, path);

-- The bulk load's end built the key again with V8_11's columns, which would have undone the order above: it now builds
-- the key again as it stands, whatever its columns.
create or replace function served_bulk_load_end() returns bigint
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    written bigint;
    key text;
    r record;
begin
    if not exists (select 1 from served_bulk_load_state where name = 'trigger served_ins') then
        raise exception 'served bulk load: not begun in this transaction';
    end if;
    -- the counts from every record, as the trigger would have left them; the key is built after the rows
    select pg_get_constraintdef(k.oid) into strict key
    from pg_constraint k where k.conrelid = 'served_person'::regclass and k.conname = 'served_person_pkey';
    alter table served_person drop constraint served_person_pkey;
    written := served_rebuild();
    execute 'alter table served_person add constraint served_person_pkey ' || key;
    for r in delete from served_bulk_load_state where name <> 'trigger served_ins' returning definition loop
        execute r.definition;
    end loop;
    alter table service_record enable trigger served_ins;
    delete from served_bulk_load_state;
    return written;
end
$$;
