-- Notifications: who hears about what, and a transactional outbox.
--
-- Every event row fans out, in the transaction that wrote it, into one outbox row
-- per recipient: the followers of the record, of its account (a deal's), and of
-- the whole pipeline (deals), but never the actor. A change that commits always
-- has its notifications; one that rolls back never does. Dispatchers (the bot)
-- claim due rows with FOR UPDATE SKIP LOCKED and are woken by NOTIFY crm_outbox.

-- How a user wants to hear: everything, important changes only (stage moves,
-- won/lost, reopen, comments, conversion), a daily digest, or nothing; and quiet
-- hours in their time zone during which notifications wait.
create table notification_settings (
    tenant_id   text not null,
    user_id     bigint not null,
    level       text not null default 'all' check (level in ('all', 'important', 'digest', 'muted')),
    time_zone   text not null default 'UTC',
    quiet_from  smallint check (quiet_from between 0 and 1439),  -- minutes after local midnight
    quiet_to    smallint check (quiet_to between 0 and 1439),
    digest_at   smallint not null default 480 check (digest_at between 0 and 1439),  -- 08:00
    updated_at  timestamptz not null default now(),
    constraint pk_notification_settings primary key (tenant_id, user_id),
    constraint fk_notification_settings_user foreign key (tenant_id, user_id) references users (tenant_id, id),
    constraint ck_notification_settings_quiet check ((quiet_from is null) = (quiet_to is null))
);

create table outbox (
    tenant_id        text not null,
    id               bigint generated always as identity,
    event_id         bigint not null,
    user_id          bigint,
    conversation_id  bigint,
    record_kind      text not null,
    record_id        bigint,
    important        boolean not null,
    -- pending: waits for not_before; sending: claimed by a dispatcher until
    -- not_before (a lease: a dispatcher that died leaves it to be claimed again);
    -- sent; dead: failed for good (last_error says why), `crmbot outbox retry` revives.
    state            text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'dead')),
    not_before       timestamptz not null default now(),
    attempts         integer not null default 0,
    last_error       text not null default '',
    created_at       timestamptz not null default now(),
    sent_at          timestamptz,
    constraint pk_outbox primary key (tenant_id, id),
    constraint ck_outbox_recipient check (num_nonnulls(user_id, conversation_id) = 1),
    constraint fk_outbox_event foreign key (tenant_id, event_id) references events (tenant_id, id),
    constraint fk_outbox_user foreign key (tenant_id, user_id) references users (tenant_id, id),
    constraint fk_outbox_conversation foreign key (tenant_id, conversation_id) references conversations (tenant_id, id)
);
-- What dispatchers scan: work that is due, oldest first.
create index ix_outbox_due on outbox (not_before, id) where state in ('pending', 'sending');
-- Coalescing: the other pending rows of one recipient and record.
create index ix_outbox_recipient on outbox (tenant_id, record_kind, record_id, user_id, conversation_id)
    where state in ('pending', 'sending');

-- The next moment, at or after `at`, outside the quiet hours [quiet_from, quiet_to)
-- of a time zone (minutes after local midnight; the range may wrap midnight).
create function crm_after_quiet_hours(at timestamptz, zone text, quiet_from smallint, quiet_to smallint)
    returns timestamptz language plpgsql stable as $$
declare
    local_time timestamp := at at time zone zone;
    minute integer := extract(hour from local_time) * 60 + extract(minute from local_time);
    quiet boolean;
begin
    if quiet_from is null or quiet_from = quiet_to then
        return at;
    end if;
    quiet := case when quiet_from < quiet_to then minute >= quiet_from and minute < quiet_to
                  else minute >= quiet_from or minute < quiet_to end;
    if not quiet then
        return at;
    end if;
    -- The end of this quiet period, today or tomorrow in local time.
    return ((date_trunc('day', local_time) + make_interval(mins => quiet_to)
             + case when minute >= quiet_to then interval '1 day' else interval '0' end) at time zone zone);
end $$;

-- The next daily digest time (minutes after local midnight) after `at`.
create function crm_next_digest(at timestamptz, zone text, digest_at smallint)
    returns timestamptz language sql stable as $$
    select (date_trunc('day', at at time zone zone) + make_interval(mins => digest_at)
            + case when (at at time zone zone)::time >= make_time(digest_at / 60, digest_at % 60, 0)
                   then interval '1 day' else interval '0' end) at time zone zone
$$;

-- force_generic_plan: plpgsql would otherwise keep re-planning the array-driven
-- lookups (a custom plan looks cheaper than the generic one), which costs more
-- than running them.
create function crm_outbox_fanout() returns trigger language plpgsql
    set plan_cache_mode = force_generic_plan as $$
declare
    important boolean := new.action in ('stage_moved', 'reopened', 'commented', 'converted');
    -- What the event's record is followed as: itself; for a deal, also its
    -- account and the whole pipeline (followers.target_kind, record id or 0).
    kinds text[] := array[new.record_kind];
    ids bigint[] := array[new.record_id];
    account bigint;
    fanned integer;
begin
    -- Following, unfollowing and pipeline set-up are nobody else's news.
    if new.action in ('followed', 'unfollowed') or new.record_kind not in ('lead', 'opportunity', 'account')
       or new.record_id is null then
        return null;
    end if;
    if new.record_kind = 'opportunity' then
        select o.account_id into account from opportunities o
        where o.tenant_id = new.tenant_id and o.id = new.record_id;
        kinds := kinds || array['account', 'pipeline'];
        ids := ids || array[account, 0];
    end if;
    -- Most changes have nobody else to tell: find that out with one index probe
    -- per target. (Simple statements also keep plpgsql on cached generic plans.)
    perform 1 from unnest(kinds, ids) t (kind, id)
    join followers f on f.tenant_id = new.tenant_id and f.target_kind = t.kind
        and coalesce(f.lead_id, f.opportunity_id, f.account_id, 0) = t.id
    where f.user_id is distinct from new.actor_id
    limit 1;
    if not found then
        return null;
    end if;

    insert into outbox (tenant_id, event_id, user_id, conversation_id, record_kind, record_id, important, not_before)
    select new.tenant_id, new.id, r.user_id, r.conversation_id, new.record_kind, new.record_id, important,
           case when s.level = 'digest' then crm_next_digest(now(), s.time_zone, s.digest_at)
                else crm_after_quiet_hours(now(), coalesce(s.time_zone, 'UTC'), s.quiet_from, s.quiet_to) end
    from (
        -- One row per recipient, however many ways they follow: the most
        -- permissive filter wins (following the deal for everything and the
        -- pipeline for important changes means everything about the deal).
        select f.user_id, f.conversation_id, bool_or(f.filter = 'all') as wants_all
        from unnest(kinds, ids) t (kind, id)
        join followers f on f.tenant_id = new.tenant_id and f.target_kind = t.kind
            and coalesce(f.lead_id, f.opportunity_id, f.account_id, 0) = t.id
        where f.user_id is distinct from new.actor_id
        group by f.user_id, f.conversation_id
    ) r
    left join notification_settings s on s.tenant_id = new.tenant_id and s.user_id = r.user_id
    where (r.wants_all or important)
      and coalesce(s.level, 'all') <> 'muted'
      and (coalesce(s.level, 'all') <> 'important' or important)
      -- A conversation that removed the app hears nothing.
      and (r.conversation_id is null or exists (
          select 1 from conversations c
          where c.tenant_id = new.tenant_id and c.id = r.conversation_id and c.active));
    get diagnostics fanned = row_count;
    if fanned > 0 then
        perform pg_notify('crm_outbox', new.tenant_id);
    end if;
    return null;
end $$;

create trigger trg_events_outbox after insert on events
    for each row execute function crm_outbox_fanout();
