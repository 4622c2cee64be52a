-- The dispatcher claims due rows by next hop, leaving out the hops it is still sending to; with this index that
-- costs next to nothing while every hop is busy, instead of a walk over the whole outbox.
create index exchange_outbox_hop_pending on exchange_outbox (next_hop, next_attempt_at) where status = 'PENDING';
