#include <crm_core/timeline.hpp>

#include "event_log.hpp"
#include "pg/database_impl.hpp"
#include "rows/rows.hpp"

#include <algorithm>

namespace crm {

Result<std::vector<Event>> Timeline::for_record(const Actor& actor, RecordRef record, std::int32_t limit) {
    return db_.impl().read([&](pg::Tx& tx) {
        // One round trip: the record's id (none: not found) and its newest events.
        // A record made by converting a lead also shows that conversion. One
        // statement per kind, so that PostgreSQL can keep one generic plan for each.
        auto make = [](RecordKind kind) {
            const std::string k(to_string(kind));
            const std::string converted =
                kind == RecordKind::lead
                    ? std::string(" or (false and $2::text is null)")  // (names $2's type; folded away)
                    : " or (e.record_kind = 'lead' and e.action = 'converted' and e.after ->> '" + k + "' = $2)";
            return pg::Sql{"timeline_" + k,
                "select t.id, e.id, crm_micros(e.occurred_at), e.actor_id, u.display_name, e.record_kind,"
                " e.record_number, e.action, e.before::text, e.after::text"
                " from (select " + rows::record_id_sql(kind, 4) + " as id) t"
                " left join lateral (select * from events e"
                "   where e.tenant_id = $1 and ((e.record_kind = '" + k + "' and e.record_id = t.id)" + converted + ")"
                "   order by e.id desc limit $3) e on t.id is not null"
                " left join users u on u.tenant_id = e.tenant_id and u.id = e.actor_id"
                " order by e.id desc"};
        };
        static const pg::Sql kEvents[] = {make(RecordKind::lead), make(RecordKind::contact), make(RecordKind::account),
                                          make(RecordKind::opportunity)};
        std::vector<Event> out;
        const auto rows = tx.exec(kEvents[static_cast<int>(record.kind)], actor.tenant, record.display(),
                                  std::clamp(limit, 1, 200), record.number);
        if (rows.empty() || rows[0][0].is_null()) fail(ErrorCode::not_found, record.display() + " not found");
        for (const auto& r : rows) {
            if (r[1].is_null()) continue;  // a record with no events yet
            Event e;
            e.id = r[1].as<RowId>();
            e.at = pg::from_micros(r[2].as<long long>());
            if (!r[3].is_null()) e.actor = UserSummary{r[3].as<RowId>(), r[4].as<std::string>()};
            e.record_kind = r[5].as<std::string>();
            if (!r[6].is_null()) e.record_number = r[6].as<std::int32_t>();
            e.action = r[7].as<std::string>();
            e.changes = changes_from_json(r[8].as<std::string>(), r[9].as<std::string>());
            out.push_back(std::move(e));
        }
        return out;
    });
}

}  // namespace crm
