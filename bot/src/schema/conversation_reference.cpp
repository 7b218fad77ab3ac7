#include "schema/conversation_reference.hpp"

#include "schema/json_fields.hpp"

namespace bot::schema {
namespace {

using nlohmann::json;

std::optional<std::string> non_empty(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return s;
}

std::string without_thread(const std::string& conversation_id) {
    return conversation_id.substr(0, conversation_id.find(";messageid="));
}

constexpr std::string_view kRequired[] = {"serviceUrl", "conversationId", "botId"};

}  // namespace

std::string ConversationReference::root_conversation_id() const { return without_thread(conversation_id); }

ConversationReference make_reference(const Activity& activity) {
    ConversationReference ref;
    ref.service_url = activity.service_url;
    ref.conversation_id = activity.conversation.id;
    ref.conversation_type = activity.conversation.conversation_type;
    ref.tenant_id = activity.tenant_id();
    ref.bot_id = activity.recipient.id;
    // An activity "from" the bot itself (echoes) names no user.
    if (activity.from.id != activity.recipient.id) {
        ref.user_id = non_empty(activity.from.id);
        ref.user_aad_object_id = non_empty(activity.from.aad_object_id);
    }
    const auto& cd = activity.channel_data;
    ref.team_id = non_empty(cd.team_id);
    ref.channel_id = non_empty(cd.channel_id);
    if (!ref.channel_id) ref.channel_id = non_empty(cd.selected_channel_id);
    if (!ref.channel_id && activity.conversation.conversation_type == "channel")
        ref.channel_id = non_empty(without_thread(activity.conversation.id));
    ref.activity_id = non_empty(activity.id);
    return ref;
}

void to_json(json& out, const ConversationReference& ref) {
    out = json{{"serviceUrl", ref.service_url},
               {"conversationId", ref.conversation_id},
               {"conversationType", ref.conversation_type},
               {"tenantId", ref.tenant_id},
               {"botId", ref.bot_id}};
    auto put = [&](const char* key, const std::optional<std::string>& v) {
        if (v) out[key] = *v;
    };
    put("userId", ref.user_id);
    put("userAadObjectId", ref.user_aad_object_id);
    put("teamId", ref.team_id);
    put("teamsChannelId", ref.channel_id);
    put("activityId", ref.activity_id);
}

void from_json(const json& in, ConversationReference& ref) {
    ref.service_url = in.at("serviceUrl").get<std::string>();
    ref.conversation_id = in.at("conversationId").get<std::string>();
    ref.bot_id = in.at("botId").get<std::string>();
    ref.conversation_type = detail::string_member(in, "conversationType");
    ref.tenant_id = detail::string_member(in, "tenantId");
    auto get = [&](std::string_view key) { return non_empty(detail::string_member(in, key)); };
    ref.user_id = get("userId");
    ref.user_aad_object_id = get("userAadObjectId");
    ref.team_id = get("teamId");
    ref.channel_id = get("teamsChannelId");
    ref.activity_id = get("activityId");
}

crm::Result<ConversationReference> parse_conversation_reference(const json& in) {
    if (!in.is_object())
        return crm::Error{crm::ErrorCode::validation, "a conversation reference must be a JSON object", ""};
    for (auto key : kRequired) {
        const auto* value = detail::member(in, key);
        if (!value || !value->is_string() || value->get_ref<const std::string&>().empty())
            return crm::Error{crm::ErrorCode::validation,
                              "conversation reference field " + std::string(key) + " must be a non-empty string",
                              std::string(key)};
    }
    ConversationReference ref;
    from_json(in, ref);
    return ref;
}

}  // namespace bot::schema
