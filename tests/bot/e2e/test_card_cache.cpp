// The record card cache end to end: a card shown again comes from the cache, and
// never outlives a change: at once for a change made through this process, within
// CRMBOT_CARD_CACHE_TTL_MS for one made by another process.
#include "e2e/bot_fixture.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <thread>

using e2e::BotFixture;
using e2e::card_json;
using e2e::make_deal;
using namespace std::chrono_literals;

namespace {

// crmbot_card_cache_requests_total{result="hit"|"miss"} from GET /metrics.
long cache_requests(const BotFixture& bot, const std::string& result) {
    auto res = test::http::request(boost::beast::http::verb::get, bot.server->port(), "/metrics");
    REQUIRE(res.result_int() == 200);
    std::smatch m;
    const std::regex line("crmbot_card_cache_requests_total\\{result=\"" + result + "\"\\} (\\d+)");
    const std::string body = res.body();
    REQUIRE(std::regex_search(body, m, line));
    return std::stol(m[1]);
}

// Posts `text` as Dana in her 1:1 chat and returns the card of the reply.
std::string ask(BotFixture& bot, const std::string& text, const std::string& locale = {}) {
    const auto before = bot.channel.connector_requests().size();
    auto activity = bot.activity("01-personal-message.json", text);
    if (!locale.empty()) activity["locale"] = locale;
    REQUIRE(bot.post(activity).result_int() == 200);
    auto replies = bot.replies(before + 1);
    REQUIRE(replies.size() == before + 1);
    return card_json(replies.back());
}

crm::Lead make_lead(const BotFixture& bot, const std::string& last_name) {
    crm::LeadDraft draft;
    draft.first_name = "Grace";
    draft.last_name = last_name;
    draft.company = "Cobol Works";
    return test::crm().leads.create(bot.dana(), draft).value();
}

}  // namespace

TEST_CASE("a record card shown again comes from the cache, identical", "[e2e][db][cache]") {
    BotFixture bot;
    const auto lead = make_lead(bot, "Hopper");
    const auto ref = lead.ref().display();

    const auto first = ask(bot, ref);
    CHECK(first.find("Hopper") != std::string::npos);
    const long hits = cache_requests(bot, "hit");
    const auto second = ask(bot, ref);
    CHECK(cache_requests(bot, "hit") == hits + 1);
    CHECK(second == first);

    // Another language is another card.
    const auto spanish = ask(bot, "mostrar " + ref, "es-ES");
    CHECK(spanish.find("Estado") != std::string::npos);
    CHECK(ask(bot, ref) == first);
}

TEST_CASE("a change made through this process shows on the next card at once", "[e2e][db][cache]") {
    BotFixture bot;
    const auto lead = make_lead(bot, "Hopper");
    const auto ref = lead.ref().display();
    ask(bot, ref);

    // Through the bot...
    ask(bot, "comment " + ref + " Asked for the COBOL migration quote");
    auto card = ask(bot, ref);
    CHECK(card.find("Hopper") != std::string::npos);
    CHECK(card.find("commented") != std::string::npos);  // in the card's recent activity

    // ...and through the core, with the same database: renamed, and shown renamed.
    crm::LeadPatch patch;
    patch.last_name = "Hopper-Murray";
    REQUIRE(test::crm().leads.update(bot.dana(), lead.number, patch));
    card = ask(bot, ref);
    CHECK(card.find("Hopper-Murray") != std::string::npos);

    // Follow flips the viewer's button.
    const bool following_before = card.find("\"verb\":\"unfollow\"") != std::string::npos;
    ask(bot, "follow " + ref);
    card = ask(bot, ref);
    CHECK((card.find("\"verb\":\"unfollow\"") != std::string::npos) != following_before);
}

TEST_CASE("a change made by another process shows once the cache TTL has passed", "[e2e][db][cache]") {
    BotFixture bot(false, 256 * 1024, 10'000, 0ms, [](bot::Config& c) { c.card_cache_ttl_ms = 300; });
    const auto lead = make_lead(bot, "Hopper");
    const auto ref = lead.ref().display();
    ask(bot, ref);

    // Another process: its own database pool, so this bot's generation does not move.
    crm::Database other({.url = test::database_url(), .pool_size = 1});
    crm::Crm other_crm(other);
    crm::LeadPatch patch;
    patch.company = "Univac Division";
    REQUIRE(other_crm.leads.update(bot.dana(), lead.number, patch));

    std::this_thread::sleep_for(400ms);
    CHECK(ask(bot, ref).find("Univac Division") != std::string::npos);
}

TEST_CASE("a deal card from the cache still becomes a live card", "[e2e][db][cache][live]") {
    BotFixture bot;
    const auto deal = make_deal(bot, "Fabrikam renewal");
    const auto ref = deal.ref().display();
    ask(bot, ref);
    const long hits = cache_requests(bot, "hit");
    ask(bot, ref);
    REQUIRE(cache_requests(bot, "hit") == hits + 1);
    // Both replies were remembered as live cards (the fake connector answers each with its own id).
    CHECK(e2e::eventually([&] { return test::crm().live_cards.for_deal(bot.tenant, deal.number).value().size() == 2; }));
}

TEST_CASE("CRMBOT_CARD_CACHE_MB=0 draws every card afresh", "[e2e][db][cache]") {
    BotFixture bot(false, 256 * 1024, 10'000, 0ms, [](bot::Config& c) { c.card_cache_mb = 0; });
    const auto lead = make_lead(bot, "Hopper");
    ask(bot, lead.ref().display());
    ask(bot, lead.ref().display());
    CHECK(cache_requests(bot, "hit") == 0);
    CHECK(cache_requests(bot, "miss") == 0);
}
