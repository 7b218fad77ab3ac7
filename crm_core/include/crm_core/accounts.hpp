#pragma once
// Accounts: organizations. Contacts and deals always belong to one.
#include <crm_core/database.hpp>
#include <crm_core/records.hpp>
#include <crm_core/result.hpp>

namespace crm {

struct AccountFilter {
    std::optional<RowId> owner_id = {};
    std::string text = {};  // matches name and domain
    PageRequest page = {};
};

class Accounts {
public:
    explicit Accounts(Database& db) : db_(db) {}

    Result<Account> create(const Actor& actor, const AccountDraft& draft);
    Result<Account> get(const Actor& actor, std::int32_t number);
    Result<Page<Account>> list(const Actor& actor, const AccountFilter& filter);
    Result<Account> update(const Actor& actor, std::int32_t number, const AccountPatch& patch,
                           std::optional<std::int32_t> expected_version = {});

private:
    Database& db_;
};

}  // namespace crm
