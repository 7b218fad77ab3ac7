#pragma once
// Outgoing activities as JSON bodies for the Bot Connector REST API.
//
// Content builders (message_text, message_with_card) make the message itself;
// as_reply() addresses it like the Bot Framework SDK's createReply (bot as
// `from`, the user as `recipient`, same conversation, replyToId = the inbound
// id), and as_proactive() addresses it from a stored ConversationReference.
// The overloads taking an inbound Activity do both in one call.
//
// Following the Activity spec, id, timestamp and serviceUrl are never set: the
// connector assigns them and serviceUrl is part of the URL, not the body.
#include "schema/activity.hpp"
#include "schema/conversation_reference.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace bot::schema {

// "<at>Name</at>", the name's &, < and > escaped. The text of a message must
// contain exactly this for the matching mention entity to render.
std::string mention_markup(std::string_view name);
// {"type":"mention","text":mention_markup(name),"mentioned":{"id","name"}}
nlohmann::json mention_entity(const ChannelAccount& who);

// {"type":"message","text":..,"textFormat":..} plus one mention entity per
// account in `mentions` (put mention_markup(name) in the text for each).
// text_format: "markdown" (default), "plain" or "xml".
nlohmann::json message_text(std::string_view text, std::string_view text_format = "markdown",
                            const std::vector<ChannelAccount>& mentions = {});

// A message carrying one Adaptive Card and no text. Teams splits text plus a card
// into two messages and then returns no id, so such a message could never be
// updated in place: cards always travel alone.
nlohmann::json message_with_card(const nlohmann::json& card);

// {"contentType":"application/vnd.microsoft.card.adaptive","content":card}
nlohmann::json card_attachment(const nlohmann::json& card);

// Addresses `message` as a reply to `inbound` (createReply): from = inbound
// recipient (the bot), recipient = inbound from, conversation (id, type, tenant,
// isGroup, name), channelId, replyToId = inbound id, locale when the message has none.
nlohmann::json as_reply(nlohmann::json message, const Activity& inbound);

// Addresses `message` for a proactive post to ref's conversation: from = the bot,
// conversation = ref's (id, type, tenant), recipient = the user in personal chats.
// No replyToId: a proactive message starts a new post.
nlohmann::json as_proactive(nlohmann::json message, const ConversationReference& ref);

// Replies in one call: as_reply(message_text(...), inbound), as_reply(message_with_card(card), inbound).
nlohmann::json message_text(const Activity& inbound, std::string_view text,
                            std::string_view text_format = "markdown",
                            const std::vector<ChannelAccount>& mentions = {});
nlohmann::json message_with_card(const Activity& inbound, const nlohmann::json& card);

// message_with_card(inbound, card) serialized, around a card that already is JSON
// text (a cached one): the card is copied in, never parsed back.
std::string message_with_card_text(const Activity& inbound, std::string_view card_json);

}  // namespace bot::schema
