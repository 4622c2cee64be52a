-- The audit trail (审计日志): append-only and tamper-evident. Each row carries the SHA-256 of the
-- previous row's hash and its own content, so an edited or deleted row breaks the chain.
create table audit_event (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null,
    actor       text,
    action      text        not null,
    target_type text,
    target_id   text,
    org_path    text,
    remote_addr text,
    detail      text,
    prev_hash   text        not null,
    hash        text        not null
);
create index audit_event_occurred_idx on audit_event (occurred_at desc);
create index audit_event_actor_idx on audit_event (actor);
create index audit_event_action_idx on audit_event (action);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op;
end;
$$;

create trigger audit_event_no_update_delete
    before update or delete on audit_event
    for each row execute function audit_event_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_append_only();
