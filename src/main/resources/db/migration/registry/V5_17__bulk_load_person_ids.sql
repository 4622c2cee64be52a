-- A district's first load (registry.LedgerImport) numbers its new persons itself, from a value it takes from the
-- person table's identity, so that their residence episodes can be written beside them without a lookup. The
-- application may take the identity's next value but not set it: this function, run as the owner, moves the
-- identity on past the highest id in the table. It never moves it back, so it can give no id twice.
create function bulk_load_person_ids_taken() returns bigint
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    identity text := pg_get_serial_sequence('person', 'id');
    highest bigint;
begin
    select max(id) into highest from person;
    if highest is not null and highest > coalesce(pg_sequence_last_value(identity::regclass), 0) then
        perform setval(identity, highest);
    end if;
    return highest;
end
$$;
