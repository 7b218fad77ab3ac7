// Tenancy: a tenant can neither see nor touch nor reference another tenant's records.
#include "helpers.hpp"

using namespace crm;
using namespace crmtest;

namespace {

// Tenant A's world. A has three accounts and three contacts, so that A-3 and C-3
// exist in A but not in a tenant B with fewer records.
struct TenantA {
    test::TenantFixture t;
    Lead lead, qualified;
    Account acc1, acc2, acc3;
    Contact c1, c2, c3;
    Opportunity deal;

    TenantA() {
        lead = make_lead(t, "Ada", "Lovelace", "Analytical Engines", "ada@analytical.example");
        LeadDraft q;
        q.last_name = "Qualified";
        q.company = "Q Corp";
        qualified = make_qualified_lead(t, q);
        acc1 = make_account(t, "A One");
        acc2 = make_account(t, "A Two");
        acc3 = make_account(t, "A Three", "athree.example");
        c1 = make_contact(t, acc1.number, "Ann", "One");
        c2 = make_contact(t, acc2.number, "Ann", "Two");
        c3 = make_contact(t, acc3.number, "Ann", "Three");
        deal = make_deal(t, acc3.number, "A's deal");
    }
};

// Everything of A as A sees it, to check that B changed nothing.
struct Snapshot {
    std::int32_t lead_v, qualified_v, acc3_v, c3_v, deal_v;
    LeadStatus lead_status;
    RowId deal_stage;
    std::optional<RecordSummary> deal_primary;
    std::size_t leads, accounts, contacts, deals, participants, followers, notes;
    long events;
};
Snapshot snapshot(const TenantA& a) {
    const auto& actor = a.t.actor();
    const Lead lead = MUST(core().leads.get(actor, a.lead.number));
    const Opportunity deal = MUST(core().opportunities.get(actor, a.deal.number));
    return {lead.version,
            MUST(core().leads.get(actor, a.qualified.number)).version,
            MUST(core().accounts.get(actor, a.acc3.number)).version,
            MUST(core().contacts.get(actor, a.c3.number)).version,
            deal.version,
            lead.status,
            deal.stage.id,
            deal.primary_contact,
            all_leads(actor).size(),
            all_accounts(actor).size(),
            all_contacts(actor).size(),
            all_deals(actor).size(),
            MUST(core().participants.list(actor, a.deal.ref())).size(),
            MUST(core().followers.list(actor, target_of(a.deal.ref()))).size(),
            MUST(core().notes.list(actor, a.deal.ref())).items.size(),
            a.t.event_count()};
}
void check_same(const Snapshot& x, const Snapshot& y) {
    CHECK(x.lead_v == y.lead_v);
    CHECK(x.qualified_v == y.qualified_v);
    CHECK(x.acc3_v == y.acc3_v);
    CHECK(x.c3_v == y.c3_v);
    CHECK(x.deal_v == y.deal_v);
    CHECK(x.lead_status == y.lead_status);
    CHECK(x.deal_stage == y.deal_stage);
    CHECK(x.deal_primary.has_value() == y.deal_primary.has_value());
    CHECK(x.leads == y.leads);
    CHECK(x.accounts == y.accounts);
    CHECK(x.contacts == y.contacts);
    CHECK(x.deals == y.deals);
    CHECK(x.participants == y.participants);
    CHECK(x.followers == y.followers);
    CHECK(x.notes == y.notes);
    CHECK(x.events == y.events);
}

}  // namespace

TEST_CASE("short numbers are per tenant", "[db][tenancy]") {
    test::TenantFixture a;
    test::TenantFixture b;
    CHECK(make_lead(a, "A", "First").number == 1);
    CHECK(make_lead(a, "A", "Second").number == 2);
    CHECK(make_lead(b, "B", "First").number == 1);
    const Account aa = make_account(a, "A acc");
    const Account ba = make_account(b, "B acc");
    CHECK(aa.number == 1);
    CHECK(ba.number == 1);
    CHECK(make_contact(b, ba.number, "B", "Contact").number == 1);
    CHECK(make_deal(b, ba.number, "B deal").number == 1);
    // Same numbers, different records.
    CHECK(MUST(core().leads.get(a.actor(), 1)).last_name == "First");
    CHECK(MUST(core().leads.get(b.actor(), 1)).first_name == "B");
    CHECK(MUST(core().accounts.get(b.actor(), 1)).name == "B acc");
}

TEST_CASE("another tenant cannot get or list a tenant's records", "[db][tenancy]") {
    TenantA a;
    test::TenantFixture b;
    const auto& B = b.actor();
    REQUIRE_ERROR(core().leads.get(B, a.lead.number), ErrorCode::not_found);
    REQUIRE_ERROR(core().accounts.get(B, a.acc1.number), ErrorCode::not_found);
    REQUIRE_ERROR(core().contacts.get(B, a.c1.number), ErrorCode::not_found);
    REQUIRE_ERROR(core().opportunities.get(B, a.deal.number), ErrorCode::not_found);
    REQUIRE_ERROR(core().opportunities.stage_history(B, a.deal.number), ErrorCode::not_found);
    REQUIRE_ERROR(core().participants.list(B, a.deal.ref()), ErrorCode::not_found);
    REQUIRE_ERROR(core().notes.list(B, a.deal.ref()), ErrorCode::not_found);
    REQUIRE_ERROR(core().timeline.for_record(B, a.lead.ref()), ErrorCode::not_found);
    REQUIRE_ERROR(core().followers.list(B, target_of(a.deal.ref())), ErrorCode::not_found);
    REQUIRE_ERROR(core().directory.get_user(B, a.t.admin.id), ErrorCode::not_found);

    CHECK(all_leads(B, true).empty());
    CHECK(all_accounts(B).empty());
    CHECK(all_contacts(B).empty());
    CHECK(all_deals(B).empty());
    LeadFilter text;
    text.text = "lovelace";
    text.include_converted = true;
    CHECK(MUST(core().leads.list(B, text)).items.empty());
    LeadFilter by_owner;
    by_owner.owner_id = a.t.admin.id;
    CHECK(MUST(core().leads.list(B, by_owner)).items.empty());
    ContactFilter by_account;
    by_account.account_number = a.acc1.number;
    CHECK(MUST(core().contacts.list(B, by_account)).items.empty());
    const auto users = MUST(core().directory.list_users(B));
    for (const auto& u : users) CHECK(u.tenant == b.admin.tenant);
    CHECK(users.size() == 1);
}

TEST_CASE("another tenant cannot change a tenant's records", "[db][tenancy]") {
    TenantA a;
    test::TenantFixture b;
    const auto& B = b.actor();
    const Snapshot before = snapshot(a);
    const long b_events = b.event_count();

    LeadPatch lp;
    lp.company = "Hijacked";
    REQUIRE_ERROR(core().leads.update(B, a.lead.number, lp), ErrorCode::not_found);
    REQUIRE_ERROR(core().leads.change_status(B, a.lead.number, LeadStatus::contacted), ErrorCode::not_found);
    REQUIRE_ERROR(core().leads.convert(B, a.qualified.number, LeadConversion{}), ErrorCode::not_found);
    AccountPatch ap;
    ap.name = "Hijacked";
    REQUIRE_ERROR(core().accounts.update(B, a.acc3.number, ap), ErrorCode::not_found);
    ContactPatch cp;
    cp.last_name = "Hijacked";
    REQUIRE_ERROR(core().contacts.update(B, a.c3.number, cp), ErrorCode::not_found);
    OpportunityPatch op;
    op.name = "Hijacked";
    REQUIRE_ERROR(core().opportunities.update(B, a.deal.number, op), ErrorCode::not_found);
    REQUIRE_ERROR(core().opportunities.move_stage(B, a.deal.number, "Won"), ErrorCode::not_found);
    REQUIRE_ERROR(core().opportunities.reopen(B, a.deal.number), ErrorCode::not_found);
    REQUIRE_ERROR(core().opportunities.set_primary_contact(B, a.deal.number, a.c3.number), ErrorCode::not_found);
    REQUIRE_ERROR(core().participants.add(B, a.deal.ref(), a.c3.number), ErrorCode::not_found);
    REQUIRE_ERROR(core().participants.remove(B, a.deal.ref(), a.c3.number), ErrorCode::not_found);
    REQUIRE_ERROR(core().followers.follow(B, target_of(a.lead.ref())), ErrorCode::not_found);
    REQUIRE_ERROR(core().followers.follow(B, target_of(a.deal.ref())), ErrorCode::not_found);
    REQUIRE_ERROR(core().followers.follow(B, target_of(a.acc3.ref())), ErrorCode::not_found);
    REQUIRE_ERROR(core().notes.add(B, a.deal.ref(), "spam"), ErrorCode::not_found);
    REQUIRE_ERROR(core().notes.add(B, a.lead.ref(), "spam"), ErrorCode::not_found);

    check_same(before, snapshot(a));
    CHECK(b.event_count() == b_events);
    CHECK(MUST(core().leads.get(a.t.actor(), a.lead.number)).company == "Analytical Engines");
    CHECK(MUST(core().accounts.get(a.t.actor(), a.acc3.number)).name == "A Three");
    CHECK(MUST(core().opportunities.get(a.t.actor(), a.deal.number)).name == "A's deal");
}

TEST_CASE("another tenant cannot reference a tenant's accounts or contacts", "[db][tenancy]") {
    TenantA a;
    test::TenantFixture b;
    const auto& B = b.actor();
    // B's own world: one account (B's A-1), one deal, one lead; no contacts.
    const Account b_acc = make_account(b, "B One");
    REQUIRE(b_acc.number == 1);
    const Opportunity b_deal = make_deal(b, b_acc.number, "B's deal");
    const Lead b_lead = make_lead(b, "Bea", "Bee", "B Lead Co");
    const Snapshot before = snapshot(a);
    const long b_events = b.event_count();

    // A contact of B on A's account A-3.
    ContactDraft cd;
    cd.last_name = "Intruder";
    cd.account_number = a.acc3.number;
    REQUIRE_ERROR(core().contacts.create(B, cd), ErrorCode::not_found);
    // A deal of B on A's account A-3.
    OpportunityDraft od;
    od.name = "Intruding deal";
    od.account_number = a.acc3.number;
    REQUIRE_ERROR(core().opportunities.create(B, od), ErrorCode::not_found);
    // A deal of B with A's contact C-3 as primary contact.
    od.account_number = b_acc.number;
    od.primary_contact_number = a.c3.number;
    REQUIRE_ERROR(core().opportunities.create(B, od), ErrorCode::not_found);
    // A's contact as primary contact or participant of B's deal and lead.
    REQUIRE_ERROR(core().opportunities.set_primary_contact(B, b_deal.number, a.c3.number), ErrorCode::not_found);
    REQUIRE_ERROR(core().participants.add(B, b_deal.ref(), a.c3.number), ErrorCode::not_found);
    REQUIRE_ERROR(core().participants.add(B, b_lead.ref(), a.c3.number), ErrorCode::not_found);
    // Moving B's (non-existent) contact onto A's account: B has no contacts at all.
    CHECK(all_contacts(B).empty());

    CHECK(b.event_count() == b_events);
    CHECK(all_deals(B).size() == 1);
    CHECK_FALSE(MUST(core().opportunities.get(B, b_deal.number)).primary_contact.has_value());
    CHECK(MUST(core().participants.list(B, b_deal.ref())).empty());
    check_same(before, snapshot(a));
}

TEST_CASE("another tenant cannot convert into a tenant's account", "[db][tenancy][conversion]") {
    TenantA a;
    test::TenantFixture b;
    LeadDraft d;
    d.last_name = "Bee";
    d.company = "Bee Co";
    const Lead b_lead = make_qualified_lead(b, d);
    const Snapshot before = snapshot(a);
    const long b_events = b.event_count();

    LeadConversion options;
    options.account_number = a.acc3.number;
    options.create_opportunity = true;
    REQUIRE_ERROR(core().leads.convert(b.actor(), b_lead.number, options), ErrorCode::not_found);
    CHECK_FALSE(MUST(core().leads.get(b.actor(), b_lead.number)).converted());
    CHECK(all_contacts(b.actor()).empty());
    CHECK(all_accounts(b.actor()).empty());
    CHECK(all_deals(b.actor()).empty());
    CHECK(b.event_count() == b_events);
    check_same(before, snapshot(a));
}

TEST_CASE("account matching on conversion never crosses tenants", "[db][tenancy][conversion]") {
    TenantA a;  // has "A Three" with domain athree.example
    test::TenantFixture b;
    LeadDraft d;
    d.first_name = "Bob";
    d.last_name = "Bee";
    d.company = "a three";                // A's account name, other case
    d.email = "bob@athree.example";       // A's account domain
    const Lead b_lead = make_qualified_lead(b, d);
    const Snapshot before = snapshot(a);

    const ConversionResult r = MUST(core().leads.convert(b.actor(), b_lead.number, LeadConversion{}));
    CHECK_FALSE(r.account_matched);
    CHECK(r.account.number == 1);  // B's first account
    const auto b_accounts = all_accounts(b.actor());
    REQUIRE(b_accounts.size() == 1);
    CHECK(b_accounts[0].id != a.acc3.id);
    CHECK(MUST(core().contacts.get(b.actor(), r.contact.number)).account.ref == r.account.ref());
    check_same(before, snapshot(a));
}

TEST_CASE("another tenant's users cannot be owners or followers", "[db][tenancy]") {
    TenantA a;
    test::TenantFixture b;
    const User b_manager = b.add_user("bmgr", Role::manager);
    const long b_events = b.event_count();

    LeadDraft d;
    d.last_name = "Owned elsewhere";
    d.owner_id = a.t.admin.id;
    CHECK_FALSE(core().leads.create(b.actor(), d).ok());
    CHECK(all_leads(b.actor()).empty());

    const Account b_acc = make_account(b, "B acc");
    const Opportunity b_deal = make_deal(b, b_acc.number, "B deal");
    CHECK_FALSE(core().followers.follow(b_manager.actor(), target_of(b_deal.ref()), a.t.admin.id).ok());
    CHECK(MUST(core().followers.list(b.actor(), target_of(b_deal.ref()))).empty());
    CHECK(b.event_count() == b_events + 2);  // the account and the deal only
}

TEST_CASE("changing one tenant's pipeline leaves another's alone", "[db][tenancy][pipeline]") {
    test::TenantFixture a;
    test::TenantFixture b;
    const auto a_before = stages_of(a);
    StageDraft sd;
    sd.name = "B Only Stage";
    sd.probability = 50;
    MUST(core().pipeline.add_stage(b.actor(), sd));
    const auto a_after = stages_of(a);
    REQUIRE(a_after.size() == a_before.size());
    for (std::size_t i = 0; i < a_after.size(); ++i) {
        CHECK(a_after[i].id == a_before[i].id);
        CHECK(a_after[i].name == a_before[i].name);
    }
    CHECK(stages_of(b).size() == a_before.size() + 1);

    const Account acc = make_account(a, "A acc");
    OpportunityDraft od;
    od.name = "Deal";
    od.account_number = acc.number;
    od.stage = "B Only Stage";
    REQUIRE_VALIDATION(core().opportunities.create(a.actor(), od), "stage");
}
