#include <crm_core/accounts.hpp>

#include "event_log.hpp"
#include "pg/database_impl.hpp"
#include "rows/rows.hpp"
#include "validation.hpp"

namespace crm {

namespace {
void check(AccountDraft& d) {
    validate::clean(d.name, "name");
    if (d.name.empty()) fail_validation("name", "an account needs a name");
    validate::clean(d.domain, "domain", 253);
    d.domain = text::lower(d.domain);
    validate::clean(d.website, "website", 500);
    validate::clean(d.industry, "industry", 100);
    validate::clean(d.phone, "phone", 50);
}
}  // namespace

Result<Account> Accounts::create(const Actor& actor, const AccountDraft& draft) {
    return db_.impl().run([&](pg::Tx& tx) {
        AccountDraft d = draft;
        check(d);
        if (d.owner_id) rows::require_user(tx, actor.tenant, *d.owner_id);
        RowId id = rows::insert_account(tx, actor, d).id;
        Account account = rows::load_account_by_id(tx, actor.tenant, id);
        Changes changes;
        changes.after("name", account.name);
        if (!account.domain.empty()) changes.after("domain", account.domain);
        record_event(tx, actor, {"account", id, account.number}, "created", changes);
        return account;
    });
}

Result<Account> Accounts::get(const Actor& actor, std::int32_t number) {
    return db_.impl().read([&](pg::Tx& tx) { return rows::load_account(tx, actor.tenant, number); });
}

Result<Page<Account>> Accounts::list(const Actor& actor, const AccountFilter& filter) {
    return db_.impl().read(
        [&](pg::Tx& tx) { return rows::make_page(rows::list_accounts(tx, actor.tenant, filter), filter.page); });
}

Result<Account> Accounts::update(const Actor& actor, std::int32_t number, const AccountPatch& patch,
                                 std::optional<std::int32_t> expected_version) {
    return db_.impl().run([&](pg::Tx& tx) {
        auto locked = rows::lock_account(tx, actor.tenant, number);
        rows::check_version(locked, expected_version, {RecordKind::account, number});
        Account a = rows::load_account_by_id(tx, actor.tenant, locked.id);
        AccountDraft d{patch.name.value_or(a.name),         patch.domain.value_or(a.domain),
                       patch.website.value_or(a.website),   patch.industry.value_or(a.industry),
                       patch.phone.value_or(a.phone),       patch.owner_id.value_or(a.owner.id)};
        check(d);
        if (*d.owner_id != a.owner.id) rows::require_user(tx, actor.tenant, *d.owner_id);
        Changes changes;
        changes.diff("name", a.name, d.name);
        changes.diff("domain", a.domain, d.domain);
        changes.diff("website", a.website, d.website);
        changes.diff("industry", a.industry, d.industry);
        changes.diff("phone", a.phone, d.phone);
        changes.diff("owner_id", std::to_string(a.owner.id), std::to_string(*d.owner_id));
        if (changes.empty()) return a;
        static const pg::Sql kUpdate{"account_update",
            "update accounts set name = $3, domain = $4, website = $5, industry = $6, phone = $7, owner_id = $8,"
            " version = version + 1, updated_at = now() where tenant_id = $1 and id = $2"};
        tx.exec(kUpdate, actor.tenant, a.id, d.name, d.domain, d.website, d.industry, d.phone, *d.owner_id);
        record_event(tx, actor, {"account", a.id, a.number}, "updated", changes);
        return rows::load_account_by_id(tx, actor.tenant, a.id);
    });
}

}  // namespace crm
