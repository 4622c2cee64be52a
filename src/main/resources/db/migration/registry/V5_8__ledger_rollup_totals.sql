-- A sixth kind of the ledger rollup, T: the persons living by category alone (no keys), by month. Counts
-- without a sex or marital filter (the floating population of a district, the city's districts compared)
-- read a fraction of kind M's rows. Derived from M once here; kept by the same triggers from now on.
create or replace function ledger_rollup_insert_sql(source text) returns text language sql immutable as $fn$
    select replace($sql$insert into ledger_rollup (kind, path, bucket, category, k1, k2, n)
    select k.kind, ledger_rollup_path(f.org_path), ledger_rollup_bucket(e.d, k.grain), f.category, k.k1, k.k2,
           sum(f.sign * e.dir)::integer
    from (%SOURCE%) as f
    cross join lateral (values
        ('T', 'month', '', ''),
        ('M', 'month', f.sex::text, coalesce(f.marital_status, '')),
        ('A', 'year', f.sex::text, extract(year from f.birth_date)::int::text),
        ('E', 'year', coalesce(f.education, ''), greatest(extract(year from f.birth_date)::int, 1989)::text),
        ('O', 'year', left(f.household_code, 2), ''),
        ('J', 'year', coalesce(nullif(trim(f.occupation), ''), ''), '')) as k(kind, grain, k1, k2)
    cross join lateral (values (f.moved_in, 1), (f.moved_out, -1)) as e(d, dir)
    where not f.merged and e.d is not null
    group by 1, 2, 3, 4, 5, 6
    having sum(f.sign * e.dir) <> 0$sql$, '%SOURCE%', source)
$fn$;

create or replace function ledger_rollup_compact() returns bigint language plpgsql as $$
declare
    written bigint;
begin
    with gone as (delete from ledger_rollup returning *)
    insert into ledger_rollup (kind, path, bucket, category, k1, k2, n)
    select g.kind, g.path, ledger_rollup_bucket(g.bucket, case when g.kind in ('M', 'T') then 'month' else 'year' end),
           g.category, g.k1, g.k2, sum(g.n)::integer
    from gone g
    group by 1, 2, 3, 4, 5, 6
    having sum(g.n) <> 0;
    get diagnostics written = row_count;
    return written;
end
$$;

insert into ledger_rollup (kind, path, bucket, category, k1, k2, n)
select 'T', path, bucket, category, '', '', sum(n)::integer
from ledger_rollup
where kind = 'M'
group by path, bucket, category
having sum(n) <> 0;
