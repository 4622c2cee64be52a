-- A district's first load (registry.FirstLoad) writes its residence episodes by one COPY after the last row; their
-- counting facts follow by trigger, and the rollup's trigger on those facts then grouped every one of them into the
-- rollup's deltas: 2.1 s of one database core for the demo district's 263,000 episodes, while the application, done
-- reading, waits. The writer had each row in hand as it wrote it, so it now counts the same deltas itself
-- (registry.RollupTally, held to ledger_rollup_insert_sql by its tests) and appends them by COPY.
--
-- first_load_rollup_by_writer() turns the rollup's insert trigger on residence_fact off for the rest of the
-- transaction, and only inside a bulk load whose indexes are dropped in this transaction (its tables are locked
-- then, so nobody else writes facts); first_load_rollup_written() turns it on again. As with the bulk load's
-- indexes, a check at commit refuses a transaction that turned it off and not on again. The application may call
-- both functions but not alter the table itself, nor touch the state table.
create table first_load_rollup_state (name text primary key);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'liudong_app') then
        execute 'revoke all on first_load_rollup_state from liudong_app';
    end if;
end
$$;

create function first_load_rollup_by_writer() returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if not exists (select 1 from bulk_load_index) then
        raise exception 'first load: no bulk load has dropped the ledger''s indexes in this transaction';
    end if;
    if exists (select 1 from first_load_rollup_state) then
        raise exception 'first load: the rollup is already the writer''s';
    end if;
    insert into first_load_rollup_state (name) values ('trigger ledger_rollup_ins');
    alter table residence_fact disable trigger ledger_rollup_ins;
end
$$;

create function first_load_rollup_written() returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if not exists (select 1 from first_load_rollup_state) then
        raise exception 'first load: the rollup is not the writer''s in this transaction';
    end if;
    alter table residence_fact enable trigger ledger_rollup_ins;
    delete from first_load_rollup_state;
end
$$;

create function first_load_rollup_ended_before_commit() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if exists (select 1 from first_load_rollup_state) then
        raise exception 'first load: the rollup''s trigger was turned off and not on again; nothing is committed';
    end if;
    return null;
end
$$;

create constraint trigger first_load_rollup_ended after insert on first_load_rollup_state
    deferrable initially deferred for each row execute function first_load_rollup_ended_before_commit();
