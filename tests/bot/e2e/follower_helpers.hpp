#pragma once
// What the end-to-end tests of notifications share: Sam (the fixtures' second
// user) following a deal, and the activities the bot posts to a conversation.
#include "e2e/bot_fixture.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace e2e {

inline const std::string kSamTeamsId = "29:1SamLee-example-user-mri-0002";

// Sam clicks Follow on a deal card in the deals channel (the bot learns Sam and
// the channel from that activity).
inline void sam_follows(const BotFixture& bot, const crm::Opportunity& deal) {
    auto invoke = bot.activity("07-invoke-adaptivecard-action.json");
    invoke["value"]["action"]["verb"] = "follow";
    invoke["value"]["action"]["data"] = {{"record", deal.ref().display()}};
    REQUIRE(bot.post(invoke).result_int() == 200);
}

// Connector requests that post a new activity to `conversation` (not replies).
inline std::vector<test::RecordedRequest> posts_to(const BotFixture& bot, const std::string& conversation) {
    std::vector<test::RecordedRequest> out;
    for (auto& r : bot.channel.connector_requests())
        if (r.method == "POST" && r.conversation_id == conversation && r.activity_id.empty()) out.push_back(r);
    return out;
}

inline std::vector<test::RecordedRequest> wait_for_posts(const BotFixture& bot, const std::string& conversation,
                                                         std::size_t count,
                                                         std::chrono::seconds timeout = std::chrono::seconds(10)) {
    auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        auto posts = posts_to(bot, conversation);
        if (posts.size() >= count) return posts;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return posts_to(bot, conversation);
}

// The 1:1 chat the bot started with Sam (its id is the fake connector's answer).
inline std::string sam_chat(const BotFixture& bot) {
    auto sam = test::crm().directory.ensure_user(bot.tenant, {"b2c3d4e5-2222-4333-9444-a55566667777", kSamTeamsId,
                                                              "Sam Lee", ""});
    REQUIRE(sam);
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < until) {
        auto chat = test::crm().directory.personal_conversation(bot.tenant, sam->id);
        REQUIRE(chat);
        if (*chat) return (*chat)->external_id;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL("the bot started no chat with Sam");
    return {};
}

}  // namespace e2e
