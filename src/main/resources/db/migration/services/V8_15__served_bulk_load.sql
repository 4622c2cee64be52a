-- The bulk-load path of many service records at once (services.ServedBulkLoad), as the demo district's 661,456:
-- instead of six growing indexes, a foreign key checked row by row and the served counts' trigger upserting 1.56
-- million served_person rows in 50,000-record statements (34 s), the records go into service_record without its
-- secondary indexes, its foreign keys and the trigger; the counts are computed once from all records (served_rebuild,
-- its primary key built after the rows), and the indexes and keys are built again, checking all rows: about 13 s. Only an owner may drop an index or switch a trigger off, and
-- the application is not one: these functions run as the owner and do exactly that, for these tables only. The
-- dropped definitions wait in a table the application can neither read nor write, and a check at commit refuses a
-- transaction that began the path without ending it. A failure or a kill before the commit rolls everything back:
-- the indexes, the trigger and the counts are as before either way.
create table served_bulk_load_state (name text primary key, definition text not null);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'liudong_app') then
        execute 'revoke all on served_bulk_load_state from liudong_app';
    end if;
end
$$;

create function served_bulk_load_begin() returns integer
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    dropped integer := 0;
    r record;
begin
    if exists (select 1 from served_bulk_load_state) then
        raise exception 'served bulk load: already begun in this transaction';
    end if;
    -- the caller has locked them (with a time limit); taken again here so that the path never runs unlocked
    lock table service_record, served_person, served_count in access exclusive mode;
    for r in
        select c.relname, pg_get_indexdef(i.indexrelid) as definition
        from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = 'service_record'::regclass
          and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
        order by c.relname
    loop
        insert into served_bulk_load_state (name, definition) values (r.relname, r.definition);
        execute format('drop index %I', r.relname);
        dropped := dropped + 1;
    end loop;
    -- the foreign keys checked row by row would take as long as the rows; built again, they check all rows at once
    for r in
        select k.conname, format('alter table service_record add constraint %I %s', k.conname,
                                 pg_get_constraintdef(k.oid)) as definition
        from pg_constraint k
        where k.conrelid = 'service_record'::regclass and k.contype = 'f'
        order by k.conname
    loop
        insert into served_bulk_load_state (name, definition) values ('constraint ' || r.conname, r.definition);
        execute format('alter table service_record drop constraint %I', r.conname);
    end loop;
    alter table service_record disable trigger served_ins;
    insert into served_bulk_load_state (name, definition) values ('trigger served_ins', '');
    return dropped;
end
$$;

create function served_bulk_load_end() returns bigint
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    written bigint;
    r record;
begin
    if not exists (select 1 from served_bulk_load_state where name = 'trigger served_ins') then
        raise exception 'served bulk load: not begun in this transaction';
    end if;
    -- the counts from every record, as the trigger would have left them; the key is built after the rows
    alter table served_person drop constraint served_person_pkey;
    written := served_rebuild();
    alter table served_person add constraint served_person_pkey primary key (tag, year, path, person_id);
    for r in delete from served_bulk_load_state where name <> 'trigger served_ins' returning definition loop
        execute r.definition;
    end loop;
    alter table service_record enable trigger served_ins;
    delete from served_bulk_load_state;
    return written;
end
$$;

create function served_bulk_load_ended_before_commit() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if exists (select 1 from served_bulk_load_state) then
        raise exception 'served bulk load: begun and not ended; nothing is committed';
    end if;
    return null;
end
$$;

create constraint trigger served_bulk_load_ended after insert on served_bulk_load_state
    deferrable initially deferred for each row execute function served_bulk_load_ended_before_commit();
