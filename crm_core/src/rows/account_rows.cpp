#include "rows/rows.hpp"

#include "text.hpp"

namespace crm::rows {

std::string account_select_from(std::string_view accounts) {
    return "select a.id, a.number, a.name, a.domain, a.website, a.industry, a.phone, a.owner_id, u.display_name,"
           " a.version, crm_micros(a.created_at), crm_micros(a.updated_at)"
           " from " + std::string(accounts) + " a join users u on u.tenant_id = a.tenant_id and u.id = a.owner_id ";
}

namespace {
const std::string kAccountSelect = account_select_from("accounts");
}  // namespace

Account account_from_row(const pqxx::row& r) {
    Account a;
    a.id = r[0].as<RowId>();
    a.number = r[1].as<std::int32_t>();
    a.name = r[2].as<std::string>();
    a.domain = r[3].as<std::string>();
    a.website = r[4].as<std::string>();
    a.industry = r[5].as<std::string>();
    a.phone = r[6].as<std::string>();
    a.owner = {r[7].as<RowId>(), r[8].as<std::string>()};
    a.version = r[9].as<std::int32_t>();
    a.created_at = pg::from_micros(r[10].as<long long>());
    a.updated_at = pg::from_micros(r[11].as<long long>());
    return a;
}

Account load_account(pg::Tx& tx, const TenantId& tenant, std::int32_t number) {
    static const pg::Sql kGet{"account_get", kAccountSelect + "where a.tenant_id = $1 and a.number = $2"};
    auto row = tx.maybe_row(kGet, tenant, number);
    if (!row) fail(ErrorCode::not_found, RecordRef{RecordKind::account, number}.display() + " not found");
    return account_from_row(*row);
}

Account load_account_by_id(pg::Tx& tx, const TenantId& tenant, RowId id) {
    static const pg::Sql kGet{"account_get_id", kAccountSelect + "where a.tenant_id = $1 and a.id = $2"};
    return account_from_row(tx.row(kGet, tenant, id));
}

std::vector<Account> list_accounts(pg::Tx& tx, const TenantId& tenant, const AccountFilter& f) {
    static const pg::Sql kList{"account_list", kAccountSelect +
        "where a.tenant_id = $1 and ($2::bigint is null or a.owner_id = $2)"
        " and ($3::text is null or (a.name || ' ' || a.domain) ilike $3)"
        " order by a.number desc limit $4 offset $5"};
    std::optional<std::string> pattern;
    if (auto t = text::trim(f.text); !t.empty()) pattern = text::like_pattern(t);
    std::vector<Account> out;
    for (const auto& r : tx.exec(kList, tenant, f.owner_id, pattern, page_limit(f.page) + 1, page_offset(f.page)))
        out.push_back(account_from_row(r));
    return out;
}

Locked lock_account(pg::Tx& tx, const TenantId& tenant, std::int32_t number) {
    static const pg::Sql kLock{"account_lock",
                               "select id, version from accounts where tenant_id = $1 and number = $2 for update"};
    auto row = tx.maybe_row(kLock, tenant, number);
    if (!row) fail(ErrorCode::not_found, RecordRef{RecordKind::account, number}.display() + " not found");
    return {(*row)[0].as<RowId>(), (*row)[1].as<std::int32_t>()};
}

Inserted insert_account(pg::Tx& tx, const Actor& actor, const AccountDraft& d) {
    static const pg::Sql kInsert{"account_insert", next_number_cte(RecordKind::account) +
        "insert into accounts (tenant_id, number, name, domain, website, industry, phone, owner_id)"
        " select $1, n.last_number, $2, $3, $4, $5, $6, $7 from n returning id, number"};
    auto r = tx.row(kInsert, actor.tenant, d.name, d.domain, d.website, d.industry, d.phone,
                    d.owner_id.value_or(actor.user_id));
    return {r[0].as<RowId>(), r[1].as<std::int32_t>()};
}

}  // namespace crm::rows
