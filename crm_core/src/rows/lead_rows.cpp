#include "rows/rows.hpp"

#include "event_log.hpp"
#include "text.hpp"

#include <algorithm>

namespace crm::rows {

namespace {
const std::string kLeadSelect =
    "select l.id, l.number, l.first_name, l.last_name, l.company, l.email, l.phone, l.title, l.source,"
    " l.status, l.owner_id, u.display_name, l.version, crm_micros(l.created_at), crm_micros(l.updated_at),"
    " crm_micros(l.converted_at), c.number, trim(c.first_name || ' ' || c.last_name), c.email,"
    " a.number, a.name, o.number, o.name"
    " from leads l"
    " join users u on u.tenant_id = l.tenant_id and u.id = l.owner_id"
    " left join contacts c on c.tenant_id = l.tenant_id and c.id = l.converted_contact_id"
    " left join accounts a on a.tenant_id = l.tenant_id and a.id = l.converted_account_id"
    " left join opportunities o on o.tenant_id = l.tenant_id and o.id = l.converted_opportunity_id ";

std::optional<RecordSummary> summary(const pqxx::row& r, int number_col, int name_col, RecordKind kind,
                                     int email_col = -1) {
    if (r[number_col].is_null()) return std::nullopt;
    RecordSummary s{{kind, r[number_col].as<std::int32_t>()}, r[name_col].as<std::string>(), {}};
    if (email_col >= 0) s.email = r[email_col].as<std::string>();
    return s;
}

Lead lead_from_row(const pqxx::row& r) {
    Lead l;
    l.id = r[0].as<RowId>();
    l.number = r[1].as<std::int32_t>();
    l.first_name = r[2].as<std::string>();
    l.last_name = r[3].as<std::string>();
    l.company = r[4].as<std::string>();
    l.email = r[5].as<std::string>();
    l.phone = r[6].as<std::string>();
    l.title = r[7].as<std::string>();
    l.source = r[8].as<std::string>();
    l.status = lead_status_from_string(r[9].as<std::string>()).value_or(LeadStatus::new_);
    l.owner = {r[10].as<RowId>(), r[11].as<std::string>()};
    l.version = r[12].as<std::int32_t>();
    l.created_at = pg::from_micros(r[13].as<long long>());
    l.updated_at = pg::from_micros(r[14].as<long long>());
    l.converted_at = pg::optional_time(r[15]);
    l.converted_contact = summary(r, 16, 17, RecordKind::contact, 18);
    l.converted_account = summary(r, 19, 20, RecordKind::account);
    l.converted_opportunity = summary(r, 21, 22, RecordKind::opportunity);
    return l;
}
}  // namespace

Lead load_lead(pg::Tx& tx, const TenantId& tenant, std::int32_t number) {
    static const pg::Sql kGet{"lead_get", kLeadSelect + "where l.tenant_id = $1 and l.number = $2"};
    auto row = tx.maybe_row(kGet, tenant, number);
    if (!row) fail(ErrorCode::not_found, RecordRef{RecordKind::lead, number}.display() + " not found");
    return lead_from_row(*row);
}

std::pair<Lead, std::optional<Stage>> load_lead_with_first_open_stage(pg::Tx& tx, const TenantId& tenant,
                                                                      std::int32_t number) {
    static const pg::Sql kGet{"lead_get_first_open_stage",
        kLeadSelect.substr(0, kLeadSelect.find(" from leads l")) + ", s.id, s.position, s.name, s.kind, s.probability " +
        kLeadSelect.substr(kLeadSelect.find("from leads l")) +
        "left join lateral (select id, position, name, kind, probability from pipeline_stages"
        " where tenant_id = l.tenant_id and kind = 'open' order by position limit 1) s on true"
        " where l.tenant_id = $1 and l.number = $2"};
    auto row = tx.maybe_row(kGet, tenant, number);
    if (!row) fail(ErrorCode::not_found, RecordRef{RecordKind::lead, number}.display() + " not found");
    std::optional<Stage> stage;
    const auto& r = *row;
    if (!r[23].is_null()) stage = stage_from_row(r.slice(23, 23 + kStageColumnCount));
    return {lead_from_row(r), std::move(stage)};
}

std::optional<Lead> change_lead_status(pg::Tx& tx, const Actor& actor, std::int32_t number,
                                       const std::string& allowed_from, const std::string& status,
                                       std::optional<std::int32_t> expected_version) {
    // `o` is the row as it was (the event's before); every condition sits in the
    // UPDATE's own WHERE, so a concurrent change is re-checked, never overwritten.
    // Converted leads never qualify, so the converted_* columns are null. `l` is
    // found by its number too: a plan made on small tables otherwise scanned the
    // tenant's leads for it.
    static const pg::Sql kChange{"lead_status_change",
        "with changed as (update leads l set status = $4, version = l.version + 1, updated_at = now()"
        "  from leads o where o.tenant_id = $1 and o.number = $2 and l.tenant_id = $1 and l.number = $2 and l.id = o.id"
        "  and l.converted_at is null and l.status = any(string_to_array($3, ','))"
        "  and ($5::integer is null or l.version = $5)"
        "  returning l.*, o.status as before),"
        " event as (insert into events (tenant_id, actor_id, record_kind, record_id, record_number, action, before, after,"
        "  fanout) select $1, $6::bigint, 'lead', c.id, c.number, 'status_changed', jsonb_build_object('status', c.before),"
        "  jsonb_build_object('status', c.status), " + audience_sql("lead", "c.id", "$6::bigint", "'status_changed'") +
        "  from changed c)"
        " select c.id, c.number, c.first_name, c.last_name, c.company, c.email, c.phone, c.title, c.source,"
        " c.status, c.owner_id, u.display_name, c.version, crm_micros(c.created_at), crm_micros(c.updated_at),"
        " null::bigint, null::integer, null::text, null::text, null::integer, null::text, null::integer, null::text"
        " from changed c join users u on u.tenant_id = $1 and u.id = c.owner_id"};
    auto row = tx.maybe_row(kChange, actor.tenant, number, allowed_from, status, expected_version, event_actor(actor));
    if (!row) return std::nullopt;
    return lead_from_row(*row);
}

LeadOverview load_lead_overview(pg::Tx& tx, const Actor& actor, std::int32_t number, std::int32_t recent_events) {
    static const pg::Sql kOverview{"lead_overview", kLeadSelect.substr(0, kLeadSelect.find(" from leads l")) + ", " +
        record_card_columns("lead", "l", 3, 4) + " " + kLeadSelect.substr(kLeadSelect.find("from leads l")) +
        "where l.tenant_id = $1 and l.number = $2"};
    auto row = tx.maybe_row(kOverview, actor.tenant, number, actor.user_id, std::clamp(recent_events, 0, 200));
    if (!row) fail(ErrorCode::not_found, RecordRef{RecordKind::lead, number}.display() + " not found");
    const auto& r = *row;
    return {lead_from_row(r), {r[23].as<std::int32_t>(), r[24].as<bool>()}, events_from_json(r[25].as<std::string>())};
}

Lead lock_lead(pg::Tx& tx, const TenantId& tenant, std::int32_t number) {
    static const pg::Sql kLock{"lead_lock", kLeadSelect + "where l.tenant_id = $1 and l.number = $2 for update of l"};
    auto row = tx.maybe_row(kLock, tenant, number);
    if (!row) fail(ErrorCode::not_found, RecordRef{RecordKind::lead, number}.display() + " not found");
    return lead_from_row(*row);
}

std::vector<Lead> list_leads(pg::Tx& tx, const TenantId& tenant, const LeadFilter& f) {
    static const pg::Sql kList{"lead_list", kLeadSelect +
        "where l.tenant_id = $1"
        " and ($2::bigint is null or l.owner_id = $2)"
        " and ($3::text is null or l.status = $3)"
        " and ($4::text is null or (l.first_name || ' ' || l.last_name || ' ' || l.company || ' ' || l.email)"
        "      ilike $4)"
        " and ($5 or l.converted_at is null)"
        " order by l.number desc limit $6 offset $7"};
    std::optional<std::string> status, pattern;
    if (f.status) status = std::string(to_string(*f.status));
    if (auto t = text::trim(f.text); !t.empty()) pattern = text::like_pattern(t);
    std::vector<Lead> out;
    for (const auto& r : tx.exec(kList, tenant, f.owner_id, status, pattern, f.include_converted,
                                 page_limit(f.page) + 1, page_offset(f.page)))
        out.push_back(lead_from_row(r));
    return out;
}

}  // namespace crm::rows
