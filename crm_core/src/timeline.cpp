#include <crm_core/timeline.hpp>

#include "event_log.hpp"
#include "pg/database_impl.hpp"
#include "rows/rows.hpp"

#include <algorithm>

namespace crm {

Result<std::vector<Event>> Timeline::for_record(const Actor& actor, RecordRef record, std::int32_t limit) {
    return db_.impl().read([&](pg::Tx& tx) {
        RowId record_id = rows::record_id(tx, actor.tenant, record);
        // A record made by converting a lead also shows that conversion.
        static const pg::Sql kEvents{"timeline",
            "select e.id, crm_micros(e.occurred_at), e.actor_id, u.display_name, e.record_kind, e.record_number,"
            " e.action, e.before::text, e.after::text from events e"
            " left join users u on u.tenant_id = e.tenant_id and u.id = e.actor_id"
            " where e.tenant_id = $1 and ((e.record_kind = $2 and e.record_id = $3)"
            "   or (e.record_kind = 'lead' and e.action = 'converted' and $2 <> 'lead'"
            "       and e.after ->> (case $2 when 'opportunity' then 'opportunity' else $2 end) = $4))"
            " order by e.id desc limit $5"};
        std::vector<Event> out;
        for (const auto& r : tx.exec(kEvents, actor.tenant, std::string(to_string(record.kind)), record_id,
                                     record.display(), std::clamp(limit, 1, 200))) {
            Event e;
            e.id = r[0].as<RowId>();
            e.at = pg::from_micros(r[1].as<long long>());
            if (!r[2].is_null()) e.actor = UserSummary{r[2].as<RowId>(), r[3].as<std::string>()};
            e.record_kind = r[4].as<std::string>();
            if (!r[5].is_null()) e.record_number = r[5].as<std::int32_t>();
            e.action = r[6].as<std::string>();
            e.changes = changes_from_json(r[7].as<std::string>(), r[8].as<std::string>());
            out.push_back(std::move(e));
        }
        return out;
    });
}

}  // namespace crm
