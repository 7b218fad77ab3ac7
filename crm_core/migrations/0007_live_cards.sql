-- Live cards: deal cards the bot posted (replies), updated in place when the deal
-- changes. Each change to a deal writes, in its own transaction, one outbox row
-- per live card of the deal; the dispatcher coalesces them per card and PUTs the
-- current card, under the same rate limits as any other send.

create table live_cards (
    tenant_id        text not null,
    id               bigint generated always as identity,
    opportunity_id   bigint not null,
    service_url      text not null,
    -- The Teams conversation id the card was posted to, as posted (a channel
    -- thread keeps its ";messageid=..."), and the id the connector gave the card.
    conversation_id  text not null,
    activity_id      text not null,
    -- The Teams user whose client refreshes its own view of the card
    -- (refresh.userIds; the Follow button depends on who looks). '' for none.
    refresh_user_id  text not null default '',
    language         text not null default 'en' check (language in ('en', 'es', 'fr', 'de')),
    posted_at        timestamptz not null default now(),
    -- Old cards are left as they are: nobody scrolls back that far.
    live_until       timestamptz not null,
    constraint pk_live_cards primary key (tenant_id, id),
    constraint uq_live_cards_activity unique (tenant_id, conversation_id, activity_id),
    constraint fk_live_cards_opportunity foreign key (tenant_id, opportunity_id)
        references opportunities (tenant_id, id) on delete cascade
);
create index ix_live_cards_deal on live_cards (tenant_id, opportunity_id, live_until);

-- A third kind of recipient: a live card (then user_id and conversation_id are
-- null). A retired card takes its pending updates with it.
alter table outbox add column live_card_id bigint;
alter table outbox drop constraint ck_outbox_recipient;
alter table outbox add constraint ck_outbox_recipient
    check (num_nonnulls(user_id, conversation_id, live_card_id) = 1);
alter table outbox add constraint fk_outbox_live_card foreign key (tenant_id, live_card_id)
    references live_cards (tenant_id, id) on delete cascade;
create index ix_outbox_live_card on outbox (tenant_id, live_card_id) where live_card_id is not null;
drop index ix_outbox_recipient;
create index ix_outbox_recipient on outbox (tenant_id, record_kind, record_id, user_id, conversation_id, live_card_id)
    where state in ('pending', 'sending');

-- Every event about a deal (stage, amount, comments, participants, followers...)
-- may change what its card shows: one row per live card. The claim coalesces a
-- burst into one update per card, and the update renders the deal as it is then.
create function crm_live_cards_fanout() returns trigger language plpgsql as $$
declare
    fanned integer;
begin
    insert into outbox (tenant_id, event_id, live_card_id, record_kind, record_id, important)
    select new.tenant_id, new.id, c.id, 'opportunity', new.record_id, false
    from live_cards c
    where c.tenant_id = new.tenant_id and c.opportunity_id = new.record_id and c.live_until > now();
    get diagnostics fanned = row_count;
    if fanned > 0 then
        perform pg_notify('crm_outbox', new.tenant_id);
    end if;
    return null;
end $$;

create trigger trg_events_live_cards after insert on events
    for each row when (new.record_kind = 'opportunity' and new.record_id is not null)
    execute function crm_live_cards_fanout();
