-- The CRM core schema. Every row carries tenant_id, and every foreign key between
-- tenant-owned rows includes it, so a row can never point into another tenant.
-- Primary keys are (tenant_id, id): the target of the tenant-carrying foreign
-- keys, with no second unique index to maintain on every insert.
-- Tables whose composite foreign keys (to users, accounts...) already pin the
-- tenant do not reference tenants directly: that would make every write lock the
-- one tenants row and serialize a busy tenant on it.
-- Text search is ILIKE within one tenant's rows, walked through the
-- (tenant_id, number) indexes: trigram indexes would cost about a third of the
-- write throughput for little gain at the size of one organization's CRM.

-- Timestamps cross into C++ as microseconds since the epoch.
create function crm_micros(t timestamptz) returns bigint
    language sql immutable parallel safe
    as $$ select (extract(epoch from t) * 1000000)::bigint $$;

create table tenants (
    id          text primary key,
    seq         bigint generated always as identity unique,
    created_at  timestamptz not null default now()
);

-- Short per-tenant numbers (L-12, C-3, A-5, D-7) come from one sequence per tenant
-- and kind: a create never waits for another tenant's, or its own colleagues',
-- transaction to commit. A rolled-back create leaves a gap, as in any CRM.
create function crm_create_number_sequences(tenant text) returns void
    language plpgsql as $$
declare
    tenant_seq bigint;
    kind text;
begin
    select seq into strict tenant_seq from tenants where id = tenant;
    foreach kind in array array['l', 'c', 'a', 'd'] loop
        execute format('create sequence if not exists %I', 'crm_numbers_' || tenant_seq || '_' || kind);
    end loop;
end $$;

create function crm_next_number(tenant text, kind text) returns integer
    language sql as $$
    select nextval(('crm_numbers_' || t.seq || '_' || lower(kind))::regclass)::integer
    from tenants t where t.id = tenant
$$;

create table users (
    tenant_id      text not null references tenants (id),
    id             bigint generated always as identity,
    aad_object_id  text not null,
    teams_user_id  text,
    display_name   text not null,
    email          text not null default '',
    role           text not null check (role in ('rep', 'manager', 'admin')),
    created_at     timestamptz not null default now(),
    constraint pk_users primary key (tenant_id, id),
    constraint uq_users_aad unique (tenant_id, aad_object_id)
);
create index ix_users_teams_id on users (tenant_id, teams_user_id);

-- A place where notifications can be posted (for the bot: a Teams channel, group
-- chat or personal chat). The core only knows its opaque external id.
create table conversations (
    tenant_id    text not null references tenants (id),
    id           bigint generated always as identity,
    external_id  text not null,
    kind         text not null,
    name         text not null default '',
    created_at   timestamptz not null default now(),
    constraint pk_conversations primary key (tenant_id, id),
    constraint uq_conversations_external unique (tenant_id, external_id)
);

create table pipeline_stages (
    tenant_id    text not null references tenants (id),
    id           bigint generated always as identity,
    position     integer not null,
    name         text not null check (length(name) between 1 and 60),
    kind         text not null check (kind in ('open', 'won', 'lost', 'unqualified')),
    probability  integer not null check (probability between 0 and 100),
    constraint pk_pipeline_stages primary key (tenant_id, id),
    constraint uq_pipeline_stages_position unique (tenant_id, position) deferrable initially immediate
);
create unique index uq_pipeline_stages_name on pipeline_stages (tenant_id, lower(name));
-- Exactly one stage of each closed kind per tenant.
create unique index uq_pipeline_stages_closed_kind on pipeline_stages (tenant_id, kind) where kind <> 'open';

create table accounts (
    tenant_id   text not null,
    id          bigint generated always as identity,
    number      integer not null,
    name        text not null check (length(name) between 1 and 200),
    domain      text not null default '',
    website     text not null default '',
    industry    text not null default '',
    phone       text not null default '',
    owner_id    bigint not null,
    version     integer not null default 1,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint pk_accounts primary key (tenant_id, id),
    constraint uq_accounts_number unique (tenant_id, number),
    constraint fk_accounts_owner foreign key (tenant_id, owner_id) references users (tenant_id, id)
);
create index ix_accounts_name on accounts (tenant_id, lower(name));
create index ix_accounts_domain on accounts (tenant_id, lower(domain)) where domain <> '';

create table contacts (
    tenant_id   text not null,
    id          bigint generated always as identity,
    number      integer not null,
    first_name  text not null default '',
    last_name   text not null default '',
    email       text not null default '',
    phone       text not null default '',
    title       text not null default '',
    account_id  bigint not null,
    owner_id    bigint not null,
    lead_id     bigint,
    version     integer not null default 1,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint pk_contacts primary key (tenant_id, id),
    constraint uq_contacts_number unique (tenant_id, number),
    constraint ck_contacts_name check (first_name <> '' or last_name <> ''),
    constraint fk_contacts_account foreign key (tenant_id, account_id) references accounts (tenant_id, id),
    constraint fk_contacts_owner foreign key (tenant_id, owner_id) references users (tenant_id, id)
);
create index ix_contacts_account on contacts (tenant_id, account_id);

create table opportunities (
    tenant_id           text not null,
    id                  bigint generated always as identity,
    number              integer not null,
    name                text not null check (length(name) between 1 and 200),
    account_id          bigint not null,
    primary_contact_id  bigint,
    amount              numeric(18, 2) check (amount >= 0),
    currency            char(3) check (currency ~ '^[A-Z]{3}$'),
    expected_close      date,
    stage_id            bigint not null,
    probability         integer not null check (probability between 0 and 100),
    owner_id            bigint not null,
    lead_id             bigint,
    closed_at           timestamptz,
    version             integer not null default 1,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint pk_opportunities primary key (tenant_id, id),
    constraint uq_opportunities_number unique (tenant_id, number),
    constraint ck_opportunities_money check ((amount is null) = (currency is null)),
    constraint fk_opportunities_account foreign key (tenant_id, account_id) references accounts (tenant_id, id),
    constraint fk_opportunities_contact foreign key (tenant_id, primary_contact_id) references contacts (tenant_id, id),
    constraint fk_opportunities_stage foreign key (tenant_id, stage_id) references pipeline_stages (tenant_id, id),
    constraint fk_opportunities_owner foreign key (tenant_id, owner_id) references users (tenant_id, id)
);
create index ix_opportunities_account on opportunities (tenant_id, account_id);
create index ix_opportunities_stage on opportunities (tenant_id, stage_id);
create index ix_opportunities_owner on opportunities (tenant_id, owner_id);

create table leads (
    tenant_id                 text not null,
    id                        bigint generated always as identity,
    number                    integer not null,
    first_name                text not null default '',
    last_name                 text not null default '',
    company                   text not null default '',
    email                     text not null default '',
    phone                     text not null default '',
    title                     text not null default '',
    source                    text not null default '',
    status                    text not null check (status in ('New', 'Contacted', 'Qualified', 'Unqualified')),
    owner_id                  bigint not null,
    converted_at              timestamptz,
    converted_contact_id      bigint,
    converted_account_id      bigint,
    converted_opportunity_id  bigint,
    version                   integer not null default 1,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    constraint pk_leads primary key (tenant_id, id),
    constraint uq_leads_number unique (tenant_id, number),
    constraint ck_leads_name check (first_name <> '' or last_name <> '' or company <> ''),
    -- A converted lead was qualified and points at the contact and account it became.
    constraint ck_leads_converted check (
        converted_at is null
        or (status = 'Qualified' and converted_contact_id is not null and converted_account_id is not null)),
    constraint fk_leads_owner foreign key (tenant_id, owner_id) references users (tenant_id, id),
    constraint fk_leads_contact foreign key (tenant_id, converted_contact_id) references contacts (tenant_id, id),
    constraint fk_leads_account foreign key (tenant_id, converted_account_id) references accounts (tenant_id, id),
    constraint fk_leads_opportunity foreign key (tenant_id, converted_opportunity_id) references opportunities (tenant_id, id)
);
create index ix_leads_owner on leads (tenant_id, owner_id);
create index ix_leads_status on leads (tenant_id, status);

alter table contacts add constraint fk_contacts_lead foreign key (tenant_id, lead_id) references leads (tenant_id, id);
alter table opportunities add constraint fk_opportunities_lead foreign key (tenant_id, lead_id) references leads (tenant_id, id);

create table stage_history (
    tenant_id       text not null,
    id              bigint generated always as identity,
    opportunity_id  bigint not null,
    from_stage_id   bigint,
    to_stage_id     bigint not null,
    changed_by      bigint not null,
    changed_at      timestamptz not null default now(),
    constraint pk_stage_history primary key (tenant_id, id),
    constraint fk_stage_history_opportunity foreign key (tenant_id, opportunity_id) references opportunities (tenant_id, id),
    constraint fk_stage_history_from foreign key (tenant_id, from_stage_id) references pipeline_stages (tenant_id, id),
    constraint fk_stage_history_to foreign key (tenant_id, to_stage_id) references pipeline_stages (tenant_id, id),
    constraint fk_stage_history_user foreign key (tenant_id, changed_by) references users (tenant_id, id)
);
create index ix_stage_history_opportunity on stage_history (tenant_id, opportunity_id, id);

-- Other participants: contacts involved in a lead or a deal.
create table participants (
    tenant_id       text not null,
    id              bigint generated always as identity,
    lead_id         bigint,
    opportunity_id  bigint,
    contact_id      bigint not null,
    role            text not null default '',
    added_by        bigint not null,
    added_at        timestamptz not null default now(),
    constraint pk_participants primary key (tenant_id, id),
    constraint ck_participants_one_record check (num_nonnulls(lead_id, opportunity_id) = 1),
    constraint fk_participants_lead foreign key (tenant_id, lead_id) references leads (tenant_id, id),
    constraint fk_participants_opportunity foreign key (tenant_id, opportunity_id) references opportunities (tenant_id, id),
    constraint fk_participants_contact foreign key (tenant_id, contact_id) references contacts (tenant_id, id),
    constraint fk_participants_user foreign key (tenant_id, added_by) references users (tenant_id, id)
);
create unique index uq_participants_lead on participants (tenant_id, lead_id, contact_id) where lead_id is not null;
create unique index uq_participants_opportunity on participants (tenant_id, opportunity_id, contact_id) where opportunity_id is not null;

-- Followers: a user or a conversation following a lead, a deal, an account's deals
-- or the whole pipeline.
create table followers (
    tenant_id        text not null,
    id               bigint generated always as identity,
    target_kind      text not null check (target_kind in ('lead', 'opportunity', 'account', 'pipeline')),
    lead_id          bigint,
    opportunity_id   bigint,
    account_id       bigint,
    user_id          bigint,
    conversation_id  bigint,
    filter           text not null default 'all' check (filter in ('all', 'important')),
    created_by       bigint not null,
    created_at       timestamptz not null default now(),
    constraint pk_followers primary key (tenant_id, id),
    constraint ck_followers_target check (
        (target_kind = 'lead' and lead_id is not null and opportunity_id is null and account_id is null)
        or (target_kind = 'opportunity' and opportunity_id is not null and lead_id is null and account_id is null)
        or (target_kind = 'account' and account_id is not null and lead_id is null and opportunity_id is null)
        or (target_kind = 'pipeline' and num_nonnulls(lead_id, opportunity_id, account_id) = 0)),
    constraint ck_followers_who check (num_nonnulls(user_id, conversation_id) = 1),
    constraint fk_followers_lead foreign key (tenant_id, lead_id) references leads (tenant_id, id),
    constraint fk_followers_opportunity foreign key (tenant_id, opportunity_id) references opportunities (tenant_id, id),
    constraint fk_followers_account foreign key (tenant_id, account_id) references accounts (tenant_id, id),
    constraint fk_followers_user foreign key (tenant_id, user_id) references users (tenant_id, id),
    constraint fk_followers_conversation foreign key (tenant_id, conversation_id) references conversations (tenant_id, id),
    constraint fk_followers_created_by foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create unique index uq_followers on followers (
    tenant_id, target_kind, coalesce(lead_id, opportunity_id, account_id, 0),
    coalesce(user_id, 0), coalesce(conversation_id, 0));
create index ix_followers_opportunity on followers (tenant_id, opportunity_id) where opportunity_id is not null;
create index ix_followers_lead on followers (tenant_id, lead_id) where lead_id is not null;
create index ix_followers_account on followers (tenant_id, account_id) where account_id is not null;

-- Comments on any record.
create table notes (
    tenant_id       text not null,
    id              bigint generated always as identity,
    lead_id         bigint,
    contact_id      bigint,
    account_id      bigint,
    opportunity_id  bigint,
    author_id       bigint not null,
    body            text not null check (length(body) between 1 and 10000),
    created_at      timestamptz not null default now(),
    constraint pk_notes primary key (tenant_id, id),
    constraint ck_notes_one_record check (num_nonnulls(lead_id, contact_id, account_id, opportunity_id) = 1),
    constraint fk_notes_lead foreign key (tenant_id, lead_id) references leads (tenant_id, id),
    constraint fk_notes_contact foreign key (tenant_id, contact_id) references contacts (tenant_id, id),
    constraint fk_notes_account foreign key (tenant_id, account_id) references accounts (tenant_id, id),
    constraint fk_notes_opportunity foreign key (tenant_id, opportunity_id) references opportunities (tenant_id, id),
    constraint fk_notes_author foreign key (tenant_id, author_id) references users (tenant_id, id)
);
create index ix_notes_opportunity on notes (tenant_id, opportunity_id, id) where opportunity_id is not null;
create index ix_notes_lead on notes (tenant_id, lead_id, id) where lead_id is not null;

-- Every change, written in the transaction that made it: who, when, what, before
-- and after. It is the timeline of a record and the source of notifications.
create table events (
    tenant_id      text not null,
    id             bigint generated always as identity,
    occurred_at    timestamptz not null default now(),
    actor_id       bigint,
    record_kind    text not null check (record_kind in ('lead', 'contact', 'account', 'opportunity', 'pipeline')),
    record_id      bigint,
    record_number  integer,
    action         text not null,
    before         jsonb not null default '{}',
    after          jsonb not null default '{}',
    constraint pk_events primary key (tenant_id, id),
    constraint fk_events_actor foreign key (tenant_id, actor_id) references users (tenant_id, id)
);
create index ix_events_record on events (tenant_id, record_kind, record_id, id);
