-- Where and how to reach a conversation later (proactive messages, notifications).
-- The address is opaque to the core: the channel integration (the Teams bot)
-- writes its conversation reference there. A removed app makes it inactive.
alter table conversations
    add column address     text not null default '',
    add column active      boolean not null default true,
    add column user_id     bigint,
    add column updated_at  timestamptz not null default now(),
    add constraint fk_conversations_user foreign key (tenant_id, user_id) references users (tenant_id, id);
create index ix_conversations_user on conversations (tenant_id, user_id) where user_id is not null;
