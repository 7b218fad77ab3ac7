// End to end over HTTP: signed activities in, CRM changes in PostgreSQL, replies
// out through the (fake) Bot Connector; and every way a request must be refused.
#include "e2e/bot_fixture.hpp"

#include <adaptive_cards/verbs.hpp>
#include <catch2/catch.hpp>

#include <set>
#include <thread>

using e2e::BotFixture;
using e2e::make_deal;
using namespace std::chrono_literals;

namespace {

std::size_t lead_count(const BotFixture& bot) {
    auto page = test::crm().leads.list(bot.dana(), {.include_converted = true, .page = {0, 100}});
    return page.value().items.size();
}

// Every text a card shows (TextBlocks, facts, button titles), one per line.
void collect_text(const nlohmann::json& j, std::string& out) {
    if (j.is_object()) {
        for (const char* key : {"text", "title", "value"})
            if (j.contains(key) && j[key].is_string()) out += j[key].get<std::string>() + "\n";
        for (const auto& [key, value] : j.items())
            if (value.is_structured()) collect_text(value, out);
    } else if (j.is_array()) {
        for (const auto& v : j) collect_text(v, out);
    }
}

// A reply's card (replies are cards, one per message).
nlohmann::json reply_card(const test::RecordedRequest& r) {
    const auto& attachments = r.json.value("attachments", nlohmann::json::array());
    REQUIRE(attachments.size() == 1);
    CHECK(attachments[0]["contentType"] == "application/vnd.microsoft.card.adaptive");
    return attachments[0]["content"];
}

std::string card_text(const nlohmann::json& card) {
    std::string out;
    collect_text(card, out);
    return out;
}

std::string reply_text(const test::RecordedRequest& r) { return card_text(reply_card(r)); }

// The verbs of a card's Action.Execute buttons.
void collect_verbs(const nlohmann::json& j, std::vector<std::string>& out) {
    if (j.is_object()) {
        if (j.value("type", "") == "Action.Execute" && j.contains("verb")) out.push_back(j["verb"]);
        for (const auto& [key, value] : j.items())
            if (value.is_structured()) collect_verbs(value, out);
    } else if (j.is_array()) {
        for (const auto& v : j) collect_verbs(v, out);
    }
}
bool has_verb(const nlohmann::json& card, const std::string& verb) {
    std::vector<std::string> verbs;
    collect_verbs(card, verbs);
    return std::find(verbs.begin(), verbs.end(), verb) != verbs.end();
}

// An adaptiveCard/action invoke of `verb` with `data` from the fixture's user.
nlohmann::json card_action(const BotFixture& bot, const std::string& verb, nlohmann::json data) {
    auto invoke = bot.activity("07-invoke-adaptivecard-action.json");
    invoke["value"]["action"]["verb"] = verb;
    invoke["value"]["action"]["data"] = std::move(data);
    return invoke;
}

// The card of an invoke response that carries one.
nlohmann::json response_card(const test::http::Response& res) {
    REQUIRE(res.result_int() == 200);
    auto body = nlohmann::json::parse(res.body());
    REQUIRE(body["statusCode"] == 200);
    REQUIRE(body["type"] == "application/vnd.microsoft.card.adaptive");
    return body["value"];
}

}  // namespace

TEST_CASE("a signed 'lead add' creates the lead and the reply answers that activity", "[e2e][db]") {
    BotFixture bot;
    auto activity = bot.activity("01-personal-message.json", "lead add Ada Lovelace, Analytical Engines, ada@ae.example");
    auto res = bot.post(activity);
    REQUIRE(res.result_int() == 200);

    auto replies = bot.replies(1);
    REQUIRE(replies.size() == 1);
    const auto& reply = replies.front();
    CHECK(reply.method == "POST");
    CHECK(reply.conversation_id == activity["conversation"]["id"].get<std::string>());
    CHECK(reply.activity_id == activity["id"].get<std::string>());
    CHECK(reply.json["replyToId"] == activity["id"]);
    CHECK(reply.json["type"] == "message");
    CHECK(reply_text(reply).find("L-1") != std::string::npos);
    // The reply carries a token from the client-credentials endpoint.
    CHECK(reply.header("Authorization").rfind("Bearer ", 0) == 0);
    CHECK(bot.channel.token_requests() == 1);

    auto lead = test::crm().leads.get(bot.dana(), 1);
    REQUIRE(lead.ok());
    CHECK(lead->first_name == "Ada");
    CHECK(lead->last_name == "Lovelace");
    CHECK(lead->company == "Analytical Engines");
    CHECK(lead->owner.name == "Dana Park");
}

TEST_CASE("requests that fail authentication are 401 and change nothing", "[e2e][db][auth]") {
    BotFixture bot;
    auto activity = bot.activity("01-personal-message.json", "lead add Mallory Forger, Evil Corp");
    const auto now = std::chrono::system_clock::now();
    const auto claims = test::channel_claims(bot.channel.app_id(), bot.channel.service_url());
    test::TestSigner stranger;

    struct Case {
        const char* name;
        std::string header;
    };
    auto with = [&](nlohmann::json c) { return "Bearer " + bot.channel.sign(c); };
    nlohmann::json wrong_aud = claims, wrong_iss = claims, expired = claims, other_url = claims;
    wrong_aud["aud"] = "11111111-2222-3333-4444-555555555555";
    wrong_iss["iss"] = "https://evil.example";
    expired = test::channel_claims(bot.channel.app_id(), bot.channel.service_url(), now - 2h, 1h);
    other_url["serviceurl"] = "https://smba.trafficmanager.net/emea/";

    std::vector<Case> cases = {
        {"no Authorization header", ""},
        {"bad signature (another key, same kid)", "Bearer " + stranger.sign(claims, {{"kid", bot.channel.kid()}})},
        {"wrong audience", with(wrong_aud)},
        {"wrong issuer", with(wrong_iss)},
        {"expired", with(expired)},
        {"alg none", "Bearer " + bot.channel.signer()->unsigned_token(claims)},
        {"HS256 signed with the public key", "Bearer " + bot.channel.signer()->hs256_with_public_key(claims)},
        {"unknown kid", "Bearer " + stranger.sign(claims)},
        {"serviceUrl claim differs from the activity", with(other_url)},
        {"not a bearer token", "Basic dXNlcjpwYXNz"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        auto res = bot.post(activity, c.header);
        CHECK(res.result_int() == 401);
    }
    SECTION("a key that does not endorse the activity's channel") {
        bot.channel.set_endorsements({"webchat"});
        bot.channel.rotate_key(false);
        CHECK(bot.post(activity).result_int() == 401);
    }
    std::this_thread::sleep_for(300ms);
    CHECK(bot.channel.connector_request_count() == 0);
    CHECK(lead_count(bot) == 0);
    auto metrics = test::http::request(boost::beast::http::verb::get, bot.server->port(), "/metrics");
    CHECK(metrics.body().find("crmbot_auth_failures_total{reason=\"bad_signature\"}") != std::string::npos);
}

TEST_CASE("bad requests get a clear 4xx and change nothing", "[e2e][db]") {
    BotFixture bot(false, 4096);
    auto token = "Bearer " + bot.channel.channel_token();
    auto post_raw = [&](const std::string& body, const std::string& type = "application/json") {
        return test::http::request(boost::beast::http::verb::post, bot.server->port(), "/api/messages", body,
                                   {{"Content-Type", type}, {"Authorization", token}});
    };
    CHECK(post_raw("{\"type\": \"message\", ").result_int() == 400);
    CHECK(post_raw("[1, 2]").result_int() == 400);
    CHECK(post_raw("{}", "text/plain").result_int() == 415);

    auto missing = bot.activity("01-personal-message.json", "leads");
    missing["conversation"].erase("id");
    auto res = bot.post(missing);
    CHECK(res.result_int() == 400);
    CHECK(res.body().find("conversation.id") != std::string::npos);

    auto huge = bot.activity("01-personal-message.json", std::string(8000, 'x'));
    CHECK(bot.post(huge).result_int() == 413);
    std::this_thread::sleep_for(300ms);
    CHECK(bot.channel.connector_request_count() == 0);
}

TEST_CASE("every example Teams activity is accepted", "[e2e][db]") {
    BotFixture bot;
    for (const char* name :
         {"01-personal-message.json", "02-channel-message-mention.json", "03-conversationupdate-bot-added-team.json",
          "04-conversationupdate-bot-added-personal.json", "05-installationupdate-add-personal.json",
          "06-message-action-submit.json", "07-invoke-adaptivecard-action.json", "10-message-reaction.json"}) {
        INFO(name);
        CHECK(bot.post(bot.activity(name)).result_int() == 200);
    }
    // Invokes the bot does not handle yet answer 501, as Microsoft's SDKs do.
    for (const char* name : {"08-invoke-compose-extension-query.json", "09-invoke-compose-extension-querylink.json",
                             "11-invoke-task-fetch.json"}) {
        INFO(name);
        auto res = bot.post(bot.activity(name));
        CHECK((res.result_int() == 200 || res.result_int() == 501));
    }
    auto unknown = bot.activity("10-message-reaction.json");
    unknown["type"] = "somethingNew";
    CHECK(bot.post(unknown).result_int() == 200);
}

TEST_CASE("the bot's own mention is stripped in a channel, other mentions kept", "[e2e][db]") {
    BotFixture bot;
    auto activity = bot.activity("02-channel-message-mention.json",
                                 "<at>Contoso CRM</at> lead add Grace Hopper, Navy Labs");
    REQUIRE(bot.post(activity).result_int() == 200);
    auto replies = bot.replies(1);
    REQUIRE(replies.size() == 1);
    // The reply goes to the channel thread the message was posted in.
    CHECK(replies[0].conversation_id == activity["conversation"]["id"].get<std::string>());
    auto lead = test::crm().leads.get(bot.dana(), 1);
    REQUIRE(lead.ok());
    CHECK(lead->first_name == "Grace");
    CHECK(lead->last_name == "Hopper");
    CHECK(lead->company == "Navy Labs");
}

TEST_CASE("commands parse in English, Spanish, French and German", "[e2e][db]") {
    BotFixture bot;
    struct Case {
        const char* locale;
        const char* text;
        const char* last_name;
    };
    const Case cases[] = {{"en-US", "lead add Ada Lovelace, Engines Ltd", "Lovelace"},
                          {"es-ES", "crear lead José Núñez, Café Olé S.L.", "Núñez"},
                          {"fr-FR", "créer piste Émile Zola, Les Éditions", "Zola"},
                          {"de-DE", "Lead anlegen Jürgen Müller, Bäckerei Groß GmbH", "Müller"}};
    std::size_t sent = 0;
    for (const auto& c : cases) {
        auto activity = bot.activity("01-personal-message.json", c.text);
        activity["locale"] = c.locale;
        activity["id"] = "msg-" + std::to_string(sent);
        REQUIRE(bot.post(activity).result_int() == 200);
        REQUIRE(bot.channel.wait_for_connector_requests(++sent, 10s));
    }
    auto leads = test::crm().leads.list(bot.dana(), {.page = {0, 10}}).value().items;
    REQUIRE(leads.size() == 4);
    for (const auto& c : cases) {
        INFO(c.text);
        CHECK(std::any_of(leads.begin(), leads.end(), [&](const crm::Lead& l) { return l.last_name == c.last_name; }));
    }
}

TEST_CASE("an unknown command gets a helpful answer", "[e2e][db]") {
    BotFixture bot;
    REQUIRE(bot.post(bot.activity("01-personal-message.json", "laed 12")).result_int() == 200);
    auto replies = bot.replies(1);
    REQUIRE(replies.size() == 1);
    CHECK(reply_text(replies[0]).find("lead") != std::string::npos);
}

TEST_CASE("installing the bot in a team stores the channel reference and greets once", "[e2e][db]") {
    BotFixture bot;
    auto added = bot.activity("03-conversationupdate-bot-added-team.json");
    REQUIRE(bot.post(added).result_int() == 200);
    auto replies = bot.replies(1);
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].conversation_id == "19:ExampleDealsChannel0002@thread.tacv2");
    CHECK(replies[0].json.value("replyToId", std::string()).empty());

    auto conversation = test::crm().directory.find_conversation(bot.tenant, "19:ExampleDealsChannel0002@thread.tacv2");
    REQUIRE(conversation.ok());
    CHECK(conversation->active);
    auto address = nlohmann::json::parse(conversation->address);
    CHECK(address["serviceUrl"] == bot.channel.service_url());
    CHECK(address["teamId"] == "19:ExampleTeamRootThread0001@thread.tacv2");

    // The same install event again (Teams also sends installationUpdate): no second welcome.
    REQUIRE(bot.post(added).result_int() == 200);
    std::this_thread::sleep_for(500ms);
    CHECK(bot.channel.connector_request_count() == 1);
}

TEST_CASE("the stored service URL follows the activities", "[e2e][db]") {
    BotFixture bot;
    auto activity = bot.activity("01-personal-message.json", "leads");
    REQUIRE(bot.post(activity).result_int() == 200);
    bot.replies(1);
    auto conversation = test::crm().directory.find_conversation(
        bot.tenant, activity["conversation"]["id"].get<std::string>());
    REQUIRE(conversation.ok());
    CHECK(nlohmann::json::parse(conversation->address)["serviceUrl"] == bot.channel.service_url());
    CHECK(conversation->user_id.has_value());
}

TEST_CASE("a card action invoke answers in the HTTP response", "[e2e][db]") {
    BotFixture bot;
    auto actor = bot.dana();
    auto account = test::crm().accounts.create(actor, {"Fabrikam", "fabrikam.example", {}, {}, {}, {}}).value();
    crm::OpportunityDraft draft;
    draft.name = "Fabrikam renewal";
    draft.account_number = account.number;
    auto deal = test::crm().opportunities.create(actor, draft).value();

    // The fixture as Teams' samples shape it: verb followDeal, data.dealId.
    auto invoke = bot.activity("07-invoke-adaptivecard-action.json");
    invoke["value"]["action"]["data"]["dealId"] = deal.ref().display();
    auto card = response_card(bot.post(invoke));
    // The clicker (Sam Lee in this fixture) now follows the deal, and the card in
    // place says so: its button is now Unfollow.
    auto sam = test::crm().directory.ensure_user(bot.tenant, {"b2c3d4e5-2222-4333-9444-a55566667777",
                                                              "29:1SamLee-example-user-mri-0002", "Sam Lee", ""});
    CHECK(test::crm().followers.is_following(sam.value().actor(), {crm::FollowTarget::Kind::opportunity, deal.number}).value());
    CHECK_FALSE(test::crm().followers.is_following(actor, {crm::FollowTarget::Kind::opportunity, deal.number}).value());
    CHECK(has_verb(card, "unfollow"));
    CHECK_FALSE(has_verb(card, "follow"));
    CHECK(card_text(card).find("Fabrikam renewal") != std::string::npos);
    // Teams refreshes the card for the clicker only: their buttons depend on them.
    REQUIRE(card.contains("refresh"));
    CHECK(card["refresh"]["userIds"] == nlohmann::json::array({"29:1SamLee-example-user-mri-0002"}));

    invoke["value"]["action"]["data"]["dealId"] = "D-999";
    auto body = nlohmann::json::parse(bot.post(invoke).body());
    CHECK(body["statusCode"] == 400);

    auto unknown = bot.activity("07-invoke-adaptivecard-action.json");
    unknown["name"] = "no/suchInvoke";
    CHECK(bot.post(unknown).result_int() == 501);
}

TEST_CASE("a tenant never sees another tenant's records through the bot", "[e2e][db]") {
    BotFixture a;
    REQUIRE(a.post(a.activity("01-personal-message.json", "lead add Secret Person, Tenant A Inc")).result_int() == 200);
    a.replies(1);

    BotFixture b;
    REQUIRE(b.post(b.activity("01-personal-message.json", "L-1")).result_int() == 200);
    auto replies = b.replies(1);
    REQUIRE(replies.size() == 1);
    CHECK(reply_text(replies[0]).find("Secret") == std::string::npos);
    CHECK(reply_text(replies[0]).find("not found") != std::string::npos);
}

TEST_CASE("a connector that fails or throttles still gets the reply, after waiting", "[e2e][db]") {
    BotFixture bot;
    bot.channel.push_fault(test::ConnectorFault::server_error(503));
    bot.channel.push_fault(test::ConnectorFault::throttled("1"));
    auto started = std::chrono::steady_clock::now();
    REQUIRE(bot.post(bot.activity("01-personal-message.json", "leads")).result_int() == 200);
    auto replies = bot.replies(3);
    REQUIRE(replies.size() == 3);
    CHECK(replies[0].status == 503);
    CHECK(replies[1].status == 429);
    CHECK(replies[2].status / 100 == 2);
    // Retry-After: 1 was honoured.
    CHECK(replies[2].received_at - replies[1].received_at >= 900ms);
    CHECK(replies[2].received_at - started < 8s);
}

TEST_CASE("a slow connector does not delay the HTTP answer", "[e2e][db]") {
    BotFixture bot;
    bot.channel.set_connector_delay(2s);
    auto started = std::chrono::steady_clock::now();
    REQUIRE(bot.post(bot.activity("01-personal-message.json", "leads")).result_int() == 200);
    CHECK(std::chrono::steady_clock::now() - started < 1s);
    CHECK(bot.channel.wait_for_connector_requests(1, 10s));
}

TEST_CASE("local-development mode accepts anonymous requests and never a token it cannot check", "[e2e][db]") {
    BotFixture bot(true);
    REQUIRE(bot.post(bot.activity("01-personal-message.json", "lead add Local Dev, Playground"), "").result_int() == 200);
    auto replies = bot.replies(1);
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].header("Authorization").empty());
}

namespace {
// The first object in the card for which pred holds, depth first; null if none.
template <class Pred>
nlohmann::json find_first(const nlohmann::json& j, const Pred& pred) {
    if (j.is_object() && pred(j)) return j;
    if (j.is_structured())
        for (const auto& v : j)
            if (v.is_structured())
                if (auto found = find_first(v, pred); !found.is_null()) return found;
    return nullptr;
}

// The card element with this id (an input), or null.
nlohmann::json find_id(const nlohmann::json& card, const std::string& id) {
    return find_first(card, [&](const nlohmann::json& o) { return o.value("id", "") == id; });
}

// The data of the first Action.Execute with this verb.
nlohmann::json action_data(const nlohmann::json& card, const std::string& verb) {
    auto action = find_first(card, [&](const nlohmann::json& o) {
        return o.value("type", "") == "Action.Execute" && o.value("verb", "") == verb;
    });
    return action.is_null() ? action : action.value("data", nlohmann::json::object());
}

}  // namespace

TEST_CASE("a card button moves a deal's stage and the card changes in place", "[e2e][db][cards]") {
    BotFixture bot;
    auto deal = make_deal(bot, "Contoso expansion");
    REQUIRE(deal.stage.name == "Prospecting");

    auto card = response_card(bot.post(card_action(bot, "moveStage", {{"record", deal.ref().display()}, {"stage", "Proposal"}})));
    auto stored = test::crm().opportunities.get(bot.dana(), deal.number).value();
    CHECK(stored.stage.name == "Proposal");
    CHECK(stored.version == deal.version + 1);
    CHECK(test::crm().opportunities.stage_history(bot.dana(), deal.number).value().size() == 2);
    // The answer is the deal's card as it now is, with the move said on top.
    const std::string text = card_text(card);
    CHECK(text.find("Contoso expansion") != std::string::npos);
    CHECK(text.find("Proposal") != std::string::npos);
    CHECK(card["version"] == "1.5");

    // A deal of another tenant cannot be moved by guessing its number.
    BotFixture other;
    auto res = other.post(card_action(other, "moveStage", {{"record", deal.ref().display()}, {"stage", "Negotiation"}}));
    CHECK(nlohmann::json::parse(res.body())["statusCode"] == 400);
    CHECK(test::crm().opportunities.get(bot.dana(), deal.number).value().stage.name == "Proposal");
}

TEST_CASE("a form with a bad value comes back with the error under the field and the input kept", "[e2e][db][cards]") {
    BotFixture bot;
    auto deal = make_deal(bot, "Seed");
    auto form = response_card(bot.post(card_action(bot, "openForm", {{"form", "createDeal"}})));
    REQUIRE(!find_id(form, "name").is_null());
    auto submit = action_data(form, "createDeal");
    REQUIRE(submit.is_object());
    REQUIRE(submit.contains("formId"));

    submit["name"] = "Northwind rollout";
    submit["account"] = deal.account.ref.display();
    submit["amount"] = "lots";
    submit["currency"] = "EUR";
    auto again = response_card(bot.post(card_action(bot, "createDeal", submit)));
    // Nothing was created; the amount's error sits in the form, the name is kept.
    CHECK(test::crm().opportunities.list(bot.dana(), {}).value().items.size() == 1);
    CHECK(card_text(again).find("Enter an amount") != std::string::npos);
    CHECK(find_id(again, "name").value("value", "") == "Northwind rollout");
    CHECK(find_id(again, "currency").value("value", "") == "EUR");
    // (A number input cannot hold "lots": the error under it says what to type.)
    // The same form id comes back, so a corrected submit is still one request.
    CHECK(action_data(again, "createDeal").value("formId", "") == submit["formId"]);

    // A rule only the core knows (here: the stage must exist) also lands in the form.
    submit["amount"] = "25000";
    submit["stage"] = "No such stage";
    again = response_card(bot.post(card_action(bot, "createDeal", submit)));
    CHECK(test::crm().opportunities.list(bot.dana(), {}).value().items.size() == 1);
    CHECK(find_id(again, "name").value("value", "") == "Northwind rollout");

    submit["stage"] = "Qualification";
    auto created = response_card(bot.post(card_action(bot, "createDeal", submit)));
    auto deals = test::crm().opportunities.list(bot.dana(), {}).value().items;
    REQUIRE(deals.size() == 2);
    CHECK(card_text(created).find("Northwind rollout") != std::string::npos);
}

TEST_CASE("a double-clicked or retried form creates its record once", "[e2e][db][cards]") {
    BotFixture bot;
    auto form = response_card(bot.post(card_action(bot, "openForm", {{"form", "createLead"}})));
    auto submit = action_data(form, "createLead");
    REQUIRE(submit.contains("formId"));
    submit["firstName"] = "Grace";
    submit["lastName"] = "Hopper";
    submit["company"] = "Navy";
    auto first = response_card(bot.post(card_action(bot, "createLead", submit)));
    auto second = response_card(bot.post(card_action(bot, "createLead", submit)));
    CHECK(lead_count(bot) == 1);
    CHECK(card_text(first).find("Grace Hopper") != std::string::npos);
    // The repeat shows the lead the first click made.
    CHECK(card_text(second).find("Grace Hopper") != std::string::npos);
    CHECK(card_text(second).find("L-1") != std::string::npos);

    // A new form (new id) is a new lead.
    auto next = action_data(response_card(bot.post(card_action(bot, "openForm", {{"form", "createLead"}}))), "createLead");
    CHECK(next["formId"] != submit["formId"]);
    next["lastName"] = "Hopper";
    next["company"] = "Navy";
    response_card(bot.post(card_action(bot, "createLead", next)));
    CHECK(lead_count(bot) == 2);
}

TEST_CASE("Action.Submit from an older client reaches the same handler through the message path", "[e2e][db][cards]") {
    BotFixture bot;
    auto deal = make_deal(bot, "Tailspin");
    auto message = bot.activity("01-personal-message.json");
    message.erase("text");
    message["value"] = {{"verb", "follow"}, {"record", deal.ref().display()}};
    REQUIRE(bot.post(message).result_int() == 200);
    auto replies = bot.replies(1);
    REQUIRE(replies.size() == 1);
    CHECK(has_verb(reply_card(replies[0]), "unfollow"));
    const auto& from = message["from"];
    auto sender = test::crm().directory.ensure_user(
        bot.tenant, {from["aadObjectId"].get<std::string>(), from["id"].get<std::string>(), from["name"].get<std::string>(), ""});
    REQUIRE(sender);
    CHECK(test::crm().followers.is_following(sender.value().actor(), {crm::FollowTarget::Kind::opportunity, deal.number}).value());
}

TEST_CASE("every verb a card can send has a handler", "[e2e][db][cards]") {
    BotFixture bot;
    auto deal = make_deal(bot, "Verbs");
    for (std::string_view verb : cards::verbs::kAll) {
        INFO("verb " << verb);
        nlohmann::json data = {{"record", deal.ref().display()}, {"form", "moveStage"}, {"stage", "Proposal"},
                               {"text", "help"}, {"page", "1"}, {"contact", "C-999"}};
        auto res = bot.post(card_action(bot, std::string(verb), data));
        REQUIRE(res.result_int() == 200);
        CHECK(res.body().find("not supported") == std::string::npos);
    }
}

TEST_CASE("cards speak the language of the activity's locale", "[e2e][db][cards]") {
    BotFixture bot;
    const std::pair<std::string, std::string> cases[] = {
        {"en-US", "What I can do"}, {"es-ES", "Lo que puedo hacer"}, {"fr-FR", "Ce que je sais faire"},
        {"de-DE", "Was ich kann"}, {"pt-BR", "What I can do"}};
    for (const auto& [locale, title] : cases) {
        INFO("locale " << locale);
        auto message = bot.activity("01-personal-message.json", "help");
        message["locale"] = locale;
        REQUIRE(bot.post(message).result_int() == 200);
        auto replies = bot.replies(1);
        REQUIRE(replies.size() == 1);
        CHECK(reply_text(replies[0]).find(title) != std::string::npos);
        bot.channel.clear_requests();
    }
}

TEST_CASE("when replies cannot leave, new activities get 503 with Retry-After and change nothing", "[e2e][db]") {
    BotFixture bot(false, 256 * 1024, 4);  // a send queue of 4: saturated at 3
    bot.channel.set_connector_delay(2s);
    int accepted = 0, busy = 0;
    for (int i = 0; i < 8; ++i) {
        auto res = bot.post(bot.activity("01-personal-message.json", "lead add Load " + std::to_string(i) + ", Test"));
        if (res.result_int() == 200) ++accepted;
        if (res.result_int() == 503) {
            ++busy;
            CHECK(res[boost::beast::http::field::retry_after] == "1");
        }
        std::this_thread::sleep_for(50ms);  // let the reply reach the queue
    }
    CHECK(accepted >= 3);
    CHECK(busy >= 1);
    CHECK(accepted + busy == 8);
    // What was refused was not done: one lead per accepted activity.
    CHECK(lead_count(bot) == static_cast<std::size_t>(accepted));
    bot.channel.set_connector_delay(0ms);
}

namespace {
nlohmann::json compose_query(const BotFixture& bot, const std::string& text, int skip, int count) {
    auto invoke = bot.activity("07-invoke-adaptivecard-action.json");
    invoke["name"] = "composeExtension/query";
    invoke["from"] = bot.activity("01-personal-message.json")["from"];  // Dana
    nlohmann::json params = nlohmann::json::array();
    if (text.empty()) params.push_back({{"name", "initialRun"}, {"value", "true"}});
    else params.push_back({{"name", "q"}, {"value", text}});
    invoke["value"] = {{"commandId", "searchCrm"}, {"parameters", params},
                       {"queryOptions", {{"skip", skip}, {"count", count}}}};
    auto res = bot.post(invoke);
    REQUIRE(res.result_int() == 200);
    auto body = nlohmann::json::parse(res.body());
    REQUIRE(body["composeExtension"]["type"] == "result");
    return body["composeExtension"]["attachments"];
}
}  // namespace

TEST_CASE("the compose-box search finds the tenant's records, paged, with previews", "[e2e][db][compose]") {
    BotFixture bot;
    for (const char* name : {"Ann", "Bob", "Cid"})
        REQUIRE(test::crm().leads.create(bot.dana(), {name, "Buyer", "Acme Corp", "", "", "", "", {}}));
    make_deal(bot, "Acme renewal");  // and its account "Acme renewal Ltd"
    BotFixture other;
    REQUIRE(test::crm().leads.create(other.dana(), {"Eve", "Secret", "Acme Secret", "", "", "", "", {}}));

    std::vector<std::string> titles;
    for (int skip = 0;; skip += 2) {
        auto page = compose_query(bot, "acme", skip, 2);
        CHECK(page.size() <= 2);
        for (const auto& a : page) {
            CHECK(a["contentType"] == "application/vnd.microsoft.card.adaptive");
            CHECK(a["preview"]["contentType"] == "application/vnd.microsoft.card.thumbnail");
            titles.push_back(a["preview"]["content"]["title"]);
        }
        if (page.size() < 2) break;
        REQUIRE(skip < 20);
    }
    CHECK(titles.size() == 5);  // three leads, the deal, its account
    std::set<std::string> unique(titles.begin(), titles.end());
    CHECK(unique.size() == titles.size());
    for (const auto& t : titles) CHECK(t.find("Secret") == std::string::npos);

    // Nothing typed: the user's own recent leads and deals.
    auto recent = compose_query(bot, "", 0, 10);
    CHECK(recent.size() == 4);
}

TEST_CASE("a pasted link to a record unfurls into its card, only within the tenant", "[e2e][db][compose]") {
    BotFixture bot;
    auto deal = make_deal(bot, "Tailwind expansion");
    auto unfurl = [](const BotFixture& b, const std::string& url) {
        auto invoke = b.activity("07-invoke-adaptivecard-action.json");
        invoke["name"] = "composeExtension/queryLink";
        invoke["value"] = {{"url", url}};
        auto res = b.post(invoke);
        REQUIRE(res.result_int() == 200);
        return nlohmann::json::parse(res.body())["composeExtension"];
    };
    auto own = unfurl(bot, "https://crm.example.com/records/" + deal.ref().display() + "?from=chat");
    CHECK(own["type"] == "result");
    REQUIRE(own["attachments"].size() == 1);
    CHECK(own["attachments"][0]["preview"]["content"]["title"].get<std::string>().find("Tailwind expansion") !=
          std::string::npos);
    CHECK(card_text(own["attachments"][0]["content"]).find("Tailwind expansion") != std::string::npos);

    // Links by kind, as in Teams' own example (/deals/D-1042), unfurl the same way.
    CHECK(unfurl(bot, "https://crm.example.com/deals/" + deal.ref().display())["attachments"].size() == 1);
    CHECK(unfurl(bot, "https://crm.example.com/records/" + deal.ref().display() + "/")["attachments"].size() == 1);
    CHECK(unfurl(bot, "https://crm.example.com/other/" + deal.ref().display())["attachments"].empty());

    // The same link pasted in another tenant unfurls to nothing.
    BotFixture other;
    CHECK(unfurl(other, "https://crm.example.com/records/" + deal.ref().display())["attachments"].empty());
    // Not a record link: nothing.
    CHECK(unfurl(bot, "https://crm.example.com/about")["attachments"].empty());
    CHECK(unfurl(bot, "http://crm.example.com/records/D-1")["attachments"].empty());
}
