#pragma once
// Writes the one event row of a mutation, inside the mutation's transaction.
#include <crm_core/collaboration.hpp>
#include <crm_core/ids.hpp>

#include "pg/tx.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// Field-level before/after values of one change.
class Changes {
public:
    void add(std::string field, std::optional<std::string> before, std::optional<std::string> after);
    // Adds the field only if the value changed.
    void diff(std::string field, const std::string& before, const std::string& after);
    void after(std::string field, std::string value) { add(std::move(field), std::nullopt, std::move(value)); }
    bool empty() const { return items_.empty(); }
    const std::vector<FieldChange>& items() const { return items_; }

private:
    std::vector<FieldChange> items_;
};

struct EventRecord {
    std::string_view kind;  // "lead", ..., "pipeline"
    std::optional<RowId> id;
    std::optional<std::int32_t> number;
};

RowId record_event(pg::Tx& tx, const Actor& actor, EventRecord record, std::string_view action,
                   const Changes& changes);

// The event row as values for a statement's parameters.
struct EventParams {
    std::optional<RowId> actor_id;
    std::string action, before, after;  // before/after: JSON objects
};
EventParams event_params(const Actor& actor, std::string_view action, const Changes& changes);
// events.actor_id of a change by `actor` (null for the system).
std::optional<RowId> event_actor(const Actor& actor);

// The same event written by the mutation's own statement: a data-modifying CTE
// "event as (...)" to append after the statement's other CTEs. It logs one event
// per row of the CTE `source` (columns id and number) about a record of `kind`
// (a constant of the code, never user input); the statement passes
// event_params() as $first_param .. $first_param+3 and the tenant as $1. One
// statement instead of two saves a round trip on every mutation. It sets
// events.fanout (audience_sql).
std::string event_cte(std::string_view kind, std::string_view source, int first_param);

// SQL for events.fanout: whether an event has anyone else to tell, which the
// fan-out trigger (crm_event_fanout) is then run for: the followers of its record
// other than its actor (`actor`, a bigint expression) and, for a deal, those of
// its account and of the pipeline, unless the event is a follow or unfollow; and
// a deal's live cards. `kind` is a constant of the code; `record_id` and `action`
// are SQL expressions; `account` the deal's account id when the statement has it
// at hand (else it is looked up). $1 is the tenant. An index probe in the event's
// own statement costs a fraction of a trigger call, and most changes have nobody
// else to tell. An event written without it has fanout true: the trigger decides.
std::string audience_sql(std::string_view kind, std::string_view record_id, std::string_view actor,
                         std::string_view action, std::string_view account = {});

// Reads the JSON columns of an event row back into field changes.
std::vector<FieldChange> changes_from_json(const std::string& before, const std::string& after);

}  // namespace crm
