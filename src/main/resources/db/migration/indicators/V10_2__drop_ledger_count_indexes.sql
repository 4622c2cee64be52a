-- The indexes V10_1 added for counting on the ledger's own tables. The counts read the registry's counting
-- facts (residence_fact, its path and arrivals indexes) and its rollups since; these two only cost every write:
-- residence_episode_moved_in_idx repeats the leading column of residence_episode_dates_idx (moved_in,
-- moved_out), and person_status_category_idx (category of live persons) would not be chosen over a scan with
-- four categories.
drop index if exists residence_episode_moved_in_idx;
drop index if exists person_status_category_idx;
