// Optimistic concurrency (expected_version) and truly concurrent callers.
// Catch2 assertions are not thread-safe: threads only record outcomes, the main
// thread asserts.
#include "helpers.hpp"

#include <pqxx/pqxx>

#include <atomic>
#include <mutex>
#include <thread>

using namespace crm;
using namespace crmtest;

TEST_CASE("a stale version on a lead update or status change is a conflict and changes nothing", "[db][concurrency]") {
    test::TenantFixture t;
    const Lead v0 = make_lead(t, "Ada", "Lovelace", "Analytical Engines");
    LeadPatch p;
    p.company = "First Writer";
    const Lead v1 = MUST(core().leads.update(t.actor(), v0.number, p, v0.version));
    CHECK(v1.version == v0.version + 1);
    const long events = t.event_count();

    LeadPatch late;
    late.company = "Second Writer";
    REQUIRE_ERROR(core().leads.update(t.actor(), v0.number, late, v0.version), ErrorCode::conflict);
    REQUIRE_ERROR(core().leads.update(t.actor(), v0.number, late, v1.version + 1), ErrorCode::conflict);
    REQUIRE_ERROR(core().leads.change_status(t.actor(), v0.number, LeadStatus::contacted, v0.version),
                  ErrorCode::conflict);
    const Lead now = MUST(core().leads.get(t.actor(), v0.number));
    CHECK(now.company == "First Writer");
    CHECK(now.status == LeadStatus::new_);
    CHECK(now.version == v1.version);
    CHECK(t.event_count() == events);

    const Lead v2 = MUST(core().leads.change_status(t.actor(), v0.number, LeadStatus::contacted, v1.version));
    CHECK(v2.version == v1.version + 1);
    CHECK(v2.status == LeadStatus::contacted);
    const Lead v3 = MUST(core().leads.update(t.actor(), v0.number, late, v2.version));
    CHECK(v3.version == v2.version + 1);
    CHECK(v3.company == "Second Writer");
    CHECK(t.event_count() == events + 2);
}

TEST_CASE("a stale version on a deal move, reopen, update or primary contact is a conflict", "[db][concurrency]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const Contact ada = make_contact(t, acc.number, "Ada", "Lovelace");
    const auto open = open_stages(t);
    REQUIRE(open.size() >= 2);
    const Opportunity v0 = make_deal(t, acc.number, "Deal");
    const Opportunity v1 = MUST(core().opportunities.move_stage(t.actor(), v0.number, open[1].name, v0.version));
    CHECK(v1.version == v0.version + 1);
    const long events = t.event_count();

    REQUIRE_ERROR(core().opportunities.move_stage(t.actor(), v0.number, "Won", v0.version), ErrorCode::conflict);
    OpportunityPatch p;
    p.name = "Renamed";
    REQUIRE_ERROR(core().opportunities.update(t.actor(), v0.number, p, v0.version), ErrorCode::conflict);
    REQUIRE_ERROR(core().opportunities.set_primary_contact(t.actor(), v0.number, ada.number, v0.version),
                  ErrorCode::conflict);
    Opportunity now = MUST(core().opportunities.get(t.actor(), v0.number));
    CHECK(now.stage.id == open[1].id);
    CHECK(now.name == "Deal");
    CHECK_FALSE(now.primary_contact.has_value());
    CHECK(now.version == v1.version);
    CHECK(t.event_count() == events);

    const Opportunity v2 = MUST(core().opportunities.move_stage(t.actor(), v0.number, "Won", v1.version));
    CHECK(v2.version == v1.version + 1);
    REQUIRE_ERROR(core().opportunities.reopen(t.actor(), v0.number, {}, v1.version), ErrorCode::conflict);
    now = MUST(core().opportunities.get(t.actor(), v0.number));
    CHECK(now.stage.kind == StageKind::won);
    CHECK(now.version == v2.version);
    const Opportunity v3 = MUST(core().opportunities.reopen(t.actor(), v0.number, {}, v2.version));
    CHECK(v3.version == v2.version + 1);
    CHECK(v3.stage.id == open[1].id);
    CHECK(t.event_count() == events + 2);
}

TEST_CASE("a stale version on an account or contact update is a conflict", "[db][concurrency]") {
    test::TenantFixture t;
    const Account a0 = make_account(t, "Acme");
    const Contact c0 = make_contact(t, a0.number, "Ada", "Lovelace");
    AccountPatch ap;
    ap.industry = "Anvils";
    const Account a1 = MUST(core().accounts.update(t.actor(), a0.number, ap, a0.version));
    ContactPatch cp;
    cp.title = "CEO";
    const Contact c1 = MUST(core().contacts.update(t.actor(), c0.number, cp, c0.version));
    const long events = t.event_count();

    ap.industry = "Rockets";
    REQUIRE_ERROR(core().accounts.update(t.actor(), a0.number, ap, a0.version), ErrorCode::conflict);
    cp.title = "CFO";
    REQUIRE_ERROR(core().contacts.update(t.actor(), c0.number, cp, c0.version), ErrorCode::conflict);
    CHECK(MUST(core().accounts.get(t.actor(), a0.number)).industry == "Anvils");
    CHECK(MUST(core().accounts.get(t.actor(), a0.number)).version == a1.version);
    CHECK(MUST(core().contacts.get(t.actor(), c0.number)).title == "CEO");
    CHECK(MUST(core().contacts.get(t.actor(), c0.number)).version == c1.version);
    CHECK(t.event_count() == events);
}

TEST_CASE("8 threads creating 25 leads each get 200 distinct numbers 1..200", "[db][concurrency]") {
    test::TenantFixture t;
    const long events = t.event_count();
    constexpr int threads = 8, per_thread = 25;
    std::mutex m;
    std::vector<std::int32_t> numbers;
    std::vector<std::string> errors;
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i) {
        pool.emplace_back([&, i] {
            for (int j = 0; j < per_thread; ++j) {
                LeadDraft d;
                d.first_name = "Thread" + std::to_string(i);
                d.last_name = "Lead" + std::to_string(j);
                auto r = core().leads.create(t.actor(), d);
                std::lock_guard lock(m);
                if (r.ok())
                    numbers.push_back(r->number);
                else
                    errors.push_back(describe(r.error()));
            }
        });
    }
    for (auto& th : pool) th.join();

    INFO("first error: " << (errors.empty() ? std::string("none") : errors.front()));
    CHECK(errors.empty());
    REQUIRE(numbers.size() == threads * per_thread);
    std::set<std::int32_t> distinct(numbers.begin(), numbers.end());
    CHECK(distinct.size() == numbers.size());
    CHECK(*distinct.begin() == 1);
    CHECK(*distinct.rbegin() == threads * per_thread);
    CHECK(t.event_count() == events + threads * per_thread);

    // Listing: limit is capped at 100; paging finds all 200.
    LeadFilter f;
    f.page = {0, 1000};
    auto capped = MUST(core().leads.list(t.actor(), f));
    CHECK(capped.items.size() == 100);
    CHECK(capped.has_more);
    std::set<std::int32_t> listed;
    for (std::int32_t offset = 0;; offset += 100) {
        f.page = {offset, 100};
        auto page = MUST(core().leads.list(t.actor(), f));
        for (auto& l : page.items) listed.insert(l.number);
        if (!page.has_more) break;
        REQUIRE(offset < 1000);
    }
    CHECK(listed == distinct);
}

TEST_CASE("concurrent updates with the same expected version: exactly one wins", "[db][concurrency]") {
    test::TenantFixture t;
    const Lead lead = make_lead(t, "Ada", "Lovelace", "Analytical Engines");
    const long events = t.event_count();
    constexpr int threads = 8;
    std::atomic<int> ok{0}, conflicts{0}, other{0};
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i) {
        pool.emplace_back([&, i] {
            LeadPatch p;
            p.phone = "writer " + std::to_string(i);
            auto r = core().leads.update(t.actor(), lead.number, p, lead.version);
            if (r.ok())
                ++ok;
            else if (r.error().code == ErrorCode::conflict)
                ++conflicts;
            else
                ++other;
        });
    }
    for (auto& th : pool) th.join();
    CHECK(ok == 1);
    CHECK(conflicts == threads - 1);
    CHECK(other == 0);
    const Lead now = MUST(core().leads.get(t.actor(), lead.number));
    CHECK(now.version == lead.version + 1);
    CHECK(t.event_count() == events + 1);
}

TEST_CASE("concurrent conversions of one lead: exactly one converts", "[db][concurrency][conversion]") {
    test::TenantFixture t;
    const Lead lead = make_qualified_lead(t, ada_draft());
    const long events = t.event_count();
    constexpr int threads = 6;
    std::atomic<int> ok{0}, refused{0}, other{0};
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i) {
        pool.emplace_back([&] {
            LeadConversion options;
            options.create_opportunity = true;
            auto r = core().leads.convert(t.actor(), lead.number, options);
            if (r.ok())
                ++ok;
            else if (r.error().code == ErrorCode::invalid_transition || r.error().code == ErrorCode::conflict)
                ++refused;
            else
                ++other;
        });
    }
    for (auto& th : pool) th.join();
    CHECK(ok == 1);
    CHECK(refused == threads - 1);
    CHECK(other == 0);
    CHECK(all_contacts(t.actor()).size() == 1);
    CHECK(all_accounts(t.actor()).size() == 1);
    CHECK(all_deals(t.actor()).size() == 1);
    CHECK(t.event_count() == events + 1);
}

TEST_CASE("concurrent adds of the same participant: one row, the others conflict", "[db][concurrency][participants]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const Contact ada = make_contact(t, acc.number, "Ada", "Lovelace");
    const Opportunity deal = make_deal(t, acc.number, "Deal");
    const long events = t.event_count();
    constexpr int threads = 6;
    std::atomic<int> ok{0}, conflicts{0}, other{0};
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i) {
        pool.emplace_back([&] {
            auto r = core().participants.add(t.actor(), deal.ref(), ada.number, "CFO");
            if (r.ok())
                ++ok;
            else if (r.error().code == ErrorCode::conflict)
                ++conflicts;
            else
                ++other;
        });
    }
    for (auto& th : pool) th.join();
    CHECK(ok == 1);
    CHECK(conflicts == threads - 1);
    CHECK(other == 0);
    CHECK(MUST(core().participants.list(t.actor(), deal.ref())).size() == 1);
    CHECK(t.event_count() == events + 1);
}

TEST_CASE("concurrent follows of the same deal: one follower row", "[db][concurrency][followers]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Acme");
    const Opportunity deal = make_deal(t, acc.number, "Deal");
    const long events = t.event_count();
    constexpr int threads = 6;
    std::atomic<int> failed{0};
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i) {
        pool.emplace_back([&] {
            if (!core().followers.follow(t.actor(), target_of(deal.ref())).ok()) ++failed;
        });
    }
    for (auto& th : pool) th.join();
    CHECK(failed == 0);
    CHECK(MUST(core().followers.list(t.actor(), target_of(deal.ref()))).size() == 1);
    CHECK(t.event_count() == events + 1);
}

TEST_CASE("the change generation moves on after every write, never after a read", "[db][concurrency][cache]") {
    test::TenantFixture t;
    auto& db = test::database();
    LeadDraft draft;
    draft.first_name = "Gen";
    draft.last_name = "Eration";
    const Lead lead = MUST(core().leads.create(t.actor(), draft));

    const auto before_reads = db.change_generation();
    MUST(core().leads.get(t.actor(), lead.number));
    MUST(core().leads.overview(t.actor(), lead.number));
    CHECK(db.change_generation() == before_reads);

    MUST(core().notes.add(t.actor(), lead.ref(), "a comment"));
    const auto after_comment = db.change_generation();
    CHECK(after_comment > before_reads);

    // A refused write may have got as far as the server: it moves the generation too.
    LeadPatch patch;
    patch.company = "Other";
    CHECK_FALSE(core().leads.update(t.actor(), lead.number, patch, 99));
    CHECK(db.change_generation() > after_comment);
}

TEST_CASE("a lead changed while its conversion waits for it is converted as it now is", "[db][concurrency][conversion]") {
    // Conversion reads the lead, then locks it only if it is still that version.
    // Another transaction holds the lead, changed, until the conversion waits on
    // it: the conversion must read it again and use the new company.
    test::TenantFixture t;
    const Lead lead = make_qualified_lead(t, ada_draft());
    const long events = t.event_count();

    pqxx::connection holder(test::database_url());
    pqxx::work hold(holder);
    hold.exec_params("update leads set company = 'Difference Engines', version = version + 1"
                     " where tenant_id = $1 and number = $2",
                     t.admin.tenant, lead.number);

    std::optional<Result<ConversionResult>> converted;
    std::thread converting([&] { converted = core().leads.convert(t.actor(), lead.number, LeadConversion{}); });
    // Commit only once the conversion's statement is waiting for the row lock.
    pqxx::connection watcher(test::database_url());
    bool waiting = false;
    for (int i = 0; i < 500 && !waiting; ++i) {
        waiting = pqxx::nontransaction(watcher)
                      .exec("select count(*) from pg_stat_activity where datname = current_database()"
                            " and wait_event_type = 'Lock' and query like 'with lk as%'")[0][0]
                      .as<long>() > 0;
        if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    hold.commit();
    converting.join();
    REQUIRE(waiting);
    REQUIRE(converted.has_value());
    const ConversionResult r = MUST(std::move(*converted));
    CHECK(r.account.name == "Difference Engines");
    CHECK_FALSE(r.account_matched);
    CHECK(r.lead.company == "Difference Engines");
    CHECK(r.lead.version == lead.version + 2);
    CHECK(all_accounts(t.actor()).size() == 1);
    CHECK(all_contacts(t.actor()).size() == 1);
    CHECK(t.event_count() == events + 1);
}
