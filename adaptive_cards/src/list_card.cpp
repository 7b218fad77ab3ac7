#include "list_rows.hpp"
#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/verbs.hpp>
#include <adaptive_cards/list_cards.hpp>

namespace cards {

using nlohmann::json;

namespace {

// What the body's rows may take, leaving room for the title, the buttons and the envelope.
inline constexpr std::size_t kRowsBudget = kMaxCardBytes - 8 * 1024;

struct ListKind {
    std::string_view list;  // data.list of the More button
    S title;
    std::string_view new_form;  // "" when the list has no New button
    S new_title;
};

ListKind list_kind(const ListItems& items) {
    switch (items.index()) {
        case 0: return {"leads", S::leads, forms::kCreateLead, S::new_lead};
        case 1: return {"contacts", S::contacts, {}, S::new_lead};
        case 2: return {"accounts", S::accounts, {}, S::new_lead};
        default: return {"deals", S::deals, forms::kCreateDeal, S::new_deal};
    }
}

}  // namespace

json list_card(const ListCardData& data, const CardContext& context) {
    const Locale locale = context.locale;
    const ListKind kind = list_kind(data.items);

    json card = make_card(Width::full);
    std::string title(tr(kind.title, locale));
    if (data.page > 1) title += " · " + fill(tr(S::page_n, locale), {std::to_string(data.page)});
    add(card, heading(std::move(title), "large"));
    if (!data.filter_summary.empty()) add(card, tight(subtle_text(user_text(data.filter_summary))));

    // Rows until the count or the size budget runs out; the rest is the next page.
    std::size_t shown = 0, bytes = 0, total = 0;
    std::visit(
        [&](const auto& items) {
            total = items.size();
            for (const auto& item : items) {
                if (shown == kMaxListItems) break;
                json row = list_row(item, locale);
                const std::size_t size = row.dump().size();
                if (bytes + size > kRowsBudget) break;
                bytes += size;
                add(card, std::move(row));
                ++shown;
            }
        },
        data.items);
    if (total == 0) add(card, text_block(std::string(tr(S::nothing_found, locale))));

    std::vector<json> actions;
    if (data.has_more || shown < total)
        actions.push_back(execute_action(std::string(tr(S::more, locale)), verbs::kMore,
                                         {{"list", kind.list},
                                          {"page", data.page + 1},
                                          {"offset", data.offset + static_cast<std::int32_t>(shown)},
                                          {"filter", data.filter}}));
    if (!kind.new_form.empty()) actions.push_back(open_form_action(std::string(tr(kind.new_title, locale)), kind.new_form));
    set_actions(card, std::move(actions));
    return card;
}

}  // namespace cards
