#include <crm_core/notes.hpp>

#include "event_log.hpp"
#include "pg/database_impl.hpp"
#include "rows/rows.hpp"
#include "text.hpp"

namespace crm {

namespace {
// The notes column that holds a record of this kind.
std::string_view column(RecordKind kind) {
    switch (kind) {
        case RecordKind::lead: return "lead_id";
        case RecordKind::contact: return "contact_id";
        case RecordKind::account: return "account_id";
        case RecordKind::opportunity: return "opportunity_id";
    }
    return "lead_id";
}

// Adding a note is one statement: find the record by number, refuse a converted
// lead, insert the note and its event; the last select says what happened.
const pg::Sql& note_insert(RecordKind kind) {
    auto make = [](RecordKind k, std::string_view table) {
        std::string col(column(k));
        std::string converted = k == RecordKind::lead ? "converted_at" : "null::timestamptz";
        return pg::Sql{"note_insert_" + std::string(to_string(k)),
            "with target as (select id, number, " + converted + " as converted_at from " + std::string(table) +
            " where tenant_id = $1 and number = $2),"
            " added as (insert into notes (tenant_id, " + col + ", author_id, body)"
            " select $1, id, $3, $4 from target where converted_at is null returning id, created_at, " + col + "),"
            " noted as (select " + col + " as id, $2::integer as number from added), " +
            event_cte(to_string(k), "noted", 5) +
            " select (select id from added), (select crm_micros(created_at) from added),"
            " exists (select 1 from target), coalesce((select converted_at is not null from target), false),"
            " (select display_name from users u where u.tenant_id = $1 and u.id = $3)"};
    };
    static const pg::Sql kLead = make(RecordKind::lead, "leads"), kContact = make(RecordKind::contact, "contacts"),
                         kAccount = make(RecordKind::account, "accounts"),
                         kOpportunity = make(RecordKind::opportunity, "opportunities");
    switch (kind) {
        case RecordKind::lead: return kLead;
        case RecordKind::contact: return kContact;
        case RecordKind::account: return kAccount;
        case RecordKind::opportunity: return kOpportunity;
    }
    return kLead;
}
}  // namespace

Result<Note> Notes::add(const Actor& actor, RecordRef record, const std::string& body) {
    return db_.impl().single([&](pg::Tx& tx) {
        std::string text = text::trim(body);
        if (text.empty()) fail_validation("body", "the comment is empty");
        if (text.size() > 10000) fail_validation("body", "the comment is longer than 10000 characters");
        Changes changes;
        changes.after("comment", text.size() > 1000 ? text.substr(0, 1000) + "…" : text);
        auto event = event_params(actor, "commented", changes);
        auto row = tx.row(note_insert(record.kind), actor.tenant, record.number, actor.user_id, text, event.actor_id,
                          event.action, event.before, event.after);
        if (!row[2].as<bool>()) fail(ErrorCode::not_found, record.display() + " not found");
        if (row[3].as<bool>()) fail(ErrorCode::forbidden, record.display() + " was converted and is read-only");
        return Note{row[0].as<RowId>(), record, {actor.user_id, row[4].as<std::string>()}, text,
                    pg::from_micros(row[1].as<long long>())};
    });
}

Result<Page<Note>> Notes::list(const Actor& actor, RecordRef record, PageRequest page) {
    return db_.impl().read([&](pg::Tx& tx) {
        RowId record_id = rows::record_id(tx, actor.tenant, record);
        static const pg::Sql kList{"note_list",
            "select n.id, n.author_id, u.display_name, n.body, crm_micros(n.created_at) from notes n"
            " join users u on u.tenant_id = n.tenant_id and u.id = n.author_id"
            " where n.tenant_id = $1 and case $2 when 'lead_id' then n.lead_id when 'contact_id' then n.contact_id"
            " when 'account_id' then n.account_id else n.opportunity_id end = $3"
            " order by n.id desc limit $4 offset $5"};
        std::vector<Note> out;
        for (const auto& r : tx.exec(kList, actor.tenant, std::string(column(record.kind)), record_id,
                                     rows::page_limit(page) + 1, rows::page_offset(page)))
            out.push_back({r[0].as<RowId>(), record, {r[1].as<RowId>(), r[2].as<std::string>()},
                           r[3].as<std::string>(), pg::from_micros(r[4].as<long long>())});
        return rows::make_page(std::move(out), page);
    });
}

}  // namespace crm
