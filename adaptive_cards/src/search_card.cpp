#include "list_rows.hpp"
#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/list_cards.hpp>

namespace cards {

using nlohmann::json;

namespace {

inline constexpr std::size_t kMaxPerKind = 5;  // a search answers "where is it?", not "list them all"

template <class T>
void section(json& card, S title, const std::vector<T>& records, Locale locale) {
    if (records.empty()) return;
    add(card, heading(std::string(tr(title, locale))));
    for (std::size_t i = 0; i < records.size() && i < kMaxPerKind; ++i) add(card, list_row(records[i], locale));
    if (records.size() > kMaxPerKind)
        add(card, subtle_text(fill(tr(S::more_not_shown, locale), {std::to_string(records.size() - kMaxPerKind)})));
}

}  // namespace

json search_card(const SearchCardData& data, const CardContext& context) {
    const Locale locale = context.locale;
    json card = make_card(Width::full);
    add(card, heading(fill(tr(S::search_title, locale), {user_text(data.text, 100)}), "large"));
    if (data.leads.empty() && data.contacts.empty() && data.accounts.empty() && data.deals.empty())
        add(card, text_block(std::string(tr(S::nothing_found, locale))));
    section(card, S::deals, data.deals, locale);
    section(card, S::leads, data.leads, locale);
    section(card, S::contacts, data.contacts, locale);
    section(card, S::accounts, data.accounts, locale);
    return card;
}

}  // namespace cards
