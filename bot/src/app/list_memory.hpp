#pragma once
// The last list each user asked for in each conversation, so that "more" and
// "page 3" continue it. Bounded: the oldest entries are forgotten first.
#include "commands/command.hpp"

#include <crm_core/ids.hpp>

#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

namespace bot::app {

class ListMemory {
public:
    explicit ListMemory(std::size_t capacity = 10000) : capacity_(capacity) {}

    void remember(const crm::TenantId& tenant, const std::string& conversation, crm::RowId user,
                  const commands::ListRecords& list);
    std::optional<commands::ListRecords> recall(const crm::TenantId& tenant, const std::string& conversation,
                                                crm::RowId user) const;

private:
    using Key = std::tuple<crm::TenantId, std::string, crm::RowId>;
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::map<Key, std::pair<commands::ListRecords, std::list<Key>::iterator>> entries_;
    std::list<Key> order_;  // oldest first
};

}  // namespace bot::app
