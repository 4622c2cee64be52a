-- person_category_idx (category alone) serves no read: lists and exports filter a scope's path first and use
-- person_org_path_idx (path, category, sex, birth date); counts read residence_fact and the rollups. With four
-- categories it would not be chosen over a scan anyway, and every insert and update of a person paid for it.
drop index if exists person_category_idx;
