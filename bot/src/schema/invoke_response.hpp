#pragma once
// Invoke results travel in the HTTP response body of the inbound POST. These
// build the bodies Teams expects for each invoke name (see
// shared/docs/teams-protocol.md, section 3).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bot::schema {

// What the HTTP layer sends back for an invoke: a status and a JSON body
// (a null body means no body).
struct InvokeResponse {
    int status = 200;
    nlohmann::json body;
};

InvokeResponse invoke_ok(nlohmann::json body = nullptr);
// Unknown invoke names get 501, as the Bot Framework SDKs answer them.
InvokeResponse invoke_not_implemented();

// ---- adaptiveCard/action (Action.Execute) ------------------------------------
// The HTTP status is always 200; the outcome is the body's statusCode.

// {statusCode:200, type:adaptive card, value:card}: replaces the card for this user.
nlohmann::json card_action_card(const nlohmann::json& card);
// {statusCode:200, type:activity message, value:text}: a short message shown to the user.
nlohmann::json card_action_message(std::string_view text);
// {statusCode, type:"application/vnd.microsoft.error", value:{code,message}}.
// status_code is 400 (the user's input was wrong) or 500 (our failure).
nlohmann::json card_action_error(int status_code, std::string_view code, std::string_view message);
// 412: the card was stale (e.g. the record changed meanwhile); Teams refreshes it.
nlohmann::json card_action_precondition_failed(std::string_view message);

// ---- task/fetch, task/submit (dialogs) ---------------------------------------
struct TaskDialog {
    std::string title;
    nlohmann::json card;  // Adaptive Card content
    // "small", "medium", "large" or a pixel count as a number; unset leaves Teams' default.
    std::optional<nlohmann::json> height, width;
};
// {task:{type:"continue", value:{title, height?, width?, card:{contentType, content}}}}
nlohmann::json task_continue(const TaskDialog& dialog);
// {task:{type:"message", value:text}}: closes the dialog and shows the text.
nlohmann::json task_message(std::string_view text);

// ---- composeExtension/query, selectItem, queryLink ---------------------------
// One search result: the card inserted into the compose box plus the preview
// shown in the result list (adaptive results need a hero/thumbnail preview).
struct ComposeExtensionItem {
    nlohmann::json card;
    std::string preview_title;
    std::string preview_text;
    std::optional<nlohmann::json> tap_value;  // sent back by composeExtension/selectItem
};
// {composeExtension:{type:"result", attachmentLayout, attachments:[{contentType, content, preview}]}}
nlohmann::json compose_extension_result(const std::vector<ComposeExtensionItem>& items,
                                        std::string_view attachment_layout = "list");
// {composeExtension:{type:"message", text}}
nlohmann::json compose_extension_message(std::string_view text);

// ---- application/search (typeahead of an Input.ChoiceSet's Data.Query) -------
struct SearchChoice {
    std::string title;  // shown in the drop-down
    std::string value;  // what the input submits
};
// {statusCode:200, type:"application/vnd.microsoft.search.searchResponse", value:{results:[{title,value}]}}
nlohmann::json search_response(const std::vector<SearchChoice>& results);

}  // namespace bot::schema
