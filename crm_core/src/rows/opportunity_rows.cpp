#include "rows/rows.hpp"

#include "event_log.hpp"

#include "text.hpp"

namespace crm::rows {

namespace {
const std::string kOpportunityColumns =
    "select o.id, o.number, o.name, a.number, a.name, pc.number, trim(pc.first_name || ' ' || pc.last_name),"
    " pc.email, o.amount::text, o.currency, o.expected_close::text, s.id, s.position, s.name, s.kind,"
    " s.probability, o.probability, o.owner_id, u.display_name, o.version, crm_micros(o.created_at),"
    " crm_micros(o.updated_at), crm_micros(o.closed_at), l.number";
std::string opportunity_from(std::string_view opportunities, std::string_view accounts, std::string_view contacts) {
    return " from " + std::string(opportunities) + " o"
           " join " + std::string(accounts) + " a on a.tenant_id = o.tenant_id and a.id = o.account_id"
           " join pipeline_stages s on s.tenant_id = o.tenant_id and s.id = o.stage_id"
           " join users u on u.tenant_id = o.tenant_id and u.id = o.owner_id"
           " left join " + std::string(contacts) + " pc on pc.tenant_id = o.tenant_id and pc.id = o.primary_contact_id"
           " left join leads l on l.tenant_id = o.tenant_id and l.id = o.lead_id ";
}
const std::string kOpportunityFrom = opportunity_from("opportunities", "accounts", "contacts");
const std::string kOpportunitySelect = kOpportunityColumns + kOpportunityFrom;

}  // namespace

Opportunity opportunity_from_row(const pqxx::row& r) {
    Opportunity o;
    o.id = r[0].as<RowId>();
    o.number = r[1].as<std::int32_t>();
    o.name = r[2].as<std::string>();
    o.account = {{RecordKind::account, r[3].as<std::int32_t>()}, r[4].as<std::string>(), {}};
    if (!r[5].is_null())
        o.primary_contact = RecordSummary{{RecordKind::contact, r[5].as<std::int32_t>()}, r[6].as<std::string>(),
                                          r[7].as<std::string>()};
    if (!r[8].is_null())
        o.amount = Money{Money::parse_amount(r[8].as<std::string>()).value_or(0), r[9].as<std::string>()};
    if (!r[10].is_null()) o.expected_close = parse_date(r[10].as<std::string>());
    o.stage.id = r[11].as<RowId>();
    o.stage.position = r[12].as<std::int32_t>();
    o.stage.name = r[13].as<std::string>();
    o.stage.kind = stage_kind_from_string(r[14].as<std::string>()).value_or(StageKind::open);
    o.stage.probability = r[15].as<std::int32_t>();
    o.probability = r[16].as<std::int32_t>();
    o.owner = {r[17].as<RowId>(), r[18].as<std::string>()};
    o.version = r[19].as<std::int32_t>();
    o.created_at = pg::from_micros(r[20].as<long long>());
    o.updated_at = pg::from_micros(r[21].as<long long>());
    o.closed_at = pg::optional_time(r[22]);
    if (!r[23].is_null()) o.from_lead = RecordRef{RecordKind::lead, r[23].as<std::int32_t>()};
    return o;
}

std::string opportunity_select_from(std::string_view opportunities, std::string_view accounts,
                                    std::string_view contacts) {
    return kOpportunityColumns + opportunity_from(opportunities, accounts, contacts);
}

OpportunityOverview load_opportunity_overview(pg::Tx& tx, const Actor& actor, std::int32_t number,
                                              std::int32_t recent_events) {
    // The deal's events, and the conversion that made it ($5: its short ref).
    static const pg::Sql kOverview{"opportunity_overview", kOpportunityColumns + ", " +
        record_card_columns("opportunity", "o", 3, 4,
                            "e.record_kind = 'lead' and e.action = 'converted' and e.after ->> 'opportunity' = $5") +
        kOpportunityFrom + "where o.tenant_id = $1 and o.number = $2"};
    const RecordRef ref{RecordKind::opportunity, number};
    auto row = tx.maybe_row(kOverview, actor.tenant, number, actor.user_id, std::clamp(recent_events, 0, 200),
                            ref.display());
    if (!row) fail(ErrorCode::not_found, ref.display() + " not found");
    const auto& r = *row;
    return {opportunity_from_row(r), {r[24].as<std::int32_t>(), r[25].as<bool>()},
            events_from_json(r[26].as<std::string>())};
}

Opportunity load_opportunity(pg::Tx& tx, const TenantId& tenant, std::int32_t number) {
    static const pg::Sql kGet{"opportunity_get", kOpportunitySelect + "where o.tenant_id = $1 and o.number = $2"};
    auto row = tx.maybe_row(kGet, tenant, number);
    if (!row) fail(ErrorCode::not_found, RecordRef{RecordKind::opportunity, number}.display() + " not found");
    return opportunity_from_row(*row);
}

std::pair<Opportunity, std::optional<Stage>> lock_opportunity_with_stage(pg::Tx& tx, const TenantId& tenant,
                                                                         std::int32_t number,
                                                                         const std::string& stage_name) {
    static const pg::Sql kLock{"opportunity_lock_with_stage",
        kOpportunityColumns + ", t.id, t.position, t.name, t.kind, t.probability" + kOpportunityFrom +
        "left join pipeline_stages t on t.tenant_id = o.tenant_id and lower(t.name) = lower($3)"
        " where o.tenant_id = $1 and o.number = $2 for update of o"};
    auto row = tx.maybe_row(kLock, tenant, number, text::trim(stage_name));
    if (!row) fail(ErrorCode::not_found, RecordRef{RecordKind::opportunity, number}.display() + " not found");
    std::optional<Stage> stage;
    const auto& r = *row;
    if (!r[24].is_null()) stage = stage_from_row(r.slice(24, 24 + kStageColumnCount));
    return {opportunity_from_row(r), std::move(stage)};
}

std::optional<Opportunity> move_open_opportunity(pg::Tx& tx, const Actor& actor, std::int32_t number,
                                                 const std::string& stage_name,
                                                 std::optional<std::int32_t> expected_version) {
    // `p` and `ps` are the deal and its stage as they were (the event's before);
    // the conditions on the deal sit in the UPDATE's WHERE, so a concurrent change
    // is re-checked rather than overwritten. The event matches Opportunities::move.
    // The deal as moved is read from the UPDATE's RETURNING (the statement's own
    // snapshot does not see its writes), joined like any other deal read.
    static const std::string kFromMoved = opportunity_select_from("moved", "accounts", "contacts");
    static const pg::Sql kMove{"opportunity_move_open",
        "with target as (select id, name, kind, probability from pipeline_stages"
        "  where tenant_id = $1 and lower(name) = lower($3)),"
        " moved as (update opportunities o set stage_id = t.id, probability = t.probability,"
        "  closed_at = case when t.kind <> 'open' then now() end, version = o.version + 1, updated_at = now()"
        "  from opportunities p join pipeline_stages ps on ps.tenant_id = p.tenant_id and ps.id = p.stage_id, target t"
        "  where p.tenant_id = $1 and p.number = $2 and o.tenant_id = $1 and o.number = $2 and o.id = p.id"
        "  and o.stage_id = p.stage_id and ps.kind = 'open' and t.id <> p.stage_id"
        "  and ($4::integer is null or o.version = $4)"
        "  returning o.*, p.stage_id as from_id, ps.name as from_name, ps.kind as from_kind,"
        "  p.probability as from_probability, t.id as to_id, t.name as to_name, t.kind as to_kind,"
        "  t.probability as to_probability),"
        " history as (insert into stage_history (tenant_id, opportunity_id, from_stage_id, to_stage_id, changed_by)"
        "  select $1, id, from_id, to_id, $5 from moved),"
        " event as (insert into events (tenant_id, actor_id, record_kind, record_id, record_number, action, before, after,"
        "  fanout) select $1, $6::bigint, 'opportunity', m.id, m.number, 'stage_moved',"
        "  jsonb_build_object('stage', m.from_name, 'stage_kind', m.from_kind, 'probability', m.from_probability::text),"
        "  jsonb_build_object('stage', m.to_name, 'stage_kind', m.to_kind, 'probability', m.to_probability::text), " +
        audience_sql("opportunity", "m.id", "$6::bigint", "'stage_moved'", "m.account_id") +
        "  from moved m) " +
        kFromMoved};
    auto row = tx.maybe_row(kMove, actor.tenant, number, text::trim(stage_name), expected_version, actor.user_id,
                            event_actor(actor));
    if (!row) return std::nullopt;
    return opportunity_from_row(*row);
}

Opportunity lock_opportunity(pg::Tx& tx, const TenantId& tenant, std::int32_t number) {
    static const pg::Sql kLock{"opportunity_lock",
                               kOpportunitySelect + "where o.tenant_id = $1 and o.number = $2 for update of o"};
    auto row = tx.maybe_row(kLock, tenant, number);
    if (!row) fail(ErrorCode::not_found, RecordRef{RecordKind::opportunity, number}.display() + " not found");
    return opportunity_from_row(*row);
}

Opportunity load_opportunity_by_id(pg::Tx& tx, const TenantId& tenant, RowId id) {
    static const pg::Sql kGet{"opportunity_get_id", kOpportunitySelect + "where o.tenant_id = $1 and o.id = $2"};
    return opportunity_from_row(tx.row(kGet, tenant, id));
}

std::vector<Opportunity> list_opportunities(pg::Tx& tx, const TenantId& tenant, const OpportunityFilter& f) {
    static const pg::Sql kList{"opportunity_list", kOpportunitySelect +
        "where o.tenant_id = $1 and ($2::bigint is null or o.owner_id = $2)"
        " and ($3::text is null or lower(s.name) = lower($3))"
        " and (not $4 or s.kind = 'open')"
        " and ($5::int is null or a.number = $5)"
        " and ($6::text is null or (o.name || ' ' || a.name) ilike $6)"
        " and ($9::date is null or o.expected_close >= $9) and ($10::date is null or o.expected_close <= $10)"
        " order by o.number desc limit $7 offset $8"};
    std::optional<std::string> pattern;
    if (auto t = text::trim(f.text); !t.empty()) pattern = text::like_pattern(t);
    std::vector<Opportunity> out;
    std::optional<std::string> from, to;
    if (f.close_from) from = to_iso(*f.close_from);
    if (f.close_to) to = to_iso(*f.close_to);
    for (const auto& r : tx.exec(kList, tenant, f.owner_id, f.stage, f.open_only, f.account_number, pattern,
                                 page_limit(f.page) + 1, page_offset(f.page), from, to))
        out.push_back(opportunity_from_row(r));
    return out;
}

Inserted insert_opportunity(pg::Tx& tx, const Actor& actor, const NewOpportunity& o) {
    // The deal and its first stage history row in one statement.
    static const pg::Sql kInsert{"opportunity_insert", next_number_cte(RecordKind::opportunity) +
        ", created as (insert into opportunities (tenant_id, number, name, account_id, primary_contact_id, amount, currency,"
        " expected_close, stage_id, probability, owner_id, lead_id, closed_at)"
        " select $1, n.last_number, $2, $3, $4, $5::numeric, $6, $7::date, $8, $9, $10, $11,"
        " case when $12 then now() end from n returning id, number),"
        " history as (insert into stage_history (tenant_id, opportunity_id, from_stage_id, to_stage_id, changed_by)"
        " select $1, id, null, $8, $13 from created)"
        " select id, number from created"};
    std::optional<std::string> amount, currency, close;
    if (o.amount) {
        amount = o.amount->amount_text();
        currency = o.amount->currency;
    }
    if (o.expected_close) close = to_iso(*o.expected_close);
    auto r = tx.row(kInsert, actor.tenant, o.name, o.account_id, o.primary_contact_id, amount, currency, close,
                    o.stage.id, o.stage.probability, o.owner_id, o.lead_id, o.stage.closed(), actor.user_id);
    return {r[0].as<RowId>(), r[1].as<std::int32_t>()};
}

}  // namespace crm::rows
