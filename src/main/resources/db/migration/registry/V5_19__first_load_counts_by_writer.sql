-- A district's first load (registry.FirstLoad) writes its residence episodes by one COPY after the last row. Their
-- counting facts followed by trigger (joining every episode to its person again), and the rollup's trigger on those
-- facts then grouped every one of them into the rollup's deltas: 1.1 s and 2.1 s of one database core for the demo
-- district's 263,000 episodes, while the application, done reading, waited. The writer had each row in hand as it
-- wrote it, so it now writes the counting facts itself (beside the episodes, as the usual way's trigger would: held
-- to it by FirstLoadTests) and counts the rollup's deltas (registry.RollupTally, held to ledger_rollup_insert_sql by
-- its tests), and appends both by COPY.
--
-- first_load_counts_by_writer() turns the two insert triggers off (the facts' on residence_episode, the rollup's on
-- residence_fact), and only inside a bulk load whose indexes are dropped in this transaction (its tables are locked
-- then, so nobody else writes episodes or facts); first_load_counts_written() turns them on again. As with the bulk
-- load's indexes, a check at commit refuses a transaction that turned them off and not on again. The application may
-- call both functions but neither alter the tables itself nor touch the state table.
create table first_load_counts_state (name text primary key);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'liudong_app') then
        execute 'revoke all on first_load_counts_state from liudong_app';
    end if;
end
$$;

create function first_load_counts_by_writer() returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if not exists (select 1 from bulk_load_index) then
        raise exception 'first load: no bulk load has dropped the ledger''s indexes in this transaction';
    end if;
    if exists (select 1 from first_load_counts_state) then
        raise exception 'first load: the counts are already the writer''s';
    end if;
    insert into first_load_counts_state (name) values ('trigger residence_fact_ins'), ('trigger ledger_rollup_ins');
    alter table residence_episode disable trigger residence_fact_ins;
    alter table residence_fact disable trigger ledger_rollup_ins;
end
$$;

create function first_load_counts_written() returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if not exists (select 1 from first_load_counts_state) then
        raise exception 'first load: the counts are not the writer''s in this transaction';
    end if;
    alter table residence_episode enable trigger residence_fact_ins;
    alter table residence_fact enable trigger ledger_rollup_ins;
    delete from first_load_counts_state;
end
$$;

create function first_load_counts_ended_before_commit() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if exists (select 1 from first_load_counts_state) then
        raise exception 'first load: the counting triggers were turned off and not on again; nothing is committed';
    end if;
    return null;
end
$$;

create constraint trigger first_load_counts_ended after insert on first_load_counts_state
    deferrable initially deferred for each row execute function first_load_counts_ended_before_commit();
