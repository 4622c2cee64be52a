-- A bulk load into a table that holds no service records yet (the demo district's 661,548) recounted the served
-- persons from every record after the last one (served_rebuild: 1.56 million groups, 7.7–12.7 s on one core) although
-- the writer had every record in hand. Such a writer may now count them itself and write the counts by COPY:
-- served_bulk_load_counted() is called right after served_bulk_load_begin() and before any record is written. It
-- refuses unless service_record is empty (so the records written next are all there is, and the writer's counts are
-- the whole counts), empties served_person and served_count (with no record they can only hold deltas that add up
-- to nothing) and drops served_person's key, keeping its definition with the others. served_bulk_load_end() then
-- leaves the counts as written and builds the key again from them: a person counted twice under one tag, year and
-- path fails the key, and the transaction commits nothing. Otherwise it recounts, as before.
-- (V8_17 was never released: it was withdrawn on the machine it was written on.)
create function served_bulk_load_counted() returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    key text;
begin
    if not exists (select 1 from served_bulk_load_state where name = 'trigger served_ins') then
        raise exception 'served bulk load: not begun in this transaction';
    end if;
    if exists (select 1 from served_bulk_load_state where name = 'constraint served_person_pkey') then
        raise exception 'served bulk load: the counts are already the writer''s';
    end if;
    if exists (select 1 from service_record) then
        raise exception 'served bulk load: service_record holds records; only a recount covers them';
    end if;
    truncate served_person, served_count;
    select pg_get_constraintdef(k.oid) into strict key
    from pg_constraint k where k.conrelid = 'served_person'::regclass and k.conname = 'served_person_pkey';
    insert into served_bulk_load_state (name, definition)
    values ('constraint served_person_pkey', 'alter table served_person add constraint served_person_pkey ' || key);
    alter table served_person drop constraint served_person_pkey;
end
$$;

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
    if exists (select 1 from served_bulk_load_state where name = 'constraint served_person_pkey') then
        -- the writer's counts; the key is built again below, with the indexes
        select count(*) into written from served_person;
    else
        -- the counts from every record, as the trigger would have left them; the key is built after the rows
        select pg_get_constraintdef(k.oid) into strict key
        from pg_constraint k where k.conrelid = 'served_person'::regclass and k.conname = 'served_person_pkey';
        alter table served_person drop constraint served_person_pkey;
        written := served_rebuild();
        execute 'alter table served_person add constraint served_person_pkey ' || key;
    end if;
    for r in delete from served_bulk_load_state where name <> 'trigger served_ins' returning definition loop
        execute r.definition;
    end loop;
    alter table service_record enable trigger served_ins;
    delete from served_bulk_load_state;
    return written;
end
$$;
