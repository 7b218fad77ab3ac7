#include <crm_core/pipeline.hpp>

#include "event_log.hpp"
#include "pg/database_impl.hpp"
#include "rows/rows.hpp"
#include "validation.hpp"

#include <map>

namespace crm {

namespace {
void require_admin(const Actor& actor) {
    if (actor.role != Role::admin) fail(ErrorCode::forbidden, "only an admin can change the pipeline");
}
void check_probability(std::int32_t p) {
    if (p < 0 || p > 100) fail_validation("probability", "the probability is a percentage, 0 to 100");
}
}  // namespace

Result<std::vector<Stage>> Pipeline::stages(const Actor& actor) {
    return db_.impl().read([&](pg::Tx& tx) { return rows::load_stages(tx, actor.tenant); });
}

Result<std::vector<StageTotals>> Pipeline::summary(const Actor& actor, std::optional<RowId> owner_id) {
    return db_.impl().read([&](pg::Tx& tx) {
        static const pg::Sql kTotals{"pipeline_totals",
            "select o.stage_id, count(*), o.currency, sum(o.amount)::text,"
            " sum(round(o.amount * o.probability / 100.0, 2))::text"
            " from opportunities o where o.tenant_id = $1 and ($2::bigint is null or o.owner_id = $2)"
            " group by o.stage_id, o.currency order by o.stage_id, o.currency"};
        std::vector<StageTotals> out;
        std::map<RowId, std::size_t> index;
        for (auto& s : rows::load_stages(tx, actor.tenant)) {
            index[s.id] = out.size();
            out.push_back({s, 0, {}, {}});
        }
        for (const auto& r : tx.exec(kTotals, actor.tenant, owner_id)) {
            auto it = index.find(r[0].as<RowId>());
            if (it == index.end()) continue;
            auto& t = out[it->second];
            t.count += r[1].as<std::int32_t>();
            if (r[2].is_null()) continue;  // deals without an amount
            auto currency = r[2].as<std::string>();
            t.total.push_back({Money::parse_amount(r[3].as<std::string>()).value_or(0), currency});
            t.weighted.push_back({Money::parse_amount(r[4].as<std::string>()).value_or(0), currency});
        }
        return out;
    });
}

Result<Stage> Pipeline::add_stage(const Actor& actor, const StageDraft& draft) {
    return db_.impl().run([&](pg::Tx& tx) {
        require_admin(actor);
        std::string name = draft.name;
        validate::clean(name, "name", 60);
        if (name.empty()) fail_validation("name", "a stage needs a name");
        if (draft.kind != StageKind::open)
            fail_validation("kind", "the closed stages Won, Lost and Unqualified exist once; new stages are open");
        check_probability(draft.probability);
        auto stages = rows::load_stages(tx, actor.tenant);
        std::int32_t first_closed = 1 << 30, last_open = 0;
        for (const auto& s : stages) {
            if (s.closed()) first_closed = std::min(first_closed, s.position);
            else last_open = std::max(last_open, s.position);
        }
        std::int32_t position = draft.position.value_or(last_open + 1);
        if (position > first_closed || position < 1)
            fail_validation("position", "open stages come before the closed ones");
        // Make room: positions are unique, checked at commit.
        tx.work().exec("set constraints uq_pipeline_stages_position deferred");
        static const pg::Sql kShift{"stages_shift",
            "update pipeline_stages set position = position + 1 where tenant_id = $1 and position >= $2"};
        tx.exec(kShift, actor.tenant, position);
        static const pg::Sql kInsert{"stage_insert",
            "insert into pipeline_stages (tenant_id, position, name, kind, probability)"
            " values ($1, $2, $3, 'open', $4) returning id"};
        RowId id = tx.row(kInsert, actor.tenant, position, name, draft.probability)[0].as<RowId>();
        Changes changes;
        changes.after("stage", name);
        changes.after("probability", std::to_string(draft.probability));
        record_event(tx, actor, {"pipeline", std::nullopt, std::nullopt}, "stage_added", changes);
        return Stage{id, position, name, StageKind::open, draft.probability};
    });
}

Result<Stage> Pipeline::rename_stage(const Actor& actor, const std::string& stage, const std::string& new_name,
                                     std::optional<std::int32_t> probability) {
    return db_.impl().run([&](pg::Tx& tx) {
        require_admin(actor);
        Stage s = rows::find_stage(tx, actor.tenant, stage);
        std::string name = new_name;
        validate::clean(name, "name", 60);
        if (name.empty()) fail_validation("name", "a stage needs a name");
        std::int32_t p = probability.value_or(s.probability);
        check_probability(p);
        if (s.kind == StageKind::won && p != 100) fail_validation("probability", "Won stays at 100%");
        if ((s.kind == StageKind::lost || s.kind == StageKind::unqualified) && p != 0)
            fail_validation("probability", s.name + " stays at 0%");
        Changes changes;
        changes.diff("stage", s.name, name);
        changes.diff("probability", std::to_string(s.probability), std::to_string(p));
        if (changes.empty()) return s;
        static const pg::Sql kRename{"stage_rename",
            "update pipeline_stages set name = $3, probability = $4 where tenant_id = $1 and id = $2"};
        tx.exec(kRename, actor.tenant, s.id, name, p);
        record_event(tx, actor, {"pipeline", std::nullopt, std::nullopt}, "stage_changed", changes);
        s.name = name;
        s.probability = p;
        return s;
    });
}

}  // namespace crm
