#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/format.hpp>
#include <adaptive_cards/verbs.hpp>
#include <adaptive_cards/record_cards.hpp>
#include <adaptive_cards/text.hpp>

namespace cards {

using nlohmann::json;

// A contact is not followable, so its card is the same for everyone: no refresh.
json contact_card(const ContactCardData& data, const CardContext& context) {
    const auto& c = data.contact;
    const Locale locale = context.locale;
    const std::string ref = c.ref().display();

    json card = make_card(Width::full);
    add(card, record_header(c.ref(), c.full_name(), locale));
    add(card, fact_set({
                  {std::string(tr(S::account, locale)), ref_and_name(c.account)},
                  {std::string(tr(S::title, locale)), user_text(c.title)},
                  {std::string(tr(S::email, locale)), user_text(c.email)},
                  {std::string(tr(S::phone, locale)), user_text(c.phone)},
                  {std::string(tr(S::owner, locale)), user_text(c.owner.name)},
              }));
    add(card, related(std::string(tr(S::deals_of_contact, locale)), data.deals, deal_line));

    std::vector<json> actions;
    if (auto url = mailto_url(c.email, {}); !url.empty())
        actions.push_back(open_url_action(std::string(tr(S::email_action, locale)), url));
    actions.push_back(show_action(std::string(tr(S::account, locale)) + " " + c.account.ref.display(), c.account.ref));
    actions.push_back(open_form_action(std::string(tr(S::new_deal, locale)), forms::kCreateDeal, c.account.ref.display()));
    actions.push_back(command_action(std::string(tr(S::timeline, locale)), "timeline " + ref));
    set_actions(card, std::move(actions));
    return card;
}

}  // namespace cards
