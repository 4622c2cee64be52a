-- The dispatcher claims due rows in id order. When the statistics were taken during a burst (many rows pending),
-- the planner walked the primary key from the oldest row and filtered, so a claim read the whole outbox: 100 ms at
-- 130,000 rows, once a second on every node, and growing with the 35 days of kept messages. Partial indexes on the
-- id itself give the same order over the rows that can be due only, whatever the statistics say.
drop index if exists exchange_outbox_pending;
create index exchange_outbox_pending on exchange_outbox (id) where status = 'PENDING';
drop index if exists exchange_outbox_resend;
create index exchange_outbox_resend on exchange_outbox (id) where resend_at is not null;
