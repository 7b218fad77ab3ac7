#pragma once
// What the bot answers, before it is rendered: a notice (what happened, or what
// went wrong) and a body (a record, a list, the pipeline...). Renderers turn it
// into Markdown text or an Adaptive Card; the executor never formats anything.
#include "commands/command.hpp"

#include <crm_core/crm.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace bot::app {

struct Notice {
    enum class Kind { success, info, error };
    Kind kind = Kind::info;
    std::string text;  // Markdown
    std::vector<std::string> suggestions;  // commands the user may have meant
};

struct FollowInfo {
    std::int32_t count = 0;
    bool viewer_follows = false;
};

struct LeadView { crm::Lead lead; };
struct ContactView { crm::Contact contact; };
struct AccountView { crm::Account account; };
struct DealView { crm::Opportunity deal; std::vector<crm::Stage> pipeline; };

struct ListView {
    crm::RecordKind kind = crm::RecordKind::lead;
    std::variant<std::vector<crm::Lead>, std::vector<crm::Contact>, std::vector<crm::Account>,
                 std::vector<crm::Opportunity>> items;
    std::int32_t page = 1;
    bool has_more = false;
    std::string filter_summary;  // "mine, stage Proposal"
};

struct SearchView {
    std::string text;
    std::vector<crm::Lead> leads;
    std::vector<crm::Contact> contacts;
    std::vector<crm::Account> accounts;
    std::vector<crm::Opportunity> deals;
};

struct PipelineView {
    std::vector<crm::StageTotals> stages;
    bool mine = false;
};

struct TimelineView {
    crm::RecordRef record;
    std::vector<crm::Event> events;
};

struct FollowersView {
    std::string target;  // "D-7", "pipeline"
    std::vector<crm::Follower> followers;
};

struct ParticipantsView {
    crm::RecordRef record;
    std::vector<crm::Participant> participants;
};

struct HelpView {
    std::string topic;
};

struct WelcomeView {
    bool personal = true;  // a 1:1 chat, else a channel or group chat
};

using Body = std::variant<std::monostate, LeadView, ContactView, AccountView, DealView, ListView, SearchView,
                          PipelineView, TimelineView, FollowersView, ParticipantsView, HelpView, WelcomeView>;

struct Reply {
    commands::Language language = commands::Language::en;
    std::optional<Notice> notice;
    Body body;
};

}  // namespace bot::app
