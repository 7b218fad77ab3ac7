#include "app/list_memory.hpp"

namespace bot::app {

void ListMemory::remember(const crm::TenantId& tenant, const std::string& conversation, crm::RowId user,
                          const commands::ListRecords& list) {
    std::lock_guard lock(mutex_);
    Key key{tenant, conversation, user};
    if (auto it = entries_.find(key); it != entries_.end()) {
        order_.erase(it->second.second);
        entries_.erase(it);
    }
    order_.push_back(key);
    entries_.emplace(key, std::make_pair(list, std::prev(order_.end())));
    while (entries_.size() > capacity_) {
        entries_.erase(order_.front());
        order_.pop_front();
    }
}

std::optional<commands::ListRecords> ListMemory::recall(const crm::TenantId& tenant, const std::string& conversation,
                                                        crm::RowId user) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(Key{tenant, conversation, user});
    if (it == entries_.end()) return std::nullopt;
    return it->second.first;
}

}  // namespace bot::app
