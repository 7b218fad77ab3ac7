#include "app/record_typeahead.hpp"

#include "log/log.hpp"
#include "schema/json_fields.hpp"

#include <algorithm>

namespace bot::app {

namespace {
std::int32_t option(const nlohmann::json& value, const char* name, std::int32_t fallback) {
    return schema::int_at(value, "queryOptions", name).value_or(fallback);
}
}  // namespace

crm::Result<std::vector<crm::RecordSummary>> RecordTypeahead::find(const crm::Actor& actor, const std::string& text,
                                                                   std::int32_t skip, std::int32_t count) {
    skip = std::max(skip, 0);
    count = std::clamp(count, 1, kMaxResults);
    // Enough of each kind to cut the page from, merged newest first.
    const crm::PageRequest page{0, skip + count};
    const std::optional<crm::RowId> owner = text.empty() ? std::optional(actor.user_id) : std::nullopt;
    struct Found {
        crm::Timestamp updated;
        crm::RecordSummary summary;
    };
    std::vector<Found> found;
    auto leads = crm_.leads.list(actor, {owner, {}, text, false, page});
    if (!leads) return leads.error();
    for (const auto& l : leads->items) found.push_back({l.updated_at, {l.ref(), l.display_name(), {}}});
    crm::OpportunityFilter deals;
    deals.owner_id = owner;
    deals.text = text;
    deals.page = page;
    auto opportunities = crm_.opportunities.list(actor, deals);
    if (!opportunities) return opportunities.error();
    for (const auto& o : opportunities->items) found.push_back({o.updated_at, {o.ref(), o.name, {}}});
    std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.updated > b.updated; });

    std::vector<crm::RecordSummary> out;
    for (std::size_t i = static_cast<std::size_t>(skip); i < found.size() && out.size() < static_cast<std::size_t>(count); ++i)
        out.push_back(found[i].summary);
    return out;
}

nlohmann::json RecordTypeahead::search(const crm::Actor& actor, const nlohmann::json& value) {
    const std::string text = value.is_object() && value.contains("queryText") && value["queryText"].is_string()
                                  ? value["queryText"].get<std::string>()
                                  : std::string();
    std::vector<schema::SearchChoice> choices;
    auto found = find(actor, text, option(value, "skip", 0), option(value, "top", kMaxResults));
    if (!found) {
        // The drop-down just stays empty; the reason goes to the log.
        log::warn("typeahead search failed", {{"reason", found.error().message}});
        return schema::search_response(choices);
    }
    for (const auto& r : *found) choices.push_back({r.ref.display() + " " + r.name, r.ref.display()});
    return schema::search_response(choices);
}

}  // namespace bot::app
