#pragma once
// A user @mentioned in a message, other than the bot.
#include <string>

namespace bot::commands {

struct MentionedUser {
    std::string id;    // "29:..." from the mention entity; "" when only typed as "@Name"
    std::string name;  // display name; the cleaned text shows it as "@<name>"

    friend bool operator==(const MentionedUser&, const MentionedUser&) = default;
};

}  // namespace bot::commands
