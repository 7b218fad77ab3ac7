#include "app/live_cards.hpp"

#include "app/record_views.hpp"
#include "render/card_renderer.hpp"
#include "schema/outbound.hpp"

namespace bot::app {

namespace {
commands::Language language_of(const std::string& code) {
    for (auto l : {commands::Language::es, commands::Language::fr, commands::Language::de})
        if (commands::to_string(l) == code) return l;
    return commands::Language::en;
}
}  // namespace

std::optional<crm::PostedCard> posted_deal_card(const Reply& reply, const schema::Activity& inbound) {
    const auto* deal = std::get_if<DealView>(&reply.body);
    if (!deal) return std::nullopt;
    return posted_deal_card(deal->deal.number, reply.language, inbound);
}

crm::PostedCard posted_deal_card(std::int32_t number, commands::Language language, const schema::Activity& inbound) {
    crm::PostedCard card;
    card.deal_number = number;
    card.service_url = inbound.service_url;
    card.conversation_id = inbound.conversation.id;
    card.refresh_user_id = inbound.from.id;
    card.language = std::string(commands::to_string(language));
    return card;
}

crm::Result<nlohmann::json> live_card_update(crm::Crm& crm, const crm::TenantId& tenant, const crm::LiveCard& card) {
    auto view = deal_view(crm, crm::Actor{tenant, 0, crm::Role::rep}, card.deal.number);
    if (!view) return view.error();
    const Reply reply{language_of(card.language), std::nullopt, std::move(view).value()};
    auto message = schema::message_with_card(render::to_card(reply, {0, card.refresh_user_id}));
    message["id"] = card.activity_id;  // an update names the activity it replaces, as the SDKs' UpdateActivity does
    return message;
}

}  // namespace bot::app
