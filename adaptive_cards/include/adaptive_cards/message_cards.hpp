#pragma once
// Cards that are not about one record: help, welcome, change notifications, and a
// notice (what happened, or what went wrong) that can head any other card.
#include <adaptive_cards/context.hpp>

#include <crm_core/collaboration.hpp>
#include <crm_core/ids.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace cards {

nlohmann::json help_card(const CardContext& context);

struct WelcomeCardData {
    bool personal = true;  // a 1:1 chat; else a channel or group chat
};
nlohmann::json welcome_card(const WelcomeCardData& data, const CardContext& context);

enum class ChangeKind { created, updated, stage_moved, won, lost, reopened, converted, comment };

struct NotificationCardData {
    crm::RecordRef record;
    std::string record_name;
    std::string actor_name;
    ChangeKind kind = ChangeKind::updated;
    std::vector<crm::FieldChange> changes;  // before -> after per field
    std::string comment;                    // the comment's text (ChangeKind::comment)
    crm::Timestamp at;
    std::string message_link = {};          // a comment saved from a chat message: the way back to it
};
nlohmann::json notification_card(const NotificationCardData& data, const CardContext& context);

// One record of a daily digest: what happened to it since the last digest.
struct DigestEntry {
    crm::RecordRef record;
    std::string record_name;
    // The weightiest change; `updated` when there was nothing but edits and comments.
    ChangeKind headline = ChangeKind::updated;
    std::string stage;              // where it moved (ChangeKind::stage_moved)
    std::int32_t comments = 0;
    std::int32_t other_changes = 0;  // edits besides the headline and the comments
};
struct DigestCardData {
    std::vector<DigestEntry> entries;
    crm::Timestamp at;
};
// Every record that changed, one line each with an Open button.
nlohmann::json digest_card(const DigestCardData& data, const CardContext& context);

enum class NoticeKind { success, info, error };

// A standalone card with only the notice (Markdown from the bot) and one button per
// suggested command (verb command).
nlohmann::json notice_card(NoticeKind kind, const std::string& markdown, const std::vector<std::string>& suggestions,
                           const CardContext& context);

// Puts the notice at the top of an existing card's body.
void prepend_notice(nlohmann::json& card, NoticeKind kind, const std::string& markdown);

}  // namespace cards
