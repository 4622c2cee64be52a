-- Every message is written to the outbox once and then updated three or four times (leased and sealed, sent,
-- delivered, answered). PostgreSQL writes a whole new row version for each update, so the envelope and the
-- receipt (about a kilobyte each) were copied into the WAL again on every status change. Keeping them out of
-- line (in the table's TOAST relation, uncompressed) makes each later update copy only a pointer to them.
-- The narrow columns stay in the row (MAIN): only the envelope, the receipt and the payload move out.
alter table exchange_outbox set (toast_tuple_target = 128);
alter table exchange_outbox alter column envelope set storage external;
alter table exchange_outbox alter column receipt set storage external;
alter table exchange_outbox alter column payload set storage external;
alter table exchange_outbox alter column type set storage main;
alter table exchange_outbox alter column from_county set storage main;
alter table exchange_outbox alter column to_county set storage main;
alter table exchange_outbox alter column subject set storage main;
alter table exchange_outbox alter column in_reply_to_hash set storage main;
alter table exchange_outbox alter column next_hop set storage main;
alter table exchange_outbox alter column status set storage main;
alter table exchange_outbox alter column last_error set storage main;

-- A hub keeps the envelope it forwards in its outbox; the inbox row of a forwarded message only records that it
-- was received (for resends and restored peers), so it no longer holds a second copy of the envelope.
alter table exchange_inbox alter column envelope drop not null;
