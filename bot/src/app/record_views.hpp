#pragma once
// What a record card shows around the record, loaded from the core: shared by
// replies (CommandExecutor) and by the in-place updates of live deal cards.
#include "app/reply.hpp"

#include <crm_core/crm.hpp>

#include <cstdint>
#include <vector>

namespace bot::app {

// The followers as `actor` sees them (an actor with no user: nobody follows).
FollowInfo follow_info(crm::Crm& crm, const crm::Actor& actor, crm::FollowTarget target);
// A lead with its followers and latest activity, in one round trip.
crm::Result<LeadView> lead_view(crm::Crm& crm, const crm::Actor& actor, std::int32_t number);
// A deal with its pipeline, contacts, followers and latest activity (the deal,
// its followers and activity in one round trip).
crm::Result<DealView> deal_view(crm::Crm& crm, const crm::Actor& actor, std::int32_t number);

}  // namespace bot::app
