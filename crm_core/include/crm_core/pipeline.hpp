#pragma once
// The tenant's pipeline: ordered stages, each open or one of the closed kinds.
// A default pipeline is seeded with the tenant; admins can change it.
#include <crm_core/database.hpp>
#include <crm_core/records.hpp>
#include <crm_core/result.hpp>

#include <vector>

namespace crm {

struct StageDraft {
    std::string name;
    StageKind kind = StageKind::open;
    std::int32_t probability = 0;
    std::optional<std::int32_t> position;  // default: after the last open stage
};

struct StageTotals {
    Stage stage;
    std::int32_t count = 0;
    std::vector<Money> total;     // one per currency
    std::vector<Money> weighted;  // total x probability
};

class Pipeline {
public:
    explicit Pipeline(Database& db) : db_(db) {}

    Result<std::vector<Stage>> stages(const Actor& actor);
    Result<std::vector<StageTotals>> summary(const Actor& actor, std::optional<RowId> owner_id = {});

    // Admins only.
    Result<Stage> add_stage(const Actor& actor, const StageDraft& draft);
    Result<Stage> rename_stage(const Actor& actor, const std::string& stage, const std::string& new_name,
                               std::optional<std::int32_t> probability = {});

private:
    Database& db_;
};

}  // namespace crm
