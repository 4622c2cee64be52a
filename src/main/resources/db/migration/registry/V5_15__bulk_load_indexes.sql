-- The bulk-load path of a large import (registry.BulkLoad) drops the secondary indexes of the tables a new person's
-- rows go to and builds them again, sorted, before its transaction commits. Only an owner may drop an index, and
-- the application is not one: these functions run as the owner and do exactly that, for these five tables only.
-- The definitions wait in a table the application can neither read nor write, so it cannot have anything else
-- built, and a check at commit refuses a transaction that dropped them without building them again.
create table bulk_load_index (name text primary key, definition text not null);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'liudong_app') then
        execute 'revoke all on bulk_load_index from liudong_app';
    end if;
end
$$;

create function bulk_load_drop_indexes() returns integer
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
        order by c.relname
    loop
        insert into bulk_load_index (name, definition) values (r.relname, r.definition);
        execute format('drop index %I', r.relname);
        dropped := dropped + 1;
    end loop;
    return dropped;
end
$$;

create function bulk_load_rebuild_indexes() returns integer
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    built integer := 0;
    r record;
begin
    for r in delete from bulk_load_index returning definition loop
        execute r.definition;
        built := built + 1;
    end loop;
    return built;
end
$$;

create function bulk_load_rebuilt_before_commit() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if exists (select 1 from bulk_load_index) then
        raise exception 'bulk load: the ledger''s indexes were dropped and not built again; nothing is committed';
    end if;
    return null;
end
$$;

create constraint trigger bulk_load_index_rebuilt after insert on bulk_load_index
    deferrable initially deferred for each row execute function bulk_load_rebuilt_before_commit();
