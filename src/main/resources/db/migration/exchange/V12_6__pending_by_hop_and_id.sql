-- The dispatcher claims one destination's due rows at a time, in id order. Keyed by destination and id, the
-- index gives that order directly and never walks the rows of a destination that is still being sent to (they
-- stay pending while in flight): walking them cost 19 ms a claim with 10,000 in flight. The time of the next
-- attempt is left out of every index, so backing off and postponing can update a row in place.
drop index if exists exchange_outbox_hop_pending;
create index exchange_outbox_hop_pending on exchange_outbox (next_hop, id) where status = 'PENDING';
