#include <adaptive_cards/elements.hpp>

#include <adaptive_cards/context.hpp>
#include <adaptive_cards/verbs.hpp>

#include <algorithm>

namespace cards {

using nlohmann::json;

json make_card(Width width) {
    json card = {{"type", "AdaptiveCard"}, {"$schema", kCardSchema}, {"version", kCardVersion}, {"body", json::array()}};
    if (width == Width::full) card["msteams"] = {{"width", "Full"}};
    return card;
}

json text_block(std::string text) { return {{"type", "TextBlock"}, {"text", std::move(text)}, {"wrap", true}}; }

json heading(std::string text, std::string_view size) {
    json block = text_block(std::move(text));
    block["size"] = size;
    block["weight"] = "bolder";
    block["style"] = "heading";
    return block;
}

json subtle_text(std::string text) {
    json block = text_block(std::move(text));
    block["size"] = "small";
    block["isSubtle"] = true;
    return block;
}

json colored_text(std::string text, std::string_view color, bool bold) {
    json block = text_block(std::move(text));
    block["color"] = color;
    if (bold) block["weight"] = "bolder";
    return block;
}

json tight(json block) {
    block["spacing"] = "None";
    return block;
}

json fact_set(const std::vector<Fact>& facts) {
    json list = json::array();
    for (const auto& [title, value] : facts)
        if (!value.empty()) list.push_back({{"title", title}, {"value", value}});
    if (list.empty()) return nullptr;
    return {{"type", "FactSet"}, {"facts", std::move(list)}};
}

json column(json items, std::string_view width) {
    return {{"type", "Column"}, {"width", width}, {"items", std::move(items)}};
}

json column_set(json columns) { return {{"type", "ColumnSet"}, {"columns", std::move(columns)}}; }

json container(json items, std::string_view style) {
    json c = {{"type", "Container"}, {"items", std::move(items)}};
    if (!style.empty()) c["style"] = style;
    return c;
}

json execute_action(std::string title, std::string_view verb, json data) {
    json action = {{"type", "Action.Execute"}, {"title", std::move(title)}, {"verb", verb}};
    if (!data.is_null()) action["data"] = std::move(data);
    return action;
}

json open_url_action(std::string title, std::string url) {
    return {{"type", "Action.OpenUrl"}, {"title", std::move(title)}, {"url", std::move(url)}};
}

void add(json& card, json element) {
    if (!element.is_null()) card["body"].push_back(std::move(element));
}

void set_actions(json& card, std::vector<json> actions) {
    if (actions.empty()) return;
    for (std::size_t i = kMaxPrimaryActions; i < actions.size(); ++i) actions[i]["mode"] = "secondary";
    card["actions"] = std::move(actions);
}

void set_refresh(json& card, std::string_view record, const std::vector<std::string>& user_ids) {
    const auto n = std::min(user_ids.size(), kMaxRefreshUserIds);
    card["refresh"] = {
        {"action", {{"type", "Action.Execute"}, {"verb", verbs::kRefreshCard}, {"data", {{"record", record}}}}},
        {"userIds", std::vector<std::string>(user_ids.begin(), user_ids.begin() + static_cast<std::ptrdiff_t>(n))},
    };
}

}  // namespace cards
