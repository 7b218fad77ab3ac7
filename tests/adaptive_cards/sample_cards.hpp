#pragma once
// Fixed, deterministic sample data (fixed timestamps, fixed ids) and one sample of
// every card and form, for the goldens, the unit tests and card_samples.
#include <adaptive_cards/cards.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace cards::samples {

crm::Timestamp at(int year, unsigned month, unsigned day, int hour, int minute);

std::vector<crm::Stage> pipeline();  // the default pipeline: 4 open stages, Won, Lost, Unqualified
crm::Stage stage(const std::string& name);

crm::Lead lead();            // L-12 Ada Lovelace, Contacted
crm::Lead converted_lead();  // L-9, converted to C-3 / A-3 / D-7
crm::Contact contact();      // C-3 Grace Hopper at A-3 Contoso
crm::Account account();      // A-3 Contoso
crm::Opportunity deal();     // D-7 Contoso renewal 2027, Proposal, 12,500.00 EUR
std::vector<crm::Participant> participants();
std::vector<crm::Event> deal_events();

CardContext context(Locale locale);  // viewer 1, two Teams users to refresh

DealCardData deal_data();
LeadCardData lead_data();

// name -> card, every kind and every form, in one language.
std::vector<std::pair<std::string, nlohmann::json>> all_cards(Locale locale);

}  // namespace cards::samples
