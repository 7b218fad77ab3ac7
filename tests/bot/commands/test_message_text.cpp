#include "../schema/fixtures.hpp"
#include "commands/command_parser.hpp"
#include "commands/message_text.hpp"
#include "describe.hpp"

#include <catch2/catch.hpp>

using bot::commands::clean_text;
using bot::commands::decode_html_entities;
using bot::commands::MentionedUser;
using bot::schema::Activity;
using bot::schema::parse_activity;

namespace {

Activity fixture(const std::string& file) { return parse_activity(test::load_activity(file)).value(); }

// A personal message from Dana with the given text and mention entities.
Activity message(const std::string& text, std::vector<bot::schema::Mention> mentions = {}) {
    Activity a = fixture("01-personal-message.json");
    a.text = text;
    a.mentions = std::move(mentions);
    return a;
}

const bot::schema::ChannelAccount kBot{"28:7d3f2a1b-6c5e-4f8a-9b0c-1e2d3f4a5b6c", "Contoso CRM", ""};
const bot::schema::ChannelAccount kSam{"29:1SamLee-example-user-mri-0002", "Sam Lee", ""};

}  // namespace

TEST_CASE("fixture 02: the bot's mention goes, Sam's stays as a mentioned user", "[message_text]") {
    const auto a = fixture("02-channel-message-mention.json");
    const auto clean = clean_text(a);
    CHECK(clean.text == "follow deal D-1042 and notify @Sam Lee");
    CHECK(clean.bot_mentioned);
    REQUIRE(clean.mentions.size() == 1);
    CHECK(clean.mentions[0] == MentionedUser{"29:1SamLee-example-user-mri-0002", "Sam Lee"});

    const auto result = bot::commands::parse(clean, a.effective_locale());
    REQUIRE(result.ok());
    const auto* follow = result.get<bot::commands::Follow>();
    REQUIRE(follow);
    REQUIRE(follow->record);
    CHECK(*follow->record->ref == crm::RecordRef{crm::RecordKind::opportunity, 1042});
    CHECK(follow->users == clean.mentions);
}

TEST_CASE("plain messages pass through", "[message_text]") {
    const auto clean = clean_text(fixture("01-personal-message.json"));
    CHECK(clean.text == "deals closing this month");
    CHECK(clean.mentions.empty());
    CHECK_FALSE(clean.bot_mentioned);
    CHECK(test::describe(bot::commands::parse(clean, "en-US").command().action) ==
          "list kind=deal closing=this_month");
    CHECK(clean_text(fixture("06-message-action-submit.json")).text.empty());  // a card submit has no text
}

TEST_CASE("the bot is identified by id, never by text", "[message_text]") {
    // Entity text not in the message: the conventional markup for the name is removed.
    auto fallback = message("<at>Contoso CRM</at> pipeline", {{"<at>Contoso</at>", kBot}});
    CHECK(clean_text(fallback).text == "pipeline");
    // Mentioned twice: both go.
    auto twice = message("<at>Contoso CRM</at> leads <at>Contoso CRM</at>", {{"<at>Contoso CRM</at>", kBot}});
    CHECK(clean_text(twice).text == "leads");
    // Without an entity, the text is not trusted to name the bot: only the tag goes.
    auto no_entity = message("<at>Contoso CRM</at> leads");
    CHECK(clean_text(no_entity).text == "Contoso CRM leads");
    CHECK_FALSE(clean_text(no_entity).bot_mentioned);
    // A user who happens to share the bot's display name is a user.
    bot::schema::ChannelAccount impostor{"29:impostor", "Contoso CRM", ""};
    auto shared = message("<at>Contoso CRM</at> hi", {{"<at>Contoso CRM</at>", impostor}});
    CHECK(clean_text(shared).text == "@Contoso CRM hi");
    CHECK(clean_text(shared).mentions.at(0).id == "29:impostor");
}

TEST_CASE("users are listed once, in the order they appear", "[message_text]") {
    bot::schema::ChannelAccount dana{"29:dana", "Dana Park", ""};
    auto a = message("<at>Contoso CRM</at> follow D-7 for <at>Dana Park</at>, <at>Sam Lee</at> and <at>Dana Park</at>",
                     {{"<at>Sam Lee</at>", kSam}, {"<at>Dana Park</at>", dana}, {"<at>Contoso CRM</at>", kBot},
                      {"<at>Dana Park</at>", dana}});
    const auto clean = clean_text(a);
    CHECK(clean.text == "follow D-7 for @Dana Park, @Sam Lee and @Dana Park");
    CHECK(clean.mentions == std::vector<MentionedUser>{{"29:dana", "Dana Park"}, {kSam.id, "Sam Lee"}});
    const auto follow = bot::commands::parse(clean, "en-US");
    REQUIRE(follow.get<bot::commands::Follow>());
    CHECK(follow.get<bot::commands::Follow>()->users == clean.mentions);
}

TEST_CASE("HTML entities are decoded", "[message_text]") {
    CHECK(decode_html_entities("AT&amp;T &lt;EMEA&gt; &quot;x&quot; &#39;y&#39; &apos;z&apos;") ==
          "AT&T <EMEA> \"x\" 'y' 'z'");
    CHECK(decode_html_entities("caf&#233; &#xE9;t&#XE9; &#x1F600;") == "café été 😀");
    CHECK(decode_html_entities("a&nbsp;b") == "a\u00A0b");
    // Unknown, malformed or invalid ones stay as typed.
    CHECK(decode_html_entities("&foo; & alone &#; &#0; &#xD800; &#xZZ; &amp") == "&foo; & alone &#; &#0; &#xD800; &#xZZ; &amp");

    auto a = message("comment D-7 R&amp;D says &lt;b&gt; is &quot;fine&quot;&nbsp;&#8212; ok");
    CHECK(clean_text(a).text == "comment D-7 R&D says <b> is \"fine\" — ok");
}

TEST_CASE("tags are stripped and white space normalised", "[message_text]") {
    CHECK(clean_text(message("<p>show <strong>L-12</strong></p>")).text == "show L-12");
    CHECK(clean_text(message("<div>leads</div><div>mine</div>")).text == "leads\nmine");
    CHECK(clean_text(message("deals amount < 5000")).text == "deals amount < 5000");
    CHECK(clean_text(message("  leads \t\u00A0 mine\u202F ")).text == "leads mine");
    CHECK(clean_text(message("leads&nbsp;mine")).text == "leads mine");
    CHECK(clean_text(message("lea\u200Bds")).text == "leads");
    CHECK(clean_text(message("comment D-7 line one\r\n\r\n   line two  ")).text == "comment D-7 line one\nline two");
}

TEST_CASE("multi-line comments keep their lines", "[message_text]") {
    const auto result = bot::commands::parse(clean_text(message("comment D-7 Call went well.<br>Next: demo")), "en-US");
    REQUIRE(result.get<bot::commands::AddComment>());
    CHECK(result.get<bot::commands::AddComment>()->text == "Call went well.\nNext: demo");
}
