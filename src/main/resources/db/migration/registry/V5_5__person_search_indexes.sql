-- Searches and list pages at city scale: the name prefix within the caller's scope, and a subtree with the list
-- filters (category, sex, age band), are answered from these indexes alone (index-only scans, counts included);
-- the page's rows are then read by id (PersonQueries.search), never by walking the whole table in id order.
create index if not exists person_name_scope_idx on person (name text_pattern_ops, org_path text_pattern_ops)
    include (status, id);
drop index if exists person_org_path_idx;
create index person_org_path_idx on person (org_path text_pattern_ops, category, sex, birth_date)
    include (status, id);
