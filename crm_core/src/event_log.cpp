#include "event_log.hpp"

#include <nlohmann/json.hpp>

namespace crm {

void Changes::add(std::string field, std::optional<std::string> before, std::optional<std::string> after) {
    items_.push_back({std::move(field), std::move(before), std::move(after)});
}

void Changes::diff(std::string field, const std::string& before, const std::string& after) {
    if (before != after) add(std::move(field), before, after);
}

std::optional<RowId> event_actor(const Actor& actor) {
    if (actor.user_id == 0) return std::nullopt;
    return actor.user_id;
}

EventParams event_params(const Actor& actor, std::string_view action, const Changes& changes) {
    nlohmann::json before = nlohmann::json::object(), after = nlohmann::json::object();
    for (const auto& c : changes.items()) {
        if (c.before) before[c.field] = *c.before;
        if (c.after) after[c.field] = *c.after;
    }
    EventParams p;
    p.actor_id = event_actor(actor);
    p.action = std::string(action);
    p.before = before.dump();
    p.after = after.dump();
    return p;
}

RowId record_event(pg::Tx& tx, const Actor& actor, EventRecord record, std::string_view action,
                   const Changes& changes) {
    static const pg::Sql kInsert{"event_insert",
        "insert into events (tenant_id, actor_id, record_kind, record_id, record_number, action, before, after)"
        " values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb) returning id"};
    auto p = event_params(actor, action, changes);
    return tx.row(kInsert, actor.tenant, p.actor_id, std::string(record.kind), record.id, record.number, p.action,
                  p.before, p.after)[0]
        .as<RowId>();
}

std::string event_cte(std::string_view kind, std::string_view source, int first_param) {
    auto param = [&](int offset) { return std::string(1, '$').append(std::to_string(first_param + offset)); };
    std::string sql = "event as (insert into events (tenant_id, actor_id, record_kind, record_id, record_number,"
                      " action, before, after, fanout) select $1, ";
    sql.append(param(0)).append("::bigint, '").append(kind).append("', s.id, s.number, ");
    sql.append(param(1)).append("::text, ").append(param(2)).append("::jsonb, ").append(param(3)).append("::jsonb, ");
    sql.append(audience_sql(kind, "s.id", param(0) + "::bigint", param(1) + "::text"));
    sql.append(" from ").append(source).append(" s)");
    return sql;
}

std::string audience_sql(std::string_view kind, std::string_view record_id, std::string_view actor,
                         std::string_view action, std::string_view account) {
    // As crm_event_fanout finds them (migration 0010): keep the two in step.
    auto followers_of = [&](std::string_view target_kind, std::string_view id) {
        return "exists (select 1 from followers f where f.tenant_id = $1 and f.target_kind = '" +
               std::string(target_kind) + "' and coalesce(f.lead_id, f.opportunity_id, f.account_id, 0) = " +
               std::string(id) + " and f.user_id is distinct from " + std::string(actor) + ")";
    };
    std::string news = "(";
    news.append(action).append(") not in ('followed', 'unfollowed')");
    if (kind == "lead" || kind == "account") return "(" + news + " and " + followers_of(kind, record_id) + ")";
    if (kind != "opportunity") return "false";
    const std::string id(record_id);
    const std::string account_id = account.empty()
        ? "(select o.account_id from opportunities o where o.tenant_id = $1 and o.id = " + id + ")"
        : std::string(account);
    return "(exists (select 1 from live_cards c where c.tenant_id = $1 and c.opportunity_id = " + id +
           " and c.live_until > now()) or (" + news + " and (" + followers_of("opportunity", id) + " or " +
           followers_of("account", account_id) + " or " + followers_of("pipeline", "0") + ")))";
}

std::vector<FieldChange> changes_from_json(const std::string& before_text, const std::string& after_text) {
    auto before = nlohmann::json::parse(before_text, nullptr, false);
    auto after = nlohmann::json::parse(after_text, nullptr, false);
    std::vector<FieldChange> out;
    auto text_of = [](const nlohmann::json& v) {
        return v.is_string() ? v.get<std::string>() : v.dump();
    };
    if (after.is_object())
        for (auto& [k, v] : after.items()) {
            FieldChange fc{k, std::nullopt, text_of(v)};
            if (before.is_object() && before.contains(k)) fc.before = text_of(before[k]);
            out.push_back(std::move(fc));
        }
    if (before.is_object())
        for (auto& [k, v] : before.items())
            if (!after.is_object() || !after.contains(k)) out.push_back({k, text_of(v), std::nullopt});
    return out;
}

}  // namespace crm
