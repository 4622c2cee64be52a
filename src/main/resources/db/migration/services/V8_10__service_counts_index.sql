-- Dashboard counts of persons served (indicators FREE_SERVICE, FREE_PREGNANCY_CHECK, …) read a subtree's records
-- of a period: with the columns they filter on and count included, the count is an index-only scan instead of
-- one heap fetch per record (20 s for a district of the 7.7 million city, docs/BENCHMARKS.md).
create index if not exists service_record_counts_idx on service_record (org_path text_pattern_ops, provided_on)
    include (service_code, free, in_place, result, person_id);
