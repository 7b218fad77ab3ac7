#pragma once
// Typed Bot Framework activities as Teams sends them (inbound, channel -> bot).
// Only what the bot uses is typed (nothing else is kept: copying the whole body
// per activity cost more than any use of it). All ids are opaque strings:
// compare them byte for byte.
#include <crm_core/result.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bot::schema {

// Wire names of the activity types a Teams bot sees. Unknown types are accepted by
// parse_activity (the protocol says: answer 200 and ignore them).
namespace activity_type {
inline constexpr std::string_view message = "message";
inline constexpr std::string_view invoke = "invoke";
inline constexpr std::string_view conversation_update = "conversationUpdate";
inline constexpr std::string_view installation_update = "installationUpdate";
inline constexpr std::string_view message_reaction = "messageReaction";
inline constexpr std::string_view message_update = "messageUpdate";
inline constexpr std::string_view message_delete = "messageDelete";
inline constexpr std::string_view event = "event";
}  // namespace activity_type

// A user or the bot: users are "29:...", the bot "28:<appId>".
struct ChannelAccount {
    std::string id;
    std::string name;
    std::string aad_object_id;  // users only; the stable identity within the tenant
};

struct ConversationAccount {
    std::string id;                 // "a:..." personal, "19:...@thread.tacv2[;messageid=...]" channel
    std::string conversation_type;  // "personal", "channel", "groupChat"
    std::string tenant_id;
    bool is_group = false;
    std::string name;
};

// A "mention" entity: `text` is the exact markup in Activity::text ("<at>Name</at>").
struct Mention {
    std::string text;
    ChannelAccount mentioned;
};

// The "clientInfo" entity.
struct ClientInfo {
    std::string locale, country, platform, timezone;
};

struct Attachment {
    std::string content_type;  // e.g. "application/vnd.microsoft.card.adaptive", "text/html"
    nlohmann::json content;    // null when absent
    std::string content_url;
    std::string name;
};

// The parts of Teams' channelData the bot uses. Team and channel are set in
// channels only. The legacy teamsTeamId/teamsChannelId fields fill in when the
// structured ones are missing.
struct TeamsChannelData {
    std::string tenant_id;  // channelData.tenant.id
    std::string team_id, team_name, team_aad_group_id;
    std::string channel_id, channel_name;
    std::string selected_channel_id;  // settings.selectedChannel.id (team install)
    std::string event_type;           // conversationUpdate: teamMemberAdded, channelRenamed, ...
};

struct Activity {
    std::string type;
    std::string id;
    std::string timestamp;        // UTC ISO-8601, as sent
    std::string local_timestamp;  // with offset, as sent
    std::string local_timezone;   // IANA zone
    std::string service_url;
    std::string channel_id;  // "msteams"
    ChannelAccount from;
    ChannelAccount recipient;  // the bot
    ConversationAccount conversation;
    std::string reply_to_id;
    std::string text;
    std::string text_format;
    std::string locale;
    std::vector<Mention> mentions;
    std::optional<ClientInfo> client_info;
    std::vector<Attachment> attachments;
    nlohmann::json value;  // Action.Submit data or invoke payload; null when absent
    std::string name;      // invoke / event name
    TeamsChannelData channel_data;
    std::vector<ChannelAccount> members_added;
    std::vector<ChannelAccount> members_removed;
    std::string action;                        // installationUpdate: add, remove, add-upgrade, ...
    std::vector<std::string> reactions_added;  // messageReaction: like, heart, ...
    std::vector<std::string> reactions_removed;

    bool is_message() const { return type == activity_type::message; }
    bool is_invoke() const { return type == activity_type::invoke; }
    // conversation.tenantId, else channelData.tenant.id ("" when neither is sent).
    const std::string& tenant_id() const;
    // The activity's locale, else the clientInfo locale, else "en-US".
    std::string effective_locale() const;
    // True when the bot itself is in membersAdded / membersRemoved.
    bool bot_added() const;
    bool bot_removed() const;
};

// Reads an activity. A missing, empty or wrongly typed required field is a
// validation error whose Error::field is its JSON path ("conversation.id").
// Required: type; serviceUrl, channelId, conversation.id, from.id, recipient.id;
// id for message and invoke; name for invoke. Other fields are optional, unknown
// ones ignored, and optional ones of the wrong type are skipped rather than fatal.
crm::Result<Activity> parse_activity(const nlohmann::json& body);

}  // namespace bot::schema
