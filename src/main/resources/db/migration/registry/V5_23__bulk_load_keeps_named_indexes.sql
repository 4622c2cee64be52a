-- The bulk-load path (registry.BulkLoad) may keep some secondary indexes instead of dropping them: partial ones
-- that only some of a load's rows enter, such as the index of facts at a service site. Building such an index again
-- scans the whole table; keeping it costs only the entries of those rows. Named by the caller; a name that is no
-- index of the five tables keeps nothing. Called without names it drops every secondary index, as before.
drop function bulk_load_drop_indexes();

create function bulk_load_drop_indexes(kept text[] default '{}') returns integer
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    dropped integer := 0;
    r record;
begin
    if exists (select 1 from bulk_load_index) then
        raise exception 'bulk load: the indexes are already dropped in this transaction';
    end if;
    for r in
        select c.relname, pg_get_indexdef(i.indexrelid) as definition
        from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid in ('person'::regclass, 'residence_episode'::regclass, 'residence_fact'::regclass,
                             'person_history'::regclass, 'person_child'::regclass)
          and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
          and c.relname <> all (coalesce(kept, '{}'))
        order by c.relname
    loop
        insert into bulk_load_index (name, definition) values (r.relname, r.definition);
        execute format('drop index %I', r.relname);
        dropped := dropped + 1;
    end loop;
    return dropped;
end
$$;
