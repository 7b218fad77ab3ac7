#include "rows/rows.hpp"

#include "text.hpp"

namespace crm::rows {

std::string contact_select_from(std::string_view contacts, std::string_view accounts) {
    return "select c.id, c.number, c.first_name, c.last_name, c.email, c.phone, c.title, a.number, a.name,"
           " c.owner_id, u.display_name, c.version, crm_micros(c.created_at), crm_micros(c.updated_at), l.number"
           " from " + std::string(contacts) + " c"
           " join " + std::string(accounts) + " a on a.tenant_id = c.tenant_id and a.id = c.account_id"
           " join users u on u.tenant_id = c.tenant_id and u.id = c.owner_id"
           " left join leads l on l.tenant_id = c.tenant_id and l.id = c.lead_id ";
}

namespace {
const std::string kContactSelect = contact_select_from("contacts", "accounts");
}  // namespace

Contact contact_from_row(const pqxx::row& r) {
    Contact c;
    c.id = r[0].as<RowId>();
    c.number = r[1].as<std::int32_t>();
    c.first_name = r[2].as<std::string>();
    c.last_name = r[3].as<std::string>();
    c.email = r[4].as<std::string>();
    c.phone = r[5].as<std::string>();
    c.title = r[6].as<std::string>();
    c.account = {{RecordKind::account, r[7].as<std::int32_t>()}, r[8].as<std::string>(), {}};
    c.owner = {r[9].as<RowId>(), r[10].as<std::string>()};
    c.version = r[11].as<std::int32_t>();
    c.created_at = pg::from_micros(r[12].as<long long>());
    c.updated_at = pg::from_micros(r[13].as<long long>());
    if (!r[14].is_null()) c.from_lead = RecordRef{RecordKind::lead, r[14].as<std::int32_t>()};
    return c;
}

Contact load_contact(pg::Tx& tx, const TenantId& tenant, std::int32_t number) {
    static const pg::Sql kGet{"contact_get", kContactSelect + "where c.tenant_id = $1 and c.number = $2"};
    auto row = tx.maybe_row(kGet, tenant, number);
    if (!row) fail(ErrorCode::not_found, RecordRef{RecordKind::contact, number}.display() + " not found");
    return contact_from_row(*row);
}

Contact load_contact_by_id(pg::Tx& tx, const TenantId& tenant, RowId id) {
    static const pg::Sql kGet{"contact_get_id", kContactSelect + "where c.tenant_id = $1 and c.id = $2"};
    return contact_from_row(tx.row(kGet, tenant, id));
}

std::vector<Contact> list_contacts(pg::Tx& tx, const TenantId& tenant, const ContactFilter& f) {
    static const pg::Sql kList{"contact_list", kContactSelect +
        "where c.tenant_id = $1 and ($2::bigint is null or c.owner_id = $2)"
        " and ($3::int is null or a.number = $3)"
        " and ($4::text is null or (c.first_name || ' ' || c.last_name || ' ' || c.email) ilike $4)"
        " order by c.number desc limit $5 offset $6"};
    std::optional<std::string> pattern;
    if (auto t = text::trim(f.text); !t.empty()) pattern = text::like_pattern(t);
    std::vector<Contact> out;
    for (const auto& r : tx.exec(kList, tenant, f.owner_id, f.account_number, pattern, page_limit(f.page) + 1,
                                 page_offset(f.page)))
        out.push_back(contact_from_row(r));
    return out;
}

Locked lock_contact(pg::Tx& tx, const TenantId& tenant, std::int32_t number) {
    static const pg::Sql kLock{"contact_lock",
                               "select id, version from contacts where tenant_id = $1 and number = $2 for update"};
    auto row = tx.maybe_row(kLock, tenant, number);
    if (!row) fail(ErrorCode::not_found, RecordRef{RecordKind::contact, number}.display() + " not found");
    return {(*row)[0].as<RowId>(), (*row)[1].as<std::int32_t>()};
}

Inserted insert_contact(pg::Tx& tx, const Actor& actor, const ContactDraft& d, RowId account_id,
                     std::optional<RowId> lead_id) {
    static const pg::Sql kInsert{"contact_insert", next_number_cte(RecordKind::contact) +
        "insert into contacts (tenant_id, number, first_name, last_name, email, phone, title, account_id,"
        " owner_id, lead_id) select $1, n.last_number, $2, $3, $4, $5, $6, $7, $8, $9 from n returning id, number"};
    auto r = tx.row(kInsert, actor.tenant, d.first_name, d.last_name, d.email, d.phone, d.title, account_id,
                    d.owner_id.value_or(actor.user_id), lead_id);
    return {r[0].as<RowId>(), r[1].as<std::int32_t>()};
}

}  // namespace crm::rows
