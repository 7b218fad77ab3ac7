#include "rows/rows.hpp"

#include <algorithm>

namespace crm::rows {

std::string next_number_cte(RecordKind kind) {
    // The body of crm_next_number, inlined: a prepared statement plans it once,
    // where a call to the SQL function would parse and plan it on every insert.
    return "with n as (select nextval(('crm_numbers_' || t.seq || '_" + std::string(1, number_prefix(kind)) +
           "')::regclass)::integer as last_number from tenants t where t.id = $1::text) ";
}

void require_user(pg::Tx& tx, const TenantId& tenant, RowId user_id, const char* field) {
    static const pg::Sql kUser{"user_exists", "select 1 from users where tenant_id = $1 and id = $2"};
    if (!tx.maybe_row(kUser, tenant, user_id)) fail_validation(field, "no such user in this organization");
}

std::int32_t page_limit(const PageRequest& page) { return std::clamp(page.limit, 1, 100); }
std::int32_t page_offset(const PageRequest& page) { return std::max(page.offset, 0); }

void check_version(const Locked& row, std::optional<std::int32_t> expected_version, RecordRef ref) {
    if (expected_version && *expected_version != row.version)
        fail(ErrorCode::conflict, ref.display() + " was changed by someone else (version " +
                                      std::to_string(row.version) + ", you had " +
                                      std::to_string(*expected_version) + "); reload it and try again");
}

RowId record_id(pg::Tx& tx, const TenantId& tenant, RecordRef ref) {
    static const pg::Sql kLead{"id_lead", "select id from leads where tenant_id = $1 and number = $2"};
    static const pg::Sql kContact{"id_contact", "select id from contacts where tenant_id = $1 and number = $2"};
    static const pg::Sql kAccount{"id_account", "select id from accounts where tenant_id = $1 and number = $2"};
    static const pg::Sql kOpportunity{"id_opportunity",
                                      "select id from opportunities where tenant_id = $1 and number = $2"};
    const pg::Sql* q = nullptr;
    switch (ref.kind) {
        case RecordKind::lead: q = &kLead; break;
        case RecordKind::contact: q = &kContact; break;
        case RecordKind::account: q = &kAccount; break;
        case RecordKind::opportunity: q = &kOpportunity; break;
    }
    auto row = tx.maybe_row(*q, tenant, ref.number);
    if (!row) fail(ErrorCode::not_found, ref.display() + " not found");
    return (*row)[0].as<RowId>();
}

std::string record_id_sql(RecordKind kind, int number_param) {
    const char* table = kind == RecordKind::lead      ? "leads"
                        : kind == RecordKind::contact ? "contacts"
                        : kind == RecordKind::account ? "accounts"
                                                      : "opportunities";
    return std::string("(select id from ") + table + " where tenant_id = $1 and number = $" +
           std::to_string(number_param) + "::integer)";
}

}  // namespace crm::rows
