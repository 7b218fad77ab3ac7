// Save to CRM end to end: the message action's dialog, its typeahead, and its
// submit, which saves the Teams message as a note on a lead or deal and tells
// the record's followers, over HTTP with signed tokens.
#include "e2e/bot_fixture.hpp"
#include "e2e/follower_helpers.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace e2e;

namespace {

const std::string kMessageLink =
    "https://teams.microsoft.com/l/message/19:ExampleDealsChannel0002@thread.tacv2/1764003000123"
    "?groupId=c3d4e5f6-3333-4444-a555-b66677778888&parentMessageId=1764003000123";

nlohmann::json invoke(const BotFixture& bot, const std::string& name, const nlohmann::json& data = nullptr) {
    auto a = bot.activity("12-invoke-message-action-fetch-task.json");
    a["name"] = name;
    if (!data.is_null()) a["value"]["data"] = data;
    return a;
}

nlohmann::json answer(const BotFixture& bot, const nlohmann::json& activity) {
    auto res = bot.post(activity);
    REQUIRE(res.result_int() == 200);
    return nlohmann::json::parse(res.body());
}

nlohmann::json submit(const BotFixture& bot, const std::string& record, const std::string& remark = {}) {
    return answer(bot, invoke(bot, "composeExtension/submitAction", {{"record", record}, {"remark", remark}, {"formId", "f-1"}}));
}

// The dialog's record picker.
nlohmann::json picker(const nlohmann::json& dialog) {
    for (const auto& element : dialog["task"]["value"]["card"]["content"]["body"])
        if (element.value("id", "") == "record") return element;
    FAIL("the dialog has no record picker");
    return {};
}

std::vector<crm::Note> notes_of(const BotFixture& bot, const crm::RecordRef& record) {
    return test::crm().notes.list(bot.dana(), record).value().items;
}

}  // namespace

TEST_CASE("Save to CRM opens a dialog showing the message and the rep's recent leads and deals", "[e2e][db][save]") {
    BotFixture bot;
    auto deal = make_deal(bot, "Fabrikam renewal");
    auto lead = test::crm().leads.create(bot.dana(), {"Ada", "Lovelace", "Analytical Engines", "", "", "", "", {}}).value();

    auto dialog = answer(bot, invoke(bot, "composeExtension/fetchTask"));
    REQUIRE(dialog["task"]["type"] == "continue");
    CHECK(dialog["task"]["value"]["title"] == "Save to CRM");
    const std::string card = dialog["task"]["value"]["card"].dump();
    CHECK(dialog["task"]["value"]["card"]["contentType"] == "application/vnd.microsoft.card.adaptive");
    CHECK(card.find("Sam Lee") != std::string::npos);
    CHECK(card.find("Fabrikam confirmed the budget for Q1.") != std::string::npos);  // HTML and &nbsp; gone
    CHECK(card.find("Legal wants the DPA before signing & asks for a call.") != std::string::npos);
    // The picker searches as the rep types, and offers the rep's own records first.
    auto record = picker(dialog);
    CHECK(record["type"] == "Input.ChoiceSet");
    CHECK(record["style"] == "filtered");
    CHECK(record["choices.data"]["type"] == "Data.Query");
    CHECK(record["choices.data"]["dataset"] == "crm.records");
    CHECK(record["isRequired"] == true);
    std::set<std::string> offered;
    for (const auto& c : record["choices"]) offered.insert(c["value"].get<std::string>());
    CHECK(offered == std::set<std::string>{deal.ref().display(), lead.ref().display()});
    // The submit is an Action.Submit (dialogs submit with it), carrying a form id.
    const auto& actions = dialog["task"]["value"]["card"]["content"]["actions"];
    REQUIRE(actions.size() == 1);
    CHECK(actions[0]["type"] == "Action.Submit");
    CHECK_FALSE(actions[0]["data"]["formId"].get<std::string>().empty());

    // Another command of the extension is not this one, nor is a command id that is not a string.
    auto other = invoke(bot, "composeExtension/fetchTask");
    other["value"]["commandId"] = "somethingElse";
    CHECK(bot.post(other).result_int() == 501);
    other["value"]["commandId"] = 42;
    CHECK(bot.post(other).result_int() == 501);
}

TEST_CASE("the record picker's typeahead finds the tenant's leads and deals only", "[e2e][db][save]") {
    BotFixture bot;
    auto deal = make_deal(bot, "Tailspin fleet");
    REQUIRE(test::crm().leads.create(bot.dana(), {"Tom", "Tailor", "Tailor Made", "", "", "", "", {}}));
    BotFixture other;
    make_deal(other, "Tailspin secret");

    auto search = invoke(bot, "application/search");
    search["value"] = {{"queryText", "tail"}, {"queryOptions", {{"skip", 0}, {"top", 15}}}, {"dataset", "crm.records"}};
    auto body = answer(bot, search);
    CHECK(body["statusCode"] == 200);
    CHECK(body["type"] == "application/vnd.microsoft.search.searchResponse");
    std::set<std::string> titles;
    for (const auto& r : body["value"]["results"]) titles.insert(r["title"].get<std::string>());
    CHECK(titles.count(deal.ref().display() + " Tailspin fleet") == 1);
    CHECK(titles.size() == 2);  // the deal and the lead; not the other tenant's deal
    for (const auto& t : titles) CHECK(t.find("secret") == std::string::npos);

    // Paged by queryOptions.
    search["value"]["queryOptions"] = {{"skip", 1}, {"top", 1}};
    CHECK(answer(bot, search)["value"]["results"].size() == 1);
    // A dataset the cards never ask for, or not even a string: no results.
    search["value"]["dataset"] = "npm";
    CHECK(answer(bot, search)["value"]["results"].empty());
    search["value"]["dataset"] = nlohmann::json::array({1, 2});
    CHECK(answer(bot, search)["value"]["results"].empty());
}

TEST_CASE("Save to CRM saves the message as a note with author, time and link, and tells the followers",
          "[e2e][db][save][notify]") {
    BotFixture bot;
    bot.start_notifications();
    auto deal = make_deal(bot, "Fabrikam renewal");
    sam_follows(bot, deal);
    bot.channel.clear_requests();

    auto saved = submit(bot, deal.ref().display(), "Budget is there");
    REQUIRE(saved["task"]["type"] == "message");
    CHECK(saved["task"]["value"] == "Saved as a note on " + deal.ref().display() + " Fabrikam renewal.");

    auto notes = notes_of(bot, deal.ref());
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].body ==
          "Budget is there\n\nFabrikam confirmed the budget for Q1.\nLegal wants the DPA before signing & asks for a call.");
    CHECK(notes[0].author.name == "Dana Park");
    REQUIRE(notes[0].source.has_value());
    CHECK(notes[0].source->author == "Sam Lee");
    CHECK(notes[0].source->url == kMessageLink);
    REQUIRE(notes[0].source->sent_at.has_value());
    CHECK(crm::to_iso8601(*notes[0].source->sent_at) == "2026-11-24T15:58:20Z");

    // Sam follows the deal: told in his 1:1 chat, with the message and a way back to it.
    const std::string chat = sam_chat(bot);
    auto posts = wait_for_posts(bot, chat, 1);
    REQUIRE(posts.size() == 1);
    const std::string card = card_json(posts[0]);
    CHECK(card.find("Fabrikam renewal") != std::string::npos);
    CHECK(card.find("Budget is there") != std::string::npos);
    CHECK(card.find("Open message") != std::string::npos);
    CHECK(card.find("teams.microsoft.com/l/message") != std::string::npos);
    // Dana, who saved it, is not notified.
    const std::string dana_chat = bot.activity("01-personal-message.json")["conversation"]["id"];
    CHECK(posts_to(bot, dana_chat).empty());

    // Teams retrying the submit (or a second click) saves nothing more.
    auto again = submit(bot, deal.ref().display(), "Budget is there");
    CHECK(again["task"]["value"] == "This message was already saved on " + deal.ref().display() + " Fabrikam renewal.");
    CHECK(notes_of(bot, deal.ref()).size() == 1);
}

TEST_CASE("Save to CRM without a valid record shows the dialog again with the error and saves nothing", "[e2e][db][save]") {
    BotFixture bot;
    auto deal = make_deal(bot, "Northwind pilot");
    BotFixture other;
    auto foreign = make_deal(other, "Other tenant's deal");

    // Nothing picked, or an account: the picker says what is wanted, the remark is kept.
    for (const std::string& picked : {std::string(), std::string("A-1"), std::string("nonsense")}) {
        INFO(picked);
        auto dialog = submit(bot, picked, "keep me");
        REQUIRE(dialog["task"]["type"] == "continue");
        const std::string card = dialog["task"]["value"]["card"].dump();
        CHECK(card.find("Choose a lead or a deal.") != std::string::npos);
        CHECK(card.find("keep me") != std::string::npos);
    }
    // A deal number that exists only in another tenant: not found here, nothing saved there.
    auto missing = submit(bot, "D-" + std::to_string(foreign.number + 1000));
    REQUIRE(missing["task"]["type"] == "continue");
    CHECK(missing["task"]["value"]["card"].dump().find("not found") != std::string::npos);
    CHECK(notes_of(bot, deal.ref()).empty());
    CHECK(test::crm().notes.list(other.dana(), foreign.ref()).value().items.empty());

    // A submit without the message payload cannot save anything, and says so.
    auto bare = invoke(bot, "composeExtension/submitAction", {{"record", deal.ref().display()}});
    bare["value"].erase("messagePayload");
    auto refused = answer(bot, bare);
    CHECK(refused["task"]["type"] == "message");
    CHECK(refused["task"]["value"].get<std::string>().find("did not send the message") != std::string::npos);
    CHECK(notes_of(bot, deal.ref()).empty());
}

TEST_CASE("Save to CRM speaks the rep's language", "[e2e][db][save]") {
    BotFixture bot;
    auto deal = make_deal(bot, "Contoso Madrid");
    auto fetch = invoke(bot, "composeExtension/fetchTask");
    fetch["locale"] = "es-ES";
    auto dialog = answer(bot, fetch);
    CHECK(dialog["task"]["value"]["title"] == "Guardar en el CRM");
    CHECK(picker(dialog)["label"] == "Lead u oportunidad");
    auto save = invoke(bot, "composeExtension/submitAction", {{"record", deal.ref().display()}});
    save["locale"] = "es-ES";
    CHECK(answer(bot, save)["task"]["value"] == "Guardado como nota en " + deal.ref().display() + " Contoso Madrid.");
}
