#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/verbs.hpp>
#include <adaptive_cards/record_cards.hpp>

namespace cards {

using nlohmann::json;


json account_card(const AccountCardData& data, const CardContext& context) {
    const auto& a = data.account;
    const Locale locale = context.locale;
    const std::string ref = a.ref().display();

    json card = viewer_card(ref, context);
    add(card, record_header(a.ref(), a.name, locale));
    add(card, fact_set({
                  {std::string(tr(S::domain, locale)), user_text(a.domain)},
                  {std::string(tr(S::website, locale)), user_text(a.website)},
                  {std::string(tr(S::industry, locale)), user_text(a.industry)},
                  {std::string(tr(S::phone, locale)), user_text(a.phone)},
                  {std::string(tr(S::owner, locale)), user_text(a.owner.name)},
                  {std::string(tr(S::followers, locale)), followers_text(data.followers, locale)},
              }));
    add(card, related(std::string(tr(S::contacts_of_account, locale)), data.contacts, [](const crm::Contact& c) {
            return c.ref().display() + " " + user_text(c.full_name()) + (c.title.empty() ? "" : " · " + user_text(c.title));
        }));
    add(card, related(std::string(tr(S::deals_of_account, locale)), data.deals, deal_line));

    std::vector<json> actions;
    actions.push_back(open_form_action(std::string(tr(S::new_deal, locale)), forms::kCreateDeal, ref));
    actions.push_back(follow_action(ref, data.followers, locale));
    actions.push_back(command_action(std::string(tr(S::timeline, locale)), "timeline " + ref));
    set_actions(card, std::move(actions));
    return card;
}

}  // namespace cards
