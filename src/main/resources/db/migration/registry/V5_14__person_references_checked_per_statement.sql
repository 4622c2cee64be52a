-- The residence episodes, the children and the history rows must belong to a person. The foreign keys checked that row by row:
-- one lookup and one key-share lock of the person per inserted row, 2.3 s of a 212,000-row import's 12 s of
-- database work (auto_explain). The same rule is now checked once per statement, by a join of the inserted rows
-- with the persons, and the other side of the keys (a person with episodes or history may not go) becomes a rule
-- of its own: persons are never deleted. A record leaves the ledger by moving out or by being merged into
-- another, and its history stays. With no delete there is nothing for a lock to guard against.

alter table residence_episode drop constraint residence_episode_person_id_fkey;
alter table person_child drop constraint person_child_person_id_fkey;
alter table person_history drop constraint person_history_person_id_fkey;

create function person_reference_checked() returns trigger language plpgsql as $$
declare
    missing bigint;
begin
    select n.person_id into missing
    from new_rows n
    where not exists (select 1 from person p where p.id = n.person_id)
    limit 1;
    if found then
        raise exception 'insert or update on table "%" refers to person %, which does not exist', tg_table_name, missing
            using errcode = 'foreign_key_violation', table = tg_table_name, column = 'person_id';
    end if;
    return null;
end
$$;

create trigger residence_episode_person_ins after insert on residence_episode
    referencing new table as new_rows for each statement execute function person_reference_checked();
create trigger residence_episode_person_upd after update on residence_episode
    referencing new table as new_rows for each statement execute function person_reference_checked();
create trigger person_child_person_ins after insert on person_child
    referencing new table as new_rows for each statement execute function person_reference_checked();
create trigger person_child_person_upd after update on person_child
    referencing new table as new_rows for each statement execute function person_reference_checked();
create trigger person_history_person_ins after insert on person_history
    referencing new table as new_rows for each statement execute function person_reference_checked();
create trigger person_history_person_upd after update on person_history
    referencing new table as new_rows for each statement execute function person_reference_checked();

create function person_delete_refused() returns trigger language plpgsql as $$
begin
    raise exception 'persons are never deleted: a record leaves the ledger by moving out or by a merge'
        using errcode = 'restrict_violation', table = 'person';
end
$$;

create trigger person_never_deleted before delete on person
    for each statement execute function person_delete_refused();
create trigger person_never_truncated before truncate on person
    for each statement execute function person_delete_refused();
