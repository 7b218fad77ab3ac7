#include "record_parts.hpp"

#include <adaptive_cards/message_cards.hpp>
#include <adaptive_cards/text.hpp>

namespace cards {

using nlohmann::json;

namespace {
inline constexpr std::size_t kMaxSuggestions = 5;

// The bot's Markdown may quote commands as `code`, which Teams shows with the backticks.
json notice_block(NoticeKind kind, const std::string& markdown) {
    std::string text = teams_markdown(markdown);
    switch (kind) {
        case NoticeKind::success: return colored_text(std::move(text), "good");
        case NoticeKind::error: return colored_text(std::move(text), "attention");
        case NoticeKind::info: break;
    }
    return text_block(std::move(text));
}
}  // namespace

json notice_card(NoticeKind kind, const std::string& markdown, const std::vector<std::string>& suggestions,
                 const CardContext&) {
    json card = make_card(Width::normal);
    add(card, notice_block(kind, markdown));
    std::vector<json> actions;
    for (std::size_t i = 0; i < suggestions.size() && i < kMaxSuggestions; ++i)
        actions.push_back(command_action(clip(suggestions[i], 40), suggestions[i]));
    set_actions(card, std::move(actions));
    return card;
}

void prepend_notice(json& card, NoticeKind kind, const std::string& markdown) {
    auto& body = card["body"];
    body.insert(body.begin(), notice_block(kind, markdown));
}

}  // namespace cards
