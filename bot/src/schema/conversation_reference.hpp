#pragma once
// What the bot stores to talk to a conversation later (proactive messages,
// follower notifications): captured at install and refreshed from every
// authenticated activity, since serviceUrl can change.
#include "schema/activity.hpp"

#include <crm_core/result.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace bot::schema {

struct ConversationReference {
    std::string service_url;
    std::string conversation_id;    // may be a channel thread: "<channel>;messageid=<root>"
    std::string conversation_type;  // "personal", "channel", "groupChat"
    std::string tenant_id;
    std::string bot_id;  // "28:<appId>": the inbound recipient
    std::optional<std::string> user_id;             // "29:..." of the user who sent the activity
    std::optional<std::string> user_aad_object_id;  // maps the user to a CRM user
    std::optional<std::string> team_id;             // channels only
    std::optional<std::string> channel_id;          // Teams channel "19:...", channels only
    std::optional<std::string> activity_id;         // the inbound activity, to reply to it

    // The conversation id without a ";messageid=..." thread suffix: where a new
    // top-level post goes.
    std::string root_conversation_id() const;

    friend bool operator==(const ConversationReference&, const ConversationReference&) = default;
};

// Everything comes from the activity: recipient is the bot, from the user. The
// tenant is conversation.tenantId, else channelData.tenant.id. The channel is
// channelData.channel.id, else the selected channel of a team install, else, in a
// channel conversation, the conversation id without its thread suffix.
ConversationReference make_reference(const Activity& activity);

// JSON form (camelCase; absent optionals are left out):
// {"serviceUrl","conversationId","conversationType","tenantId","botId",
//  "userId"?,"userAadObjectId"?,"teamId"?,"teamsChannelId"?,"activityId"?}
// "teamsChannelId" avoids confusion with the Bot Framework's channelId ("msteams").
void to_json(nlohmann::json& out, const ConversationReference& ref);
// For json::get<ConversationReference>(): throws nlohmann::json::exception when
// a required member (serviceUrl, conversationId, botId) is missing or not a string.
void from_json(const nlohmann::json& in, ConversationReference& ref);
// The non-throwing reader: a validation error naming the bad member.
crm::Result<ConversationReference> parse_conversation_reference(const nlohmann::json& in);

}  // namespace bot::schema
