// Leads: creation rules, the status machine, updates, listing and filters.
#include "helpers.hpp"

using namespace crm;
using namespace crmtest;

TEST_CASE("a new lead gets number 1, status New, the actor as owner and one event", "[db][leads]") {
    test::TenantFixture t;
    const long events = t.event_count();

    LeadDraft d;
    d.first_name = "Ada";
    d.last_name = "Lovelace";
    d.company = "Analytical Engines";
    d.email = "ada@analytical.example";
    d.phone = "+44 20 7946 0000";
    d.title = "Countess";
    d.source = "referral";
    const Lead lead = MUST(core().leads.create(t.actor(), d));

    CHECK(t.event_count() == events + 1);
    CHECK(lead.number == 1);
    CHECK(lead.ref() == RecordRef{RecordKind::lead, 1});
    CHECK(lead.status == LeadStatus::new_);
    CHECK(lead.first_name == "Ada");
    CHECK(lead.last_name == "Lovelace");
    CHECK(lead.company == "Analytical Engines");
    CHECK(lead.email == "ada@analytical.example");
    CHECK(lead.phone == "+44 20 7946 0000");
    CHECK(lead.title == "Countess");
    CHECK(lead.source == "referral");
    CHECK(lead.owner.id == t.admin.id);
    CHECK(lead.owner.name == "Ada Admin");
    CHECK_FALSE(lead.converted());
    CHECK_FALSE(lead.converted_contact.has_value());
    CHECK_FALSE(lead.converted_account.has_value());
    CHECK_FALSE(lead.converted_opportunity.has_value());

    const Lead again = MUST(core().leads.get(t.actor(), 1));
    CHECK(again.id == lead.id);
    CHECK(again.first_name == "Ada");
    CHECK(again.company == "Analytical Engines");
    CHECK(again.status == LeadStatus::new_);
    CHECK(again.version == lead.version);

    const Lead second = make_lead(t, "Grace", "Hopper");
    CHECK(second.number == 2);
    CHECK(t.event_count() == events + 2);
}

TEST_CASE("a lead can be created for another owner of the tenant", "[db][leads]") {
    test::TenantFixture t;
    const User rep = t.add_user("rita");
    LeadDraft d;
    d.last_name = "Babbage";
    d.owner_id = rep.id;
    const Lead lead = MUST(core().leads.create(t.actor(), d));
    CHECK(lead.owner.id == rep.id);
    CHECK(lead.owner.name == "rita");
}

TEST_CASE("a lead needs a first name, a last name or a company", "[db][leads]") {
    test::TenantFixture t;
    const long events = t.event_count();

    SECTION("nothing at all is refused on last_name") {
        REQUIRE_VALIDATION(core().leads.create(t.actor(), LeadDraft{}), "last_name");
    }
    SECTION("only an email, phone and title is refused on last_name") {
        LeadDraft d;
        d.email = "someone@example.org";
        d.phone = "123";
        d.title = "CTO";
        d.source = "web";
        REQUIRE_VALIDATION(core().leads.create(t.actor(), d), "last_name");
    }
    SECTION("blank names and company are refused on last_name") {
        LeadDraft d;
        d.first_name = "   ";
        d.last_name = " ";
        d.company = "  ";
        REQUIRE_VALIDATION(core().leads.create(t.actor(), d), "last_name");
    }
    CHECK(t.event_count() == events);
    CHECK(all_leads(t.actor()).empty());
}

TEST_CASE("a first name alone, a last name alone or a company alone is enough", "[db][leads]") {
    test::TenantFixture t;
    LeadDraft first;
    first.first_name = "Ada";
    LeadDraft last;
    last.last_name = "Lovelace";
    LeadDraft company;
    company.company = "Analytical Engines";
    CHECK(MUST(core().leads.create(t.actor(), first)).first_name == "Ada");
    CHECK(MUST(core().leads.create(t.actor(), last)).last_name == "Lovelace");
    CHECK(MUST(core().leads.create(t.actor(), company)).company == "Analytical Engines");
    CHECK(all_leads(t.actor()).size() == 3);
}

TEST_CASE("a lead's email must look like an email", "[db][leads]") {
    test::TenantFixture t;
    const long events = t.event_count();
    for (const char* bad : {"not-an-email", "ada@", "@example.com", "ada at example.com", "ada@@example.com"}) {
        INFO("email: " << bad);
        LeadDraft d;
        d.last_name = "Lovelace";
        d.email = bad;
        REQUIRE_VALIDATION(core().leads.create(t.actor(), d), "email");
    }
    CHECK(t.event_count() == events);
    CHECK(all_leads(t.actor()).empty());

    LeadDraft good;
    good.last_name = "Lovelace";
    good.email = "ada.lovelace@analytical.example";
    CHECK(MUST(core().leads.create(t.actor(), good)).email == "ada.lovelace@analytical.example");
}

TEST_CASE("getting or changing a lead that does not exist is not_found", "[db][leads]") {
    test::TenantFixture t;
    const long events = t.event_count();
    REQUIRE_ERROR(core().leads.get(t.actor(), 42), ErrorCode::not_found);
    LeadPatch p;
    p.company = "X";
    REQUIRE_ERROR(core().leads.update(t.actor(), 42, p), ErrorCode::not_found);
    REQUIRE_ERROR(core().leads.change_status(t.actor(), 42, LeadStatus::contacted), ErrorCode::not_found);
    REQUIRE_ERROR(core().leads.convert(t.actor(), 42, LeadConversion{}), ErrorCode::not_found);
    CHECK(t.event_count() == events);
}

namespace {
// Brings a fresh lead to `status` through allowed transitions.
Lead lead_in(const test::TenantFixture& t, LeadStatus status) {
    Lead lead = make_lead(t, "Ada", "Lovelace", "Analytical Engines");
    if (status != LeadStatus::new_) lead = MUST(core().leads.change_status(t.actor(), lead.number, status));
    REQUIRE(lead.status == status);
    return lead;
}
}  // namespace

TEST_CASE("lead status transitions follow the status machine", "[db][leads][status]") {
    using S = LeadStatus;
    auto [from, to, allowed] = GENERATE(table<S, S, bool>({
        {S::new_, S::new_, false},
        {S::new_, S::contacted, true},
        {S::new_, S::qualified, true},
        {S::new_, S::unqualified, true},
        {S::contacted, S::new_, false},
        {S::contacted, S::contacted, false},
        {S::contacted, S::qualified, true},
        {S::contacted, S::unqualified, true},
        {S::qualified, S::new_, false},
        {S::qualified, S::contacted, true},
        {S::qualified, S::qualified, false},
        {S::qualified, S::unqualified, true},
        {S::unqualified, S::new_, false},
        {S::unqualified, S::contacted, true},
        {S::unqualified, S::qualified, false},
        {S::unqualified, S::unqualified, false},
    }));
    INFO(to_string(from) << " -> " << to_string(to) << (allowed ? " (allowed)" : " (refused)"));

    test::TenantFixture t;
    const Lead before = lead_in(t, from);
    const long events = t.event_count();

    auto changed = core().leads.change_status(t.actor(), before.number, to);
    const Lead after = MUST(core().leads.get(t.actor(), before.number));
    if (allowed) {
        REQUIRE(changed.ok());
        CHECK(changed->status == to);
        CHECK(changed->version == before.version + 1);
        CHECK(after.status == to);
        CHECK(after.version == before.version + 1);
        CHECK(t.event_count() == events + 1);
    } else {
        REQUIRE_FALSE(changed.ok());
        CHECK(changed.error().code == ErrorCode::invalid_transition);
        CHECK(after.status == from);
        CHECK(after.version == before.version);
        CHECK(t.event_count() == events);
    }
}

TEST_CASE("a lead walks New -> Contacted -> Qualified -> Contacted -> Unqualified -> Contacted", "[db][leads][status]") {
    test::TenantFixture t;
    Lead lead = make_lead(t, "Ada", "Lovelace");
    const std::int32_t v0 = lead.version;
    const long events = t.event_count();
    const LeadStatus path[] = {LeadStatus::contacted, LeadStatus::qualified, LeadStatus::contacted,
                               LeadStatus::unqualified, LeadStatus::contacted};
    int step = 0;
    for (auto s : path) {
        ++step;
        lead = MUST(core().leads.change_status(t.actor(), lead.number, s));
        CHECK(lead.status == s);
        CHECK(lead.version == v0 + step);
        CHECK(t.event_count() == events + step);
    }
}

TEST_CASE("updating a lead changes only the patched fields, bumps the version and leaves one event", "[db][leads]") {
    test::TenantFixture t;
    LeadDraft d;
    d.first_name = "Ada";
    d.last_name = "Lovelace";
    d.company = "Analytical Engines";
    d.email = "ada@analytical.example";
    d.phone = "111";
    const Lead before = make_lead(t, d);
    const long events = t.event_count();

    LeadPatch p;
    p.company = "Difference Engines";
    p.phone = "222";
    const Lead after = MUST(core().leads.update(t.actor(), before.number, p, before.version));
    CHECK(after.company == "Difference Engines");
    CHECK(after.phone == "222");
    CHECK(after.first_name == "Ada");
    CHECK(after.last_name == "Lovelace");
    CHECK(after.email == "ada@analytical.example");
    CHECK(after.status == LeadStatus::new_);
    CHECK(after.version == before.version + 1);
    CHECK(t.event_count() == events + 1);

    const Lead fetched = MUST(core().leads.get(t.actor(), before.number));
    CHECK(fetched.company == "Difference Engines");
    CHECK(fetched.version == before.version + 1);
}

TEST_CASE("updating a lead with a bad email is refused on email and changes nothing", "[db][leads]") {
    test::TenantFixture t;
    const Lead before = make_lead(t, "Ada", "Lovelace", "Analytical Engines", "ada@analytical.example");
    const long events = t.event_count();
    LeadPatch p;
    p.email = "not-an-email";
    p.company = "Changed";
    REQUIRE_VALIDATION(core().leads.update(t.actor(), before.number, p), "email");
    const Lead after = MUST(core().leads.get(t.actor(), before.number));
    CHECK(after.email == "ada@analytical.example");
    CHECK(after.company == "Analytical Engines");
    CHECK(after.version == before.version);
    CHECK(t.event_count() == events);
}

TEST_CASE("lead owner can be reassigned within the tenant", "[db][leads]") {
    test::TenantFixture t;
    const User rep = t.add_user("rob");
    const Lead before = make_lead(t, "Ada", "Lovelace");
    LeadPatch p;
    p.owner_id = rep.id;
    const Lead after = MUST(core().leads.update(t.actor(), before.number, p));
    CHECK(after.owner.id == rep.id);
    CHECK(after.owner.name == "rob");
}

// ---- Listing -----------------------------------------------------------------

TEST_CASE("lead list filters by owner and by status", "[db][leads][list]") {
    test::TenantFixture t;
    const User rep = t.add_user("rachel");
    LeadDraft mine;
    mine.last_name = "Mine";
    const Lead a = make_lead(t, mine);
    LeadDraft hers;
    hers.last_name = "Hers";
    hers.owner_id = rep.id;
    const Lead b = make_lead(t, hers);
    hers.last_name = "Hers too";
    const Lead c = make_lead(t, hers);
    MUST(core().leads.change_status(t.actor(), c.number, LeadStatus::contacted));

    LeadFilter by_owner;
    by_owner.owner_id = rep.id;
    CHECK(numbers_of(MUST(core().leads.list(t.actor(), by_owner)).items) == std::set<std::int32_t>{b.number, c.number});
    by_owner.owner_id = t.admin.id;
    CHECK(numbers_of(MUST(core().leads.list(t.actor(), by_owner)).items) == std::set<std::int32_t>{a.number});

    LeadFilter by_status;
    by_status.status = LeadStatus::new_;
    CHECK(numbers_of(MUST(core().leads.list(t.actor(), by_status)).items) == std::set<std::int32_t>{a.number, b.number});
    by_status.status = LeadStatus::contacted;
    CHECK(numbers_of(MUST(core().leads.list(t.actor(), by_status)).items) == std::set<std::int32_t>{c.number});
    by_status.status = LeadStatus::qualified;
    CHECK(MUST(core().leads.list(t.actor(), by_status)).items.empty());

    LeadFilter both;
    both.owner_id = rep.id;
    both.status = LeadStatus::new_;
    CHECK(numbers_of(MUST(core().leads.list(t.actor(), both)).items) == std::set<std::int32_t>{b.number});
}

TEST_CASE("lead text search matches names, company and email, case-insensitively", "[db][leads][list]") {
    test::TenantFixture t;
    const Lead ada = make_lead(t, "Ada", "Lovelace", "Analytical Engines", "countess@difference.example");
    const Lead grace = make_lead(t, "Grace", "Hopper", "Navy", "grace@cobol.example");
    const Lead alan = make_lead(t, "Alan", "Turing", "Bletchley", "alan@enigma.example");

    auto search = [&](const std::string& text) {
        LeadFilter f;
        f.text = text;
        return numbers_of(MUST(core().leads.list(t.actor(), f)).items);
    };
    using N = std::set<std::int32_t>;
    CHECK(search("ada") == N{ada.number});              // first name
    CHECK(search("LOVELACE") == N{ada.number});         // last name, other case
    CHECK(search("love") == N{ada.number});             // part of a name
    CHECK(search("analytical") == N{ada.number});       // company
    CHECK(search("NAVY") == N{grace.number});           // company, other case
    CHECK(search("difference.example") == N{ada.number});  // email
    CHECK(search("Enigma") == N{alan.number});          // email, other case
    CHECK(search("hopper") == N{grace.number});
    CHECK(search("zzz-no-such-lead").empty());
    CHECK(search("") == N{ada.number, grace.number, alan.number});
}

TEST_CASE("lead text search treats % and _ literally", "[db][leads][list]") {
    test::TenantFixture t;
    const Lead percent = make_lead(t, "Alan", "Turing", "100% Pure", "alan@pure.example");
    const Lead thousand = make_lead(t, "Bob", "Stone", "1000 Pure", "bob@stone.example");
    const Lead underscore = make_lead(t, "Carol", "Smith", "Under_score Ltd", "carol@under.example");
    const Lead lookalike = make_lead(t, "Dan", "Brown", "Underxscore Ltd", "dan@brown.example");

    auto search = [&](const std::string& text) {
        LeadFilter f;
        f.text = text;
        return numbers_of(MUST(core().leads.list(t.actor(), f)).items);
    };
    using N = std::set<std::int32_t>;
    CHECK(search("100%") == N{percent.number});
    CHECK(search("%") == N{percent.number});
    CHECK(search("10%0") .empty());
    CHECK(search("under_score") == N{underscore.number});
    CHECK(search("_") == N{underscore.number});
    CHECK(search("Under_") == N{underscore.number});
    CHECK(search("%Pure") .empty());
    (void)thousand;
    (void)lookalike;
}

TEST_CASE("lead list pages with limit, offset and has_more", "[db][leads][list]") {
    test::TenantFixture t;
    for (int i = 0; i < 5; ++i) make_lead(t, "Lead", "Number " + std::to_string(i));

    std::set<std::int32_t> seen;
    auto page = [&](std::int32_t offset, std::int32_t limit) {
        LeadFilter f;
        f.page = {offset, limit};
        return MUST(core().leads.list(t.actor(), f));
    };
    auto p0 = page(0, 2);
    CHECK(p0.items.size() == 2);
    CHECK(p0.has_more);
    CHECK(p0.offset == 0);
    auto p1 = page(2, 2);
    CHECK(p1.items.size() == 2);
    CHECK(p1.has_more);
    CHECK(p1.offset == 2);
    auto p2 = page(4, 2);
    CHECK(p2.items.size() == 1);
    CHECK_FALSE(p2.has_more);
    CHECK(p2.offset == 4);
    for (auto* p : {&p0, &p1, &p2})
        for (auto& l : p->items) seen.insert(l.number);
    CHECK(seen == std::set<std::int32_t>{1, 2, 3, 4, 5});

    auto exact = page(0, 5);
    CHECK(exact.items.size() == 5);
    CHECK_FALSE(exact.has_more);
    auto beyond = page(10, 5);
    CHECK(beyond.items.empty());
    CHECK_FALSE(beyond.has_more);
}

TEST_CASE("a lead's overview is the lead, its follower summary and its newest events, in one call", "[db][leads]") {
    test::TenantFixture t;
    const User rep = t.add_user("rosa");
    const Lead lead = make_lead(t, "Ada", "Lovelace", "Analytical Engines");
    MUST(core().leads.change_status(t.actor(), lead.number, LeadStatus::contacted));
    MUST(core().notes.add(t.actor(), lead.ref(), "Called, wants a demo."));
    MUST(core().followers.follow(rep.actor(), {FollowTarget::Kind::lead, lead.number}));
    MUST(core().notes.add(rep.actor(), lead.ref(), "Demo booked."));

    for (const User& viewer : {t.admin, rep}) {
        INFO(viewer.name);
        const LeadOverview o = MUST(core().leads.overview(viewer.actor(), lead.number, 3));
        const Lead fetched = MUST(core().leads.get(viewer.actor(), lead.number));
        CHECK(o.lead.id == fetched.id);
        CHECK(o.lead.status == LeadStatus::contacted);
        CHECK(o.lead.version == fetched.version);
        CHECK(o.lead.owner.name == fetched.owner.name);
        const FollowSummary summary = MUST(core().followers.summary(viewer.actor(), {FollowTarget::Kind::lead, lead.number}));
        CHECK(o.followers.count == summary.count);
        CHECK(o.followers.actor_follows == summary.actor_follows);
        CHECK(o.followers.actor_follows == (viewer.id == rep.id));
        const auto timeline = MUST(core().timeline.for_record(viewer.actor(), lead.ref(), 3));
        REQUIRE(o.recent_events.size() == timeline.size());
        REQUIRE(o.recent_events.size() == 3);
        for (std::size_t i = 0; i < timeline.size(); ++i) {
            CHECK(o.recent_events[i].id == timeline[i].id);
            CHECK(o.recent_events[i].at == timeline[i].at);
            CHECK(o.recent_events[i].action == timeline[i].action);
            CHECK(o.recent_events[i].actor.value().name == timeline[i].actor.value().name);
            CHECK(o.recent_events[i].record_number == timeline[i].record_number);
            REQUIRE(o.recent_events[i].changes.size() == timeline[i].changes.size());
            for (std::size_t c = 0; c < timeline[i].changes.size(); ++c) {
                CHECK(o.recent_events[i].changes[c].field == timeline[i].changes[c].field);
                CHECK(o.recent_events[i].changes[c].before == timeline[i].changes[c].before);
                CHECK(o.recent_events[i].changes[c].after == timeline[i].changes[c].after);
            }
        }
        CHECK(o.recent_events[0].action == "commented");
    }
    // A lead with no events beyond its creation, a missing lead, another tenant's lead.
    CHECK(MUST(core().leads.overview(t.actor(), make_lead(t, "Grace", "Hopper", "Navy").number)).recent_events.size() == 1);
    REQUIRE_ERROR(core().leads.overview(t.actor(), 9999), ErrorCode::not_found);
    test::TenantFixture other;
    REQUIRE_ERROR(core().leads.overview(other.actor(), lead.number), ErrorCode::not_found);
}
