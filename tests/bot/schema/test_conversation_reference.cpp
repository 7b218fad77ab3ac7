#include "fixtures.hpp"
#include "schema/conversation_reference.hpp"

#include <catch2/catch.hpp>

using bot::schema::ConversationReference;
using bot::schema::make_reference;
using bot::schema::parse_activity;
using nlohmann::json;

namespace {

ConversationReference reference_of(const std::string& file) {
    return make_reference(parse_activity(test::load_activity(file)).value());
}

}  // namespace

TEST_CASE("a reference from a channel message keeps team and channel ids", "[reference]") {
    const auto ref = reference_of("02-channel-message-mention.json");
    CHECK(ref.service_url == "https://smba.trafficmanager.net/amer/");
    CHECK(ref.conversation_id == "19:ExampleDealsChannel0002@thread.tacv2;messageid=1764002700456");
    CHECK(ref.root_conversation_id() == "19:ExampleDealsChannel0002@thread.tacv2");
    CHECK(ref.conversation_type == "channel");
    CHECK(ref.tenant_id == "4e8c1f2a-9b7d-4c3e-a1f6-0d2b5e7c9a31");
    CHECK(ref.bot_id == "28:7d3f2a1b-6c5e-4f8a-9b0c-1e2d3f4a5b6c");
    CHECK(ref.user_id == "29:1DanaPark-example-user-mri-0001");
    CHECK(ref.user_aad_object_id == "a1b2c3d4-1111-4222-8333-944455556666");
    CHECK(ref.team_id == "19:ExampleTeamRootThread0001@thread.tacv2");
    CHECK(ref.channel_id == "19:ExampleDealsChannel0002@thread.tacv2");
    CHECK(ref.activity_id == "1764002700456");
}

TEST_CASE("a team install takes the selected channel", "[reference]") {
    const auto ref = reference_of("03-conversationupdate-bot-added-team.json");
    CHECK(ref.team_id == "19:ExampleTeamRootThread0001@thread.tacv2");
    CHECK(ref.channel_id == "19:ExampleDealsChannel0002@thread.tacv2");
    CHECK(ref.conversation_id == "19:ExampleDealsChannel0002@thread.tacv2");
    CHECK(ref.activity_id == "f:6b1d2c3e-4f50-4a61-8b72-9c83d4e5f601");
}

TEST_CASE("a personal reference has the user and no team", "[reference]") {
    const auto ref = reference_of("04-conversationupdate-bot-added-personal.json");
    CHECK(ref.conversation_type == "personal");
    CHECK(ref.conversation_id == "a:1ExamplePersonalConversationDanaParkAndContosoCrmBot");
    CHECK(ref.user_id == "29:1DanaPark-example-user-mri-0001");
    CHECK(ref.user_aad_object_id == "a1b2c3d4-1111-4222-8333-944455556666");
    CHECK_FALSE(ref.team_id);
    CHECK_FALSE(ref.channel_id);
    CHECK(ref.root_conversation_id() == ref.conversation_id);
}

TEST_CASE("a channel conversation without channelData still names its channel", "[reference]") {
    auto body = test::load_activity("10-message-reaction.json");
    body.erase("channelData");
    body["conversation"]["id"] = "19:Other@thread.tacv2;messageid=42";
    body.erase("id");
    const auto ref = make_reference(parse_activity(body).value());
    CHECK(ref.channel_id == "19:Other@thread.tacv2");
    CHECK_FALSE(ref.team_id);
    CHECK_FALSE(ref.activity_id);
    CHECK(ref.tenant_id == "4e8c1f2a-9b7d-4c3e-a1f6-0d2b5e7c9a31");
}

TEST_CASE("references round-trip through JSON", "[reference]") {
    for (const auto* file : {"02-channel-message-mention.json", "04-conversationupdate-bot-added-personal.json",
                             "09-invoke-compose-extension-querylink.json"}) {
        INFO(file);
        const auto ref = reference_of(file);
        const json j = ref;
        CHECK(j.get<ConversationReference>() == ref);
        auto parsed = bot::schema::parse_conversation_reference(j);
        REQUIRE(parsed.ok());
        CHECK(parsed.value() == ref);
    }
    const json channel = reference_of("02-channel-message-mention.json");
    CHECK(channel.at("teamsChannelId") == "19:ExampleDealsChannel0002@thread.tacv2");
    CHECK(channel.at("serviceUrl") == "https://smba.trafficmanager.net/amer/");
    const json personal = reference_of("04-conversationupdate-bot-added-personal.json");
    CHECK_FALSE(personal.contains("teamId"));  // absent optionals are left out
    CHECK_FALSE(personal.contains("teamsChannelId"));
}

TEST_CASE("reading a reference checks its required members", "[reference]") {
    json j = reference_of("04-conversationupdate-bot-added-personal.json");
    for (const std::string key : {"serviceUrl", "conversationId", "botId"}) {
        json broken = j;
        broken.erase(key);
        auto parsed = bot::schema::parse_conversation_reference(broken);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().field == key);
        CHECK_THROWS_AS(broken.get<ConversationReference>(), nlohmann::json::exception);
        broken[key] = 5;
        CHECK(bot::schema::parse_conversation_reference(broken).error().field == key);
    }
    CHECK_FALSE(bot::schema::parse_conversation_reference(json::array()).ok());
    // Optional members of the wrong type are left empty.
    j["teamId"] = 12;
    CHECK_FALSE(bot::schema::parse_conversation_reference(j).value().team_id);
}
