-- The fan-out probes followers through uq_followers, one target at a time. As a
-- join over the unnested targets, the generic plan hash-joined a sequential scan
-- of the tenant's followers on every event (0.2 ms with 1,700 followers, growing
-- with the table); a lateral subquery that cannot be pulled up (LIMIT, OFFSET 0)
-- is planned per target, on the index. Otherwise as in 0008.
create or replace function crm_outbox_fanout() returns trigger language plpgsql
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
    cross join lateral (
        select 1 from followers f
        where f.tenant_id = new.tenant_id and f.target_kind = t.kind
          and coalesce(f.lead_id, f.opportunity_id, f.account_id, 0) = t.id
          and f.user_id is distinct from new.actor_id
        limit 1) f
    limit 1;
    if not found then
        return null;
    end if;

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
        select f.user_id, f.conversation_id, bool_or(f.filter = 'all') as wants_all
        from unnest(kinds, ids) t (kind, id)
        cross join lateral (
            select f.user_id, f.conversation_id, f.filter from followers f
            where f.tenant_id = new.tenant_id and f.target_kind = t.kind
              and coalesce(f.lead_id, f.opportunity_id, f.account_id, 0) = t.id
              and f.user_id is distinct from new.actor_id
            offset 0) f
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
