-- The application connects as liudong_app, which owns nothing: it reads and writes the modules' tables but
-- may only SELECT and INSERT audit rows. Not being the owner, it can neither disable the append-only
-- triggers nor grant itself more. The role itself is created before migrations run (DatabaseConfiguration,
-- or by the DBA for an external server); without it this migration grants nothing.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'liudong_app') then
        execute 'grant usage on schema public to liudong_app';
        execute 'grant select, insert, update, delete, truncate on all tables in schema public to liudong_app';
        execute 'grant usage, select on all sequences in schema public to liudong_app';
        -- tables and sequences that later migrations create get the same privileges
        execute 'alter default privileges in schema public '
                || 'grant select, insert, update, delete, truncate on tables to liudong_app';
        execute 'alter default privileges in schema public grant usage, select on sequences to liudong_app';
        execute 'revoke update, delete, truncate, references, trigger on audit_event from liudong_app';
        execute 'revoke all on flyway_schema_history from liudong_app';
        execute 'grant select on flyway_schema_history to liudong_app';
    end if;
end
$$;
