-- Idempotency keys of requests that create or change records (a form's id, a
-- retried button press): the first request claims the key, a repeat finds the
-- record the first one produced instead of doing the work twice.
create table request_keys (
    tenant_id      text not null,
    key            text not null,
    claimed_by     bigint not null,
    record_kind    text check (record_kind in ('lead', 'contact', 'account', 'opportunity')),
    record_number  integer,
    claimed_at     timestamptz not null default now(),
    completed_at   timestamptz,
    constraint pk_request_keys primary key (tenant_id, key),
    constraint fk_request_keys_user foreign key (tenant_id, claimed_by) references users (tenant_id, id),
    constraint ck_request_keys_key check (length(key) between 1 and 200)
);
