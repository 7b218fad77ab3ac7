// Accounts and contacts: every contact belongs to an account of the same tenant.
#include "helpers.hpp"

using namespace crm;
using namespace crmtest;

TEST_CASE("an account is created with number 1, the actor as owner and one event", "[db][accounts]") {
    test::TenantFixture t;
    const long events = t.event_count();
    AccountDraft d;
    d.name = "Analytical Engines";
    d.domain = "analytical.example";
    d.website = "https://analytical.example";
    d.industry = "Machinery";
    d.phone = "+44 2";
    const Account a = MUST(core().accounts.create(t.actor(), d));
    CHECK(t.event_count() == events + 1);
    CHECK(a.number == 1);
    CHECK(a.ref() == RecordRef{RecordKind::account, 1});
    CHECK(a.name == "Analytical Engines");
    CHECK(a.domain == "analytical.example");
    CHECK(a.website == "https://analytical.example");
    CHECK(a.industry == "Machinery");
    CHECK(a.phone == "+44 2");
    CHECK(a.owner.id == t.admin.id);

    const Account fetched = MUST(core().accounts.get(t.actor(), 1));
    CHECK(fetched.id == a.id);
    CHECK(fetched.name == "Analytical Engines");
    CHECK(make_account(t, "Second").number == 2);
    REQUIRE_ERROR(core().accounts.get(t.actor(), 77), ErrorCode::not_found);
}

TEST_CASE("updating an account bumps its version and leaves one event", "[db][accounts]") {
    test::TenantFixture t;
    const Account before = make_account(t, "Analytical Engines", "analytical.example");
    const long events = t.event_count();
    AccountPatch p;
    p.industry = "Computing";
    const Account after = MUST(core().accounts.update(t.actor(), before.number, p, before.version));
    CHECK(after.industry == "Computing");
    CHECK(after.name == "Analytical Engines");
    CHECK(after.domain == "analytical.example");
    CHECK(after.version == before.version + 1);
    CHECK(t.event_count() == events + 1);
    REQUIRE_ERROR(core().accounts.update(t.actor(), 77, p), ErrorCode::not_found);
    CHECK(t.event_count() == events + 1);
}

TEST_CASE("account list filters by text on name and domain, and by owner", "[db][accounts][list]") {
    test::TenantFixture t;
    const User rep = t.add_user("ravi");
    const Account a = make_account(t, "Analytical Engines", "difference.example");
    const Account b = make_account(t, "Navy Yard", "cobol.example");
    AccountDraft d;
    d.name = "Rep's Account";
    d.owner_id = rep.id;
    const Account c = MUST(core().accounts.create(t.actor(), d));

    auto search = [&](const std::string& text) {
        AccountFilter f;
        f.text = text;
        return numbers_of(MUST(core().accounts.list(t.actor(), f)).items);
    };
    using N = std::set<std::int32_t>;
    CHECK(search("analytical") == N{a.number});
    CHECK(search("NAVY") == N{b.number});
    CHECK(search("difference.EXAMPLE") == N{a.number});
    CHECK(search("cobol") == N{b.number});
    CHECK(search("nothing-like-this").empty());

    AccountFilter owner;
    owner.owner_id = rep.id;
    CHECK(numbers_of(MUST(core().accounts.list(t.actor(), owner)).items) == N{c.number});
}

TEST_CASE("account text search treats % and _ literally", "[db][accounts][list]") {
    test::TenantFixture t;
    const Account pct = make_account(t, "100% Pure");
    make_account(t, "1000 Pure");
    const Account us = make_account(t, "A_B Ltd");
    make_account(t, "AxB Ltd");
    auto search = [&](const std::string& text) {
        AccountFilter f;
        f.text = text;
        return numbers_of(MUST(core().accounts.list(t.actor(), f)).items);
    };
    using N = std::set<std::int32_t>;
    CHECK(search("100%") == N{pct.number});
    CHECK(search("%") == N{pct.number});
    CHECK(search("a_b") == N{us.number});
    CHECK(search("_") == N{us.number});
}

TEST_CASE("a contact without an account is refused on account", "[db][contacts]") {
    test::TenantFixture t;
    make_account(t, "Some Account");
    const long events = t.event_count();
    ContactDraft d;
    d.first_name = "Ada";
    d.last_name = "Lovelace";
    d.email = "ada@analytical.example";
    REQUIRE_VALIDATION(core().contacts.create(t.actor(), d), "account");
    CHECK(t.event_count() == events);
    CHECK(all_contacts(t.actor()).empty());
}

TEST_CASE("a contact with an account number that does not exist is not_found", "[db][contacts]") {
    test::TenantFixture t;
    make_account(t, "Some Account");
    const long events = t.event_count();
    ContactDraft d;
    d.first_name = "Ada";
    d.last_name = "Lovelace";
    d.account_number = 999;
    REQUIRE_ERROR(core().contacts.create(t.actor(), d), ErrorCode::not_found);
    CHECK(t.event_count() == events);
    CHECK(all_contacts(t.actor()).empty());
}

TEST_CASE("a contact is created on its account, numbered C-1, with one event", "[db][contacts]") {
    test::TenantFixture t;
    const Account acc = make_account(t, "Analytical Engines");
    const long events = t.event_count();
    ContactDraft d;
    d.first_name = "Ada";
    d.last_name = "Lovelace";
    d.email = "ada@analytical.example";
    d.phone = "123";
    d.title = "Countess";
    d.account_number = acc.number;
    const Contact c = MUST(core().contacts.create(t.actor(), d));
    CHECK(t.event_count() == events + 1);
    CHECK(c.number == 1);
    CHECK(c.ref() == RecordRef{RecordKind::contact, 1});
    CHECK(c.account.ref == acc.ref());
    CHECK(c.account.name == "Analytical Engines");
    CHECK(c.full_name() == "Ada Lovelace");
    CHECK(c.email == "ada@analytical.example");
    CHECK(c.owner.id == t.admin.id);
    CHECK_FALSE(c.from_lead.has_value());

    const Contact fetched = MUST(core().contacts.get(t.actor(), 1));
    CHECK(fetched.id == c.id);
    CHECK(fetched.account.ref == acc.ref());
    REQUIRE_ERROR(core().contacts.get(t.actor(), 2), ErrorCode::not_found);
}

TEST_CASE("a contact can move to another account of the tenant, not to a missing one", "[db][contacts]") {
    test::TenantFixture t;
    const Account a = make_account(t, "First");
    const Account b = make_account(t, "Second");
    const Contact before = make_contact(t, a.number, "Ada", "Lovelace");
    const long events = t.event_count();

    ContactPatch missing;
    missing.account_number = 999;
    REQUIRE_ERROR(core().contacts.update(t.actor(), before.number, missing), ErrorCode::not_found);
    CHECK(t.event_count() == events);
    CHECK(MUST(core().contacts.get(t.actor(), before.number)).account.ref == a.ref());

    ContactPatch move;
    move.account_number = b.number;
    const Contact after = MUST(core().contacts.update(t.actor(), before.number, move, before.version));
    CHECK(after.account.ref == b.ref());
    CHECK(after.version == before.version + 1);
    CHECK(t.event_count() == events + 1);
}

TEST_CASE("contact list filters by account, text and owner", "[db][contacts][list]") {
    test::TenantFixture t;
    const User rep = t.add_user("ruth");
    const Account a = make_account(t, "First");
    const Account b = make_account(t, "Second");
    const Contact ada = make_contact(t, a.number, "Ada", "Lovelace", "ada@analytical.example");
    const Contact grace = make_contact(t, a.number, "Grace", "Hopper", "grace@cobol.example");
    ContactDraft d;
    d.first_name = "Alan";
    d.last_name = "Turing";
    d.email = "alan@enigma.example";
    d.account_number = b.number;
    d.owner_id = rep.id;
    const Contact alan = MUST(core().contacts.create(t.actor(), d));

    using N = std::set<std::int32_t>;
    ContactFilter by_account;
    by_account.account_number = a.number;
    CHECK(numbers_of(MUST(core().contacts.list(t.actor(), by_account)).items) == N{ada.number, grace.number});
    by_account.account_number = b.number;
    CHECK(numbers_of(MUST(core().contacts.list(t.actor(), by_account)).items) == N{alan.number});

    auto search = [&](const std::string& text) {
        ContactFilter f;
        f.text = text;
        return numbers_of(MUST(core().contacts.list(t.actor(), f)).items);
    };
    CHECK(search("LOVELACE") == N{ada.number});
    CHECK(search("grace") == N{grace.number});
    CHECK(search("enigma.example") == N{alan.number});
    CHECK(search("%").empty());
    CHECK(search("_").empty());

    ContactFilter owner;
    owner.owner_id = rep.id;
    CHECK(numbers_of(MUST(core().contacts.list(t.actor(), owner)).items) == N{alan.number});
}

TEST_CASE("contact list pages with limit, offset and has_more", "[db][contacts][list]") {
    test::TenantFixture t;
    const Account a = make_account(t, "Paging");
    for (int i = 0; i < 3; ++i) make_contact(t, a.number, "C", "Number " + std::to_string(i));
    ContactFilter f;
    f.page = {0, 2};
    auto p0 = MUST(core().contacts.list(t.actor(), f));
    CHECK(p0.items.size() == 2);
    CHECK(p0.has_more);
    f.page = {2, 2};
    auto p1 = MUST(core().contacts.list(t.actor(), f));
    CHECK(p1.items.size() == 1);
    CHECK_FALSE(p1.has_more);
    std::set<std::int32_t> all = numbers_of(p0.items);
    for (auto& c : p1.items) all.insert(c.number);
    CHECK(all == std::set<std::int32_t>{1, 2, 3});
}
