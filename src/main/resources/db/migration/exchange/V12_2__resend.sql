-- A restored peer asks for what it lost: rows it had already received are sent again, unchanged, without
-- losing their status; resend_at is when that was asked, cleared when the peer answers the resend.
alter table exchange_outbox add column resend_at timestamptz;
create index exchange_outbox_resend on exchange_outbox (next_attempt_at, id) where resend_at is not null;
-- what a restored peer may ask to have sent again: rows by next hop and age
create index exchange_outbox_next_hop on exchange_outbox (next_hop, created_at) where not (status = 'PENDING');
