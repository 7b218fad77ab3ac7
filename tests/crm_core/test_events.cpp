// Every mutation leaves exactly one event; a refused call leaves none.
#include "helpers.hpp"

#include <map>

using namespace crm;
using namespace crmtest;

namespace {
// Runs `call`, which must succeed, and checks it added exactly one event.
#define ONE_EVENT(t, call)                                                   \
    do {                                                                     \
        const long before_ = (t).event_count();                              \
        MUST(call);                                                          \
        INFO(#call);                                                         \
        CHECK((t).event_count() == before_ + 1);                             \
    } while (false)

// Runs `call`, which must fail, and checks it added no event.
#define NO_EVENT(t, call)                                                    \
    do {                                                                     \
        const long before_ = (t).event_count();                              \
        MUST_FAIL(call);                                                     \
        INFO(#call);                                                         \
        CHECK((t).event_count() == before_);                                 \
    } while (false)
}  // namespace

TEST_CASE("each mutating call leaves exactly one event", "[db][events]") {
    test::TenantFixture t;
    const auto A = t.actor();
    const User other = t.add_user("evan");
    auto& c = core();

    // Creations.
    LeadDraft ld;
    ld.first_name = "Ada";
    ld.last_name = "Lovelace";
    ld.company = "Analytical Engines";
    ONE_EVENT(t, c.leads.create(A, ld));
    ld.company = "Second Co";
    ONE_EVENT(t, c.leads.create(A, ld));
    AccountDraft ad;
    ad.name = "Acme";
    ONE_EVENT(t, c.accounts.create(A, ad));
    ContactDraft cd;
    cd.last_name = "Hopper";
    cd.account_number = 1;
    ONE_EVENT(t, c.contacts.create(A, cd));
    cd.last_name = "Turing";
    ONE_EVENT(t, c.contacts.create(A, cd));
    OpportunityDraft od;
    od.name = "Deal";
    od.account_number = 1;
    ONE_EVENT(t, c.opportunities.create(A, od));

    // Updates and state changes.
    LeadPatch lp;
    lp.phone = "123";
    ONE_EVENT(t, c.leads.update(A, 1, lp));
    ONE_EVENT(t, c.leads.change_status(A, 1, LeadStatus::qualified));
    ONE_EVENT(t, c.leads.convert(A, 1, LeadConversion{}));
    AccountPatch ap;
    ap.industry = "Anvils";
    ONE_EVENT(t, c.accounts.update(A, 1, ap));
    ContactPatch cp;
    cp.title = "Admiral";
    ONE_EVENT(t, c.contacts.update(A, 1, cp));
    OpportunityPatch op;
    op.amount = Money{100000, "EUR"};
    ONE_EVENT(t, c.opportunities.update(A, 1, op));
    const auto open = open_stages(t);
    REQUIRE(open.size() >= 2);
    ONE_EVENT(t, c.opportunities.move_stage(A, 1, open[1].name));
    ONE_EVENT(t, c.opportunities.move_stage(A, 1, "Lost"));
    ONE_EVENT(t, c.opportunities.reopen(A, 1));
    ONE_EVENT(t, c.opportunities.set_primary_contact(A, 1, 1));

    // Collaboration.
    const RecordRef deal{RecordKind::opportunity, 1};
    const RecordRef lead2{RecordKind::lead, 2};
    ONE_EVENT(t, c.participants.add(A, deal, 2, "CTO"));
    ONE_EVENT(t, c.participants.add(A, lead2, 2));
    ONE_EVENT(t, c.participants.remove(A, deal, 2));
    ONE_EVENT(t, c.followers.follow(A, target_of(deal)));
    ONE_EVENT(t, c.followers.follow(A, target_of(deal), other.id));
    ONE_EVENT(t, c.followers.unfollow(A, target_of(deal)));
    ONE_EVENT(t, c.followers.follow(A, FollowTarget::pipeline()));
    ONE_EVENT(t, c.notes.add(A, deal, "A comment"));
    ONE_EVENT(t, c.notes.add(A, lead2, "Another comment"));
}

TEST_CASE("each refused call leaves no event", "[db][events]") {
    test::TenantFixture t;
    const auto A = t.actor();
    const User rep = t.add_user("rex");
    auto& c = core();
    const Account acc = make_account(t, "Acme");
    const Contact ada = make_contact(t, acc.number, "Ada", "Lovelace");
    const Opportunity deal = make_deal(t, acc.number, "Deal");
    const Lead lead = make_lead(t, "Alan", "Turing", "Bletchley");
    MUST(c.participants.add(A, deal.ref(), ada.number));

    NO_EVENT(t, c.leads.create(A, LeadDraft{}));                                       // validation
    NO_EVENT(t, c.leads.change_status(A, lead.number, LeadStatus::new_));              // invalid_transition
    NO_EVENT(t, c.leads.convert(A, lead.number, LeadConversion{}));                    // not qualified
    LeadPatch lp;
    lp.phone = "1";
    NO_EVENT(t, c.leads.update(A, lead.number, lp, lead.version + 5));                 // conflict
    NO_EVENT(t, c.leads.update(A, 999, lp));                                           // not_found
    NO_EVENT(t, c.contacts.create(A, ContactDraft{}));                                 // validation
    NO_EVENT(t, c.opportunities.create(A, OpportunityDraft{}));                        // validation
    NO_EVENT(t, c.opportunities.move_stage(A, deal.number, "Nope"));                   // validation
    NO_EVENT(t, c.opportunities.reopen(A, deal.number));                               // invalid_transition
    NO_EVENT(t, c.opportunities.set_primary_contact(A, deal.number, 999));             // not_found
    NO_EVENT(t, c.participants.add(A, deal.ref(), ada.number));                        // conflict
    NO_EVENT(t, c.followers.follow(rep.actor(), target_of(deal.ref()), t.admin.id));  // forbidden
    NO_EVENT(t, c.notes.add(A, deal.ref(), ""));                                       // validation
}

namespace {
// field -> "before|after" of an event's changes.
std::map<std::string, std::string> changes_of(const Event& e) {
    std::map<std::string, std::string> out;
    for (const auto& c : e.changes) out[c.field] = c.before.value_or("-") + "|" + c.after.value_or("-");
    return out;
}
}  // namespace

TEST_CASE("a stage move and a status change record their before and after exactly", "[db][events]") {
    test::TenantFixture t;
    const Account a = make_account(t, "Acme");
    const Opportunity d = make_deal(t, a.number, "Deal", "Qualification");
    const Opportunity moved = MUST(core().opportunities.move_stage(t.actor(), d.number, "proposal"));
    CHECK(moved.stage.name == "Proposal");
    CHECK(moved.version == d.version + 1);
    auto events = MUST(core().timeline.for_record(t.actor(), d.ref()));
    REQUIRE_FALSE(events.empty());
    CHECK(events[0].action == "stage_moved");
    CHECK(events[0].actor.value().id == t.admin.id);
    CHECK(changes_of(events[0]) == std::map<std::string, std::string>{
                                       {"stage", "Qualification|Proposal"},
                                       {"stage_kind", "open|open"},
                                       {"probability", std::to_string(d.probability) + "|" + std::to_string(moved.probability)}});
    const Opportunity won = MUST(core().opportunities.move_stage(t.actor(), d.number, "Won"));
    CHECK(won.closed_at.has_value());
    events = MUST(core().timeline.for_record(t.actor(), d.ref()));
    CHECK(changes_of(events[0]).at("stage_kind") == "open|won");
    CHECK(MUST(core().opportunities.stage_history(t.actor(), d.number)).size() >= 2);

    const Lead l = make_lead(t, "Ada", "Lovelace", "Analytical Engines");
    const Lead contacted = MUST(core().leads.change_status(t.actor(), l.number, LeadStatus::contacted, l.version));
    CHECK(contacted.status == LeadStatus::contacted);
    CHECK(contacted.version == l.version + 1);
    CHECK(contacted.owner.name == "Ada Admin");
    events = MUST(core().timeline.for_record(t.actor(), l.ref()));
    CHECK(events[0].action == "status_changed");
    CHECK(changes_of(events[0]) == std::map<std::string, std::string>{{"status", "New|Contacted"}});
    // Moving an open deal to the stage it is in changes nothing and logs nothing;
    // a closed one must be reopened first.
    const Opportunity open = make_deal(t, a.number, "Open deal", "Proposal");
    const long before = t.event_count();
    CHECK(MUST(core().opportunities.move_stage(t.actor(), open.number, "PROPOSAL")).version == open.version);
    REQUIRE_ERROR(core().opportunities.move_stage(t.actor(), d.number, "Proposal"), ErrorCode::invalid_transition);
    REQUIRE_VALIDATION(core().opportunities.move_stage(t.actor(), open.number, "Nowhere"), "stage");
    REQUIRE_ERROR(core().opportunities.move_stage(t.actor(), open.number, "Won", open.version + 5), ErrorCode::conflict);
    CHECK(t.event_count() == before);
}
