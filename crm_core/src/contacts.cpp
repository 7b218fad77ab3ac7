#include <crm_core/contacts.hpp>

#include "event_log.hpp"
#include "pg/database_impl.hpp"
#include "rows/rows.hpp"
#include "validation.hpp"

namespace crm {

namespace {
void check(ContactDraft& d) {
    validate::clean(d.first_name, "first_name");
    validate::clean(d.last_name, "last_name");
    validate::email(d.email);
    validate::clean(d.phone, "phone", 50);
    validate::clean(d.title, "title");
    if (d.first_name.empty() && d.last_name.empty()) fail_validation("last_name", "a contact needs a name");
    if (!d.account_number) fail_validation("account", "every contact belongs to an account: choose one");
}
}  // namespace

Result<Contact> Contacts::create(const Actor& actor, const ContactDraft& draft) {
    return db_.impl().run([&](pg::Tx& tx) {
        ContactDraft d = draft;
        check(d);
        RowId account_id = rows::record_id(tx, actor.tenant, {RecordKind::account, *d.account_number});
        if (d.owner_id) rows::require_user(tx, actor.tenant, *d.owner_id);
        RowId id = rows::insert_contact(tx, actor, d, account_id, std::nullopt).id;
        Contact contact = rows::load_contact_by_id(tx, actor.tenant, id);
        Changes changes;
        changes.after("name", contact.full_name());
        changes.after("account", contact.account.ref.display());
        if (!contact.email.empty()) changes.after("email", contact.email);
        record_event(tx, actor, {"contact", id, contact.number}, "created", changes);
        return contact;
    });
}

Result<Contact> Contacts::get(const Actor& actor, std::int32_t number) {
    return db_.impl().read([&](pg::Tx& tx) { return rows::load_contact(tx, actor.tenant, number); });
}

Result<Page<Contact>> Contacts::list(const Actor& actor, const ContactFilter& filter) {
    return db_.impl().read(
        [&](pg::Tx& tx) { return rows::make_page(rows::list_contacts(tx, actor.tenant, filter), filter.page); });
}

Result<Contact> Contacts::update(const Actor& actor, std::int32_t number, const ContactPatch& patch,
                                 std::optional<std::int32_t> expected_version) {
    return db_.impl().run([&](pg::Tx& tx) {
        auto locked = rows::lock_contact(tx, actor.tenant, number);
        rows::check_version(locked, expected_version, {RecordKind::contact, number});
        Contact c = rows::load_contact_by_id(tx, actor.tenant, locked.id);
        ContactDraft d{patch.first_name.value_or(c.first_name), patch.last_name.value_or(c.last_name),
                       patch.email.value_or(c.email),           patch.phone.value_or(c.phone),
                       patch.title.value_or(c.title),           patch.account_number.value_or(c.account.ref.number),
                       patch.owner_id.value_or(c.owner.id)};
        check(d);
        RowId account_id = rows::record_id(tx, actor.tenant, {RecordKind::account, *d.account_number});
        if (*d.owner_id != c.owner.id) rows::require_user(tx, actor.tenant, *d.owner_id);
        Changes changes;
        changes.diff("first_name", c.first_name, d.first_name);
        changes.diff("last_name", c.last_name, d.last_name);
        changes.diff("email", c.email, d.email);
        changes.diff("phone", c.phone, d.phone);
        changes.diff("title", c.title, d.title);
        changes.diff("account", c.account.ref.display(), RecordRef{RecordKind::account, *d.account_number}.display());
        changes.diff("owner_id", std::to_string(c.owner.id), std::to_string(*d.owner_id));
        if (changes.empty()) return c;
        static const pg::Sql kUpdate{"contact_update",
            "update contacts set first_name = $3, last_name = $4, email = $5, phone = $6, title = $7,"
            " account_id = $8, owner_id = $9, version = version + 1, updated_at = now()"
            " where tenant_id = $1 and id = $2"};
        tx.exec(kUpdate, actor.tenant, c.id, d.first_name, d.last_name, d.email, d.phone, d.title, account_id,
                *d.owner_id);
        record_event(tx, actor, {"contact", c.id, c.number}, "updated", changes);
        return rows::load_contact_by_id(tx, actor.tenant, c.id);
    });
}

}  // namespace crm
