#include "rows/rows.hpp"

#include "event_log.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace crm::rows {

std::string next_number_query(RecordKind kind) {
    // The body of crm_next_number, inlined: a prepared statement plans it once,
    // where a call to the SQL function would parse and plan it on every insert.
    return "select nextval(('crm_numbers_' || t.seq || '_" + std::string(1, number_prefix(kind)) +
           "')::regclass)::integer as last_number from tenants t where t.id = $1::text";
}

std::string next_number_cte(RecordKind kind) { return "with n as (" + next_number_query(kind) + ") "; }

void require_user(pg::Tx& tx, const TenantId& tenant, RowId user_id, const char* field) {
    static const pg::Sql kUser{"user_exists", "select 1 from users where tenant_id = $1 and id = $2"};
    if (!tx.maybe_row(kUser, tenant, user_id)) fail_validation(field, "no such user in this organization");
}

std::int32_t page_limit(const PageRequest& page) { return std::clamp(page.limit, 1, 100); }
std::int32_t page_offset(const PageRequest& page) { return std::max(page.offset, 0); }

void check_version(const Locked& row, std::optional<std::int32_t> expected_version, RecordRef ref) {
    if (expected_version && *expected_version != row.version)
        fail(ErrorCode::conflict, ref.display() + " was changed by someone else (version " +
                                      std::to_string(row.version) + ", you had " +
                                      std::to_string(*expected_version) + "); reload it and try again");
}

RowId record_id(pg::Tx& tx, const TenantId& tenant, RecordRef ref) {
    static const pg::Sql kLead{"id_lead", "select id from leads where tenant_id = $1 and number = $2"};
    static const pg::Sql kContact{"id_contact", "select id from contacts where tenant_id = $1 and number = $2"};
    static const pg::Sql kAccount{"id_account", "select id from accounts where tenant_id = $1 and number = $2"};
    static const pg::Sql kOpportunity{"id_opportunity",
                                      "select id from opportunities where tenant_id = $1 and number = $2"};
    const pg::Sql* q = nullptr;
    switch (ref.kind) {
        case RecordKind::lead: q = &kLead; break;
        case RecordKind::contact: q = &kContact; break;
        case RecordKind::account: q = &kAccount; break;
        case RecordKind::opportunity: q = &kOpportunity; break;
    }
    auto row = tx.maybe_row(*q, tenant, ref.number);
    if (!row) fail(ErrorCode::not_found, ref.display() + " not found");
    return (*row)[0].as<RowId>();
}

std::string record_card_columns(std::string_view kind, std::string_view alias, int user_param, int limit_param,
                                const std::string& extra_events) {
    const std::string k(kind), a(alias), id_col = k == "lead" ? "lead_id" : k == "opportunity" ? "opportunity_id" : "account_id";
    const std::string user = std::string("$").append(std::to_string(user_param));
    const std::string limit = std::string("$").append(std::to_string(limit_param));
    const std::string followers = " from followers f where f.tenant_id = " + a + ".tenant_id and f.target_kind = '" + k +
                                  "' and f." + id_col + " = " + a + ".id";
    return "(select count(*)" + followers + ")::integer,"
           " exists (select 1" + followers + " and f.user_id = " + user + "),"
           " (select coalesce(json_agg(x order by x.id desc), '[]') from ("
           "   select e.id, crm_micros(e.occurred_at) as at, e.actor_id, u.display_name as actor_name,"
           "   e.record_kind, e.record_number, e.action, e.before, e.after from events e"
           "   left join users u on u.tenant_id = e.tenant_id and u.id = e.actor_id"
           "   where e.tenant_id = " + a + ".tenant_id and ((e.record_kind = '" + k + "' and e.record_id = " + a + ".id)" +
           (extra_events.empty() ? std::string() : " or (" + extra_events + ")") + ")"
           "   order by e.id desc limit " + limit + ") x)::text";
}

std::vector<Event> events_from_json(const std::string& json) {
    std::vector<Event> out;
    for (const auto& j : nlohmann::json::parse(json)) {
        Event e;
        e.id = j.at("id").get<RowId>();
        e.at = pg::from_micros(j.at("at").get<long long>());
        if (!j.at("actor_id").is_null())
            e.actor = UserSummary{j.at("actor_id").get<RowId>(), j.value("actor_name", std::string())};
        e.record_kind = j.at("record_kind").get<std::string>();
        if (!j.at("record_number").is_null()) e.record_number = j.at("record_number").get<std::int32_t>();
        e.action = j.at("action").get<std::string>();
        e.changes = changes_from_json(j.at("before").dump(), j.at("after").dump());
        out.push_back(std::move(e));
    }
    return out;
}

std::string record_id_sql(RecordKind kind, int number_param) {
    const char* table = kind == RecordKind::lead      ? "leads"
                        : kind == RecordKind::contact ? "contacts"
                        : kind == RecordKind::account ? "accounts"
                                                      : "opportunities";
    return std::string("(select id from ").append(table).append(" where tenant_id = $1 and number = $")
        .append(std::to_string(number_param)).append("::integer)");
}

}  // namespace crm::rows
