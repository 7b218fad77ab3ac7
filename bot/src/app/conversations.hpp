#pragma once
// Remembers every conversation the bot is in, with the reference needed to post
// to it later (service URL, ids), refreshed from each authenticated activity
// because the service URL can change. Writes only when something changed.
#include "schema/activity.hpp"
#include "schema/conversation_reference.hpp"

#include <crm_core/crm.hpp>

#include <map>
#include <mutex>
#include <optional>

namespace bot::app {

class Conversations {
public:
    explicit Conversations(crm::Directory& directory) : directory_(directory) {}

    // Stores or refreshes the activity's conversation. `user` links a personal
    // chat to its CRM user. Returns true when the conversation is new to the bot
    // (or had been removed), i.e. when a welcome is due.
    crm::Result<bool> remember(const schema::Activity& activity, std::optional<crm::RowId> user);
    // The app was removed from the conversation.
    crm::Status forget(const schema::Activity& activity);

private:
    static constexpr std::size_t kMaxKnown = 20'000;
    crm::Directory& directory_;
    std::mutex mutex_;
    // (tenant, id) -> the address stored; compared as a struct, serialized only to store it
    std::map<std::pair<std::string, std::string>, schema::ConversationReference> known_;
};

}  // namespace bot::app
