#pragma once
// Opportunities (deals): always with an account, moving left to right through the
// tenant's pipeline to one of the closed stages Won, Lost or Unqualified. A closed
// deal only leaves its stage through an explicit reopen.
#include <crm_core/collaboration.hpp>
#include <crm_core/database.hpp>
#include <crm_core/records.hpp>
#include <crm_core/result.hpp>

#include <vector>

namespace crm {

struct OpportunityFilter {
    std::optional<RowId> owner_id = {};
    std::optional<std::string> stage = {};  // stage name, case-insensitive
    bool open_only = false;
    std::optional<std::int32_t> account_number = {};
    std::optional<Date> close_from = {}, close_to = {};  // expected close date window, inclusive
    std::string text = {};  // matches deal and account names
    PageRequest page = {};
};

// What a deal's card shows around the deal: who follows it, its newest events.
struct OpportunityOverview {
    Opportunity deal;
    FollowSummary followers;
    std::vector<Event> recent_events;  // newest first, with the conversion that made it
};

class Opportunities {
public:
    explicit Opportunities(Database& db) : db_(db) {}

    Result<Opportunity> create(const Actor& actor, const OpportunityDraft& draft);
    Result<Opportunity> get(const Actor& actor, std::int32_t number);
    // get, Followers::summary and Timeline::for_record in one round trip.
    Result<OpportunityOverview> overview(const Actor& actor, std::int32_t number, std::int32_t recent_events = 3);
    Result<Page<Opportunity>> list(const Actor& actor, const OpportunityFilter& filter);
    Result<Opportunity> update(const Actor& actor, std::int32_t number, const OpportunityPatch& patch,
                               std::optional<std::int32_t> expected_version = {});

    // Moves an open deal to another stage (open or closed) by stage name.
    Result<Opportunity> move_stage(const Actor& actor, std::int32_t number, const std::string& stage,
                                   std::optional<std::int32_t> expected_version = {});
    // Takes a closed deal back to an open stage: the given one, else the stage it
    // was in before it closed.
    Result<Opportunity> reopen(const Actor& actor, std::int32_t number,
                               std::optional<std::string> stage = {},
                               std::optional<std::int32_t> expected_version = {});
    Result<Opportunity> set_primary_contact(const Actor& actor, std::int32_t number,
                                            std::int32_t contact_number,
                                            std::optional<std::int32_t> expected_version = {});
    Result<std::vector<StageChange>> stage_history(const Actor& actor, std::int32_t number);

private:
    Database& db_;
};

}  // namespace crm
