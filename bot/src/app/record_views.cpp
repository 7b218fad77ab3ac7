#include "app/record_views.hpp"

namespace bot::app {

namespace {
constexpr std::int32_t kRecentEvents = 3;  // timeline entries on a record card
}

FollowInfo follow_info(crm::Crm& crm, const crm::Actor& actor, crm::FollowTarget target) {
    auto r = crm.followers.summary(actor, target);
    if (!r) return {};  // the card still shows the record; only the count is missing
    return {r->count, r->actor_follows};
}

crm::Result<LeadView> lead_view(crm::Crm& crm, const crm::Actor& actor, std::int32_t number) {
    auto r = crm.leads.overview(actor, number, kRecentEvents);
    if (!r) return r.error();
    return LeadView{std::move(r->lead), {r->followers.count, r->followers.actor_follows}, std::move(r->recent_events)};
}

crm::Result<DealView> deal_view(crm::Crm& crm, const crm::Actor& actor, std::int32_t number) {
    auto r = crm.opportunities.overview(actor, number, kRecentEvents);
    if (!r) return r.error();
    auto stages = crm.pipeline.stages(actor);
    if (!stages) return stages.error();
    const crm::RecordRef ref{crm::RecordKind::opportunity, number};
    DealView v{std::move(r->deal), std::move(stages).value()};
    if (v.deal.primary_contact)
        if (auto c = crm.contacts.get(actor, v.deal.primary_contact->ref.number)) v.primary_contact = *c;
    if (auto p = crm.participants.list(actor, ref)) v.participants = std::move(p).value();
    v.followers = {r->followers.count, r->followers.actor_follows};
    v.recent_events = std::move(r->recent_events);
    return v;
}

}  // namespace bot::app
