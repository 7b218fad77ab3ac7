#pragma once
// Renders a Reply as one Adaptive Card (the adaptive_cards library does the
// layout): a record, list or form card with the notice on top, or a notice card
// when there is nothing else to show.
#include "app/reply.hpp"

#include <adaptive_cards/locale.hpp>
#include <crm_core/ids.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace bot::render {

// Who the card is for: its buttons (Follow or Unfollow) depend on the viewer, and
// Teams refreshes it for the Teams user ids listed (the viewer's own).
struct CardViewer {
    crm::RowId user_id = 0;
    std::string teams_user_id;
};

nlohmann::json to_card(const app::Reply& reply, const CardViewer& viewer);

// The cards' language for the command language the user speaks.
cards::Locale card_locale(commands::Language language);

}  // namespace bot::render
