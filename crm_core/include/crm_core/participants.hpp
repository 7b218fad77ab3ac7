#pragma once
// Other participants of a lead or deal: further contacts of the same tenant involved
// in it (a CFO, an IT director), next to the primary contact.
#include <crm_core/collaboration.hpp>
#include <crm_core/database.hpp>
#include <crm_core/result.hpp>

#include <vector>

namespace crm {

class Participants {
public:
    explicit Participants(Database& db) : db_(db) {}

    Result<Participant> add(const Actor& actor, RecordRef record, std::int32_t contact_number,
                            const std::string& role = {});
    Status remove(const Actor& actor, RecordRef record, std::int32_t contact_number);
    Result<std::vector<Participant>> list(const Actor& actor, RecordRef record);

private:
    Database& db_;
};

}  // namespace crm
