-- Most changes have nobody else to tell, yet every event ran the fan-out trigger
-- (a plpgsql call and its probe) to find that out. The statements that write most
-- events now work it out in their own plan, as an index probe, and say so in
-- events.fanout (crm_core's audience_sql: the followers and live cards the trigger
-- would find); the trigger runs only for events that have someone to tell. An
-- event written without it (the default, true) is fanned out as before.
alter table events add column fanout boolean not null default true;

drop trigger trg_events_fanout on events;
create trigger trg_events_fanout after insert on events
    for each row when (new.fanout and new.record_id is not null and new.record_kind in ('lead', 'opportunity', 'account')
                       and (new.record_kind = 'opportunity' or new.action not in ('followed', 'unfollowed')))
    execute function crm_event_fanout();
