#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/verbs.hpp>
#include <adaptive_cards/message_cards.hpp>
#include <adaptive_cards/text.hpp>

namespace cards {

using nlohmann::json;

namespace {

struct Topic {
    S title;
    std::vector<std::string_view> examples;  // commands as typed (they work in every language)
};

// The topic's title, then one command a line in a monospace font (Teams has no inline
// `code` in TextBlocks: backticks would show as typed).
json topic(const Topic& t, Locale locale) {
    json items = json::array({heading(std::string(tr(t.title, locale)), "default")});
    for (auto e : t.examples) {
        json command = text_block(escape_markdown(e));
        command["fontType"] = "Monospace";
        items.push_back(tight(std::move(command)));
    }
    return container(std::move(items));
}

}  // namespace

json help_card(const CardContext& context) {
    const Locale locale = context.locale;
    json card = make_card(Width::full);
    add(card, heading(std::string(tr(S::help_title, locale)), "large"));
    add(card, tight(text_block(std::string(tr(S::help_intro, locale)))));
    const Topic topics[] = {
        {S::help_leads, {"lead add Ada Lovelace, Analytical Engines, ada@example.com", "leads mine", "L-12",
                         "qualify L-12", "convert L-12 with deal 25000 EUR"}},
        {S::help_deals, {"deal add Renewal, A-3, 50000 EUR", "deals mine", "move D-7 to Proposal", "won D-7",
                         "reopen D-7", "comment D-7 Sent the quote"}},
        {S::help_people, {"contact add Grace Hopper, A-3", "account add Contoso, contoso.com", "primary D-7 C-3",
                          "add C-4 to D-7 as CFO", "search acme"}},
        {S::help_following, {"follow D-7", "follow D-7 for @Sam", "follow pipeline here", "followers D-7"}},
        {S::help_overview, {"pipeline", "timeline D-7"}},
    };
    for (const auto& t : topics) add(card, topic(t, locale));
    add(card, subtle_text(std::string(tr(S::help_languages, locale))));
    set_actions(card, {
                          open_form_action(std::string(tr(S::new_lead, locale)), forms::kCreateLead),
                          open_form_action(std::string(tr(S::new_deal, locale)), forms::kCreateDeal),
                          command_action(std::string(tr(S::my_leads, locale)), "leads mine"),
                          command_action(std::string(tr(S::my_deals, locale)), "deals mine"),
                          command_action(std::string(tr(S::pipeline, locale)), "pipeline"),
                      });
    return card;
}

}  // namespace cards
