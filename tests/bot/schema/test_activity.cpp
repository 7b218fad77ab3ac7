#include "fixtures.hpp"
#include "schema/activity.hpp"

#include <catch2/catch.hpp>

using bot::schema::Activity;
using bot::schema::parse_activity;
using nlohmann::json;

namespace {

Activity parsed(const std::string& file) {
    auto result = parse_activity(test::load_activity(file));
    INFO(file << ": " << (result.ok() ? "" : result.error().message));
    REQUIRE(result.ok());
    return result.value();
}

// Removes a member by JSON path ("conversation.id").
json without(json body, const std::string& path) {
    const auto dot = path.find('.');
    if (dot == std::string::npos) body.erase(path);
    else body.at(path.substr(0, dot)).erase(path.substr(dot + 1));
    return body;
}

void require_field_error(const json& body, const std::string& field) {
    auto result = parse_activity(body);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == crm::ErrorCode::validation);
    CHECK(result.error().field == field);
    CHECK(result.error().message.find(field) != std::string::npos);
}

}  // namespace

TEST_CASE("every recorded activity parses", "[activity]") {
    const auto files = test::activity_files();
    REQUIRE(files.size() >= 11);
    for (const auto& file : files) {
        const auto a = parsed(file);
        CHECK_FALSE(a.type.empty());
        CHECK(a.service_url == "https://smba.trafficmanager.net/amer/");
        CHECK(a.channel_id == "msteams");
        CHECK(a.recipient.id == "28:7d3f2a1b-6c5e-4f8a-9b0c-1e2d3f4a5b6c");
        CHECK(a.tenant_id() == "4e8c1f2a-9b7d-4c3e-a1f6-0d2b5e7c9a31");
    }
}

TEST_CASE("a personal message reads every typed field", "[activity]") {
    const auto a = parsed("01-personal-message.json");
    CHECK(a.is_message());
    CHECK_FALSE(a.is_invoke());
    CHECK(a.id == "1764002400123");
    CHECK(a.timestamp == "2026-11-24T15:20:00.123Z");
    CHECK(a.local_timestamp == "2026-11-24T10:20:00.123-05:00");
    CHECK(a.local_timezone == "America/New_York");
    CHECK(a.from.id == "29:1DanaPark-example-user-mri-0001");
    CHECK(a.from.name == "Dana Park");
    CHECK(a.from.aad_object_id == "a1b2c3d4-1111-4222-8333-944455556666");
    CHECK(a.recipient.name == "Contoso CRM");
    CHECK(a.conversation.id == "a:1ExamplePersonalConversationDanaParkAndContosoCrmBot");
    CHECK(a.conversation.conversation_type == "personal");
    CHECK_FALSE(a.conversation.is_group);
    CHECK(a.text == "deals closing this month");
    CHECK(a.text_format == "plain");
    CHECK(a.locale == "en-US");
    REQUIRE(a.attachments.size() == 1);
    CHECK(a.attachments[0].content_type == "text/html");
    CHECK(a.attachments[0].content == "<p>deals closing <strong>this month</strong></p>");
    REQUIRE(a.client_info);
    CHECK(a.client_info->locale == "en-US");
    CHECK(a.client_info->country == "US");
    CHECK(a.client_info->platform == "Windows");
    CHECK(a.client_info->timezone == "America/New_York");
    CHECK(a.mentions.empty());
    CHECK(a.value.is_null());
    CHECK(a.channel_data.tenant_id == "4e8c1f2a-9b7d-4c3e-a1f6-0d2b5e7c9a31");
    CHECK(a.channel_data.team_id.empty());
}

TEST_CASE("a channel message carries mentions, team and channel", "[activity]") {
    const auto a = parsed("02-channel-message-mention.json");
    CHECK(a.conversation.is_group);
    CHECK(a.conversation.conversation_type == "channel");
    CHECK(a.conversation.id == "19:ExampleDealsChannel0002@thread.tacv2;messageid=1764002700456");
    REQUIRE(a.mentions.size() == 2);
    CHECK(a.mentions[0].text == "<at>Contoso CRM</at>");
    CHECK(a.mentions[0].mentioned.id == a.recipient.id);
    CHECK(a.mentions[1].mentioned.id == "29:1SamLee-example-user-mri-0002");
    CHECK(a.mentions[1].mentioned.name == "Sam Lee");
    CHECK(a.client_info);  // entities mix mentions and clientInfo
    CHECK(a.channel_data.team_id == "19:ExampleTeamRootThread0001@thread.tacv2");
    CHECK(a.channel_data.channel_id == "19:ExampleDealsChannel0002@thread.tacv2");
}

TEST_CASE("conversation and installation updates", "[activity]") {
    const auto team = parsed("03-conversationupdate-bot-added-team.json");
    CHECK(team.type == "conversationUpdate");
    CHECK(team.bot_added());
    CHECK_FALSE(team.bot_removed());
    CHECK(team.conversation.name == "Deals");
    CHECK(team.channel_data.event_type == "teamMemberAdded");
    CHECK(team.channel_data.team_name == "Sales EMEA");
    CHECK(team.channel_data.team_aad_group_id == "c3d4e5f6-3333-4444-a555-b66677778888");
    CHECK(team.channel_data.selected_channel_id == "19:ExampleDealsChannel0002@thread.tacv2");

    const auto personal = parsed("04-conversationupdate-bot-added-personal.json");
    REQUIRE(personal.members_added.size() == 2);
    CHECK(personal.members_added[1].aad_object_id == "a1b2c3d4-1111-4222-8333-944455556666");
    CHECK(personal.bot_added());

    const auto install = parsed("05-installationupdate-add-personal.json");
    CHECK(install.type == "installationUpdate");
    CHECK(install.action == "add");
    CHECK(install.members_added.empty());
}

TEST_CASE("card submits, invokes and reactions", "[activity]") {
    const auto submit = parsed("06-message-action-submit.json");
    CHECK(submit.text.empty());
    CHECK(submit.reply_to_id == "1764002460001");
    CHECK(submit.value.at("action") == "logCall");

    const auto execute = parsed("07-invoke-adaptivecard-action.json");
    CHECK(execute.is_invoke());
    CHECK(execute.name == "adaptiveCard/action");
    CHECK(execute.value.at("action").at("verb") == "followDeal");

    CHECK(parsed("08-invoke-compose-extension-query.json").name == "composeExtension/query");
    CHECK(parsed("09-invoke-compose-extension-querylink.json").conversation.conversation_type == "groupChat");
    CHECK(parsed("11-invoke-task-fetch.json").value.at("data").at("form") == "newLead");

    const auto reaction = parsed("10-message-reaction.json");
    CHECK(reaction.type == "messageReaction");
    CHECK(reaction.reactions_added == std::vector<std::string>{"like"});
    CHECK(reaction.reactions_removed.empty());
}

TEST_CASE("each missing required field is an error naming its path", "[activity]") {
    const auto message = test::load_activity("01-personal-message.json");
    const auto invoke = test::load_activity("07-invoke-adaptivecard-action.json");
    const auto update = test::load_activity("03-conversationupdate-bot-added-team.json");
    for (const std::string path : {"type", "serviceUrl", "channelId", "conversation.id", "from.id", "recipient.id", "id"}) {
        INFO(path);
        require_field_error(without(message, path), path);
        require_field_error(without(invoke, path), path);
    }
    require_field_error(without(invoke, "name"), "name");
    for (const std::string path : {"serviceUrl", "channelId", "conversation.id", "from.id", "recipient.id"}) {
        INFO(path);
        require_field_error(without(update, path), path);
    }
    // The whole parent missing names the field inside it.
    require_field_error(without(message, "conversation"), "conversation.id");
    require_field_error(without(message, "recipient"), "recipient.id");
}

TEST_CASE("id and name are required only where the protocol needs them", "[activity]") {
    // Conversation events may come without an id; only invokes need a name.
    CHECK(parse_activity(without(test::load_activity("03-conversationupdate-bot-added-team.json"), "id")).ok());
    CHECK(parse_activity(without(test::load_activity("10-message-reaction.json"), "id")).ok());
    auto message = test::load_activity("01-personal-message.json");
    message["name"] = 17;  // optional: ignored
    CHECK(parse_activity(message).ok());
}

TEST_CASE("wrongly typed or empty required fields are errors", "[activity]") {
    auto base = test::load_activity("01-personal-message.json");
    auto with = [&](const std::string& path, json value) {
        json body = base;
        const auto dot = path.find('.');
        if (dot == std::string::npos) body[path] = std::move(value);
        else body[path.substr(0, dot)][path.substr(dot + 1)] = std::move(value);
        return body;
    };
    require_field_error(with("type", 5), "type");
    require_field_error(with("type", ""), "type");
    require_field_error(with("serviceUrl", nullptr), "serviceUrl");
    require_field_error(with("channelId", json::array()), "channelId");
    require_field_error(with("from.id", 42), "from.id");
    require_field_error(with("recipient.id", ""), "recipient.id");
    require_field_error(with("id", json::object()), "id");
    require_field_error(with("conversation", "a:1"), "conversation");
    require_field_error(with("from", json::array()), "from");

    for (const json& body : {json(nullptr), json::array(), json("message"), json(3)}) {
        auto result = parse_activity(body);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == crm::ErrorCode::validation);
    }
}

TEST_CASE("wrongly typed optional fields are skipped, never fatal", "[activity]") {
    auto body = test::load_activity("02-channel-message-mention.json");
    body["text"] = 5;
    body["locale"] = json::array();
    body["textFormat"] = false;
    body["conversation"]["isGroup"] = "yes";
    body["conversation"]["tenantId"] = 7;
    body["attachments"] = json::object();
    body["membersAdded"] = json::array({1, "x", nullptr, {{"id", "29:ok"}}});
    body["channelData"]["team"] = "not an object";
    body["channelData"]["channel"] = {{"id", 19}};
    body["entities"] = json::array({1, nullptr, "mention", {{"type", "mention"}}, {{"type", "mention"}, {"mentioned", 3}},
                                    {{"type", 12}}, {{"type", "clientInfo"}, {"locale", 5}}});
    body["timestamp"] = 1764002700;
    auto result = parse_activity(body);
    REQUIRE(result.ok());
    const auto& a = result.value();
    CHECK(a.text.empty());
    CHECK(a.locale.empty());
    CHECK_FALSE(a.conversation.is_group);
    CHECK(a.attachments.empty());
    REQUIRE(a.members_added.size() == 1);
    CHECK(a.members_added[0].id == "29:ok");
    CHECK(a.channel_data.team_id == "19:ExampleTeamRootThread0001@thread.tacv2");  // legacy teamsTeamId
    CHECK(a.channel_data.channel_id == "19:ExampleDealsChannel0002@thread.tacv2");  // legacy teamsChannelId
    REQUIRE(a.mentions.size() == 2);
    CHECK(a.mentions[0].mentioned.id.empty());
    REQUIRE(a.client_info);
    CHECK(a.client_info->locale.empty());
    CHECK(a.effective_locale() == "en-US");
    CHECK(a.timestamp.empty());
    CHECK(a.tenant_id() == "4e8c1f2a-9b7d-4c3e-a1f6-0d2b5e7c9a31");  // from channelData
}

TEST_CASE("unknown activity types and unknown fields are accepted", "[activity]") {
    auto body = test::load_activity("10-message-reaction.json");
    body["type"] = "somethingNew";
    body["brandNewField"] = {{"nested", true}};
    auto result = parse_activity(body);
    REQUIRE(result.ok());
    CHECK(result->type == "somethingNew");
    CHECK_FALSE(result->is_message());
    CHECK_FALSE(result->is_invoke());
}

TEST_CASE("the effective locale falls back to clientInfo, then en-US", "[activity]") {
    auto body = test::load_activity("01-personal-message.json");
    body["locale"] = "es-ES";
    CHECK(parse_activity(body)->effective_locale() == "es-ES");

    body.erase("locale");
    body["entities"][0]["locale"] = "fr-CA";
    CHECK(parse_activity(body)->effective_locale() == "fr-CA");

    body["locale"] = "";  // empty counts as absent
    CHECK(parse_activity(body)->effective_locale() == "fr-CA");

    body.erase("entities");
    CHECK(parse_activity(body)->effective_locale() == "en-US");
}

TEST_CASE("the tenant id comes from the conversation, else channelData", "[activity]") {
    auto body = test::load_activity("02-channel-message-mention.json");
    body["conversation"]["tenantId"] = "tenant-from-conversation";
    CHECK(parse_activity(body)->tenant_id() == "tenant-from-conversation");

    body["conversation"].erase("tenantId");
    CHECK(parse_activity(body)->tenant_id() == "4e8c1f2a-9b7d-4c3e-a1f6-0d2b5e7c9a31");

    body.erase("channelData");
    CHECK(parse_activity(body)->tenant_id().empty());
}

TEST_CASE("the bot leaving shows in membersRemoved", "[activity]") {
    auto body = test::load_activity("03-conversationupdate-bot-added-team.json");
    body["membersRemoved"] = body["membersAdded"];
    body.erase("membersAdded");
    body["channelData"]["eventType"] = "teamMemberRemoved";
    const auto a = parse_activity(body).value();
    CHECK(a.bot_removed());
    CHECK_FALSE(a.bot_added());
}
