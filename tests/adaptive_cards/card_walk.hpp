#pragma once
// Looking inside card JSON from the tests: every object of a card, its buttons,
// its texts, its inputs.
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace cards::testing {

inline void each_object(const nlohmann::json& j, const std::function<void(const nlohmann::json&)>& visit) {
    if (j.is_object()) {
        visit(j);
        for (const auto& [key, value] : j.items()) each_object(value, visit);
    } else if (j.is_array()) {
        for (const auto& value : j) each_object(value, visit);
    }
}

// Every action anywhere: card actions, selectActions, the refresh action.
inline std::vector<nlohmann::json> all_actions(const nlohmann::json& card) {
    std::vector<nlohmann::json> out;
    each_object(card, [&](const nlohmann::json& o) {
        if (o.contains("type") && o["type"].is_string() && o["type"].get<std::string>().rfind("Action.", 0) == 0)
            out.push_back(o);
    });
    return out;
}

inline std::vector<std::string> action_titles(const nlohmann::json& card) {
    std::vector<std::string> out;
    if (card.contains("actions"))
        for (const auto& a : card["actions"]) out.push_back(a.value("title", ""));
    return out;
}

inline std::size_t primary_actions(const nlohmann::json& card) {
    std::size_t n = 0;
    if (card.contains("actions"))
        for (const auto& a : card["actions"]) n += a.value("mode", "primary") != "secondary";
    return n;
}

inline const nlohmann::json* find_action(const nlohmann::json& card, const std::string& verb) {
    if (!card.contains("actions")) return nullptr;
    for (const auto& a : card["actions"])
        if (a.value("verb", "") == verb) return &a;
    return nullptr;
}

inline std::string all_text(const nlohmann::json& card) {
    std::string out;
    each_object(card, [&](const nlohmann::json& o) {
        if (o.contains("text") && o["text"].is_string() && o.value("type", "") == "TextBlock")
            out += o["text"].get<std::string>() + "\n";
        if (o.contains("value") && o["value"].is_string() && o.contains("title") && !o.contains("type"))
            out += o["title"].get<std::string>() + ": " + o["value"].get<std::string>() + "\n";
    });
    return out;
}

}  // namespace cards::testing
