#pragma once
// The card a notification is delivered as: one record's coalesced changes, or a
// user's daily digest of every record that changed; in the recipient's language.
#include <crm_core/outbox.hpp>
#include <nlohmann/json.hpp>

namespace bot::app {

nlohmann::json notification_card(const crm::Notification& n);

}  // namespace bot::app
