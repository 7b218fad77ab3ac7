#include "app/notification_cards.hpp"

#include <adaptive_cards/locale.hpp>
#include <adaptive_cards/message_cards.hpp>

#include <algorithm>

namespace bot::app {

namespace {
std::string after_value(const crm::Event& e, std::string_view field) {
    for (const auto& c : e.changes)
        if (c.field == field && c.after) return *c.after;
    return {};
}

cards::ChangeKind kind_of(const crm::Event& e) {
    if (e.action == "stage_moved") {
        auto kind = after_value(e, "stage_kind");
        if (kind == "won") return cards::ChangeKind::won;
        if (kind == "lost") return cards::ChangeKind::lost;
        return cards::ChangeKind::stage_moved;
    }
    if (e.action == "reopened") return cards::ChangeKind::reopened;
    if (e.action == "commented") return cards::ChangeKind::comment;
    if (e.action == "converted") return cards::ChangeKind::converted;
    if (e.action == "created") return cards::ChangeKind::created;
    return cards::ChangeKind::updated;
}

// How much a kind of change matters: the headline of a coalesced notification.
int weight(cards::ChangeKind k) {
    switch (k) {
        case cards::ChangeKind::won:
        case cards::ChangeKind::lost: return 5;
        case cards::ChangeKind::converted: return 4;
        case cards::ChangeKind::stage_moved:
        case cards::ChangeKind::reopened: return 3;
        case cards::ChangeKind::comment: return 2;
        case cards::ChangeKind::created: return 1;
        case cards::ChangeKind::updated: break;
    }
    return 0;
}

// One card for all the coalesced changes: the weightiest as the headline, every
// field change listed, the latest comment, everyone who changed something.
nlohmann::json change_card(const crm::Notification& n, const cards::CardContext& context) {
    cards::NotificationCardData d;
    d.record = n.record;
    d.record_name = n.record_name;
    int best = -1;
    std::vector<std::string> actors;
    for (const auto& e : n.events) {
        auto k = kind_of(e);
        if (weight(k) >= best) best = weight(k), d.kind = k;
        if (e.action == "commented") {
            d.comment = after_value(e, "comment");
            d.message_link = after_value(e, "message_link");  // saved from a chat message
        }
        for (const auto& c : e.changes)
            if (c.field != "comment") d.changes.push_back(c);
        std::string name = e.actor ? e.actor->name : "CRM";
        if (std::find(actors.begin(), actors.end(), name) == actors.end()) actors.push_back(name);
        d.at = e.at;
    }
    for (std::size_t i = 0; i < actors.size(); ++i) d.actor_name += (i ? ", " : "") + actors[i];
    return cards::notification_card(d, context);
}

// One line per record: the weightiest change (the latest stage it moved to), its
// comments and its other edits counted.
nlohmann::json digest_card(const crm::Notification& n, const cards::CardContext& context) {
    cards::DigestCardData d;
    for (const auto& record : n.digest) {
        cards::DigestEntry entry;
        entry.record = record.record;
        entry.record_name = record.record_name;
        for (const auto& e : record.events) {
            const auto k = kind_of(e);
            if (k == cards::ChangeKind::comment) ++entry.comments;
            else if (k == cards::ChangeKind::updated) ++entry.other_changes;
            else if (weight(k) >= weight(entry.headline)) {
                entry.headline = k;
                if (k == cards::ChangeKind::stage_moved) entry.stage = after_value(e, "stage");
            }
            d.at = std::max(d.at, e.at);
        }
        d.entries.push_back(std::move(entry));
    }
    return cards::digest_card(d, context);
}
}  // namespace

nlohmann::json notification_card(const crm::Notification& n) {
    cards::CardContext context;
    context.locale = cards::locale_from_tag(n.language);
    return n.digest.empty() ? change_card(n, context) : digest_card(n, context);
}

}  // namespace bot::app
