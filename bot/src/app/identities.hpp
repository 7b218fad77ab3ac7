#pragma once
// Resolves the sender of an activity to a CRM user (provisioning it on first
// contact) and remembers the answer for a while, so that a busy conversation
// costs no database round trip per message for it.
#include "schema/activity.hpp"

#include <crm_core/crm.hpp>

#include <chrono>
#include <map>
#include <mutex>

namespace bot::app {

class Identities {
public:
    explicit Identities(crm::Directory& directory, std::chrono::seconds ttl = std::chrono::minutes(10),
                        std::size_t capacity = 50'000)
        : directory_(directory), ttl_(ttl), capacity_(capacity) {}

    crm::Result<crm::User> resolve(const std::string& tenant, const schema::ChannelAccount& from);

private:
    struct Entry {
        crm::User user;
        std::chrono::steady_clock::time_point expires;
    };
    crm::Directory& directory_;
    std::chrono::seconds ttl_;
    std::size_t capacity_;
    std::mutex mutex_;
    std::map<std::pair<std::string, std::string>, Entry> cache_;
};

}  // namespace bot::app
