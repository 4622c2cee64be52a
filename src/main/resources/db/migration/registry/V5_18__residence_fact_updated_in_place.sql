-- An update of residence episodes deleted their counting facts and inserted them again (V5_7), and the rollup's
-- triggers then appended a removal and an arrival for every one of them, even when only the episode's site had
-- changed, which no rollup key reads. The demo placing 53,000 residents at their sites spent 11 s there, most
-- of it computing and appending deltas that cancel out.
--
-- Now a fact whose episode keeps its key (person, seq) is updated in place, and only when one of the episode's
-- columns changed; facts of keys that went away are deleted and facts of new keys inserted, as before. The person's
-- attributes are the same for the same key, so they are not read again.
create or replace function residence_fact_episodes_updated() returns trigger language plpgsql as $$
begin
    delete from residence_fact f
    using old_rows o
    where f.person_id = o.person_id and f.seq = o.seq
      and not exists (select 1 from new_rows n where n.person_id = o.person_id and n.seq = o.seq);
    update residence_fact f
    set org_path = n.org_path, moved_in = n.moved_in, moved_out = n.moved_out, site_id = n.site_id
    from new_rows n
    where f.person_id = n.person_id and f.seq = n.seq
      and (f.org_path, f.moved_in, f.moved_out, f.site_id)
          is distinct from (n.org_path, n.moved_in, n.moved_out, n.site_id);
    insert into residence_fact
    select n.person_id, n.seq, n.org_path, n.moved_in, n.moved_out, p.status = 'MERGED', p.category, p.sex,
           p.marital_status, p.birth_date, p.cert_checked_on, p.education, p.household_code, p.occupation,
           n.site_id, p.updated_at, p.last_verified_on
    from new_rows n join person p on p.id = n.person_id
    where not exists (select 1 from residence_fact f where f.person_id = n.person_id and f.seq = n.seq);
    return null;
end
$$;

-- An update of facts appends deltas only for the facts whose rollup keys changed: a fact's site, its record's
-- dates of change and verification and its certificate check are in no rollup, and an update that changed only
-- them now costs no grouping at all. The deltas written are the same as before, since those of an unchanged
-- fact cancel out and were never appended. The changed facts are found by outer joins of the two transition
-- tables on the key, which PostgreSQL runs as hash or merge joins whatever their size; a subquery under an "or"
-- would run once per row when its hash table did not fit in memory (quadratic: 263,000 facts took minutes).
create or replace function ledger_rollup_update_source() returns text language sql immutable as $fn$
    select $src$
            select r.*, 1 as sign
            from new_rows r left join old_rows o on o.person_id = r.person_id and o.seq = r.seq
            where o.person_id is null
               or (r.org_path, r.moved_in, r.moved_out, r.merged, r.category, r.sex, r.marital_status, r.birth_date,
                   r.education, r.household_code, r.occupation)
                  is distinct from
                  (o.org_path, o.moved_in, o.moved_out, o.merged, o.category, o.sex, o.marital_status, o.birth_date,
                   o.education, o.household_code, o.occupation)
            union all
            select r.*, -1 as sign
            from old_rows r left join new_rows n on n.person_id = r.person_id and n.seq = r.seq
            where n.person_id is null
               or (r.org_path, r.moved_in, r.moved_out, r.merged, r.category, r.sex, r.marital_status, r.birth_date,
                   r.education, r.household_code, r.occupation)
                  is distinct from
                  (n.org_path, n.moved_in, n.moved_out, n.merged, n.category, n.sex, n.marital_status, n.birth_date,
                   n.education, n.household_code, n.occupation)$src$
$fn$;

create or replace function ledger_rollup_facts_changed() returns trigger language plpgsql as $$
begin
    -- transition tables are visible to dynamic SQL run from the trigger function
    if tg_op = 'INSERT' then
        execute ledger_rollup_insert_sql('select r.*, 1 as sign from new_rows r');
    elsif tg_op = 'DELETE' then
        execute ledger_rollup_insert_sql('select r.*, -1 as sign from old_rows r');
    else
        execute ledger_rollup_insert_sql(ledger_rollup_update_source());
    end if;
    return null;
end
$$;
