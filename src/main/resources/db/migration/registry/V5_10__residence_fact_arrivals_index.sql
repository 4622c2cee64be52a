-- Arrivals in a period (indicators ARRIVALS and CERT_CHECKED_30D) under a district read every episode of the
-- district through the path index and keep those that began in the period. Keyed by the street (the path cut
-- like the rollup's) and then the arrival date, a count asks for each street of the district in turn and
-- reads only the period's arrivals.
create index residence_fact_arrivals_idx on residence_fact (ledger_rollup_path(org_path), moved_in)
    include (person_id, merged, category, sex, marital_status, birth_date, cert_checked_on, org_path);
