#include "app/identities.hpp"

namespace bot::app {

crm::Result<crm::User> Identities::resolve(const std::string& tenant, const schema::ChannelAccount& from) {
    // The AAD object id is the stable identity; the Teams id is a fallback for
    // clients that do not send it (the Agents Playground, some events).
    const std::string key = from.aad_object_id.empty() ? from.id : from.aad_object_id;
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        auto it = cache_.find({tenant, key});
        if (it != cache_.end() && it->second.expires > now &&
            (from.name.empty() || it->second.user.name == from.name))
            return it->second.user;
    }
    auto user = directory_.ensure_user(tenant, {key, from.id, from.name, {}});
    if (!user) return user;
    std::lock_guard lock(mutex_);
    if (cache_.size() >= capacity_) cache_.clear();  // rare; simpler than LRU for a cache this cheap to refill
    cache_[{tenant, key}] = {*user, now + ttl_};
    return user;
}

}  // namespace bot::app
