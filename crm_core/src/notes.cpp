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
}  // namespace

Result<Note> Notes::add(const Actor& actor, RecordRef record, const std::string& body) {
    return db_.impl().run([&](pg::Tx& tx) {
        std::string text = text::trim(body);
        if (text.empty()) fail_validation("body", "the comment is empty");
        if (text.size() > 10000) fail_validation("body", "the comment is longer than 10000 characters");
        RowId record_id = rows::record_id(tx, actor.tenant, record);
        if (record.kind == RecordKind::lead) {
            static const pg::Sql kConverted{"lead_is_converted",
                "select converted_at is not null from leads where tenant_id = $1 and id = $2"};
            if (tx.row(kConverted, actor.tenant, record_id)[0].as<bool>())
                fail(ErrorCode::forbidden, record.display() + " was converted and is read-only");
        }
        static const pg::Sql kInsert{"note_insert",
            "insert into notes (tenant_id, lead_id, contact_id, account_id, opportunity_id, author_id, body)"
            " values ($1, case when $2 = 'lead_id' then $3::bigint end, case when $2 = 'contact_id' then $3::bigint end,"
            " case when $2 = 'account_id' then $3::bigint end, case when $2 = 'opportunity_id' then $3::bigint end,"
            " $4, $5) returning id, crm_micros(created_at),"
            " (select display_name from users u where u.tenant_id = $1 and u.id = $4)"};
        auto row = tx.row(kInsert, actor.tenant, std::string(column(record.kind)), record_id, actor.user_id, text);
        auto author = row[2].as<std::string>();
        Changes changes;
        changes.after("comment", text.size() > 1000 ? text.substr(0, 1000) + "…" : text);
        record_event(tx, actor, {to_string(record.kind), record_id, record.number}, "commented", changes);
        return Note{row[0].as<RowId>(), record, {actor.user_id, author}, text, pg::from_micros(row[1].as<long long>())};
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
