#pragma once
// Contacts: qualified people. Every contact belongs to an account.
#include <crm_core/database.hpp>
#include <crm_core/records.hpp>
#include <crm_core/result.hpp>

namespace crm {

struct ContactFilter {
    std::optional<RowId> owner_id = {};
    std::optional<std::int32_t> account_number = {};
    std::string text = {};  // matches names and email
    PageRequest page = {};
};

class Contacts {
public:
    explicit Contacts(Database& db) : db_(db) {}

    Result<Contact> create(const Actor& actor, const ContactDraft& draft);
    Result<Contact> get(const Actor& actor, std::int32_t number);
    Result<Page<Contact>> list(const Actor& actor, const ContactFilter& filter);
    Result<Contact> update(const Actor& actor, std::int32_t number, const ContactPatch& patch,
                           std::optional<std::int32_t> expected_version = {});

private:
    Database& db_;
};

}  // namespace crm
