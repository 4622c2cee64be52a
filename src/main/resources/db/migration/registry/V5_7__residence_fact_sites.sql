-- The counting read model also carries what the sites' ledger counts read (SiteLedger): the episode's site and
-- when the person's record was last changed or verified, so that "persons at a site kept current" reads the
-- narrow facts instead of the wide person rows (a district's sites took over a second at city scale).
alter table residence_fact
    add column site_id bigint,
    add column updated_at timestamptz,
    add column last_verified_on date;

create or replace function residence_fact_rebuild() returns bigint language plpgsql as $$
declare
    written bigint;
begin
    truncate residence_fact;
    insert into residence_fact
    select e.person_id, e.seq, e.org_path, e.moved_in, e.moved_out, p.status = 'MERGED', p.category, p.sex,
           p.marital_status, p.birth_date, p.cert_checked_on, p.education, p.household_code, p.occupation,
           e.site_id, p.updated_at, p.last_verified_on
    from residence_episode e join person p on p.id = e.person_id
    order by e.org_path, e.moved_in;
    get diagnostics written = row_count;
    return written;
end
$$;

create or replace function residence_fact_episodes_inserted() returns trigger language plpgsql as $$
begin
    insert into residence_fact
    select n.person_id, n.seq, n.org_path, n.moved_in, n.moved_out, p.status = 'MERGED', p.category, p.sex,
           p.marital_status, p.birth_date, p.cert_checked_on, p.education, p.household_code, p.occupation,
           n.site_id, p.updated_at, p.last_verified_on
    from new_rows n join person p on p.id = n.person_id;
    return null;
end
$$;

create or replace function residence_fact_episodes_updated() returns trigger language plpgsql as $$
begin
    delete from residence_fact f using old_rows o where f.person_id = o.person_id and f.seq = o.seq;
    insert into residence_fact
    select n.person_id, n.seq, n.org_path, n.moved_in, n.moved_out, p.status = 'MERGED', p.category, p.sex,
           p.marital_status, p.birth_date, p.cert_checked_on, p.education, p.household_code, p.occupation,
           n.site_id, p.updated_at, p.last_verified_on
    from new_rows n join person p on p.id = n.person_id;
    return null;
end
$$;

create or replace function residence_fact_persons_updated() returns trigger language plpgsql as $$
begin
    update residence_fact f
    set merged = n.status = 'MERGED', category = n.category, sex = n.sex, marital_status = n.marital_status,
        birth_date = n.birth_date, cert_checked_on = n.cert_checked_on, education = n.education,
        household_code = n.household_code, occupation = n.occupation, updated_at = n.updated_at,
        last_verified_on = n.last_verified_on
    from new_rows n
    where f.person_id = n.id
      and (f.merged is distinct from (n.status = 'MERGED') or f.category is distinct from n.category
           or f.sex is distinct from n.sex or f.marital_status is distinct from n.marital_status
           or f.birth_date is distinct from n.birth_date or f.cert_checked_on is distinct from n.cert_checked_on
           or f.education is distinct from n.education or f.household_code is distinct from n.household_code
           or f.occupation is distinct from n.occupation or f.updated_at is distinct from n.updated_at
           or f.last_verified_on is distinct from n.last_verified_on);
    return null;
end
$$;

-- fill the new columns; the rollup's keys do not change, so its update trigger is held back for this statement
alter table residence_fact disable trigger ledger_rollup_upd;
update residence_fact f
set site_id = e.site_id, updated_at = p.updated_at, last_verified_on = p.last_verified_on
from residence_episode e, person p
where e.person_id = f.person_id and e.seq = f.seq and p.id = f.person_id;
alter table residence_fact enable trigger ledger_rollup_upd;

create index residence_fact_site_idx on residence_fact (site_id)
    include (moved_in, moved_out, merged, updated_at, last_verified_on, person_id)
    where site_id is not null;
