-- A claim for one destination could still be planned on the sweep's index of all pending rows (by id), with the
-- destination as a filter: with statistics from a burst in which that destination held most pending rows, the
-- planner took it, and the claim read every row in flight to the other destinations (20,000 in a test). The
-- sweep's index now carries a condition that only the sweep states. A destination claim compares the hop with a
-- value known only when it runs, from which PostgreSQL cannot prove that condition, so this index is never a
-- candidate for it and the index by destination and id is the only way it can go. Outbox rows never have an
-- empty hop: the condition keeps every pending row.
drop index if exists exchange_outbox_pending;
create index exchange_outbox_sweep_pending on exchange_outbox (id)
    where status = 'PENDING' and (next_hop is null or next_hop <> '');
update exchange_outbox set next_hop = null where next_hop = '';
alter table exchange_outbox add constraint exchange_outbox_hop_not_empty check (next_hop <> '');
