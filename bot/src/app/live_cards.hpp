#pragma once
// Live deal cards on the bot's side: which replies are deal cards worth keeping
// live, and the activity that replaces one when its deal changes. (Notification
// cards describe a change, not the deal: they are not kept live.)
#include "app/reply.hpp"
#include "schema/activity.hpp"

#include <crm_core/crm.hpp>
#include <nlohmann/json.hpp>

#include <optional>

namespace bot::app {

// The reply shows a deal card: where it goes (all but the activity id, which the
// connector answers once it is posted). nullopt for any other reply.
std::optional<crm::PostedCard> posted_deal_card(const Reply& reply, const schema::Activity& inbound);
// The same for deal `number`'s card in `language`, replying to `inbound`.
crm::PostedCard posted_deal_card(std::int32_t number, commands::Language language, const schema::Activity& inbound);

// The live card's deal as it is now, as a message for PUT .../activities/{id}.
// Rendered for no viewer in particular (the Follow button cannot be right for
// everyone), with refresh.userIds kept, so that Teams fetches that user's own view.
crm::Result<nlohmann::json> live_card_update(crm::Crm& crm, const crm::TenantId& tenant, const crm::LiveCard& card);

}  // namespace bot::app
