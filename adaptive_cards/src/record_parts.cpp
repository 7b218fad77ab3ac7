#include "record_parts.hpp"

#include "strings.hpp"

#include <adaptive_cards/format.hpp>
#include <adaptive_cards/text.hpp>
#include <adaptive_cards/verbs.hpp>

#include <algorithm>

namespace cards {

using nlohmann::json;

std::string user_text(std::string_view text, std::size_t max_chars) { return escape_markdown(clip(text, max_chars)); }

std::string ref_and_name(const crm::RecordSummary& record) {
    return record.ref.display() + " " + user_text(record.name);
}

std::string lead_person(const crm::Lead& lead) {
    std::string person = lead.first_name + (lead.first_name.empty() || lead.last_name.empty() ? "" : " ") + lead.last_name;
    return person.empty() ? lead.company : person;
}

std::string deal_line(const crm::Opportunity& deal) {
    return deal.ref().display() + " " + user_text(deal.name) + " · " + user_text(deal.stage.name, 60);
}

json record_header(const crm::RecordRef& ref, std::string_view name, Locale locale) {
    return container(json::array({
        subtle_text(std::string(kind_name(ref.kind, locale)) + " · " + ref.display()),
        tight(heading(user_text(name), "large")),
    }));
}

std::string change_value(const std::string& value, Locale locale, std::size_t max_chars) {
    if (value.size() == 10)
        if (auto date = crm::parse_date(value)) return format_date(*date, locale);
    return user_text(value, max_chars);
}

std::string_view outcome_color(crm::StageKind kind) {
    switch (kind) {
        case crm::StageKind::won: return "good";
        case crm::StageKind::lost: return "attention";
        case crm::StageKind::unqualified: return "warning";
        case crm::StageKind::open: break;
    }
    return "default";
}

std::string followers_text(const FollowInfo& followers, Locale locale) {
    if (followers.count <= 0) return {};
    std::string out = format_integer(followers.count, locale);
    if (followers.viewer_follows) out += ", " + std::string(tr(S::including_you, locale));
    return out;
}

json recent_events(const std::vector<crm::Event>& events, Locale locale) {
    if (events.empty()) return nullptr;
    json items = json::array();
    items.push_back(heading(std::string(tr(S::recent_activity, locale))));
    const auto n = std::min(events.size(), kMaxRecentEvents);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& e = events[i];
        std::string line = format_timestamp(e.at, locale) + " · " +
                           (e.actor ? user_text(e.actor->name) : std::string(tr(S::system_actor, locale))) + " · " +
                           event_action_name(e.action, locale);
        // At most three changed fields per line: this is a glance, the timeline has the rest.
        const auto shown = std::min<std::size_t>(e.changes.size(), 3);
        for (std::size_t c = 0; c < shown; ++c) {
            const auto& change = e.changes[c];
            line += (c == 0 ? ": " : "; ") + user_text(field_name(change.field, locale), 60) + " ";
            if (change.before) line += change_value(*change.before, locale, 60) + " → ";
            line += change.after ? change_value(*change.after, locale, 60) : std::string(tr(S::removed, locale));
        }
        json block = text_block(std::move(line));
        block["size"] = "small";
        items.push_back(tight(std::move(block)));
    }
    return container(std::move(items));
}

json follow_action(const std::string& record, const FollowInfo& followers, Locale locale) {
    if (followers.viewer_follows)
        return execute_action(std::string(tr(S::unfollow, locale)), verbs::kUnfollow, {{"record", record}});
    return execute_action(std::string(tr(S::follow, locale)), verbs::kFollow, {{"record", record}});
}

json show_action(std::string title, const crm::RecordRef& ref) {
    return execute_action(std::move(title), verbs::kShow, {{"record", ref.display()}});
}

json command_action(std::string title, std::string command) {
    return execute_action(std::move(title), verbs::kCommand, {{"text", std::move(command)}});
}

json open_form_action(std::string title, std::string_view form, const std::string& record) {
    json data = {{"form", form}};
    if (!record.empty()) data["record"] = record;
    return execute_action(std::move(title), verbs::kOpenForm, std::move(data));
}

json viewer_card(const std::string& record, const CardContext& context) {
    json card = make_card(Width::full);
    set_refresh(card, record, context.refresh_user_ids);
    return card;
}

}  // namespace cards
