-- A residence episode's counting fact (V5_4) copies the episode and some of its person's fields; the episodes' insert
-- trigger makes the facts of a statement's episodes by joining them, from their transition table, with the persons.
-- In a district's first load (registry.FirstLoad) the writer has every one of those fields in hand as it writes the
-- person and the episode, so it writes the fact too, by binary COPY. Taken apart in psql on the demo district's
-- 263,209 episodes (into tables like theirs, two runs): the episodes' COPY with the trigger 2.43 / 2.58 s; without
-- it 0.89 / 0.78 s, and the facts' own COPY 0.81 / 0.73 s.
--
-- first_load_by_writer(rollup) now also turns off that trigger, and first_load_written(first, last) turns it on again
-- only when each of the persons first..last has its counting fact besides its episode. What else the two do is as in
-- V5_20.

create or replace function first_load_by_writer(rollup boolean) returns void
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
        ('trigger person_history_person_ins'), ('trigger residence_fact_ins');
    alter table residence_episode disable trigger residence_episode_person_ins;
    alter table residence_episode disable trigger residence_fact_ins;
    alter table person_child disable trigger person_child_person_ins;
    alter table person_history disable trigger person_history_person_ins;
    if rollup then
        insert into first_load_rollup_state (name) values ('trigger ledger_rollup_ins');
        alter table residence_fact disable trigger ledger_rollup_ins;
    end if;
end
$$;

create or replace function first_load_written(first bigint, last bigint) returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    persons bigint;
    episodes bigint;
    facts bigint;
begin
    if not exists (select 1 from first_load_rollup_state) then
        raise exception 'first load: the checks are not the writer''s in this transaction';
    end if;
    select count(*) into persons from person where id between first and last;
    if persons <> last - first + 1 then
        raise exception 'first load: % persons numbered % to %, % in the ledger', last - first + 1, first, last, persons
            using errcode = 'foreign_key_violation';
    end if;
    -- each of them came with one residence episode under the same number, and with that episode's counting fact
    select count(*) into episodes from residence_episode where person_id between first and last;
    if episodes <> persons then
        raise exception 'first load: % persons numbered % to %, % residence episodes of them', persons, first, last,
            episodes using errcode = 'foreign_key_violation';
    end if;
    select count(*) into facts from residence_fact where person_id between first and last;
    if facts <> episodes then
        raise exception 'first load: % residence episodes of the persons numbered % to %, % counting facts of them',
            episodes, first, last, facts using errcode = 'foreign_key_violation';
    end if;
    alter table residence_episode enable trigger residence_episode_person_ins;
    alter table residence_episode enable trigger residence_fact_ins;
    alter table person_child enable trigger person_child_person_ins;
    alter table person_history enable trigger person_history_person_ins;
    if exists (select 1 from first_load_rollup_state where name = 'trigger ledger_rollup_ins') then
        alter table residence_fact enable trigger ledger_rollup_ins;
    end if;
    delete from first_load_rollup_state;
end
$$;
