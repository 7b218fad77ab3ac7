#include <crm_core/collaboration.hpp>
#include <crm_core/records.hpp>

#include "text.hpp"

namespace crm {

std::string_view to_string(LeadStatus status) {
    switch (status) {
        case LeadStatus::new_: return "New";
        case LeadStatus::contacted: return "Contacted";
        case LeadStatus::qualified: return "Qualified";
        case LeadStatus::unqualified: return "Unqualified";
    }
    return "New";
}

std::optional<LeadStatus> lead_status_from_string(std::string_view text) {
    for (auto s : {LeadStatus::new_, LeadStatus::contacted, LeadStatus::qualified, LeadStatus::unqualified})
        if (text::iequals(to_string(s), text)) return s;
    return std::nullopt;
}

std::string_view to_string(StageKind kind) {
    switch (kind) {
        case StageKind::open: return "open";
        case StageKind::won: return "won";
        case StageKind::lost: return "lost";
        case StageKind::unqualified: return "unqualified";
    }
    return "open";
}

std::optional<StageKind> stage_kind_from_string(std::string_view text) {
    for (auto k : {StageKind::open, StageKind::won, StageKind::lost, StageKind::unqualified})
        if (text::iequals(to_string(k), text)) return k;
    return std::nullopt;
}

std::string_view to_string(FollowFilter filter) {
    return filter == FollowFilter::important ? "important" : "all";
}

std::optional<FollowFilter> follow_filter_from_string(std::string_view text) {
    if (text::iequals(text, "all")) return FollowFilter::all;
    if (text::iequals(text, "important")) return FollowFilter::important;
    return std::nullopt;
}

namespace {
std::string join_name(const std::string& first, const std::string& last) {
    if (first.empty()) return last;
    if (last.empty()) return first;
    return first + " " + last;
}
}  // namespace

std::string Lead::display_name() const {
    std::string person = join_name(first_name, last_name);
    if (person.empty()) return company;
    if (company.empty()) return person;
    return person + " (" + company + ")";
}

std::string Contact::full_name() const { return join_name(first_name, last_name); }

std::optional<FollowTarget> FollowTarget::of(RecordRef ref) {
    switch (ref.kind) {
        case RecordKind::lead: return FollowTarget{Kind::lead, ref.number};
        case RecordKind::opportunity: return FollowTarget{Kind::opportunity, ref.number};
        case RecordKind::account: return FollowTarget{Kind::account, ref.number};
        case RecordKind::contact: break;
    }
    return std::nullopt;
}

std::string FollowTarget::display() const {
    switch (kind) {
        case Kind::lead: return RecordRef{RecordKind::lead, number}.display();
        case Kind::opportunity: return RecordRef{RecordKind::opportunity, number}.display();
        case Kind::account: return RecordRef{RecordKind::account, number}.display() + " (all deals)";
        case Kind::pipeline: return "pipeline";
    }
    return "pipeline";
}

}  // namespace crm
