#pragma once
// What the bot answers, before it is rendered: a notice (what happened, or what
// went wrong) and a body (a record, a list, the pipeline...). Renderers turn it
// into Markdown text or an Adaptive Card; the executor never formats anything.
#include "commands/command.hpp"

#include <crm_core/crm.hpp>

#include <map>
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
    std::string field = {};  // for errors about one input: the core's field name ("last_name")
};

struct FollowInfo {
    std::int32_t count = 0;
    bool viewer_follows = false;
};

// A record with what its card shows around it: followers, the latest timeline
// entries, the people and deals it connects to.
struct LeadView {
    crm::Lead lead;
    FollowInfo followers = {};
    std::vector<crm::Event> recent_events = {};  // newest first
};
struct ContactView {
    crm::Contact contact;
    std::vector<crm::Opportunity> deals = {};  // of the contact's account
};
struct AccountView {
    crm::Account account;
    FollowInfo followers = {};
    std::vector<crm::Contact> contacts = {};
    std::vector<crm::Opportunity> deals = {};
};
struct DealView {
    crm::Opportunity deal;
    std::vector<crm::Stage> pipeline;
    std::optional<crm::Contact> primary_contact = {};
    std::vector<crm::Participant> participants = {};
    FollowInfo followers = {};
    std::vector<crm::Event> recent_events = {};  // newest first
};

// A form to fill in on a card (create lead, convert, move stage...), possibly
// coming back with the user's input and an error under each wrong field.
struct FormView {
    std::string form;     // one of the cards' form names ("createLead", "moveStage"...)
    std::string form_id;  // the idempotency key the submit carries back
    std::map<std::string, std::string> values, errors;
    std::optional<crm::Lead> lead;
    std::optional<crm::Opportunity> deal;
    std::vector<crm::Stage> pipeline;
    std::vector<crm::RecordSummary> accounts, contacts;  // choices
    crm::RecordRef record;    // what the form is about, when anything
    std::string record_name;
    std::string default_currency;
};

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
                          PipelineView, TimelineView, FollowersView, ParticipantsView, HelpView, WelcomeView, FormView>;

struct Reply {
    commands::Language language = commands::Language::en;
    std::optional<Notice> notice;
    Body body;
};

}  // namespace bot::app
