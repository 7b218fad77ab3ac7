#include "record_parts.hpp"

#include "strings.hpp"

#include <adaptive_cards/format.hpp>
#include <adaptive_cards/text.hpp>
#include <adaptive_cards/verbs.hpp>

#include <algorithm>
#include <charconv>

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

namespace {

// Amounts as the core logs them: "12500.00", or "12500.00 EUR" with their currency.
std::optional<std::string> money_value(std::string_view text, std::string_view currency, Locale locale) {
    if (const auto space = text.rfind(' '); space != std::string_view::npos && crm::is_currency_code(text.substr(space + 1))) {
        currency = text.substr(space + 1);
        text = text.substr(0, space);
    }
    const auto cents = crm::Money::parse_amount(text);
    if (!cents) return std::nullopt;
    if (crm::is_currency_code(currency)) return format_money({*cents, std::string(currency)}, locale);
    return format_cents(*cents, locale);
}

std::optional<std::int32_t> whole_number(std::string_view text) {
    std::int32_t n = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return n;
}

// One logged value in the reader's language; currency: the one it is in, if it is an amount.
std::string shown_value(std::string_view field, const std::string& value, std::string_view currency, Locale locale,
                        std::size_t max_chars) {
    if (field == "amount")
        if (auto money = money_value(value, currency, locale)) return *money;
    if (field == "probability")
        if (auto p = whole_number(value); p && *p >= 0 && *p <= 100) return format_percent(*p, locale);
    if (field == "status")
        if (auto status = crm::lead_status_from_string(value)) return std::string(lead_status_name(*status, locale));
    if (value.size() == 10)
        if (auto date = crm::parse_date(value)) return format_date(*date, locale);
    return user_text(value, max_chars);
}

bool is_id(const std::optional<std::string>& value) {
    return value && !value->empty() && std::all_of(value->begin(), value->end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<ShownChange> shown_changes(const std::vector<crm::FieldChange>& changes, std::string_view currency,
                                       Locale locale, std::size_t max_chars) {
    const auto find = [&](std::string_view field) {
        return std::find_if(changes.begin(), changes.end(), [&](const auto& c) { return c.field == field; });
    };
    const auto currency_change = find("currency");
    const bool amount_changed = find("amount") != changes.end();
    // The currency each side of an amount is in: the event's own, else the record's.
    auto currency_of = [&](const std::optional<std::string>& side) -> std::string_view {
        if (currency_change != changes.end() && side) return *side;
        return currency;
    };
    std::vector<ShownChange> out;
    for (const auto& change : changes) {
        // Not for reading: the kind is the stage's colour, the link becomes a button.
        if (change.field == "stage_kind" || change.field == "message_link") continue;
        if (change.field == "currency" && amount_changed) continue;
        if (change.field == "owner_id" || (change.field == "owner" && (is_id(change.before) || is_id(change.after)))) {
            out.push_back({change.field, user_text(field_name("owner", locale), 60), std::nullopt, std::nullopt, false});
            continue;
        }
        ShownChange shown{change.field, user_text(field_name(change.field, locale), 60), std::nullopt, std::nullopt, true};
        const bool amount = change.field == "amount" && currency_change != changes.end();
        if (change.before)
            shown.before = shown_value(change.field, *change.before,
                                       amount ? currency_of(currency_change->before) : currency, locale, max_chars);
        if (change.after)
            shown.after = shown_value(change.field, *change.after,
                                      amount ? currency_of(currency_change->after) : currency, locale, max_chars);
        out.push_back(std::move(shown));
    }
    return out;
}

std::string change_values(const ShownChange& change, Locale locale, bool bold_after) {
    std::string text;
    if (change.before) text = *change.before + " → ";
    if (!change.after) return text + std::string(tr(S::removed, locale));
    return text + (bold_after ? "**" + *change.after + "**" : *change.after);
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

namespace {
// The field an action already names: "stage moved: Qualification → Proposal", not "stage moved: Stage ...".
std::string_view action_field(std::string_view action) {
    if (action == "stage_moved" || action == "reopened") return "stage";
    if (action == "status_changed") return "status";
    return {};
}
}  // namespace

json recent_events(const std::vector<crm::Event>& events, Locale locale, std::string_view currency) {
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
        const auto changes = shown_changes(e.changes, currency, locale, 60);
        const auto shown = std::min<std::size_t>(changes.size(), 3);
        for (std::size_t c = 0; c < shown; ++c) {
            const auto& change = changes[c];
            line += c == 0 ? ": " : "; ";
            const bool named_by_action = c == 0 && change.values && change.field == action_field(e.action);
            if (!named_by_action) line += change.name + (change.values ? " " : "");
            if (change.values) line += change_values(change, locale);
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
