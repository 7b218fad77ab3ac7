#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/format.hpp>
#include <adaptive_cards/verbs.hpp>
#include <adaptive_cards/record_cards.hpp>
#include <adaptive_cards/text.hpp>

namespace cards {

using nlohmann::json;

namespace {

json converted_section(const crm::Lead& lead, Locale locale) {
    json items = json::array();
    const std::string status =
        lead.converted_at
            ? fill(tr(S::converted_on, locale),
                   {format_day(*lead.converted_at, locale)})
            : std::string(tr(S::read_only, locale));
    items.push_back(colored_text(status, "good", true));
    std::vector<Fact> facts;
    if (lead.converted_contact) facts.push_back({std::string(tr(S::contact, locale)), ref_and_name(*lead.converted_contact)});
    if (lead.converted_account) facts.push_back({std::string(tr(S::account, locale)), ref_and_name(*lead.converted_account)});
    if (lead.converted_opportunity) facts.push_back({std::string(tr(S::deal, locale)), ref_and_name(*lead.converted_opportunity)});
    if (json f = fact_set(facts); !f.is_null()) items.push_back(std::move(f));
    return container(std::move(items), "emphasis");
}

// What can be done with a lead that is not converted, most useful first: the next
// status step (or converting, once qualified), then the everyday buttons.
std::vector<json> open_lead_actions(const LeadCardData& data, const std::string& ref, Locale locale) {
    const auto& lead = data.lead;
    std::vector<json> actions;
    using crm::LeadStatus;
    if (lead.status == LeadStatus::qualified)
        actions.push_back(open_form_action(std::string(tr(S::convert, locale)), forms::kConvertLead, ref));
    if (lead.status == LeadStatus::new_ || lead.status == LeadStatus::contacted)
        actions.push_back(command_action(std::string(tr(S::qualify, locale)), "qualify " + ref));
    actions.push_back(open_form_action(std::string(tr(S::edit, locale)), forms::kEditLead, ref));
    if (auto url = mailto_url(lead.email, {}); !url.empty())
        actions.push_back(open_url_action(std::string(tr(S::email_action, locale)), url));
    actions.push_back(open_form_action(std::string(tr(S::comment, locale)), forms::kAddComment, ref));
    actions.push_back(follow_action(ref, data.followers, locale));
    if (lead.status == LeadStatus::new_ || lead.status == LeadStatus::unqualified)
        actions.push_back(command_action(std::string(tr(S::mark_contacted, locale)), ref + " contacted"));
    if (lead.status != LeadStatus::unqualified)
        actions.push_back(command_action(std::string(tr(S::disqualify, locale)), "disqualify " + ref));
    actions.push_back(command_action(std::string(tr(S::timeline, locale)), "timeline " + ref));
    return actions;
}

// A converted lead is read-only: only where it went, following and its history.
std::vector<json> converted_lead_actions(const LeadCardData& data, const std::string& ref, Locale locale) {
    const auto& lead = data.lead;
    std::vector<json> actions;
    if (lead.converted_opportunity)
        actions.push_back(show_action(std::string(tr(S::deal, locale)) + " " + lead.converted_opportunity->ref.display(),
                                      lead.converted_opportunity->ref));
    if (lead.converted_contact)
        actions.push_back(show_action(std::string(tr(S::contact, locale)) + " " + lead.converted_contact->ref.display(),
                                      lead.converted_contact->ref));
    if (lead.converted_account)
        actions.push_back(show_action(std::string(tr(S::account, locale)) + " " + lead.converted_account->ref.display(),
                                      lead.converted_account->ref));
    if (auto url = mailto_url(lead.email, {}); !url.empty())
        actions.push_back(open_url_action(std::string(tr(S::email_action, locale)), url));
    actions.push_back(follow_action(ref, data.followers, locale));
    actions.push_back(command_action(std::string(tr(S::timeline, locale)), "timeline " + ref));
    return actions;
}

}  // namespace

json lead_card(const LeadCardData& data, const CardContext& context) {
    const auto& lead = data.lead;
    const Locale locale = context.locale;
    const std::string ref = lead.ref().display();

    json card = viewer_card(ref, context);
    add(card, record_header(lead.ref(), lead_person(lead), locale));
    add(card, fact_set({
                  {std::string(tr(S::status, locale)), std::string(lead_status_name(lead.status, locale))},
                  {std::string(tr(S::company, locale)), user_text(lead.company)},
                  {std::string(tr(S::title, locale)), user_text(lead.title)},
                  {std::string(tr(S::email, locale)), user_text(lead.email)},
                  {std::string(tr(S::phone, locale)), user_text(lead.phone)},
                  {std::string(tr(S::source, locale)), user_text(lead.source)},
                  {std::string(tr(S::owner, locale)), user_text(lead.owner.name)},
                  {std::string(tr(S::followers, locale)), followers_text(data.followers, locale)},
              }));
    if (lead.converted()) add(card, converted_section(lead, locale));
    add(card, recent_events(data.recent_events, locale));
    set_actions(card, lead.converted() ? converted_lead_actions(data, ref, locale) : open_lead_actions(data, ref, locale));
    return card;
}

}  // namespace cards
