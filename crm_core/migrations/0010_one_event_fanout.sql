-- One fan-out trigger per event instead of two (0009's followers, 0007's live
-- cards), and on the common path, where nobody else is to be told, one query: for
-- a deal, its account, whether it has live cards and whether anyone else follows
-- it, its account or the pipeline. The targets are a VALUES list rather than
-- arrays: a generic plan cannot know an array's length, so plpgsql kept planning
-- anew (0008 forced generic plans with a SET clause, a GUC save and restore on
-- every call); with VALUES it settles on its cached generic plans by itself.
drop trigger trg_events_outbox on events;
drop trigger trg_events_live_cards on events;
drop function crm_outbox_fanout();
drop function crm_live_cards_fanout();

create function crm_event_fanout() returns trigger language plpgsql as $$
declare
    deal boolean := new.record_kind = 'opportunity';
    important boolean := new.action in ('stage_moved', 'reopened', 'commented', 'converted');
    -- Following and unfollowing are nobody else's news (a deal's card still shows them).
    tell_followers boolean := new.action not in ('followed', 'unfollowed');
    account bigint;
    cards boolean := false;
    followed boolean := false;
    fanned integer := 0;
    n integer;
begin
    if deal then
        select o.account_id,
               exists (select 1 from live_cards c
                       where c.tenant_id = new.tenant_id and c.opportunity_id = new.record_id and c.live_until > now()),
               tell_followers and (
                   exists (select 1 from followers f
                           where f.tenant_id = new.tenant_id and f.target_kind = 'opportunity'
                             and coalesce(f.lead_id, f.opportunity_id, f.account_id, 0) = new.record_id
                             and f.user_id is distinct from new.actor_id)
                   or exists (select 1 from followers f
                              where f.tenant_id = new.tenant_id and f.target_kind = 'account'
                                and coalesce(f.lead_id, f.opportunity_id, f.account_id, 0) = o.account_id
                                and f.user_id is distinct from new.actor_id)
                   or exists (select 1 from followers f
                              where f.tenant_id = new.tenant_id and f.target_kind = 'pipeline'
                                and coalesce(f.lead_id, f.opportunity_id, f.account_id, 0) = 0
                                and f.user_id is distinct from new.actor_id))
          into account, cards, followed
          from opportunities o
         where o.tenant_id = new.tenant_id and o.id = new.record_id;
    elsif tell_followers then
        followed := exists (select 1 from followers f
                            where f.tenant_id = new.tenant_id and f.target_kind = new.record_kind
                              and coalesce(f.lead_id, f.opportunity_id, f.account_id, 0) = new.record_id
                              and f.user_id is distinct from new.actor_id);
    end if;

    -- Every event about a deal may change what its card shows: one row per live
    -- card, which the dispatcher coalesces per card.
    if cards then
        insert into outbox (tenant_id, event_id, live_card_id, record_kind, record_id, important)
        select new.tenant_id, new.id, c.id, 'opportunity', new.record_id, false
        from live_cards c
        where c.tenant_id = new.tenant_id and c.opportunity_id = new.record_id and c.live_until > now();
        get diagnostics n = row_count;
        fanned := fanned + n;
    end if;

    if coalesce(followed, false) then
        insert into outbox (tenant_id, event_id, user_id, conversation_id, record_kind, record_id, important, digest,
                            not_before)
        select new.tenant_id, new.id, r.user_id, r.conversation_id, new.record_kind, new.record_id, important,
               coalesce(s.level = 'digest', false),
               case when s.level = 'digest' then crm_next_digest(now(), s.time_zone, s.digest_at)
                    else crm_after_quiet_hours(now(), coalesce(s.time_zone, 'UTC'), s.quiet_from, s.quiet_to) end
        from (
            -- One row per recipient, however many ways they follow: the most
            -- permissive filter wins (following the deal for everything and the
            -- pipeline for important changes means everything about the deal).
            -- What the record is followed as: itself; a deal also as its account
            -- and as the whole pipeline (followers.target_kind, record id or 0).
            select f.user_id, f.conversation_id, bool_or(f.filter = 'all') as wants_all
            from (values (new.record_kind, new.record_id), ('account', account), ('pipeline', 0::bigint)) t (kind, id)
            cross join lateral (
                select f.user_id, f.conversation_id, f.filter from followers f
                where f.tenant_id = new.tenant_id and f.target_kind = t.kind
                  and coalesce(f.lead_id, f.opportunity_id, f.account_id, 0) = t.id
                  and f.user_id is distinct from new.actor_id
                offset 0) f
            where t.kind = new.record_kind or deal
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
        get diagnostics n = row_count;
        fanned := fanned + n;
    end if;

    if fanned > 0 then
        perform pg_notify('crm_outbox', new.tenant_id);
    end if;
    return null;
end $$;

create trigger trg_events_fanout after insert on events
    for each row when (new.record_id is not null and new.record_kind in ('lead', 'opportunity', 'account')
                       and (new.record_kind = 'opportunity' or new.action not in ('followed', 'unfollowed')))
    execute function crm_event_fanout();
