#include "app/conversations.hpp"

namespace bot::app {

crm::Result<bool> Conversations::remember(const schema::Activity& activity, std::optional<crm::RowId> user) {
    auto ref = schema::make_reference(activity);
    // A channel thread ("...;messageid=...") belongs to its channel: store the channel.
    const std::string id = ref.root_conversation_id();
    ref.conversation_id = id;
    ref.activity_id.reset();
    ref.user_id.reset();
    ref.user_aad_object_id.reset();
    if (ref.conversation_type == "personal") {
        ref.user_id = activity.from.id;
        if (!activity.from.aad_object_id.empty()) ref.user_aad_object_id = activity.from.aad_object_id;
    }
    auto key = std::make_pair(ref.tenant_id, id);
    {
        std::lock_guard lock(mutex_);
        if (auto it = known_.find(key); it != known_.end() && it->second == ref) return false;
    }
    const std::string address = nlohmann::json(ref).dump();
    bool is_new = false;
    auto existing = directory_.find_conversation(ref.tenant_id, id);
    if (!existing) {
        if (existing.error().code != crm::ErrorCode::not_found) return existing.error();
        is_new = true;
    } else {
        is_new = !existing->active;
    }
    std::string name = activity.conversation.name;
    if (name.empty() && !activity.channel_data.channel_name.empty()) name = activity.channel_data.channel_name;
    if (name.empty() && !activity.channel_data.team_name.empty()) name = activity.channel_data.team_name;
    auto stored = directory_.ensure_conversation(ref.tenant_id, {id, ref.conversation_type, name, address, user});
    if (!stored) return stored.error();
    std::lock_guard lock(mutex_);
    // Bounded: forgetting only costs one write when a conversation is seen again.
    if (known_.size() >= kMaxKnown) known_.clear();
    known_[std::move(key)] = std::move(ref);
    return is_new;
}

crm::Status Conversations::forget(const schema::Activity& activity) {
    auto ref = schema::make_reference(activity);
    const std::string id = ref.root_conversation_id();
    {
        std::lock_guard lock(mutex_);
        known_.erase({ref.tenant_id, id});
    }
    return directory_.deactivate_conversation(ref.tenant_id, id);
}

}  // namespace bot::app
