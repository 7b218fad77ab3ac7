#pragma once
// Small builders for the Adaptive Card elements the cards use, so every card gets
// the same envelope (version 1.5, schema, width), the six-primary-actions rule and
// the refresh object from one place.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cards {

inline constexpr std::string_view kCardVersion = "1.5";
inline constexpr std::string_view kCardSchema = "http://adaptivecards.io/schemas/adaptive-card.json";
inline constexpr std::size_t kMaxPrimaryActions = 6;  // Teams: more go to the overflow menu
inline constexpr std::size_t kMaxCardBytes = 80 * 1024;  // serialized; Teams refuses messages near 100 KB

enum class Width { normal, full };

// An empty card: type, $schema, version, body; msteams.width "Full" when asked.
nlohmann::json make_card(Width width);

// Wrapping TextBlocks. The text is Markdown: escape user data first (text.hpp).
nlohmann::json text_block(std::string text);
nlohmann::json heading(std::string text, std::string_view size = "medium");  // bolder, style "heading"
nlohmann::json subtle_text(std::string text);                               // small and subtle
nlohmann::json colored_text(std::string text, std::string_view color, bool bold = false);
// The same block without space above it (a second line under a first).
nlohmann::json tight(nlohmann::json block);

using Fact = std::pair<std::string, std::string>;  // title, value (Markdown)
// A FactSet without the facts whose value is empty; null when none is left.
nlohmann::json fact_set(const std::vector<Fact>& facts);

nlohmann::json column(nlohmann::json items, std::string_view width);  // "auto", "stretch" or a weight
nlohmann::json column_set(nlohmann::json columns);
nlohmann::json container(nlohmann::json items, std::string_view style = {});

nlohmann::json execute_action(std::string title, std::string_view verb, nlohmann::json data);
nlohmann::json open_url_action(std::string title, std::string url);

// Appends to the card's body, skipping null elements (optional parts).
void add(nlohmann::json& card, nlohmann::json element);

// Sets the card's actions: the first six stay primary, the rest get mode
// "secondary" (the "..." overflow menu).
void set_actions(nlohmann::json& card, std::vector<nlohmann::json> actions);

// refresh: Action.Execute verb refreshCard with data.record, for at most 60 user ids.
void set_refresh(nlohmann::json& card, std::string_view record, const std::vector<std::string>& user_ids);

}  // namespace cards
