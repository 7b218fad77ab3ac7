#include <crm_core/participants.hpp>

#include "event_log.hpp"
#include "pg/database_impl.hpp"
#include "rows/rows.hpp"
#include "validation.hpp"

namespace crm {

namespace {
// Participants belong to leads and deals; a converted lead is read-only.
RowId participant_record(pg::Tx& tx, const TenantId& tenant, RecordRef record) {
    if (record.kind == RecordKind::lead) {
        if (rows::load_lead(tx, tenant, record.number).converted())
            fail(ErrorCode::forbidden, record.display() + " was converted and is read-only");
    } else if (record.kind != RecordKind::opportunity) {
        fail_validation("record", "participants belong to a lead or a deal");
    }
    return rows::record_id(tx, tenant, record);
}

const pg::Sql& pick(RecordKind kind, const pg::Sql& lead, const pg::Sql& opportunity) {
    return kind == RecordKind::lead ? lead : opportunity;
}
}  // namespace

Result<Participant> Participants::add(const Actor& actor, RecordRef record, std::int32_t contact_number,
                                      const std::string& role) {
    return db_.impl().run([&](pg::Tx& tx) {
        std::string r = role;
        validate::clean(r, "role", 100);
        RowId record_id = participant_record(tx, actor.tenant, record);
        Contact contact = rows::load_contact(tx, actor.tenant, contact_number);
        if (record.kind == RecordKind::opportunity) {
            auto o = rows::load_opportunity_by_id(tx, actor.tenant, record_id);
            if (o.primary_contact && o.primary_contact->ref == contact.ref())
                fail(ErrorCode::conflict, contact.ref().display() + " is already the primary contact of " + record.display());
        }
        static const pg::Sql kExistsLead{"participant_exists_lead",
            "select 1 from participants where tenant_id = $1 and lead_id = $2 and contact_id = $3"};
        static const pg::Sql kExistsOpp{"participant_exists_opportunity",
            "select 1 from participants where tenant_id = $1 and opportunity_id = $2 and contact_id = $3"};
        if (tx.maybe_row(pick(record.kind, kExistsLead, kExistsOpp), actor.tenant, record_id, contact.id))
            fail(ErrorCode::conflict, contact.ref().display() + " is already a participant of " + record.display());
        static const pg::Sql kInsertLead{"participant_insert_lead",
            "insert into participants (tenant_id, lead_id, contact_id, role, added_by) values ($1, $2, $3, $4, $5)"
            " returning crm_micros(added_at)"};
        static const pg::Sql kInsertOpp{"participant_insert_opportunity",
            "insert into participants (tenant_id, opportunity_id, contact_id, role, added_by)"
            " values ($1, $2, $3, $4, $5) returning crm_micros(added_at)"};
        auto row = tx.row(pick(record.kind, kInsertLead, kInsertOpp), actor.tenant, record_id, contact.id, r,
                          actor.user_id);
        Changes changes;
        changes.after("participant", contact.ref().display());
        if (!r.empty()) changes.after("role", r);
        record_event(tx, actor, {to_string(record.kind), record_id, record.number}, "participant_added", changes);
        return Participant{{contact.ref(), contact.full_name(), contact.email}, r, pg::from_micros(row[0].as<long long>())};
    });
}

Status Participants::remove(const Actor& actor, RecordRef record, std::int32_t contact_number) {
    return db_.impl().run([&](pg::Tx& tx) {
        RowId record_id = participant_record(tx, actor.tenant, record);
        RecordRef contact{RecordKind::contact, contact_number};
        RowId contact_id = rows::record_id(tx, actor.tenant, contact);
        static const pg::Sql kDeleteLead{"participant_delete_lead",
            "delete from participants where tenant_id = $1 and lead_id = $2 and contact_id = $3 returning role"};
        static const pg::Sql kDeleteOpp{"participant_delete_opportunity",
            "delete from participants where tenant_id = $1 and opportunity_id = $2 and contact_id = $3 returning role"};
        auto row = tx.maybe_row(pick(record.kind, kDeleteLead, kDeleteOpp), actor.tenant, record_id, contact_id);
        if (!row) fail(ErrorCode::not_found, contact.display() + " is not a participant of " + record.display());
        Changes changes;
        changes.add("participant", contact.display(), std::nullopt);
        record_event(tx, actor, {to_string(record.kind), record_id, record.number}, "participant_removed", changes);
        return Done{};
    });
}

Result<std::vector<Participant>> Participants::list(const Actor& actor, RecordRef record) {
    return db_.impl().read([&](pg::Tx& tx) {
        if (record.kind != RecordKind::lead && record.kind != RecordKind::opportunity)
            fail_validation("record", "participants belong to a lead or a deal");
        RowId record_id = rows::record_id(tx, actor.tenant, record);
        static const pg::Sql kList{"participant_list",
            "select c.number, trim(c.first_name || ' ' || c.last_name), c.email, p.role, crm_micros(p.added_at)"
            " from participants p join contacts c on c.tenant_id = p.tenant_id and c.id = p.contact_id"
            " where p.tenant_id = $1 and (case when $3 then p.lead_id else p.opportunity_id end) = $2"
            " order by p.id"};
        std::vector<Participant> out;
        for (const auto& r : tx.exec(kList, actor.tenant, record_id, record.kind == RecordKind::lead))
            out.push_back({{{RecordKind::contact, r[0].as<std::int32_t>()}, r[1].as<std::string>(), r[2].as<std::string>()},
                           r[3].as<std::string>(),
                           pg::from_micros(r[4].as<long long>())});
        return out;
    });
}

}  // namespace crm
