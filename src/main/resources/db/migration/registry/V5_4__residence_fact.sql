-- A narrow read model of the ledger for counting (indicators, statistics): one row per residence episode with
-- the person's attributes that counts filter on, so that a count over a district reads a few dozen bytes per
-- episode instead of joining the wide person rows (ciphertexts, addresses). Kept exact by statement-level
-- triggers in the same transaction as every change to residence_episode or person, so it is never stale.
create table residence_fact (
    person_id       bigint      not null,
    seq             int         not null,
    org_path        text        not null,
    moved_in        date        not null,
    moved_out       date,
    merged          boolean     not null,
    category        text        not null,
    sex             char(1)     not null,
    marital_status  varchar(2),
    birth_date      date        not null,
    cert_checked_on date,
    education       varchar(2),
    household_code  varchar(6)  not null,
    occupation      text,
    primary key (person_id, seq)
);

create function residence_fact_rebuild() returns bigint language plpgsql as $$
declare
    n bigint;
begin
    truncate residence_fact;
    insert into residence_fact
    select e.person_id, e.seq, e.org_path, e.moved_in, e.moved_out, p.status = 'MERGED', p.category, p.sex,
           p.marital_status, p.birth_date, p.cert_checked_on, p.education, p.household_code, p.occupation
    from residence_episode e join person p on p.id = e.person_id
    order by e.org_path, e.moved_in;
    get diagnostics n = row_count;
    return n;
end
$$;

select residence_fact_rebuild();

-- counts read a subtree by path prefix; every column they filter on is in the index, so they scan it only
create index residence_fact_path_idx on residence_fact (org_path text_pattern_ops, moved_in)
    include (moved_out, merged, category, sex, marital_status, birth_date, cert_checked_on, person_id);

create function residence_fact_episodes_inserted() returns trigger language plpgsql as $$
begin
    insert into residence_fact
    select n.person_id, n.seq, n.org_path, n.moved_in, n.moved_out, p.status = 'MERGED', p.category, p.sex,
           p.marital_status, p.birth_date, p.cert_checked_on, p.education, p.household_code, p.occupation
    from new_rows n join person p on p.id = n.person_id;
    return null;
end
$$;

create function residence_fact_episodes_updated() returns trigger language plpgsql as $$
begin
    delete from residence_fact f using old_rows o where f.person_id = o.person_id and f.seq = o.seq;
    insert into residence_fact
    select n.person_id, n.seq, n.org_path, n.moved_in, n.moved_out, p.status = 'MERGED', p.category, p.sex,
           p.marital_status, p.birth_date, p.cert_checked_on, p.education, p.household_code, p.occupation
    from new_rows n join person p on p.id = n.person_id;
    return null;
end
$$;

create function residence_fact_episodes_deleted() returns trigger language plpgsql as $$
begin
    delete from residence_fact f using old_rows o where f.person_id = o.person_id and f.seq = o.seq;
    return null;
end
$$;

create function residence_fact_persons_updated() returns trigger language plpgsql as $$
begin
    update residence_fact f
    set merged = n.status = 'MERGED', category = n.category, sex = n.sex, marital_status = n.marital_status,
        birth_date = n.birth_date, cert_checked_on = n.cert_checked_on, education = n.education,
        household_code = n.household_code, occupation = n.occupation
    from new_rows n
    where f.person_id = n.id
      and (f.merged is distinct from (n.status = 'MERGED') or f.category is distinct from n.category
           or f.sex is distinct from n.sex or f.marital_status is distinct from n.marital_status
           or f.birth_date is distinct from n.birth_date or f.cert_checked_on is distinct from n.cert_checked_on
           or f.education is distinct from n.education or f.household_code is distinct from n.household_code
           or f.occupation is distinct from n.occupation);
    return null;
end
$$;

create function residence_fact_truncated() returns trigger language plpgsql as $$
begin
    truncate residence_fact;
    return null;
end
$$;

create trigger residence_fact_ins after insert on residence_episode
    referencing new table as new_rows for each statement execute function residence_fact_episodes_inserted();
create trigger residence_fact_upd after update on residence_episode
    referencing old table as old_rows new table as new_rows
    for each statement execute function residence_fact_episodes_updated();
create trigger residence_fact_del after delete on residence_episode
    referencing old table as old_rows for each statement execute function residence_fact_episodes_deleted();
create trigger residence_fact_trunc after truncate on residence_episode
    for each statement execute function residence_fact_truncated();
create trigger residence_fact_person_upd after update on person
    referencing new table as new_rows for each statement execute function residence_fact_persons_updated();
