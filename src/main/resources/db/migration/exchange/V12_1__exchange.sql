-- Inter-region exchange: a hand-written transactional outbox and inbox, per-person sequences, refusals.

-- Messages this node sends or forwards. The envelope is signed once and resent unchanged, so the message id
-- and signature stay fixed across retries; rows are kept (at least 35 days) so that a restored peer can
-- ask for what it lost.
create table exchange_outbox (
    id              bigserial primary key,
    message_id      uuid        not null unique,
    type            text        not null,
    from_county     text        not null,
    to_county       text        not null,
    subject         text,
    seq             bigint      not null default 0,
    in_reply_to     uuid,
    in_reply_to_hash text,
    next_hop        text,
    payload         jsonb,
    envelope        text,
    forwarded       boolean     not null default false,
    status          text        not null default 'PENDING'
                    check (status in ('PENDING', 'SENT', 'DELIVERED', 'ANSWERED', 'DEAD')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    created_at      timestamptz not null default now(),
    due             date,
    sent_at         timestamptz,
    delivered_at    timestamptz,
    answered_at     timestamptz,
    receipt         text
);
create index exchange_outbox_pending on exchange_outbox (next_attempt_at, id) where status = 'PENDING';
create index exchange_outbox_county on exchange_outbox (from_county, created_at desc) where not forwarded;

-- Messages this node received. (sender_node, message_id) is stored in the same transaction as the effect,
-- so a resend finds the row and gets the stored receipt back instead of being applied again.
create table exchange_inbox (
    id           bigserial primary key,
    sender_node  text        not null,
    message_id   uuid        not null,
    type         text        not null,
    from_county  text        not null,
    to_county    text        not null,
    subject      text,
    seq          bigint      not null default 0,
    in_reply_to  uuid,
    envelope     text        not null,
    payload      jsonb,
    status       text        not null check (status in ('WAITING', 'APPLIED', 'ANSWERED', 'FORWARDED')),
    due          date,
    received_at  timestamptz not null default now(),
    applied_at   timestamptz,
    answered_at  timestamptz,
    receipt      text        not null,
    unique (sender_node, message_id)
);
create index exchange_inbox_county on exchange_inbox (to_county, received_at desc) where status <> 'FORWARDED';
create index exchange_inbox_waiting on exchange_inbox (from_county, to_county, subject, seq) where status = 'WAITING';

-- The last sequence number given to a person's messages from one county to another.
create table exchange_out_sequence (
    from_county text   not null,
    to_county   text   not null,
    subject     text   not null,
    last_seq    bigint not null,
    primary key (from_county, to_county, subject)
);

-- The last sequence number applied per person and direction; a message beyond it plus one waits.
create table exchange_in_sequence (
    from_county text   not null,
    to_county   text   not null,
    subject     text   not null,
    last_seq    bigint not null,
    primary key (from_county, to_county, subject)
);

-- Every refused envelope, with its reason; never applied.
create table exchange_refusal (
    id          bigserial primary key,
    refused_at  timestamptz not null default now(),
    sender_node text,
    message_id  text,
    reason      text        not null,
    detail      text
);
