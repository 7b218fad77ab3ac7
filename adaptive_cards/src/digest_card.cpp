#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/format.hpp>
#include <adaptive_cards/message_cards.hpp>
#include <adaptive_cards/verbs.hpp>

namespace cards {

using nlohmann::json;

namespace {

// A digest stays one glance (and well under Teams' message size): the rest is counted.
inline constexpr std::size_t kMaxEntries = 30;
inline constexpr std::size_t kNameChars = 120;
inline constexpr std::string_view kRefColumnWidth = "64px";  // as in lists: names line up

std::string headline(const DigestEntry& e, Locale locale) {
    switch (e.headline) {
        case ChangeKind::stage_moved: return fill(tr(S::digest_moved_to, locale), {user_text(e.stage, 60)});
        case ChangeKind::won: return std::string(tr(S::won, locale));
        case ChangeKind::lost: return std::string(tr(S::lost, locale));
        case ChangeKind::reopened: return std::string(tr(S::digest_reopened, locale));
        case ChangeKind::converted: return std::string(tr(S::digest_converted, locale));
        case ChangeKind::created: return std::string(tr(S::digest_created, locale));
        case ChangeKind::updated:
        case ChangeKind::comment: break;
    }
    return {};
}

std::string counted(std::int32_t n, S one, S many, Locale locale) {
    if (n <= 0) return {};
    if (n == 1) return std::string(tr(one, locale));
    return fill(tr(many, locale), {std::to_string(n)});
}

// "moved to Negotiation · 3 comments · 2 changes"
std::string what_happened(const DigestEntry& e, Locale locale) {
    std::string out;
    for (auto part : {headline(e, locale), counted(e.comments, S::digest_comment_one, S::digest_comments, locale),
                      counted(e.other_changes, S::digest_change_one, S::digest_changes, locale)}) {
        if (part.empty()) continue;
        if (!out.empty()) out += " · ";
        out += part;
    }
    return out;
}

json entry_row(const DigestEntry& e, Locale locale) {
    json ref = text_block("**" + e.record.display() + "**");
    json text = json::array({text_block(user_text(e.record_name, kNameChars))});
    if (auto what = what_happened(e, locale); !what.empty()) text.push_back(tight(subtle_text(std::move(what))));
    json open = {{"type", "ActionSet"}, {"actions", json::array({show_action(std::string(tr(S::open, locale)), e.record)})}};
    json r = column_set(json::array({column(json::array({std::move(ref)}), kRefColumnWidth),
                                     column(std::move(text), "stretch"), column(json::array({std::move(open)}), "auto")}));
    r["separator"] = true;
    return r;
}

}  // namespace

json digest_card(const DigestCardData& data, const CardContext& context) {
    const Locale locale = context.locale;
    json card = make_card(Width::full);
    add(card, heading(std::string(tr(S::digest_title, locale))));
    add(card, tight(subtle_text(format_timestamp(data.at, locale))));
    for (std::size_t i = 0; i < data.entries.size() && i < kMaxEntries; ++i) add(card, entry_row(data.entries[i], locale));
    if (data.entries.size() > kMaxEntries)
        add(card, subtle_text(fill(tr(S::more_not_shown, locale), {std::to_string(data.entries.size() - kMaxEntries)})));
    return card;
}

}  // namespace cards
