#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/verbs.hpp>
#include <adaptive_cards/message_cards.hpp>

namespace cards {

using nlohmann::json;

// Sent once when the app is installed: in a personal chat the first things to
// try, in a channel how to make it follow the pipeline.
json welcome_card(const WelcomeCardData& data, const CardContext& context) {
    const Locale locale = context.locale;
    json card = make_card(Width::normal);
    add(card, heading(std::string(tr(S::welcome_title, locale)), "large"));
    add(card, text_block(std::string(tr(data.personal ? S::welcome_personal : S::welcome_channel, locale))));
    std::vector<json> actions;
    if (data.personal) {
        actions.push_back(open_form_action(std::string(tr(S::new_lead, locale)), forms::kCreateLead));
        actions.push_back(command_action(std::string(tr(S::my_deals, locale)), "deals mine"));
    } else {
        actions.push_back(command_action(std::string(tr(S::follow_pipeline_here, locale)), "follow pipeline here"));
        actions.push_back(command_action(std::string(tr(S::open_deals, locale)), "deals open"));
    }
    actions.push_back(command_action(std::string(tr(S::pipeline, locale)), "pipeline"));
    actions.push_back(command_action(std::string(tr(S::help, locale)), "help"));
    set_actions(card, std::move(actions));
    return card;
}

}  // namespace cards
