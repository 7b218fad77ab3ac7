#include "schema/invoke_response.hpp"

#include "schema/content_types.hpp"

namespace bot::schema {

using nlohmann::json;

InvokeResponse invoke_ok(json body) { return InvokeResponse{200, std::move(body)}; }

InvokeResponse invoke_not_implemented() { return InvokeResponse{501, nullptr}; }

json card_action_card(const json& card) {
    return json{{"statusCode", 200}, {"type", content_type::adaptive_card}, {"value", card}};
}

json card_action_message(std::string_view text) {
    return json{{"statusCode", 200}, {"type", content_type::activity_message}, {"value", text}};
}

json card_action_error(int status_code, std::string_view code, std::string_view message) {
    return json{{"statusCode", status_code},
                {"type", content_type::error},
                {"value", {{"code", code}, {"message", message}}}};
}

json card_action_precondition_failed(std::string_view message) {
    return json{{"statusCode", 412},
                {"type", content_type::precondition_failed},
                {"value", {{"code", "PreconditionFailed"}, {"message", message}}}};
}

json task_continue(const TaskDialog& dialog) {
    json value{{"title", dialog.title},
               {"card", {{"contentType", content_type::adaptive_card}, {"content", dialog.card}}}};
    if (dialog.height) value["height"] = *dialog.height;
    if (dialog.width) value["width"] = *dialog.width;
    return json{{"task", {{"type", "continue"}, {"value", std::move(value)}}}};
}

json task_message(std::string_view text) {
    return json{{"task", {{"type", "message"}, {"value", text}}}};
}

json compose_extension_result(const std::vector<ComposeExtensionItem>& items, std::string_view attachment_layout) {
    json attachments = json::array();
    for (const auto& item : items) {
        json preview_content{{"title", item.preview_title}};
        if (!item.preview_text.empty()) preview_content["text"] = item.preview_text;
        if (item.tap_value)
            preview_content["tap"] = {{"type", "invoke"}, {"value", *item.tap_value}};
        attachments.push_back(json{
            {"contentType", content_type::adaptive_card},
            {"content", item.card},
            {"preview", {{"contentType", content_type::thumbnail_card}, {"content", std::move(preview_content)}}}});
    }
    return json{{"composeExtension",
                 {{"type", "result"}, {"attachmentLayout", attachment_layout}, {"attachments", std::move(attachments)}}}};
}

json compose_extension_message(std::string_view text) {
    return json{{"composeExtension", {{"type", "message"}, {"text", text}}}};
}

json search_response(const std::vector<SearchChoice>& results) {
    json list = json::array();
    for (const auto& r : results) list.push_back({{"title", r.title}, {"value", r.value}});
    return json{{"statusCode", 200},
                {"type", "application/vnd.microsoft.search.searchResponse"},
                {"value", {{"results", std::move(list)}}}};
}

}  // namespace bot::schema
