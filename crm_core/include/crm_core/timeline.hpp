#pragma once
// A record's timeline: the events of every change made to it, newest first.
#include <crm_core/collaboration.hpp>
#include <crm_core/database.hpp>
#include <crm_core/result.hpp>

#include <vector>

namespace crm {

class Timeline {
public:
    explicit Timeline(Database& db) : db_(db) {}

    Result<std::vector<Event>> for_record(const Actor& actor, RecordRef record, std::int32_t limit = 20);

private:
    Database& db_;
};

}  // namespace crm
