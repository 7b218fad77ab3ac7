#pragma once
// Comments on a record.
#include <crm_core/collaboration.hpp>
#include <crm_core/database.hpp>
#include <crm_core/result.hpp>

namespace crm {

class Notes {
public:
    explicit Notes(Database& db) : db_(db) {}

    Result<Note> add(const Actor& actor, RecordRef record, const std::string& body);
    Result<Page<Note>> list(const Actor& actor, RecordRef record, PageRequest page = {});

private:
    Database& db_;
};

}  // namespace crm
