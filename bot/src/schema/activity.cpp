#include "schema/activity.hpp"

#include "schema/json_fields.hpp"

#include <algorithm>

namespace bot::schema {
namespace {

using nlohmann::json;
using detail::member;
using detail::string_at;
using detail::string_member;

crm::Error field_error(const std::string& path, const std::string& problem) {
    return crm::Error{crm::ErrorCode::validation, "activity field " + path + " " + problem, path};
}

// Reads a required, non-empty string member of `object` (whose own path is
// `parent`, "" for the root) into `out`.
std::optional<crm::Error> require_string(const json& object, std::string_view key, const std::string& parent,
                                         std::string& out) {
    const std::string path = parent.empty() ? std::string(key) : parent + "." + std::string(key);
    const auto* value = member(object, key);
    if (!value) return field_error(path, "is missing");
    if (!value->is_string()) return field_error(path, "must be a string");
    out = value->get<std::string>();
    if (out.empty()) return field_error(path, "must not be empty");
    return std::nullopt;
}

// Reads the required id of a required object member (conversation, from, recipient).
std::optional<crm::Error> require_id_of(const json& body, std::string_view key, std::string& out) {
    const auto* object = member(body, key);
    if (object && !object->is_object()) return field_error(std::string(key), "must be an object");
    if (!object) return field_error(std::string(key) + ".id", "is missing");
    return require_string(*object, "id", std::string(key), out);
}

ChannelAccount read_account(const json& object) {
    return ChannelAccount{string_member(object, "id"), string_member(object, "name"),
                          string_member(object, "aadObjectId")};
}

std::vector<ChannelAccount> read_accounts(const json& body, std::string_view key) {
    std::vector<ChannelAccount> out;
    if (const auto* list = member(body, key); list && list->is_array())
        for (const auto& item : *list)
            if (item.is_object()) out.push_back(read_account(item));
    return out;
}

std::vector<std::string> read_reactions(const json& body, std::string_view key) {
    std::vector<std::string> out;
    if (const auto* list = member(body, key); list && list->is_array())
        for (const auto& item : *list)
            if (auto type = string_member(item, "type"); !type.empty()) out.push_back(std::move(type));
    return out;
}

void read_entities(const json& body, Activity& a) {
    const auto* entities = member(body, "entities");
    if (!entities || !entities->is_array()) return;
    for (const auto& entity : *entities) {
        const auto type = string_member(entity, "type");
        if (type == "mention") {
            Mention m;
            m.text = string_member(entity, "text");
            if (const auto* who = member(entity, "mentioned"); who && who->is_object()) m.mentioned = read_account(*who);
            a.mentions.push_back(std::move(m));
        } else if (type == "clientInfo" && !a.client_info) {
            a.client_info = ClientInfo{string_member(entity, "locale"), string_member(entity, "country"),
                                       string_member(entity, "platform"), string_member(entity, "timezone")};
        }
    }
}

void read_attachments(const json& body, Activity& a) {
    const auto* list = member(body, "attachments");
    if (!list || !list->is_array()) return;
    for (const auto& item : *list) {
        if (!item.is_object()) continue;
        Attachment att;
        att.content_type = string_member(item, "contentType");
        if (const auto* content = member(item, "content")) att.content = *content;
        att.content_url = string_member(item, "contentUrl");
        att.name = string_member(item, "name");
        a.attachments.push_back(std::move(att));
    }
}

TeamsChannelData read_channel_data(const json& body) {
    TeamsChannelData d;
    const auto* cd = member(body, "channelData");
    if (!cd || !cd->is_object()) return d;
    d.tenant_id = string_at(*cd, "tenant", "id");
    if (const auto* team = member(*cd, "team")) {
        d.team_id = string_member(*team, "id");
        d.team_name = string_member(*team, "name");
        d.team_aad_group_id = string_member(*team, "aadGroupId");
    }
    if (const auto* channel = member(*cd, "channel")) {
        d.channel_id = string_member(*channel, "id");
        d.channel_name = string_member(*channel, "name");
    }
    // Older payloads only carry the flat legacy ids.
    if (d.team_id.empty()) d.team_id = string_member(*cd, "teamsTeamId");
    if (d.channel_id.empty()) d.channel_id = string_member(*cd, "teamsChannelId");
    if (const auto* settings = member(*cd, "settings"))
        d.selected_channel_id = string_at(*settings, "selectedChannel", "id");
    d.event_type = string_member(*cd, "eventType");
    return d;
}

}  // namespace

const std::string& Activity::tenant_id() const {
    return conversation.tenant_id.empty() ? channel_data.tenant_id : conversation.tenant_id;
}

std::string Activity::effective_locale() const {
    if (!locale.empty()) return locale;
    if (client_info && !client_info->locale.empty()) return client_info->locale;
    return "en-US";
}

bool Activity::bot_added() const {
    return std::any_of(members_added.begin(), members_added.end(),
                       [&](const ChannelAccount& m) { return m.id == recipient.id; });
}

bool Activity::bot_removed() const {
    return std::any_of(members_removed.begin(), members_removed.end(),
                       [&](const ChannelAccount& m) { return m.id == recipient.id; });
}

crm::Result<Activity> parse_activity(const nlohmann::json& body) {
    if (!body.is_object())
        return crm::Error{crm::ErrorCode::validation, "an activity must be a JSON object", ""};

    Activity a;
    if (auto e = require_string(body, "type", "", a.type)) return *e;
    if (auto e = require_string(body, "serviceUrl", "", a.service_url)) return *e;
    if (auto e = require_string(body, "channelId", "", a.channel_id)) return *e;
    if (auto e = require_id_of(body, "conversation", a.conversation.id)) return *e;
    if (auto e = require_id_of(body, "from", a.from.id)) return *e;
    if (auto e = require_id_of(body, "recipient", a.recipient.id)) return *e;
    // Messages and invokes are answered by id; conversation events may come without one.
    if (a.is_message() || a.is_invoke()) {
        if (auto e = require_string(body, "id", "", a.id)) return *e;
    } else {
        a.id = string_member(body, "id");
    }
    if (a.is_invoke()) {
        if (auto e = require_string(body, "name", "", a.name)) return *e;
    } else {
        a.name = string_member(body, "name");
    }

    a.timestamp = string_member(body, "timestamp");
    a.local_timestamp = string_member(body, "localTimestamp");
    a.local_timezone = string_member(body, "localTimezone");

    const auto& from = body.at("from");
    a.from.name = string_member(from, "name");
    a.from.aad_object_id = string_member(from, "aadObjectId");
    const auto& recipient = body.at("recipient");
    a.recipient.name = string_member(recipient, "name");
    a.recipient.aad_object_id = string_member(recipient, "aadObjectId");
    const auto& conversation = body.at("conversation");
    a.conversation.conversation_type = string_member(conversation, "conversationType");
    a.conversation.tenant_id = string_member(conversation, "tenantId");
    a.conversation.is_group = detail::bool_member(conversation, "isGroup", false);
    a.conversation.name = string_member(conversation, "name");

    a.reply_to_id = string_member(body, "replyToId");
    a.text = string_member(body, "text");
    a.text_format = string_member(body, "textFormat");
    a.locale = string_member(body, "locale");
    read_entities(body, a);
    read_attachments(body, a);
    if (const auto* value = member(body, "value")) a.value = *value;
    a.channel_data = read_channel_data(body);
    a.members_added = read_accounts(body, "membersAdded");
    a.members_removed = read_accounts(body, "membersRemoved");
    a.action = string_member(body, "action");
    a.reactions_added = read_reactions(body, "reactionsAdded");
    a.reactions_removed = read_reactions(body, "reactionsRemoved");
    return a;
}

}  // namespace bot::schema
