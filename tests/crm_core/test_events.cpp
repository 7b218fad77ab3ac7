// Every mutation leaves exactly one event; a refused call leaves none.
#include "helpers.hpp"

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
