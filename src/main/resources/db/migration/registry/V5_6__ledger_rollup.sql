-- Pre-aggregated counts of the ledger (汇总) for dashboards and statistics at city scale. Instead of reading
-- every residence episode of a district, a count of the persons living in a subtree on a date D sums the
-- arrivals (+1) and departures (-1) of all episodes up to D, rolled up per street and time bucket:
--     living on D = sum(n) over rows with bucket <= D.
-- This is exact because a person's episodes never overlap (a move ends one where the next begins), so each
-- living person contributes exactly one +1 without its -1, and merged records contribute nothing.
--
-- One table holds several kinds, each with the two keys its readers filter or group on:
--   M  sex, marital status        bucket: month   (indicators, by street, growth)
--   A  sex, birth year            bucket: year    (age pyramid at a year's end)
--   E  education, birth year      bucket: year    (education of those aged 6+ at a year's end; years before
--                                                  1989 are stored as 1989, every such person is 6+ by 1995)
--   O  origin province            bucket: year
--   J  occupation                 bucket: year
-- Rows are deltas: triggers on residence_fact append them in the same transaction as the change (no row is
-- ever updated in place, so concurrent writers never wait on each other), and a nightly compaction folds them.
-- A bucket is the date itself while it lies in the current month (year), and the first day of its month
-- (year) before that, so a sum "bucket <= D" is exact for D at the end of a month (year) and for today.
create table ledger_rollup (
    kind     char(1) not null,
    path     text    not null,
    bucket   date    not null,
    category text    not null,
    k1       text    not null,
    k2       text    not null,
    n        integer not null
);

create index ledger_rollup_idx on ledger_rollup (kind, path text_pattern_ops, bucket) include (category, k1, k2, n);

-- the org path cut at depth 3 (/city/district/street/); shorter paths stay as they are
create function ledger_rollup_path(p text) returns text language sql immutable as $$
    select coalesce(substring(p from '^(?:/[^/]+){3}/'), p)
$$;

-- the calendar is Beijing's, like the application's "today"
create function ledger_rollup_bucket(d date, grain text) returns date language sql stable as $$
    select case when d >= date_trunc(grain, (current_timestamp at time zone 'Asia/Shanghai')::date)::date then d
                else date_trunc(grain, d)::date end
$$;

-- the statement that appends the delta rows of a set of residence_fact rows, given as a query with a "sign"
-- column (+1 added, -1 removed): one text for the triggers (over their transition tables) and the rebuild
create function ledger_rollup_insert_sql(source text) returns text language sql immutable as $fn$
    select replace($sql$insert into ledger_rollup (kind, path, bucket, category, k1, k2, n)
    select k.kind, ledger_rollup_path(f.org_path), ledger_rollup_bucket(e.d, k.grain), f.category, k.k1, k.k2,
           sum(f.sign * e.dir)::integer
    from (%SOURCE%) as f
    cross join lateral (values
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

create function ledger_rollup_rebuild() returns bigint language plpgsql as $$
declare
    written bigint;
begin
    truncate ledger_rollup;
    execute ledger_rollup_insert_sql('select r.*, 1 as sign from residence_fact r');
    get diagnostics written = row_count;
    return written;
end
$$;

-- folds the deltas: one row per key, buckets of past months (years) coarsened; run by the application nightly
create function ledger_rollup_compact() returns bigint language plpgsql as $$
declare
    written bigint;
begin
    with gone as (delete from ledger_rollup returning *)
    insert into ledger_rollup (kind, path, bucket, category, k1, k2, n)
    select g.kind, g.path, ledger_rollup_bucket(g.bucket, case g.kind when 'M' then 'month' else 'year' end),
           g.category, g.k1, g.k2, sum(g.n)::integer
    from gone g
    group by 1, 2, 3, 4, 5, 6
    having sum(g.n) <> 0;
    get diagnostics written = row_count;
    return written;
end
$$;

select ledger_rollup_rebuild();

create function ledger_rollup_facts_changed() returns trigger language plpgsql as $$
begin
    -- transition tables are visible to dynamic SQL run from the trigger function
    if tg_op = 'INSERT' then
        execute ledger_rollup_insert_sql('select r.*, 1 as sign from new_rows r');
    elsif tg_op = 'DELETE' then
        execute ledger_rollup_insert_sql('select r.*, -1 as sign from old_rows r');
    else
        execute ledger_rollup_insert_sql(
            'select r.*, 1 as sign from new_rows r union all select r.*, -1 as sign from old_rows r');
    end if;
    return null;
end
$$;

create function ledger_rollup_truncated() returns trigger language plpgsql as $$
begin
    truncate ledger_rollup;
    return null;
end
$$;

create trigger ledger_rollup_ins after insert on residence_fact
    referencing new table as new_rows for each statement execute function ledger_rollup_facts_changed();
create trigger ledger_rollup_upd after update on residence_fact
    referencing old table as old_rows new table as new_rows
    for each statement execute function ledger_rollup_facts_changed();
create trigger ledger_rollup_del after delete on residence_fact
    referencing old table as old_rows for each statement execute function ledger_rollup_facts_changed();
create trigger ledger_rollup_trunc after truncate on residence_fact
    for each statement execute function ledger_rollup_truncated();
