// Opportunities (deals) and the pipeline: stages, closing, reopening, history,
// primary contact.
#include "helpers.hpp"

using namespace crm;
using namespace crmtest;

TEST_CASE("the default pipeline has open stages, then Won, Lost and Unqualified", "[db][pipeline]") {
    test::TenantFixture t;
    const auto stages = stages_of(t);
    REQUIRE(stages.size() >= 4);

    std::size_t first_closed = stages.size();
    for (std::size_t i = 0; i < stages.size(); ++i)
        if (stages[i].closed()) { first_closed = i; break; }
    INFO("first closed stage at index " << first_closed);
    CHECK(first_closed >= 1);  // at least one open stage
    for (std::size_t i = first_closed; i < stages.size(); ++i) {
        INFO("stage " << i << " " << stages[i].name);
        CHECK(stages[i].closed());  // nothing open after a closed stage
    }
    REQUIRE(stages.size() - first_closed == 3);
    CHECK(stages[first_closed].kind == StageKind::won);
    CHECK(stages[first_closed].name == "Won");
    CHECK(stages[first_closed].probability == 100);
    CHECK(stages[first_closed + 1].kind == StageKind::lost);
    CHECK(stages[first_closed + 1].name == "Lost");
    CHECK(stages[first_closed + 1].probability == 0);
    CHECK(stages[first_closed + 2].kind == StageKind::unqualified);
    CHECK(stages[first_closed + 2].name == "Unqualified");
    CHECK(stages[first_closed + 2].probability == 0);

    for (std::size_t i = 1; i < stages.size(); ++i) CHECK(stages[i - 1].position < stages[i].position);
    std::set<std::string> names;
    for (auto& s : stages) names.insert(lower(s.name));
    CHECK(names.size() == stages.size());  // names are unique (moves are by name)
}

TEST_CASE("each tenant gets its own default pipeline", "[db][pipeline]") {
    test::TenantFixture a;
    test::TenantFixture b;
    const auto sa = stages_of(a);
    const auto sb = stages_of(b);
    REQUIRE(sa.size() == sb.size());
    for (std::size_t i = 0; i < sa.size(); ++i) {
        CHECK(sa[i].name == sb[i].name);
        CHECK(sa[i].kind == sb[i].kind);
        CHECK(sa[i].id != sb[i].id);
    }
}

TEST_CASE("a deal needs an account of the tenant", "[db][opportunities]") {
    test::TenantFixture t;
    make_account(t, "Only Account");
    const long events = t.event_count();
    OpportunityDraft d;
    d.name = "Big Deal";
    REQUIRE_VALIDATION(core().opportunities.create(t.actor(), d), "account");
    d.account_number = 999;
    REQUIRE_ERROR(core().opportunities.create(t.actor(), d), ErrorCode::not_found);
    CHECK(t.event_count() == events);
    CHECK(all_deals(t.actor()).empty());
}

TEST_CASE("a new deal starts in the first open stage", "[db][opportunities]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Analytical Engines");
    const Stage first = open_stages(t).at(0);
    const long events = t.event_count();

    OpportunityDraft d;
    d.name = "Difference Engine";
    d.account_number = acc.number;
    d.amount = Money{1250050, "EUR"};
    d.expected_close = ymd(2026, 12, 31);
    const Opportunity deal = MUST(core().opportunities.create(t.actor(), d));
    CHECK(t.event_count() == events + 1);
    CHECK(deal.number == 1);
    CHECK(deal.ref() == RecordRef{RecordKind::opportunity, 1});
    CHECK(deal.name == "Difference Engine");
    CHECK(deal.account.ref == acc.ref());
    CHECK(deal.account.name == "Analytical Engines");
    CHECK(deal.stage.id == first.id);
    CHECK(deal.stage.name == first.name);
    CHECK_FALSE(deal.closed_at.has_value());
    CHECK_FALSE(deal.primary_contact.has_value());
    CHECK(deal.amount == std::optional<Money>(Money{1250050, "EUR"}));
    CHECK(deal.expected_close == std::optional<Date>(ymd(2026, 12, 31)));
    CHECK(deal.owner.id == t.admin.id);

    const Opportunity fetched = MUST(core().opportunities.get(t.actor(), 1));
    CHECK(fetched.id == deal.id);
    CHECK(fetched.stage.id == first.id);
    CHECK(fetched.amount == std::optional<Money>(Money{1250050, "EUR"}));
    CHECK(fetched.expected_close == std::optional<Date>(ymd(2026, 12, 31)));
    REQUIRE_ERROR(core().opportunities.get(t.actor(), 2), ErrorCode::not_found);
}

TEST_CASE("a deal can be created in a named open stage, case-insensitively", "[db][opportunities]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const auto open = open_stages(t);
    REQUIRE(open.size() >= 2);
    const Opportunity deal = make_deal(t, acc.number, "Second stage deal", upper(open[1].name));
    CHECK(deal.stage.id == open[1].id);
    CHECK(deal.stage.name == open[1].name);
}

TEST_CASE("a deal in an unknown stage is refused on stage", "[db][opportunities]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const long events = t.event_count();
    OpportunityDraft d;
    d.name = "Nowhere";
    d.account_number = acc.number;
    d.stage = "No Such Stage";
    REQUIRE_VALIDATION(core().opportunities.create(t.actor(), d), "stage");
    CHECK(t.event_count() == events);
    CHECK(all_deals(t.actor()).empty());
}

TEST_CASE("a deal amount needs a valid currency and a non-negative amount", "[db][opportunities]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const long events = t.event_count();
    for (const Money& bad : {Money{100, "E1R"}, Money{100, "EURO"}, Money{100, ""}, Money{-1, "EUR"}}) {
        INFO("amount " << bad.cents << " " << bad.currency);
        OpportunityDraft d;
        d.name = "Bad money";
        d.account_number = acc.number;
        d.amount = bad;
        REQUIRE_ERROR(core().opportunities.create(t.actor(), d), ErrorCode::validation);
    }
    CHECK(t.event_count() == events);
    CHECK(all_deals(t.actor()).empty());
}

TEST_CASE("moving a deal through open stages by name, case-insensitively", "[db][opportunities][stages]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const auto open = open_stages(t);
    REQUIRE(open.size() >= 2);
    const Opportunity before = make_deal(t, acc.number, "Deal");
    const long events = t.event_count();

    const Opportunity moved = MUST(core().opportunities.move_stage(t.actor(), before.number, lower(open[1].name)));
    CHECK(moved.stage.id == open[1].id);
    CHECK(moved.stage.name == open[1].name);
    CHECK(moved.version == before.version + 1);
    CHECK_FALSE(moved.closed_at.has_value());
    CHECK(t.event_count() == events + 1);

    // Back to an earlier open stage is allowed too.
    const Opportunity back = MUST(core().opportunities.move_stage(t.actor(), before.number, upper(open[0].name)));
    CHECK(back.stage.id == open[0].id);
    CHECK(back.version == before.version + 2);
    CHECK(t.event_count() == events + 2);
    CHECK(MUST(core().opportunities.get(t.actor(), before.number)).stage.id == open[0].id);
}

TEST_CASE("moving a deal to an unknown stage is refused on stage and changes nothing", "[db][opportunities][stages]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const Opportunity before = make_deal(t, acc.number, "Deal");
    const long events = t.event_count();
    REQUIRE_VALIDATION(core().opportunities.move_stage(t.actor(), before.number, "Negotiation On The Moon"), "stage");
    const Opportunity now = MUST(core().opportunities.get(t.actor(), before.number));
    CHECK(now.stage.id == before.stage.id);
    CHECK(now.version == before.version);
    CHECK(t.event_count() == events);
    REQUIRE_ERROR(core().opportunities.move_stage(t.actor(), 999, "Won"), ErrorCode::not_found);
}

TEST_CASE("winning a deal sets probability 100 and closed_at", "[db][opportunities][stages]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const Opportunity before = make_deal(t, acc.number, "Deal");
    const Stage won = closed_stage(t, StageKind::won);
    const long events = t.event_count();

    const Opportunity w = MUST(core().opportunities.move_stage(t.actor(), before.number, "wOn"));
    CHECK(w.stage.id == won.id);
    CHECK(w.stage.kind == StageKind::won);
    CHECK(w.probability == 100);
    CHECK(w.closed_at.has_value());
    CHECK(w.version == before.version + 1);
    CHECK(t.event_count() == events + 1);

    const Opportunity fetched = MUST(core().opportunities.get(t.actor(), before.number));
    CHECK(fetched.stage.kind == StageKind::won);
    CHECK(fetched.probability == 100);
    CHECK(fetched.closed_at.has_value());
}

TEST_CASE("losing or disqualifying a deal sets probability 0", "[db][opportunities][stages]") {
    test::TenantFixture t;
    const StageKind kind = GENERATE(StageKind::lost, StageKind::unqualified);
    const Account acc = make_account(t, "Acme");
    const Opportunity before = make_deal(t, acc.number, "Deal");
    const Stage target = closed_stage(t, kind);
    INFO("to " << target.name);

    const Opportunity closed = MUST(core().opportunities.move_stage(t.actor(), before.number, upper(target.name)));
    CHECK(closed.stage.id == target.id);
    CHECK(closed.stage.kind == kind);
    CHECK(closed.probability == 0);
    CHECK(closed.closed_at.has_value());
}

TEST_CASE("a closed deal cannot move until it is reopened", "[db][opportunities][stages]") {
    test::TenantFixture t;
    const StageKind kind = GENERATE(StageKind::won, StageKind::lost, StageKind::unqualified);
    const Account acc = make_account(t, "Acme");
    const auto open = open_stages(t);
    REQUIRE(open.size() >= 2);
    const Stage closing = closed_stage(t, kind);
    INFO("closed in " << closing.name);
    const Opportunity deal = make_deal(t, acc.number, "Deal", open[1].name);
    const Opportunity closed = MUST(core().opportunities.move_stage(t.actor(), deal.number, closing.name));
    const long events = t.event_count();

    for (const auto& s : stages_of(t)) {
        INFO("move to " << s.name);
        REQUIRE_ERROR(core().opportunities.move_stage(t.actor(), deal.number, s.name), ErrorCode::invalid_transition);
    }
    const Opportunity still = MUST(core().opportunities.get(t.actor(), deal.number));
    CHECK(still.stage.id == closing.id);
    CHECK(still.version == closed.version);
    CHECK(t.event_count() == events);

    // Reopen without a stage: back to the stage it was in before it closed.
    const Opportunity reopened = MUST(core().opportunities.reopen(t.actor(), deal.number));
    CHECK(reopened.stage.id == open[1].id);
    CHECK_FALSE(reopened.stage.closed());
    CHECK_FALSE(reopened.closed_at.has_value());
    CHECK(reopened.version == closed.version + 1);
    CHECK(t.event_count() == events + 1);
    CHECK_FALSE(MUST(core().opportunities.get(t.actor(), deal.number)).closed_at.has_value());

    // And now it moves again.
    const Opportunity moved = MUST(core().opportunities.move_stage(t.actor(), deal.number, open[0].name));
    CHECK(moved.stage.id == open[0].id);
}

TEST_CASE("reopening a deal into a named open stage", "[db][opportunities][stages]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const auto open = open_stages(t);
    REQUIRE(open.size() >= 2);
    const Opportunity deal = make_deal(t, acc.number, "Deal", open[1].name);
    MUST(core().opportunities.move_stage(t.actor(), deal.number, "Lost"));
    const Opportunity reopened = MUST(core().opportunities.reopen(t.actor(), deal.number, lower(open[0].name)));
    CHECK(reopened.stage.id == open[0].id);
    CHECK_FALSE(reopened.closed_at.has_value());
}

TEST_CASE("reopening an open deal is an invalid transition", "[db][opportunities][stages]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const Opportunity deal = make_deal(t, acc.number, "Deal");
    const long events = t.event_count();
    REQUIRE_ERROR(core().opportunities.reopen(t.actor(), deal.number), ErrorCode::invalid_transition);
    REQUIRE_ERROR(core().opportunities.reopen(t.actor(), deal.number, open_stages(t).at(0).name),
                  ErrorCode::invalid_transition);
    const Opportunity now = MUST(core().opportunities.get(t.actor(), deal.number));
    CHECK(now.version == deal.version);
    CHECK(now.stage.id == deal.stage.id);
    CHECK(t.event_count() == events);
}

TEST_CASE("reopening into an unknown stage is refused on stage", "[db][opportunities][stages]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const Opportunity deal = make_deal(t, acc.number, "Deal");
    const Opportunity won = MUST(core().opportunities.move_stage(t.actor(), deal.number, "Won"));
    const long events = t.event_count();
    REQUIRE_VALIDATION(core().opportunities.reopen(t.actor(), deal.number, std::string("Purgatory")), "stage");
    const Opportunity now = MUST(core().opportunities.get(t.actor(), deal.number));
    CHECK(now.stage.kind == StageKind::won);
    CHECK(now.version == won.version);
    CHECK(t.event_count() == events);
}

TEST_CASE("stage history lists the moves in order", "[db][opportunities][stages]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const auto open = open_stages(t);
    REQUIRE(open.size() >= 2);
    const User mover = t.add_user("molly", Role::manager);
    const Opportunity deal = make_deal(t, acc.number, "Deal");  // in open[0]

    MUST(core().opportunities.move_stage(t.actor(), deal.number, open[1].name));
    MUST(core().opportunities.move_stage(mover.actor(), deal.number, "Won"));
    MUST(core().opportunities.reopen(t.actor(), deal.number));
    MUST(core().opportunities.move_stage(t.actor(), deal.number, "Lost"));

    auto history = MUST(core().opportunities.stage_history(t.actor(), deal.number));
    // Creation may be recorded as a first entry without a from_stage.
    if (!history.empty() && !history.front().from_stage.has_value()) {
        CHECK(history.front().to_stage == open[0].name);
        history.erase(history.begin());
    }
    REQUIRE(history.size() == 4);
    CHECK(history[0].from_stage == std::optional<std::string>(open[0].name));
    CHECK(history[0].to_stage == open[1].name);
    CHECK(history[0].changed_by.id == t.admin.id);
    CHECK(history[1].from_stage == std::optional<std::string>(open[1].name));
    CHECK(history[1].to_stage == "Won");
    CHECK(history[1].changed_by.id == mover.id);
    CHECK(history[1].changed_by.name == "molly");
    CHECK(history[2].from_stage == std::optional<std::string>("Won"));
    CHECK(history[2].to_stage == open[1].name);
    CHECK(history[3].from_stage == std::optional<std::string>(open[1].name));
    CHECK(history[3].to_stage == "Lost");
    for (std::size_t i = 1; i < history.size(); ++i) CHECK(history[i - 1].changed_at <= history[i].changed_at);

    REQUIRE_ERROR(core().opportunities.stage_history(t.actor(), 999), ErrorCode::not_found);
}

TEST_CASE("the primary contact of a deal is a contact of the tenant", "[db][opportunities]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const Account other = make_account(t, "Other");
    const Contact ada = make_contact(t, acc.number, "Ada", "Lovelace", "ada@acme.example");
    const Contact grace = make_contact(t, other.number, "Grace", "Hopper");
    const Opportunity deal = make_deal(t, acc.number, "Deal");
    const long events = t.event_count();

    const Opportunity with_ada = MUST(core().opportunities.set_primary_contact(t.actor(), deal.number, ada.number));
    REQUIRE(with_ada.primary_contact.has_value());
    CHECK(with_ada.primary_contact->ref == ada.ref());
    CHECK(with_ada.primary_contact->email == "ada@acme.example");
    CHECK(with_ada.version == deal.version + 1);
    CHECK(t.event_count() == events + 1);

    const Opportunity with_grace =
        MUST(core().opportunities.set_primary_contact(t.actor(), deal.number, grace.number, with_ada.version));
    REQUIRE(with_grace.primary_contact.has_value());
    CHECK(with_grace.primary_contact->ref == grace.ref());
    CHECK(t.event_count() == events + 2);

    REQUIRE_ERROR(core().opportunities.set_primary_contact(t.actor(), deal.number, 999), ErrorCode::not_found);
    REQUIRE_ERROR(core().opportunities.set_primary_contact(t.actor(), 999, ada.number), ErrorCode::not_found);
    const Opportunity now = MUST(core().opportunities.get(t.actor(), deal.number));
    REQUIRE(now.primary_contact.has_value());
    CHECK(now.primary_contact->ref == grace.ref());
    CHECK(now.version == with_grace.version);
    CHECK(t.event_count() == events + 2);
}

TEST_CASE("a deal can be created with a primary contact", "[db][opportunities]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const Contact ada = make_contact(t, acc.number, "Ada", "Lovelace");
    OpportunityDraft d;
    d.name = "Deal";
    d.account_number = acc.number;
    d.primary_contact_number = ada.number;
    const Opportunity deal = MUST(core().opportunities.create(t.actor(), d));
    REQUIRE(deal.primary_contact.has_value());
    CHECK(deal.primary_contact->ref == ada.ref());

    d.primary_contact_number = 999;
    const long events = t.event_count();
    REQUIRE_ERROR(core().opportunities.create(t.actor(), d), ErrorCode::not_found);
    CHECK(t.event_count() == events);
    CHECK(all_deals(t.actor()).size() == 1);
}

TEST_CASE("updating a deal bumps its version and leaves one event", "[db][opportunities]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const Opportunity before = make_deal(t, acc.number, "Deal");
    const long events = t.event_count();
    OpportunityPatch p;
    p.name = "Bigger Deal";
    p.amount = Money{5000000, "USD"};
    const Opportunity after = MUST(core().opportunities.update(t.actor(), before.number, p, before.version));
    CHECK(after.name == "Bigger Deal");
    CHECK(after.amount == std::optional<Money>(Money{5000000, "USD"}));
    CHECK(after.stage.id == before.stage.id);
    CHECK(after.version == before.version + 1);
    CHECK(t.event_count() == events + 1);
}

TEST_CASE("deal list filters by stage, open_only, account, owner and text", "[db][opportunities][list]") {
    test::TenantFixture t;
    const User rep = t.add_user("reggie");
    const auto open = open_stages(t);
    REQUIRE(open.size() >= 2);
    const Account acme = make_account(t, "Acme");
    const Account globex = make_account(t, "Globex");
    const Opportunity d1 = make_deal(t, acme.number, "Anvils");
    const Opportunity d2 = make_deal(t, acme.number, "Rockets", open[1].name);
    const Opportunity d3 = make_deal(t, globex.number, "Doomsday Device");
    MUST(core().opportunities.move_stage(t.actor(), d3.number, "Won"));
    OpportunityDraft d;
    d.name = "Rep deal 100%";
    d.account_number = globex.number;
    d.owner_id = rep.id;
    const Opportunity d4 = MUST(core().opportunities.create(t.actor(), d));

    using N = std::set<std::int32_t>;
    auto list = [&](OpportunityFilter f) { return numbers_of(MUST(core().opportunities.list(t.actor(), f)).items); };

    OpportunityFilter by_stage;
    by_stage.stage = upper(open[1].name);
    CHECK(list(by_stage) == N{d2.number});
    by_stage.stage = "won";
    CHECK(list(by_stage) == N{d3.number});

    OpportunityFilter open_only;
    open_only.open_only = true;
    CHECK(list(open_only) == N{d1.number, d2.number, d4.number});

    OpportunityFilter by_account;
    by_account.account_number = acme.number;
    CHECK(list(by_account) == N{d1.number, d2.number});

    OpportunityFilter by_owner;
    by_owner.owner_id = rep.id;
    CHECK(list(by_owner) == N{d4.number});

    OpportunityFilter text;
    text.text = "ROCKET";
    CHECK(list(text) == N{d2.number});
    text.text = "globex";  // account name
    CHECK(list(text) == N{d3.number, d4.number});
    text.text = "100%";
    CHECK(list(text) == N{d4.number});
    text.text = "%";
    CHECK(list(text) == N{d4.number});
    text.text = "_";
    CHECK(list(text).empty());

    OpportunityFilter page;
    page.page = {0, 3};
    auto p = MUST(core().opportunities.list(t.actor(), page));
    CHECK(p.items.size() == 3);
    CHECK(p.has_more);
    page.page = {3, 3};
    p = MUST(core().opportunities.list(t.actor(), page));
    CHECK(p.items.size() == 1);
    CHECK_FALSE(p.has_more);
}

TEST_CASE("a deal's overview is the deal, its follower summary and its newest events, in one call", "[db][opportunities]") {
    test::TenantFixture t;
    const User rep = t.add_user("rosa");
    const Account a = make_account(t, "Acme");
    const Opportunity d = make_deal(t, a.number, "Acme renewal", "Qualification");
    MUST(core().opportunities.move_stage(t.actor(), d.number, "Proposal"));
    MUST(core().followers.follow(rep.actor(), {FollowTarget::Kind::opportunity, d.number}));
    MUST(core().notes.add(t.actor(), d.ref(), "Sent the quote."));
    for (const User& viewer : {t.admin, rep}) {
        INFO(viewer.name);
        const OpportunityOverview o = MUST(core().opportunities.overview(viewer.actor(), d.number, 3));
        CHECK(o.deal.id == d.id);
        CHECK(o.deal.stage.name == "Proposal");
        CHECK(o.followers.count == 1);
        CHECK(o.followers.actor_follows == (viewer.id == rep.id));
        const auto timeline = MUST(core().timeline.for_record(viewer.actor(), d.ref(), 3));
        REQUIRE(o.recent_events.size() == timeline.size());
        for (std::size_t i = 0; i < timeline.size(); ++i) {
            CHECK(o.recent_events[i].id == timeline[i].id);
            CHECK(o.recent_events[i].action == timeline[i].action);
            CHECK(o.recent_events[i].changes.size() == timeline[i].changes.size());
        }
    }
    REQUIRE_ERROR(core().opportunities.overview(t.actor(), 9999), ErrorCode::not_found);
    test::TenantFixture other;
    REQUIRE_ERROR(core().opportunities.overview(other.actor(), d.number), ErrorCode::not_found);
}

TEST_CASE("a deal made by converting a lead shows that conversion in its overview", "[db][opportunities]") {
    test::TenantFixture t;
    const Lead lead = make_qualified_lead(t, person_draft("Ada", "Lovelace", "Analytical Engines"));
    LeadConversion c;
    c.create_opportunity = true;
    const auto converted = MUST(core().leads.convert(t.actor(), lead.number, c));
    REQUIRE(converted.opportunity.has_value());
    const auto o = MUST(core().opportunities.overview(t.actor(), converted.opportunity->number, 5));
    const auto timeline = MUST(core().timeline.for_record(t.actor(), converted.opportunity->ref(), 5));
    REQUIRE(o.recent_events.size() == timeline.size());
    bool has_conversion = false;
    for (const auto& e : o.recent_events) has_conversion = has_conversion || e.action == "converted";
    CHECK(has_conversion);
}
