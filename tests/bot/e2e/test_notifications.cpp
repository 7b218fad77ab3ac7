// Notifications end to end: a change in the CRM reaches the followers in Teams
// through the (fake) Bot Connector, never the one who made it; throttling and
// permanent failures are handled as the protocol asks.
#include "app/notification_dispatcher.hpp"
#include "connector/connector_client.hpp"
#include "e2e/bot_fixture.hpp"
#include "e2e/follower_helpers.hpp"
#include "metrics/metrics.hpp"
#include "schema/conversation_reference.hpp"

#include <catch2/catch.hpp>

#include <pqxx/pqxx>

#include <map>
#include <set>
#include <thread>

using e2e::BotFixture;
using e2e::card_json;
using e2e::outbox_rows;
using e2e::make_deal;
using e2e::kSamTeamsId;
using e2e::posts_to;
using e2e::sam_chat;
using e2e::sam_follows;
using e2e::wait_for_posts;
using namespace std::chrono_literals;

namespace {

const std::string kChannelRoot = "19:ExampleDealsChannel0002@thread.tacv2";

// The conversation the bot created for a 1:1 chat (POST /v3/conversations).
std::vector<test::RecordedRequest> created_chats(const BotFixture& bot) {
    std::vector<test::RecordedRequest> out;
    for (auto& r : bot.channel.connector_requests())
        if (r.method == "POST" && r.path.size() >= 17 && r.path.substr(r.path.size() - 17) == "/v3/conversations")
            out.push_back(r);
    return out;
}

}  // namespace

TEST_CASE("a follower hears of a change in a 1:1 chat, the one who made it does not", "[e2e][db][notify]") {
    BotFixture bot;
    bot.start_notifications();
    auto deal = make_deal(bot, "Litware rollout");
    sam_follows(bot, deal);
    bot.channel.clear_requests();

    // Dana moves the deal from her own chat.
    REQUIRE(bot.post(bot.activity("01-personal-message.json", "move " + deal.ref().display() + " to Proposal"))
                .result_int() == 200);
    // Sam had no 1:1 chat with the bot: it is created, once, for Sam.
    auto until = std::chrono::steady_clock::now() + 10s;
    while (created_chats(bot).empty() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(20ms);
    auto created = created_chats(bot);
    REQUIRE(created.size() == 1);
    CHECK(created[0].json["members"][0]["id"] == kSamTeamsId);
    CHECK(created[0].json["tenantId"] == bot.tenant);
    const std::string chat = sam_chat(bot);
    auto posts = wait_for_posts(bot, chat, 1);
    REQUIRE(posts.size() == 1);
    CHECK(card_json(posts[0]).find("Litware rollout") != std::string::npos);
    CHECK(card_json(posts[0]).find("Proposal") != std::string::npos);
    CHECK(card_json(posts[0]).find("Dana Park") != std::string::npos);

    // Dana herself got her reply and nothing else.
    const std::string dana_chat = bot.activity("01-personal-message.json")["conversation"]["id"];
    CHECK(posts_to(bot, dana_chat).empty());
    CHECK(outbox_rows(bot, "sent") == 1);

    // The next change goes to the same chat, without creating another.
    REQUIRE(bot.post(bot.activity("01-personal-message.json", "comment " + deal.ref().display() + " Quote sent"))
                .result_int() == 200);
    posts = wait_for_posts(bot, chat, 2);
    REQUIRE(posts.size() == 2);
    CHECK(card_json(posts[1]).find("Quote sent") != std::string::npos);
    CHECK(created_chats(bot).size() == 1);
}

TEST_CASE("a channel following the pipeline for important changes hears stage moves only", "[e2e][db][notify]") {
    BotFixture bot;
    bot.start_notifications();
    auto deal = make_deal(bot, "Wingtip upgrade");
    sam_follows(bot, deal);  // also makes the bot know the deals channel
    auto channel = test::crm().directory.find_conversation(bot.tenant, kChannelRoot);
    if (!channel) channel = test::crm().directory.find_conversation(
        bot.tenant, bot.activity("07-invoke-adaptivecard-action.json")["conversation"]["id"].get<std::string>());
    REQUIRE(channel);
    REQUIRE(test::crm().followers.follow_in_conversation(bot.dana(), channel->id, crm::FollowTarget::pipeline(),
                                                         crm::FollowFilter::important));
    bot.channel.clear_requests();

    crm::OpportunityPatch rename;
    rename.name = "Wingtip upgrade 2027";
    REQUIRE(test::crm().opportunities.update(bot.dana(), deal.number, rename));
    REQUIRE(test::crm().opportunities.move_stage(bot.dana(), deal.number, "Won"));

    auto posts = wait_for_posts(bot, kChannelRoot, 1);
    REQUIRE(posts.size() == 1);
    CHECK(card_json(posts[0]).find("Won") != std::string::npos);
    std::this_thread::sleep_for(300ms);
    CHECK(posts_to(bot, kChannelRoot).size() == 1);  // the rename was not important
}

TEST_CASE("a 429 is honoured with its Retry-After, a 403 becomes a dead letter", "[e2e][db][notify]") {
    BotFixture bot;
    bot.start_notifications();
    auto deal = make_deal(bot, "Proseware");
    sam_follows(bot, deal);
    bot.channel.clear_requests();

    // The chat creation succeeds, the first send is throttled for 1 s.
    bot.channel.push_fault(test::ConnectorFault::throttled("1"), 1);
    // (The fault answers the first connector request: here the creation of the
    // chat; the send after it goes through once Retry-After has passed.)
    REQUIRE(test::crm().opportunities.move_stage(bot.dana(), deal.number, "Negotiation"));
    auto posts = wait_for_posts(bot, sam_chat(bot), 1, 15s);
    REQUIRE(posts.size() == 1);
    auto all = bot.channel.connector_requests();
    REQUIRE(all.size() >= 2);
    CHECK(all[0].status == 429);
    CHECK(posts[0].received_at - all[0].received_at >= 1s);
    CHECK(outbox_rows(bot, "sent") == 1);

    // Sam blocks the bot: the next notification is a dead letter, with the reason.
    const std::string sam_chat_id = posts[0].conversation_id;
    bot.channel.push_fault(test::ConnectorFault::forbidden("ConversationBlockedByUser", "BadArgument"), 1);
    REQUIRE(test::crm().notes.add(bot.dana(), deal.ref(), "Blocked?"));
    auto until = std::chrono::steady_clock::now() + 10s;
    while (outbox_rows(bot, "dead") == 0 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(20ms);
    REQUIRE(outbox_rows(bot, "dead") == 1);
    auto status = test::crm().outbox.status(1000).value();
    bool found = false;
    for (const auto& d : status.dead_letters)
        if (d.tenant == bot.tenant) found = d.error.find("403") != std::string::npos;
    CHECK(found);
    // And Sam's chat is retired: nothing more is sent there.
    auto chat = test::crm().directory.find_conversation(bot.tenant, sam_chat_id);
    REQUIRE(chat);
    CHECK_FALSE(chat->active);
}

TEST_CASE("users set their notification level and quiet hours in chat", "[e2e][db][notify]") {
    BotFixture bot;
    REQUIRE(bot.post(bot.activity("01-personal-message.json", "notifications important")).result_int() == 200);
    REQUIRE(bot.replies(1).size() == 1);
    bot.channel.clear_requests();
    auto message = bot.activity("01-personal-message.json", "Ruhezeiten 22:00 bis 07:00 Europe/Berlin");
    message["locale"] = "de-DE";
    REQUIRE(bot.post(message).result_int() == 200);
    auto replies = bot.replies(1);
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].body.find("Europe/Berlin") != std::string::npos);

    auto s = test::crm().notification_settings.get(bot.dana()).value();
    CHECK(s.level == crm::NotifyLevel::important);
    REQUIRE(s.quiet_from.has_value());
    CHECK(*s.quiet_from == 22 * 60);
    CHECK(*s.quiet_to == 7 * 60);
    CHECK(s.time_zone == "Europe/Berlin");

    // A time zone that does not exist is refused, and nothing changes.
    bot.channel.clear_requests();
    REQUIRE(bot.post(bot.activity("01-personal-message.json", "quiet hours 23:00-06:00 Mars/Olympus")).result_int() ==
            200);
    replies = bot.replies(1);
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].body.find("is not a time zone") != std::string::npos);
    CHECK(*test::crm().notification_settings.get(bot.dana()).value().quiet_from == 22 * 60);
}

TEST_CASE("quiet hours and a daily digest hold notifications back, then deliver them", "[e2e][db][notify]") {
    BotFixture bot;
    bot.start_notifications();
    auto deal = make_deal(bot, "Adatum renewal");
    auto other = make_deal(bot, "Adatum expansion");
    sam_follows(bot, deal);
    auto sam = test::crm().directory.ensure_user(bot.tenant, {"b2c3d4e5-2222-4333-9444-a55566667777", kSamTeamsId,
                                                              "Sam Lee", ""}).value();
    auto avery = test::crm().directory.ensure_user(bot.tenant, {"avery-aad", "29:avery", "Avery Digest", ""}).value();
    REQUIRE(test::crm().followers.follow(avery.actor(), {crm::FollowTarget::Kind::opportunity, deal.number}));
    REQUIRE(test::crm().followers.follow(avery.actor(), {crm::FollowTarget::Kind::opportunity, other.number}));

    // Both windows end at the next full minute (UTC); the changes below must all
    // fall before it, so a minute that is nearly over is let go first.
    if (const auto left = std::chrono::ceil<std::chrono::minutes>(std::chrono::system_clock::now()) -
                          std::chrono::system_clock::now();
        left < 15s)
        std::this_thread::sleep_for(left + 100ms);
    const auto now = std::chrono::system_clock::now();
    const auto minute = std::chrono::floor<std::chrono::minutes>(now);
    const auto boundary = minute + std::chrono::minutes(1);
    const auto steady_boundary = std::chrono::steady_clock::now() + (boundary - now);
    const auto day_minute =
        static_cast<std::int32_t>((minute - std::chrono::floor<std::chrono::days>(minute)).count());
    crm::NotificationSettings quiet;
    quiet.quiet_from = day_minute;
    quiet.quiet_to = (day_minute + 1) % (24 * 60);
    REQUIRE(test::crm().notification_settings.set(sam.actor(), quiet));
    crm::NotificationSettings digest;
    digest.level = crm::NotifyLevel::digest;
    digest.digest_at = (day_minute + 1) % (24 * 60);
    digest.language = "es";
    REQUIRE(test::crm().notification_settings.set(avery.actor(), digest));
    bot.channel.clear_requests();

    REQUIRE(test::crm().opportunities.move_stage(bot.dana(), deal.number, "Proposal"));
    REQUIRE(test::crm().notes.add(bot.dana(), deal.ref(), "Sent the quote"));
    REQUIRE(test::crm().notes.add(bot.dana(), deal.ref(), "They signed"));
    REQUIRE(test::crm().opportunities.move_stage(bot.dana(), other.number, "Won"));
    // Both are delivered after the boundary, not before: Sam one card about the deal
    // Sam follows, Avery one digest of both deals.
    auto until = steady_boundary + 30s;
    std::vector<test::RecordedRequest> posts;
    while (std::chrono::steady_clock::now() < until) {
        posts.clear();
        for (auto& r : bot.channel.connector_requests())
            if (r.method == "POST" && r.activity_id.empty() && r.conversation_id.rfind("a:new-conversation-", 0) == 0)
                posts.push_back(r);
        if (posts.size() >= 2) break;
        std::this_thread::sleep_for(100ms);
    }
    REQUIRE(posts.size() == 2);
    for (const auto& p : posts) CHECK(p.received_at >= steady_boundary - 50ms);
    std::this_thread::sleep_for(500ms);  // and nothing more
    const std::string sam_chat_id = sam_chat(bot);
    std::vector<test::RecordedRequest> to_avery;
    for (auto& r : bot.channel.connector_requests())
        if (r.method == "POST" && r.activity_id.empty() && r.conversation_id.rfind("a:new-conversation-", 0) == 0 &&
            r.conversation_id != sam_chat_id)
            to_avery.push_back(r);
    REQUIRE(to_avery.size() == 1);
    const auto card = card_json(to_avery[0]);
    CHECK(card.find("Tu resumen diario") != std::string::npos);
    CHECK(card.find("Adatum renewal") != std::string::npos);
    CHECK(card.find("pasó a Proposal · 2 comentarios") != std::string::npos);
    CHECK(card.find("Adatum expansion") != std::string::npos);
    CHECK(card.find("Ganada") != std::string::npos);
    CHECK(card.find(deal.ref().display()) != std::string::npos);
    CHECK(card.find(other.ref().display()) != std::string::npos);
    CHECK(outbox_rows(bot, "pending") == 0);
}

TEST_CASE("rows held back by the tenant's rate limit are not sent twice when their lease runs out",
          "[e2e][db][notify]") {
    BotFixture bot;
    auto deal = make_deal(bot, "Tailspin");
    // Six followers, each with a stored 1:1 chat on the fake connector.
    std::set<std::string> chats;
    for (int i = 1; i <= 6; ++i) {
        const std::string n = std::to_string(i);
        auto user = test::crm().directory.ensure_user(
            bot.tenant, {"lease-aad-" + n, "29:lease-user-" + n, "Lease User " + n, ""});
        REQUIRE(user);
        bot::schema::ConversationReference ref;
        ref.service_url = bot.channel.service_url();
        ref.conversation_id = "a:lease-chat-" + n;
        ref.conversation_type = "personal";
        ref.tenant_id = bot.tenant;
        ref.bot_id = "28:lease-bot";
        nlohmann::json address = ref;
        REQUIRE(test::crm().directory.ensure_conversation(
            bot.tenant, {ref.conversation_id, "personal", "", address.dump(), user->id}));
        REQUIRE(test::crm().followers.follow(user->actor(), {crm::FollowTarget::Kind::opportunity, deal.number}));
        chats.insert(ref.conversation_id);
    }
    bot.channel.clear_requests();
    REQUIRE(test::crm().opportunities.move_stage(bot.dana(), deal.number, "Proposal"));

    // Two sends a second for the tenant and a 2 s lease: the worker that claimed
    // all six would still hold some when the lease runs out.
    auto policy = std::make_shared<bot::connector::ServiceUrlPolicy>();
    policy->trust(bot.channel.service_url());
    bot::connector::CppRestConnectorOptions client_options;
    client_options.auth = bot::connector::ConnectorAuth::none;
    auto client = bot::connector::CppRestConnectorClient::create(nullptr, policy, client_options);
    REQUIRE(client);
    bot::metrics::Metrics metrics;
    bot::app::DispatcherOptions options;
    options.database_url = test::database_url();
    options.workers = 2;
    options.claim.coalesce = 0ms;
    options.claim.lease = 2s;
    options.claim.tenant = bot.tenant;
    options.limits.per_tenant = {{1s, 2}};
    options.limit_margin = 0ms;
    bot::app::NotificationDispatcher dispatcher(test::crm(), *client, metrics, options);
    dispatcher.start();
    auto until = std::chrono::steady_clock::now() + 15s;
    while (outbox_rows(bot, "sent") < 6 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(50ms);
    std::this_thread::sleep_for(300ms);
    dispatcher.stop();

    std::map<std::string, int> posts;
    for (const auto& r : bot.channel.connector_requests())
        if (r.method == "POST" && chats.count(r.conversation_id)) ++posts[r.conversation_id];
    CHECK(posts.size() == 6);
    for (const auto& [chat, count] : posts) CHECK(count == 1);
    CHECK(outbox_rows(bot, "sent") == 6);
}
