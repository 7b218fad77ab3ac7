#pragma once
// From an inbound message's text to the plain command text the parser reads.
#include "commands/mentioned_user.hpp"
#include "schema/activity.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace bot::commands {

struct CleanMessage {
    std::string text;                     // plain text, one space between words, lines kept
    std::vector<MentionedUser> mentions;  // other users @mentioned, in order, each once
    bool bot_mentioned = false;           // the bot's own mention was removed
};

// Cleans a message's text for command parsing:
//  - removes the bot's own mentions: each mention entity whose mentioned.id is
//    the recipient (the bot) has its exact `text` deleted, falling back to
//    "<at>Name</at>"; people are identified from entities, never from the text;
//  - writes other users' mentions as "@Name" and returns them (id and name);
//  - strips remaining tags (<p>, <br>, ...), decodes HTML entities and
//    normalises white space, non-breaking spaces included.
// Fixture 02 ("<at>Contoso CRM</at> follow deal D-1042 and notify <at>Sam Lee</at>")
// becomes "follow deal D-1042 and notify @Sam Lee" with Sam in `mentions`.
CleanMessage clean_text(const schema::Activity& activity);

// A message body in Teams' HTML as plain text: tags dropped (block tags become
// line breaks), entities decoded, spaces normalised, lines kept.
std::string html_to_text(std::string_view html);

// &amp; &lt; &gt; &quot; &#39; &apos; &nbsp; and numeric &#NNN; / &#xHH;.
// Unknown or malformed entities are kept as typed.
std::string decode_html_entities(std::string_view text);

}  // namespace bot::commands
