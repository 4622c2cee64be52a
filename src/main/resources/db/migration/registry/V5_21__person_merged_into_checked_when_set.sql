-- A merged record (合并) names the record it was merged into. The foreign key that checked it queued a check for every
-- inserted person, though a new person never names one: for the 263,209 persons of the demo district's first load the
-- queue and its no-op checks took 0.55 s of the 2.6 s their binary COPY took (in psql, into a table like the person
-- table with and without the key, two runs each). The same rule is now a row trigger whose condition is evaluated as
-- the row is written, so nothing is queued for a person who names no other record. The key's other side (a record
-- named so may not go) is the rule of V5_14 already: persons are never deleted, and their ids are never updated.

alter table person drop constraint person_merged_into_fkey;

create function person_merged_into_checked() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from person p where p.id = new.merged_into) then
        raise exception 'insert or update on table "person" names person % in merged_into, which does not exist',
            new.merged_into
            using errcode = 'foreign_key_violation', table = 'person', column = 'merged_into';
    end if;
    return null;
end
$$;

create trigger person_merged_into_checked after insert or update of merged_into on person
    for each row when (new.merged_into is not null) execute function person_merged_into_checked();
