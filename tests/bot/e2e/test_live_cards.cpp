// Live deal cards end to end: a deal card the bot posted as a reply is updated in
// place (PUT .../activities/{id}) when the deal changes, once per burst of
// changes, and is left alone once its message is gone.
#include "e2e/bot_fixture.hpp"

#include <catch2/catch.hpp>

#include <pqxx/pqxx>

#include <set>
#include <thread>

using e2e::BotFixture;
using e2e::card_json;
using e2e::outbox_rows;
using e2e::make_deal;
using namespace std::chrono_literals;

namespace {

const std::string kChannelThread = "19:ExampleDealsChannel0002@thread.tacv2;messageid=1764002700456";

std::vector<test::RecordedRequest> puts(const BotFixture& bot) {
    std::vector<test::RecordedRequest> out;
    for (auto& r : bot.channel.connector_requests())
        if (r.method == "PUT") out.push_back(r);
    return out;
}

std::vector<test::RecordedRequest> wait_for_puts(const BotFixture& bot, std::size_t count) {
    e2e::eventually([&] { return puts(bot).size() >= count; });
    return puts(bot);
}

std::vector<crm::LiveCard> live_cards(const BotFixture& bot, const crm::Opportunity& deal) {
    return test::crm().live_cards.for_deal(bot.tenant, deal.number).value();
}

// Dana asks for the deal; the bot's reply (a deal card) becomes a live card.
crm::LiveCard show_deal(const BotFixture& bot, const crm::Opportunity& deal, bool in_channel = false) {
    const auto before = live_cards(bot, deal).size();
    auto message = in_channel
        ? bot.activity("02-channel-message-mention.json", "<at>Contoso CRM</at> show " + deal.ref().display())
        : bot.activity("01-personal-message.json", deal.ref().display());
    REQUIRE(bot.post(message).result_int() == 200);
    REQUIRE(e2e::eventually([&] { return live_cards(bot, deal).size() > before; }));
    return live_cards(bot, deal).front();
}

}  // namespace

TEST_CASE("a deal card posted as a reply is updated in place when the deal moves", "[e2e][db][live]") {
    BotFixture bot;
    bot.start_notifications();
    auto deal = make_deal(bot, "Litware rollout");
    auto card = show_deal(bot, deal);
    // The card is where the connector said the reply went.
    auto replies = bot.channel.connector_requests();
    REQUIRE(replies.size() == 1);
    CHECK(card.conversation_id == replies[0].conversation_id);
    CHECK(card.refresh_user_id == "29:1DanaPark-example-user-mri-0001");
    CHECK(card_json(replies[0]).find("● Negotiation") == std::string::npos);
    bot.channel.clear_requests();

    REQUIRE(test::crm().opportunities.move_stage(bot.dana(), deal.number, "Negotiation"));
    auto updates = wait_for_puts(bot, 1);
    REQUIRE(updates.size() == 1);
    CHECK(updates[0].conversation_id == card.conversation_id);
    CHECK(updates[0].activity_id == card.activity_id);
    CHECK(updates[0].json["id"] == card.activity_id);
    const auto shown = card_json(updates[0]);
    CHECK(shown.find("● Negotiation") != std::string::npos);
    // For no viewer in particular, refreshed for the one it was shown to.
    const auto& content = updates[0].json["attachments"][0]["content"];
    CHECK(content["refresh"]["userIds"] == nlohmann::json::array({"29:1DanaPark-example-user-mri-0001"}));
    CHECK(outbox_rows(bot, "sent") == 1);
}

TEST_CASE("a burst of changes updates each live card once", "[e2e][db][live]") {
    BotFixture bot(false, 256 * 1024, 10'000, 1500ms);
    bot.start_notifications();
    auto deal = make_deal(bot, "Wingtip upgrade");
    auto chat_card = show_deal(bot, deal);
    auto channel_card = show_deal(bot, deal, true);
    CHECK(channel_card.conversation_id == kChannelThread);
    bot.channel.clear_requests();

    const auto dana = bot.dana();
    REQUIRE(test::crm().opportunities.move_stage(dana, deal.number, "Proposal"));
    REQUIRE(test::crm().notes.add(dana, deal.ref(), "Sent the quote"));
    crm::OpportunityPatch amount;
    amount.amount = crm::Money{4'200'000, "EUR"};
    REQUIRE(test::crm().opportunities.update(dana, deal.number, amount));
    REQUIRE(test::crm().notes.add(dana, deal.ref(), "They want a discount"));
    REQUIRE(test::crm().opportunities.move_stage(dana, deal.number, "Negotiation"));

    auto updates = wait_for_puts(bot, 2);
    std::this_thread::sleep_for(2500ms);  // longer than the coalescing window: nothing else comes
    updates = puts(bot);
    REQUIRE(updates.size() == 2);
    std::set<std::pair<std::string, std::string>> where;
    for (const auto& u : updates) {
        where.insert({u.conversation_id, u.activity_id});
        CHECK(card_json(u).find("● Negotiation") != std::string::npos);
        CHECK(card_json(u).find("€42,000.00") != std::string::npos);
    }
    CHECK(where == std::set<std::pair<std::string, std::string>>{{chat_card.conversation_id, chat_card.activity_id},
                                                                 {kChannelThread, channel_card.activity_id}});
}

TEST_CASE("a live card whose message is gone is retired, without a dead letter", "[e2e][db][live]") {
    BotFixture bot;
    bot.start_notifications();
    auto deal = make_deal(bot, "Proseware");
    show_deal(bot, deal);
    bot.channel.clear_requests();

    bot.channel.push_fault(test::ConnectorFault::not_found(), 1);
    REQUIRE(test::crm().opportunities.move_stage(bot.dana(), deal.number, "Proposal"));
    REQUIRE(wait_for_puts(bot, 1).size() == 1);
    CHECK(puts(bot)[0].status == 404);
    CHECK(e2e::eventually([&] { return live_cards(bot, deal).empty(); }));

    REQUIRE(test::crm().opportunities.move_stage(bot.dana(), deal.number, "Negotiation"));
    std::this_thread::sleep_for(500ms);
    CHECK(puts(bot).size() == 1);
    CHECK(outbox_rows(bot, "dead") == 0);
    CHECK(outbox_rows(bot, "pending") == 0);
}
