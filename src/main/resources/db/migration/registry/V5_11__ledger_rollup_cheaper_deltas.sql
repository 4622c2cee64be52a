-- The rollup's delta statement did its per-row work once for every kind and direction (twelve times an
-- episode): the street cut of the path (a regular expression) and the time bucket. Now the cut is taken
-- once per episode, and the bucket once per group of equal dates. The rows it writes are the same.
create or replace function ledger_rollup_insert_sql(source text) returns text language sql immutable as $fn$
    select replace($sql$insert into ledger_rollup (kind, path, bucket, category, k1, k2, n)
    select g.kind, g.path, ledger_rollup_bucket(g.d, g.grain), g.category, g.k1, g.k2, sum(g.n)::integer
    from (
        select k.kind, k.grain, f.cut as path, e.d, f.category, k.k1, k.k2, sum(f.sign * e.dir) as n
        from (select s.*, ledger_rollup_path(s.org_path) as cut from (%SOURCE%) as s where not s.merged) as f
        cross join lateral (values
            ('T', 'month', '', ''),
            ('M', 'month', f.sex::text, coalesce(f.marital_status, '')),
            ('A', 'year', f.sex::text, extract(year from f.birth_date)::int::text),
            ('E', 'year', coalesce(f.education, ''), greatest(extract(year from f.birth_date)::int, 1989)::text),
            ('O', 'year', left(f.household_code, 2), ''),
            ('J', 'year', coalesce(nullif(trim(f.occupation), ''), ''), '')) as k(kind, grain, k1, k2)
        cross join lateral (values (f.moved_in, 1), (f.moved_out, -1)) as e(d, dir)
        where e.d is not null
        group by 1, 2, 3, 4, 5, 6, 7) as g
    group by 1, 2, 3, 4, 5, 6
    having sum(g.n) <> 0$sql$, '%SOURCE%', source)
$fn$;
