#include "schema/outbound.hpp"

#include "schema/content_types.hpp"

namespace bot::schema {
namespace {

using nlohmann::json;

json account_json(const std::string& id, const std::string& name) {
    json out{{"id", id}};
    if (!name.empty()) out["name"] = name;
    return out;
}

}  // namespace

std::string mention_markup(std::string_view name) {
    std::string out = "<at>";
    for (char c : name) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += c;
        }
    }
    return out + "</at>";
}

json mention_entity(const ChannelAccount& who) {
    return json{{"type", "mention"}, {"text", mention_markup(who.name)}, {"mentioned", account_json(who.id, who.name)}};
}

json message_text(std::string_view text, std::string_view text_format, const std::vector<ChannelAccount>& mentions) {
    json out{{"type", "message"}, {"text", text}, {"textFormat", text_format}};
    if (!mentions.empty()) {
        json entities = json::array();
        for (const auto& who : mentions) entities.push_back(mention_entity(who));
        out["entities"] = std::move(entities);
    }
    return out;
}

json card_attachment(const json& card) {
    return json{{"contentType", content_type::adaptive_card}, {"content", card}};
}

json message_with_card(const json& card) {
    return json{{"type", "message"}, {"attachments", json::array({card_attachment(card)})}};
}

json as_reply(json message, const Activity& inbound) {
    message["from"] = account_json(inbound.recipient.id, inbound.recipient.name);
    message["recipient"] = account_json(inbound.from.id, inbound.from.name);
    json conversation{{"id", inbound.conversation.id}};
    if (!inbound.conversation.conversation_type.empty())
        conversation["conversationType"] = inbound.conversation.conversation_type;
    if (!inbound.tenant_id().empty()) conversation["tenantId"] = inbound.tenant_id();
    if (inbound.conversation.is_group) conversation["isGroup"] = true;
    if (!inbound.conversation.name.empty()) conversation["name"] = inbound.conversation.name;
    message["conversation"] = std::move(conversation);
    message["channelId"] = inbound.channel_id;
    if (!inbound.id.empty()) message["replyToId"] = inbound.id;
    if (!message.contains("locale") && !inbound.locale.empty()) message["locale"] = inbound.locale;
    return message;
}

json as_proactive(json message, const ConversationReference& ref) {
    message["from"] = json{{"id", ref.bot_id}};
    json conversation{{"id", ref.conversation_id}};
    if (!ref.conversation_type.empty()) conversation["conversationType"] = ref.conversation_type;
    if (!ref.tenant_id.empty()) conversation["tenantId"] = ref.tenant_id;
    message["conversation"] = std::move(conversation);
    if (ref.conversation_type == "personal" && ref.user_id) message["recipient"] = json{{"id", *ref.user_id}};
    return message;
}

json message_text(const Activity& inbound, std::string_view text, std::string_view text_format,
                  const std::vector<ChannelAccount>& mentions) {
    return as_reply(message_text(text, text_format, mentions), inbound);
}

json message_with_card(const Activity& inbound, const json& card) {
    return as_reply(message_with_card(card), inbound);
}

namespace {
// A JSON string literal. The inbound strings were parsed from JSON, so they are
// valid UTF-8: only quotes, backslashes and control characters need escaping.
void append_string(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += "\\u00";
            out += kHex[u >> 4];
            out += kHex[u & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}

void append_member(std::string& out, std::string_view key, std::string_view value) {
    append_string(out, key);
    out += ':';
    append_string(out, value);
}

void append_account(std::string& out, std::string_view key, const ChannelAccount& who) {
    append_string(out, key);
    out += ":{";
    append_member(out, "id", who.id);
    if (!who.name.empty()) append_member(out += ',', "name", who.name);
    out += '}';
}
}  // namespace

// Written directly rather than through a json value: it is the envelope of every
// cached card, and the same members as as_reply's (the test checks they agree).
std::string message_with_card_text(const Activity& inbound, std::string_view card_json) {
    std::string out;
    out.reserve(card_json.size() + 512);
    out += '{';
    append_member(out, "type", "message");
    append_account(out += ',', "from", inbound.recipient);
    append_account(out += ',', "recipient", inbound.from);
    out += R"(,"conversation":{)";
    append_member(out, "id", inbound.conversation.id);
    if (!inbound.conversation.conversation_type.empty())
        append_member(out += ',', "conversationType", inbound.conversation.conversation_type);
    if (!inbound.tenant_id().empty()) append_member(out += ',', "tenantId", inbound.tenant_id());
    if (inbound.conversation.is_group) out += R"(,"isGroup":true)";
    if (!inbound.conversation.name.empty()) append_member(out += ',', "name", inbound.conversation.name);
    out += '}';
    append_member(out += ',', "channelId", inbound.channel_id);
    if (!inbound.id.empty()) append_member(out += ',', "replyToId", inbound.id);
    if (!inbound.locale.empty()) append_member(out += ',', "locale", inbound.locale);
    out += R"(,"attachments":[{)";
    append_member(out, "contentType", content_type::adaptive_card);
    out += R"(,"content":)";
    out += card_json;
    out += "}]}";
    return out;
}

}  // namespace bot::schema
