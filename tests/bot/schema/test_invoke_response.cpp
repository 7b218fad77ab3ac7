#include "schema/content_types.hpp"
#include "schema/invoke_response.hpp"

#include <catch2/catch.hpp>

using namespace bot::schema;
using nlohmann::json;

namespace {
const json kCard = {{"type", "AdaptiveCard"}, {"version", "1.5"}, {"body", json::array()}};
}

TEST_CASE("adaptiveCard/action bodies: card, message and errors", "[invoke]") {
    CHECK(card_action_card(kCard) ==
          json{{"statusCode", 200}, {"type", "application/vnd.microsoft.card.adaptive"}, {"value", kCard}});
    CHECK(card_action_message("Following D-1042") ==
          json{{"statusCode", 200}, {"type", "application/vnd.microsoft.activity.message"}, {"value", "Following D-1042"}});
    CHECK(card_action_error(400, "BadRequest", "D-9 does not exist") ==
          json{{"statusCode", 400},
               {"type", "application/vnd.microsoft.error"},
               {"value", {{"code", "BadRequest"}, {"message", "D-9 does not exist"}}}});
    const auto stale = card_action_precondition_failed("D-7 changed meanwhile");
    CHECK(stale.at("statusCode") == 412);
    CHECK(stale.at("type") == content_type::precondition_failed);
}

TEST_CASE("invoke HTTP responses", "[invoke]") {
    const auto ok = invoke_ok(card_action_message("done"));
    CHECK(ok.status == 200);
    CHECK(ok.body.at("value") == "done");
    CHECK(invoke_ok().body.is_null());
    const auto unknown = invoke_not_implemented();
    CHECK(unknown.status == 501);
    CHECK(unknown.body.is_null());
}

TEST_CASE("task module bodies", "[invoke]") {
    const auto dialog = task_continue({"New lead", kCard, json("medium"), json(500)});
    CHECK(dialog == json{{"task",
                          {{"type", "continue"},
                           {"value",
                            {{"title", "New lead"},
                             {"height", "medium"},
                             {"width", 500},
                             {"card", {{"contentType", content_type::adaptive_card}, {"content", kCard}}}}}}}});
    CHECK_FALSE(task_continue({"x", kCard, std::nullopt, std::nullopt}).at("task").at("value").contains("height"));
    CHECK(task_message("Lead L-12 created") == json{{"task", {{"type", "message"}, {"value", "Lead L-12 created"}}}});
}

TEST_CASE("compose extension results carry a preview per item", "[invoke]") {
    const auto body = compose_extension_result(
        {{kCard, "Fabrikam renewal", "D-1042 · Proposal", json{{"deal", "D-1042"}}}, {kCard, "Fabrikam", "", std::nullopt}});
    const auto& ext = body.at("composeExtension");
    CHECK(ext.at("type") == "result");
    CHECK(ext.at("attachmentLayout") == "list");
    REQUIRE(ext.at("attachments").size() == 2);
    const auto& first = ext.at("attachments")[0];
    CHECK(first.at("contentType") == content_type::adaptive_card);
    CHECK(first.at("content") == kCard);
    CHECK(first.at("preview").at("contentType") == content_type::thumbnail_card);
    CHECK(first.at("preview").at("content").at("title") == "Fabrikam renewal");
    CHECK(first.at("preview").at("content").at("tap") == json{{"type", "invoke"}, {"value", {{"deal", "D-1042"}}}});
    CHECK_FALSE(ext.at("attachments")[1].at("preview").at("content").contains("text"));
    CHECK(compose_extension_result({}, "grid").at("composeExtension").at("attachments").empty());
    CHECK(compose_extension_message("Sign in first") ==
          json{{"composeExtension", {{"type", "message"}, {"text", "Sign in first"}}}});
}
