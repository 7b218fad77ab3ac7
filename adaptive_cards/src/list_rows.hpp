#pragma once
// One clickable row per record in lists and search results: its number, its name,
// and a subtle line of what tells it apart. Clicking it shows the record.
#include <adaptive_cards/locale.hpp>

#include <crm_core/records.hpp>

#include <nlohmann/json.hpp>

namespace cards {

nlohmann::json list_row(const crm::Lead& lead, Locale locale);
nlohmann::json list_row(const crm::Contact& contact, Locale locale);
nlohmann::json list_row(const crm::Account& account, Locale locale);
nlohmann::json list_row(const crm::Opportunity& deal, Locale locale);

}  // namespace cards
