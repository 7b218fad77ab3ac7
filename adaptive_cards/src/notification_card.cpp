#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/format.hpp>
#include <adaptive_cards/verbs.hpp>
#include <adaptive_cards/message_cards.hpp>

namespace cards {

using nlohmann::json;

namespace {

inline constexpr std::size_t kMaxChanges = 20;
inline constexpr std::size_t kMaxValueChars = 300;

S headline(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::created: return S::notify_created;
        case ChangeKind::updated: return S::notify_updated;
        case ChangeKind::stage_moved: return S::notify_stage_moved;
        case ChangeKind::won: return S::notify_won;
        case ChangeKind::lost: return S::notify_lost;
        case ChangeKind::reopened: return S::notify_reopened;
        case ChangeKind::converted: return S::notify_converted;
        case ChangeKind::comment: return S::notify_comment;
    }
    return S::notify_updated;
}

std::string_view headline_color(ChangeKind kind) {
    if (kind == ChangeKind::won) return "good";
    if (kind == ChangeKind::lost) return "attention";
    return "default";
}

// Field | before → after, one row per changed field.
json change_row(const ShownChange& change, Locale locale) {
    json field = text_block(change.name);
    field["weight"] = "bolder";
    json value = change.values ? text_block(change_values(change, locale, true))
                               : text_block(std::string(tr(S::changed, locale)));
    json r = column_set(json::array({column(json::array({std::move(field)}), "2"), column(json::array({std::move(value)}), "5")}));
    r["spacing"] = "Small";
    return r;
}

}  // namespace

json notification_card(const NotificationCardData& data, const CardContext& context) {
    const Locale locale = context.locale;
    const std::string ref = data.record.display();
    json card = make_card(Width::full);
    add(card, record_header(data.record, data.record_name, locale));
    json line = text_block(fill(tr(headline(data.kind), locale), {user_text(data.actor_name)}));
    if (headline_color(data.kind) != "default") {
        line["color"] = headline_color(data.kind);
        line["weight"] = "bolder";
    }
    add(card, std::move(line));
    add(card, tight(subtle_text(format_timestamp(data.at, locale))));
    if (data.kind == ChangeKind::comment && !data.comment.empty())
        add(card, container(json::array({text_block(user_text(data.comment, kMaxLongChars))}), "emphasis"));
    const auto changes = shown_changes(data.changes, {}, locale, kMaxValueChars);
    for (std::size_t i = 0; i < changes.size() && i < kMaxChanges; ++i) add(card, change_row(changes[i], locale));
    if (changes.size() > kMaxChanges)
        add(card, subtle_text(fill(tr(S::more_not_shown, locale), {std::to_string(changes.size() - kMaxChanges)})));

    std::vector<json> actions;
    actions.push_back(show_action(std::string(tr(S::open, locale)), data.record));
    const bool commentable = data.record.kind == crm::RecordKind::lead || data.record.kind == crm::RecordKind::opportunity;
    if (commentable) actions.push_back(open_form_action(std::string(tr(S::comment, locale)), forms::kAddComment, ref));
    if (data.message_link.rfind("https://", 0) == 0)
        actions.push_back(open_url_action(std::string(tr(S::open_message, locale)), data.message_link));
    if (data.record.kind != crm::RecordKind::contact)
        actions.push_back(execute_action(std::string(tr(S::unfollow, locale)), verbs::kUnfollow, {{"record", ref}}));
    set_actions(card, std::move(actions));
    return card;
}

}  // namespace cards
