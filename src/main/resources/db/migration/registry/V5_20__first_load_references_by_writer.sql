-- A district's first load (registry.FirstLoad) numbers its persons itself and writes each one's residence episode
-- and children under the same number; their history rows follow for the same range of numbers. The check of V5_14,
-- one join of a statement's rows with the persons, then proves what the writer made sure of: for 263,000 history
-- rows it took 0.6 s of one database core (the join and the transition table it needs), while the application,
-- done reading, waits.
--
-- first_load_by_writer(rollup) turns off the person-reference checks on inserted residence episodes, children and
-- history rows, and with rollup also the rollup's insert trigger on the counting facts (what V5_19's pair did
-- alone), only inside a bulk load whose indexes are dropped in this transaction (its tables are locked then, so
-- nobody else writes to them). first_load_written(first, last) turns them on again once the persons first..last
-- are all in the person table, each with one residence episode: the rows written meanwhile refer to those numbers. V5_19's state table and its check
-- at commit stay: a transaction that turned the triggers off and not on again does not commit.
drop function first_load_rollup_by_writer();
drop function first_load_rollup_written();

create function first_load_by_writer(rollup boolean) returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if not exists (select 1 from bulk_load_index) then
        raise exception 'first load: no bulk load has dropped the ledger''s indexes in this transaction';
    end if;
    if exists (select 1 from first_load_rollup_state) then
        raise exception 'first load: the checks are already the writer''s';
    end if;
    insert into first_load_rollup_state (name) values
        ('trigger residence_episode_person_ins'), ('trigger person_child_person_ins'),
        ('trigger person_history_person_ins');
    alter table residence_episode disable trigger residence_episode_person_ins;
    alter table person_child disable trigger person_child_person_ins;
    alter table person_history disable trigger person_history_person_ins;
    if rollup then
        insert into first_load_rollup_state (name) values ('trigger ledger_rollup_ins');
        alter table residence_fact disable trigger ledger_rollup_ins;
    end if;
end
$$;

create function first_load_written(first bigint, last bigint) returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    persons bigint;
    episodes bigint;
begin
    if not exists (select 1 from first_load_rollup_state) then
        raise exception 'first load: the checks are not the writer''s in this transaction';
    end if;
    select count(*) into persons from person where id between first and last;
    if persons <> last - first + 1 then
        raise exception 'first load: % persons numbered % to %, % in the ledger', last - first + 1, first, last, persons
            using errcode = 'foreign_key_violation';
    end if;
    -- each of them came with one residence episode under the same number
    select count(*) into episodes from residence_episode where person_id between first and last;
    if episodes <> persons then
        raise exception 'first load: % persons numbered % to %, % residence episodes of them', persons, first, last,
            episodes using errcode = 'foreign_key_violation';
    end if;
    alter table residence_episode enable trigger residence_episode_person_ins;
    alter table person_child enable trigger person_child_person_ins;
    alter table person_history enable trigger person_history_person_ins;
    if exists (select 1 from first_load_rollup_state where name = 'trigger ledger_rollup_ins') then
        alter table residence_fact enable trigger ledger_rollup_ins;
    end if;
    delete from first_load_rollup_state;
end
$$;

create or replace function first_load_rollup_ended_before_commit() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if exists (select 1 from first_load_rollup_state) then
        raise exception 'first load: triggers were turned off and not on again; nothing is committed';
    end if;
    return null;
end
$$;
