#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/format.hpp>
#include <adaptive_cards/list_cards.hpp>

namespace cards {

using nlohmann::json;

namespace {

inline constexpr std::size_t kMaxStages = 30;  // tenants define stages; keep the card bounded

json right(json block) {
    block["horizontalAlignment"] = "right";
    return block;
}

// One TextBlock per currency: amounts in different currencies are never added up.
json amounts(const std::vector<crm::Money>& money, Locale locale) {
    json items = json::array();
    for (const auto& m : money) items.push_back(items.empty() ? right(text_block(format_money(m, locale)))
                                                              : tight(right(text_block(format_money(m, locale)))));
    if (items.empty()) items.push_back(right(text_block("–")));
    return items;
}

json row(json name, json count, json total, json weighted) {
    return column_set(json::array({column(json::array({std::move(name)}), "3"), column(json::array({std::move(count)}), "1"),
                                   column(std::move(total), "3"), column(std::move(weighted), "3")}));
}

}  // namespace

json pipeline_card(const PipelineCardData& data, const CardContext& context) {
    const Locale locale = context.locale;
    json card = make_card(Width::full);
    add(card, heading(std::string(tr(data.mine ? S::pipeline_mine : S::pipeline, locale)), "large"));

    auto header = [&](S key) { return right(subtle_text(std::string(tr(key, locale)))); };
    json head = row(subtle_text(std::string(tr(S::stage, locale))), header(S::count), json::array({header(S::total)}),
                    json::array({header(S::weighted)}));
    add(card, std::move(head));
    for (std::size_t i = 0; i < data.stages.size() && i < kMaxStages; ++i) {
        const auto& s = data.stages[i];
        json name = text_block(user_text(s.stage.name, 60) +
                               (s.stage.closed() ? "" : " (" + format_percent(s.stage.probability, locale) + ")"));
        if (s.stage.closed()) name["color"] = outcome_color(s.stage.kind);
        json r = row(std::move(name), right(text_block(format_integer(s.count, locale))), amounts(s.total, locale),
                     amounts(s.stage.closed() ? std::vector<crm::Money>{} : s.weighted, locale));
        r["separator"] = true;
        add(card, std::move(r));
    }
    if (data.stages.empty()) add(card, text_block(std::string(tr(S::nothing_found, locale))));

    std::vector<json> actions;
    actions.push_back(command_action(std::string(tr(S::open_deals, locale)), "deals open"));
    if (data.mine) actions.push_back(command_action(std::string(tr(S::whole_pipeline, locale)), "pipeline"));
    else actions.push_back(command_action(std::string(tr(S::my_pipeline, locale)), "my pipeline"));
    actions.push_back(follow_action("pipeline", data.followers, locale));
    set_actions(card, std::move(actions));
    set_refresh(card, "pipeline", context.refresh_user_ids);
    return card;
}

}  // namespace cards
