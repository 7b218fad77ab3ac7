-- Notes saved from a chat message ("Save to CRM" in Teams): who wrote the message,
-- when, and a link back to it. The message's identity (source_key) makes saving
-- the same message to the same record twice a no-op rather than a duplicate note.
alter table notes
    add column source_key text,
    add column source_author text,
    add column source_sent_at timestamptz,
    add column source_url text,
    add constraint ck_notes_source check (
        (source_key is null or length(source_key) between 1 and 500)
        and (source_author is null or length(source_author) <= 200)
        and (source_url is null or length(source_url) <= 2048));

create unique index ux_notes_source on notes (tenant_id, source_key, lead_id, contact_id, account_id, opportunity_id)
    nulls not distinct where source_key is not null;
