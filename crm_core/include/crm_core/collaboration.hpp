#pragma once
// People around a lead or deal: participants (contacts involved), followers
// (our own users or a conversation such as a channel), comments, and the
// timeline of events.
#include <crm_core/ids.hpp>
#include <crm_core/records.hpp>

#include <optional>
#include <string>
#include <vector>

namespace crm {

struct Participant {
    RecordSummary contact;
    std::string role;  // "CFO", "IT director"; may be empty
    Timestamp added_at;
};

// What a follower follows: one lead or deal, one account's deals, or the whole pipeline.
struct FollowTarget {
    enum class Kind { lead, opportunity, account, pipeline };
    Kind kind = Kind::opportunity;
    std::int32_t number = 0;  // unused for pipeline

    static std::optional<FollowTarget> of(RecordRef ref);  // nullopt for contacts: they cannot be followed
    static FollowTarget pipeline() { return {Kind::pipeline, 0}; }
    std::string display() const;  // "D-7", "A-3 (all deals)", "pipeline"
};

// Which changes a follower wants to hear about.
enum class FollowFilter { all, important };  // important: stage moves, won/lost, comments
std::string_view to_string(FollowFilter filter);
std::optional<FollowFilter> follow_filter_from_string(std::string_view text);

// A place where notifications can be posted (a Teams channel or group chat for the
// bot); the core only knows its opaque external id.
struct Conversation {
    RowId id = 0;
    std::string external_id;
    std::string kind;  // "channel", "groupChat", "personal"
    std::string name;
    std::string address;  // how the integration reaches it (opaque to the core)
    bool active = true;   // false once the app was removed from it
    std::optional<RowId> user_id;  // the user of a personal chat
};

// What an integration knows of a conversation when it sees activity in it.
struct ConversationInfo {
    std::string external_id;
    std::string kind;
    std::string name;     // empty: keep the stored name
    std::string address;  // empty: keep the stored address
    std::optional<RowId> user_id;  // personal chats: its user
};

struct Follower {
    std::optional<UserSummary> user;
    std::optional<Conversation> conversation;
    FollowTarget target;
    FollowFilter filter = FollowFilter::all;
    Timestamp since;
};

struct FollowSummary {
    std::int32_t count = 0;  // users and conversations
    bool actor_follows = false;
};

// Where a note came from when it was saved from a chat message: its author, when
// it was sent and a link back to it. `key` identifies the message (one message is
// saved once per record).
struct NoteSource {
    std::string key;
    std::string author;
    std::optional<Timestamp> sent_at;
    std::string url;
};

struct Note {
    RowId id = 0;
    RecordRef record;
    UserSummary author;
    std::string body;
    Timestamp created_at;
    std::optional<NoteSource> source;
};

struct FieldChange {
    std::string field;
    std::optional<std::string> before, after;
};

// One row of a record's timeline: who did what, when, with before/after values.
struct Event {
    RowId id = 0;
    Timestamp at;
    std::optional<UserSummary> actor;
    std::string record_kind;  // "lead", "contact", "account", "opportunity", "pipeline"
    std::optional<std::int32_t> record_number;
    std::string action;  // created, updated, status_changed, converted, stage_moved, ...
    std::vector<FieldChange> changes;
};

}  // namespace crm
