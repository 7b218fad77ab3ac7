#include "fixtures.hpp"
#include "schema/content_types.hpp"
#include "schema/outbound.hpp"

#include <catch2/catch.hpp>

using namespace bot::schema;
using nlohmann::json;

namespace {

Activity inbound(const std::string& file) { return parse_activity(test::load_activity(file)).value(); }

const json kCard = {{"type", "AdaptiveCard"}, {"version", "1.5"}, {"body", json::array({{{"type", "TextBlock"}, {"text", "D-7"}}})}};

}  // namespace

TEST_CASE("a text reply is addressed like createReply", "[outbound]") {
    const auto in = inbound("01-personal-message.json");
    const json reply = message_text(in, "**3** deals close this month");
    CHECK(reply.at("type") == "message");
    CHECK(reply.at("text") == "**3** deals close this month");
    CHECK(reply.at("textFormat") == "markdown");
    CHECK(reply.at("from") == json{{"id", "28:7d3f2a1b-6c5e-4f8a-9b0c-1e2d3f4a5b6c"}, {"name", "Contoso CRM"}});
    CHECK(reply.at("recipient") == json{{"id", "29:1DanaPark-example-user-mri-0001"}, {"name", "Dana Park"}});
    CHECK(reply.at("conversation") == json{{"id", "a:1ExamplePersonalConversationDanaParkAndContosoCrmBot"},
                                           {"conversationType", "personal"},
                                           {"tenantId", "4e8c1f2a-9b7d-4c3e-a1f6-0d2b5e7c9a31"}});
    CHECK(reply.at("replyToId") == "1764002400123");
    CHECK(reply.at("channelId") == "msteams");
    CHECK(reply.at("locale") == "en-US");
    // The connector assigns these.
    CHECK_FALSE(reply.contains("id"));
    CHECK_FALSE(reply.contains("timestamp"));
    CHECK_FALSE(reply.contains("serviceUrl"));
    CHECK_FALSE(reply.contains("entities"));
    CHECK(message_text(in, "plain", "plain").at("textFormat") == "plain");
}

TEST_CASE("a reply in a channel thread stays in the thread", "[outbound]") {
    const auto in = inbound("02-channel-message-mention.json");
    const json reply = message_text(in, "Following D-1042");
    CHECK(reply.at("conversation").at("id") == "19:ExampleDealsChannel0002@thread.tacv2;messageid=1764002700456");
    CHECK(reply.at("conversation").at("isGroup") == true);
    CHECK(reply.at("conversation").at("conversationType") == "channel");
}

TEST_CASE("mentions in outbound text carry a matching entity", "[outbound]") {
    const auto in = inbound("02-channel-message-mention.json");
    const ChannelAccount sam{"29:1SamLee-example-user-mri-0002", "Sam Lee", ""};
    const std::string text = mention_markup(sam.name) + " now follows D-1042";
    const json reply = message_text(in, text, "markdown", {sam});
    REQUIRE(reply.at("entities").size() == 1);
    const auto& entity = reply.at("entities")[0];
    CHECK(entity.at("type") == "mention");
    CHECK(entity.at("text") == "<at>Sam Lee</at>");
    CHECK(entity.at("mentioned") == json{{"id", sam.id}, {"name", "Sam Lee"}});
    // Teams ignores an entity whose text is not exactly in the message.
    CHECK(reply.at("text").get<std::string>().find(entity.at("text").get<std::string>()) != std::string::npos);

    CHECK(mention_markup("Tom & <Jerry>") == "<at>Tom &amp; &lt;Jerry&gt;</at>");
    CHECK(mention_entity({"29:x", "Tom & Jerry", ""}).at("text") == "<at>Tom &amp; Jerry</at>");
}

TEST_CASE("a card travels alone, without text", "[outbound]") {
    const auto in = inbound("01-personal-message.json");
    const json reply = message_with_card(in, kCard);
    CHECK(reply.at("type") == "message");
    CHECK_FALSE(reply.contains("text"));
    REQUIRE(reply.at("attachments").size() == 1);
    CHECK(reply.at("attachments")[0].at("contentType") == content_type::adaptive_card);
    CHECK(reply.at("attachments")[0].at("content") == kCard);
    CHECK(reply.at("replyToId") == "1764002400123");
    CHECK(message_with_card(kCard) == json{{"type", "message"}, {"attachments", json::array({card_attachment(kCard)})}});
}

TEST_CASE("a reply around card JSON text is the same activity as around the card", "[outbound]") {
    for (const char* file : {"01-personal-message.json", "02-channel-message-mention.json"}) {
        const auto in = inbound(file);
        const std::string text = message_with_card_text(in, kCard.dump());
        const json parsed = json::parse(text);  // throws, failing the test, when the splice broke the JSON
        CHECK(parsed == message_with_card(in, kCard));
    }
    // Names that need escaping, and no optional members at all.
    auto in = inbound("01-personal-message.json");
    in.from.name = "Zoë \"Z\" O'Brien \\ \u00e9\t\x01";
    in.recipient.name.clear();
    in.conversation.conversation_type.clear();
    in.conversation.tenant_id.clear();
    in.channel_data.tenant_id.clear();
    in.conversation.name = "Sales <team>";
    in.locale.clear();
    in.id.clear();
    CHECK(json::parse(message_with_card_text(in, kCard.dump())) == message_with_card(in, kCard));
}

TEST_CASE("proactive messages are addressed from a stored reference", "[outbound]") {
    const auto personal = make_reference(inbound("04-conversationupdate-bot-added-personal.json"));
    const json dm = as_proactive(message_text("D-7 moved to Proposal"), personal);
    CHECK(dm.at("from") == json{{"id", "28:7d3f2a1b-6c5e-4f8a-9b0c-1e2d3f4a5b6c"}});
    CHECK(dm.at("recipient") == json{{"id", "29:1DanaPark-example-user-mri-0001"}});
    CHECK(dm.at("conversation").at("id") == "a:1ExamplePersonalConversationDanaParkAndContosoCrmBot");
    CHECK(dm.at("conversation").at("tenantId") == "4e8c1f2a-9b7d-4c3e-a1f6-0d2b5e7c9a31");
    CHECK_FALSE(dm.contains("replyToId"));

    const auto channel = make_reference(inbound("03-conversationupdate-bot-added-team.json"));
    const json post = as_proactive(message_with_card(kCard), channel);
    CHECK_FALSE(post.contains("recipient"));  // a channel post has no single recipient
    CHECK(post.at("conversation").at("conversationType") == "channel");
}
