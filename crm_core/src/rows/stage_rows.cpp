#include "rows/rows.hpp"

#include "text.hpp"

namespace crm::rows {

namespace {
const std::string kStageColumns = "select id, position, name, kind, probability from pipeline_stages ";

}  // namespace

Stage stage_from_row(const pqxx::row& r) {
    Stage s;
    s.id = r[0].as<RowId>();
    s.position = r[1].as<std::int32_t>();
    s.name = r[2].as<std::string>();
    s.kind = stage_kind_from_string(r[3].as<std::string>()).value_or(StageKind::open);
    s.probability = r[4].as<std::int32_t>();
    return s;
}

std::vector<Stage> load_stages(pg::Tx& tx, const TenantId& tenant) {
    static const pg::Sql kAll{"stages_all", kStageColumns + "where tenant_id = $1 order by position"};
    std::vector<Stage> out;
    for (const auto& r : tx.exec(kAll, tenant)) out.push_back(stage_from_row(r));
    return out;
}

Stage find_stage(pg::Tx& tx, const TenantId& tenant, const std::string& name) {
    static const pg::Sql kByName{"stage_by_name",
                                 kStageColumns + "where tenant_id = $1 and lower(name) = lower($2)"};
    auto row = tx.maybe_row(kByName, tenant, text::trim(name));
    if (!row) {
        std::string names;
        for (const auto& s : load_stages(tx, tenant)) names += (names.empty() ? "" : ", ") + s.name;
        fail_validation("stage", "no stage named \"" + name + "\"; stages are: " + names);
    }
    return stage_from_row(*row);
}

Stage first_open_stage(pg::Tx& tx, const TenantId& tenant) {
    static const pg::Sql kFirst{"stage_first_open",
                                kStageColumns + "where tenant_id = $1 and kind = 'open' order by position limit 1"};
    auto row = tx.maybe_row(kFirst, tenant);
    if (!row) fail(ErrorCode::invalid_transition, "the pipeline has no open stage");
    return stage_from_row(*row);
}

void seed_default_pipeline(pg::Tx& tx, const TenantId& tenant) {
    static const pg::Sql kSeed{"stages_seed",
        "insert into pipeline_stages (tenant_id, position, name, kind, probability) values"
        " ($1, 10, 'Prospecting', 'open', 10), ($1, 20, 'Qualification', 'open', 20),"
        " ($1, 30, 'Proposal', 'open', 50), ($1, 40, 'Negotiation', 'open', 80),"
        " ($1, 50, 'Won', 'won', 100), ($1, 60, 'Lost', 'lost', 0), ($1, 70, 'Unqualified', 'unqualified', 0)"};
    tx.exec(kSeed, tenant);
}

}  // namespace crm::rows
