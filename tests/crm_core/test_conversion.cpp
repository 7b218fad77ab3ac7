// Lead conversion: only qualified leads, account matching, the optional deal,
// one-way (read-only afterwards) and atomic (all or nothing).
#include "helpers.hpp"

using namespace crm;
using namespace crmtest;

namespace {

struct Counts {
    std::size_t leads, accounts, contacts, deals;
    long events;
};
Counts counts(const test::TenantFixture& t) {
    return {all_leads(t.actor()).size(), all_accounts(t.actor()).size(), all_contacts(t.actor()).size(),
            all_deals(t.actor()).size(), t.event_count()};
}
void check_unchanged(const test::TenantFixture& t, const Counts& before) {
    const Counts now = counts(t);
    CHECK(now.leads == before.leads);
    CHECK(now.accounts == before.accounts);
    CHECK(now.contacts == before.contacts);
    CHECK(now.deals == before.deals);
    CHECK(now.events == before.events);
}
// The lead is still unconverted, with the same version and status.
void check_lead_untouched(const test::TenantFixture& t, const Lead& before) {
    const Lead now = MUST(core().leads.get(t.actor(), before.number));
    CHECK_FALSE(now.converted());
    CHECK_FALSE(now.converted_contact.has_value());
    CHECK_FALSE(now.converted_account.has_value());
    CHECK_FALSE(now.converted_opportunity.has_value());
    CHECK(now.status == before.status);
    CHECK(now.version == before.version);
}

}  // namespace

TEST_CASE("only a qualified lead converts", "[db][conversion]") {
    test::TenantFixture t;
    const LeadStatus status = GENERATE(LeadStatus::new_, LeadStatus::contacted, LeadStatus::unqualified);
    INFO("status " << to_string(status));
    Lead lead = make_lead(t, ada_draft());
    if (status != LeadStatus::new_) lead = MUST(core().leads.change_status(t.actor(), lead.number, status));
    const Counts before = counts(t);

    REQUIRE_ERROR(core().leads.convert(t.actor(), lead.number, LeadConversion{}), ErrorCode::invalid_transition);
    check_unchanged(t, before);
    check_lead_untouched(t, lead);
}

TEST_CASE("converting a qualified lead creates a contact and a new account named after the company", "[db][conversion]") {
    test::TenantFixture t;
    const Lead lead = make_qualified_lead(t, ada_draft());
    const Counts before = counts(t);

    const ConversionResult r = MUST(core().leads.convert(t.actor(), lead.number, LeadConversion{}));

    // One event for the whole conversion; one new contact and account, no deal.
    const Counts after = counts(t);
    CHECK(after.events == before.events + 1);
    CHECK(after.accounts == before.accounts + 1);
    CHECK(after.contacts == before.contacts + 1);
    CHECK(after.deals == before.deals);

    CHECK_FALSE(r.account_matched);
    CHECK(r.account.name == "Analytical Engines");
    CHECK_FALSE(r.opportunity.has_value());

    CHECK(r.contact.first_name == "Ada");
    CHECK(r.contact.last_name == "Lovelace");
    CHECK(r.contact.email == "ada@analytical.example");
    CHECK(r.contact.phone == "+44 1");
    CHECK(r.contact.title == "Countess");
    CHECK(r.contact.account.ref == r.account.ref());
    CHECK(r.contact.from_lead == std::optional<RecordRef>(lead.ref()));

    CHECK(r.lead.converted());
    REQUIRE(r.lead.converted_contact.has_value());
    CHECK(r.lead.converted_contact->ref == r.contact.ref());
    REQUIRE(r.lead.converted_account.has_value());
    CHECK(r.lead.converted_account->ref == r.account.ref());
    CHECK_FALSE(r.lead.converted_opportunity.has_value());

    // What the result says is what is stored.
    const Lead stored = MUST(core().leads.get(t.actor(), lead.number));
    CHECK(stored.converted());
    REQUIRE(stored.converted_contact.has_value());
    CHECK(stored.converted_contact->ref == r.contact.ref());
    REQUIRE(stored.converted_account.has_value());
    CHECK(stored.converted_account->ref == r.account.ref());
    const Contact contact = MUST(core().contacts.get(t.actor(), r.contact.number));
    CHECK(contact.account.ref == r.account.ref());
    CHECK(contact.from_lead == std::optional<RecordRef>(lead.ref()));
    const Account account = MUST(core().accounts.get(t.actor(), r.account.number));
    CHECK(account.name == "Analytical Engines");
}

TEST_CASE("conversion matches an existing account by company name, case-insensitively", "[db][conversion]") {
    test::TenantFixture t;
    make_account(t, "Some Other Ltd");
    const Account existing = make_account(t, "Analytical Engines");
    LeadDraft d = ada_draft();
    d.company = "aNALYTICAL engines";
    const Lead lead = make_qualified_lead(t, d);
    const Counts before = counts(t);

    const ConversionResult r = MUST(core().leads.convert(t.actor(), lead.number, LeadConversion{}));
    CHECK(r.account_matched);
    CHECK(r.account.number == existing.number);
    CHECK(r.contact.account.ref == existing.ref());
    const Counts after = counts(t);
    CHECK(after.accounts == before.accounts);
    CHECK(after.contacts == before.contacts + 1);
    CHECK(after.events == before.events + 1);
}

TEST_CASE("conversion matches an existing account by the email's domain", "[db][conversion]") {
    test::TenantFixture t;
    const Account existing = make_account(t, "Babbage Corp", "babbage.example");
    LeadDraft d;
    d.first_name = "Charles";
    d.last_name = "Babbage";
    d.company = "Babbage Computing Division";  // does not match the account's name
    d.email = "charles@babbage.example";
    const Lead lead = make_qualified_lead(t, d);
    const Counts before = counts(t);

    const ConversionResult r = MUST(core().leads.convert(t.actor(), lead.number, LeadConversion{}));
    CHECK(r.account_matched);
    CHECK(r.account.number == existing.number);
    CHECK(r.contact.account.ref == existing.ref());
    CHECK(counts(t).accounts == before.accounts);
}

TEST_CASE("free-mail domains never match an account", "[db][conversion]") {
    test::TenantFixture t;
    const std::string freemail = GENERATE(std::string("gmail.com"), std::string("outlook.com"),
                                          std::string("yahoo.com"), std::string("hotmail.com"));
    INFO("domain " << freemail);
    const Account webmail = make_account(t, "Webmail Fans", freemail);
    LeadDraft d;
    d.first_name = "Sole";
    d.last_name = "Trader";
    d.company = "Solo Consulting";
    d.email = "sole.trader@" + freemail;
    const Lead lead = make_qualified_lead(t, d);
    const Counts before = counts(t);

    const ConversionResult r = MUST(core().leads.convert(t.actor(), lead.number, LeadConversion{}));
    CHECK_FALSE(r.account_matched);
    CHECK(r.account.number != webmail.number);
    CHECK(r.account.name == "Solo Consulting");
    CHECK(counts(t).accounts == before.accounts + 1);
}

TEST_CASE("conversion into a given account number uses that account", "[db][conversion]") {
    test::TenantFixture t;
    make_account(t, "Decoy");
    const Account target = make_account(t, "Target Industries", "target.example");
    const Lead lead = make_qualified_lead(t, ada_draft());  // its company matches no account
    const Counts before = counts(t);

    LeadConversion options;
    options.account_number = target.number;
    const ConversionResult r = MUST(core().leads.convert(t.actor(), lead.number, options));
    CHECK(r.account.number == target.number);
    CHECK(r.account_matched);  // an existing account was used
    CHECK(r.contact.account.ref == target.ref());
    CHECK(counts(t).accounts == before.accounts);
    CHECK(counts(t).contacts == before.contacts + 1);
}

TEST_CASE("conversion with an account name creates that account when the lead has no company", "[db][conversion]") {
    test::TenantFixture t;
    LeadDraft d;
    d.first_name = "Ada";
    d.last_name = "Lovelace";
    const Lead lead = make_qualified_lead(t, d);
    LeadConversion options;
    options.account_name = "Lovelace Holdings";
    const ConversionResult r = MUST(core().leads.convert(t.actor(), lead.number, options));
    CHECK_FALSE(r.account_matched);
    CHECK(r.account.name == "Lovelace Holdings");
    CHECK(r.contact.account.ref == r.account.ref());
}

TEST_CASE("conversion without company, account number or account name is refused on company", "[db][conversion]") {
    test::TenantFixture t;
    LeadDraft d;
    d.first_name = "Ada";
    d.last_name = "Lovelace";
    const Lead lead = make_qualified_lead(t, d);
    const Counts before = counts(t);

    REQUIRE_VALIDATION(core().leads.convert(t.actor(), lead.number, LeadConversion{}), "company");
    check_unchanged(t, before);
    check_lead_untouched(t, lead);
}

TEST_CASE("conversion can create a deal in the first open stage with the contact as primary", "[db][conversion]") {
    test::TenantFixture t;
    const Lead lead = make_qualified_lead(t, ada_draft());
    const Stage first_open = open_stages(t).at(0);
    const Counts before = counts(t);

    LeadConversion options;
    options.create_opportunity = true;
    options.opportunity_name = "Analytical Engines - Difference Engine";
    options.amount = Money{1250050, "EUR"};
    options.expected_close = ymd(2026, 12, 31);
    const ConversionResult r = MUST(core().leads.convert(t.actor(), lead.number, options));

    const Counts after = counts(t);
    CHECK(after.events == before.events + 1);
    CHECK(after.deals == before.deals + 1);
    CHECK(after.contacts == before.contacts + 1);
    CHECK(after.accounts == before.accounts + 1);

    REQUIRE(r.opportunity.has_value());
    const Opportunity& deal = *r.opportunity;
    CHECK(deal.name == "Analytical Engines - Difference Engine");
    CHECK(deal.stage.id == first_open.id);
    CHECK(deal.stage.name == first_open.name);
    CHECK_FALSE(deal.stage.closed());
    CHECK_FALSE(deal.closed_at.has_value());
    CHECK(deal.account.ref == r.account.ref());
    REQUIRE(deal.primary_contact.has_value());
    CHECK(deal.primary_contact->ref == r.contact.ref());
    CHECK(deal.amount == std::optional<Money>(Money{1250050, "EUR"}));
    CHECK(deal.expected_close == std::optional<Date>(ymd(2026, 12, 31)));
    CHECK(deal.from_lead == std::optional<RecordRef>(lead.ref()));

    REQUIRE(r.lead.converted_opportunity.has_value());
    CHECK(r.lead.converted_opportunity->ref == deal.ref());
    const Lead stored = MUST(core().leads.get(t.actor(), lead.number));
    REQUIRE(stored.converted_opportunity.has_value());
    CHECK(stored.converted_opportunity->ref == deal.ref());

    const Opportunity fetched = MUST(core().opportunities.get(t.actor(), deal.number));
    CHECK(fetched.stage.id == first_open.id);
    REQUIRE(fetched.primary_contact.has_value());
    CHECK(fetched.primary_contact->ref == r.contact.ref());
    CHECK(fetched.amount == std::optional<Money>(Money{1250050, "EUR"}));
}

TEST_CASE("a deal from conversion gets a default name", "[db][conversion]") {
    test::TenantFixture t;
    const Lead lead = make_qualified_lead(t, ada_draft());
    LeadConversion options;
    options.create_opportunity = true;
    const ConversionResult r = MUST(core().leads.convert(t.actor(), lead.number, options));
    REQUIRE(r.opportunity.has_value());
    CHECK_FALSE(r.opportunity->name.empty());
    CHECK(r.opportunity->name.find("Analytical Engines") != std::string::npos);
}

TEST_CASE("a converted lead is read-only: update, status change and second conversion are refused", "[db][conversion]") {
    test::TenantFixture t;
    const Lead lead = make_qualified_lead(t, ada_draft());
    MUST(core().leads.convert(t.actor(), lead.number, LeadConversion{}));
    const Lead converted = MUST(core().leads.get(t.actor(), lead.number));
    const Counts before = counts(t);

    LeadPatch p;
    p.company = "Changed Ltd";
    p.phone = "999";
    REQUIRE_ERROR(core().leads.update(t.actor(), lead.number, p), ErrorCode::forbidden);
    REQUIRE_ERROR(core().leads.update(t.actor(), lead.number, p, converted.version), ErrorCode::forbidden);
    for (auto s : {LeadStatus::new_, LeadStatus::contacted, LeadStatus::qualified, LeadStatus::unqualified}) {
        INFO("to " << to_string(s));
        REQUIRE_ERROR(core().leads.change_status(t.actor(), lead.number, s), ErrorCode::forbidden);
    }
    REQUIRE_ERROR(core().leads.convert(t.actor(), lead.number, LeadConversion{}), ErrorCode::invalid_transition);
    LeadConversion with_deal;
    with_deal.create_opportunity = true;
    with_deal.account_name = "Another Account";
    REQUIRE_ERROR(core().leads.convert(t.actor(), lead.number, with_deal), ErrorCode::invalid_transition);

    check_unchanged(t, before);
    const Lead now = MUST(core().leads.get(t.actor(), lead.number));
    CHECK(now.converted());
    CHECK(now.company == "Analytical Engines");
    CHECK(now.phone == "+44 1");
    CHECK(now.status == converted.status);
    CHECK(now.version == converted.version);
    REQUIRE(now.converted_contact.has_value());
    CHECK(now.converted_contact->ref == converted.converted_contact->ref);
}

TEST_CASE("conversion into an account number that does not exist rolls back everything", "[db][conversion][atomic]") {
    test::TenantFixture t;
    make_account(t, "Only Account");
    const Lead lead = make_qualified_lead(t, ada_draft());
    const Counts before = counts(t);

    LeadConversion options;
    options.account_number = 9999;
    options.create_opportunity = true;
    REQUIRE_ERROR(core().leads.convert(t.actor(), lead.number, options), ErrorCode::not_found);
    check_unchanged(t, before);
    check_lead_untouched(t, lead);
}

TEST_CASE("conversion with an invalid deal amount rolls back the contact and the new account", "[db][conversion][atomic]") {
    test::TenantFixture t;
    const Lead lead = make_qualified_lead(t, ada_draft());  // would create account "Analytical Engines"
    const Counts before = counts(t);

    LeadConversion options;
    options.create_opportunity = true;
    SECTION("bad currency code") { options.amount = Money{100000, "euro"}; }
    SECTION("currency code with a digit") { options.amount = Money{100000, "E1R"}; }
    SECTION("empty currency") { options.amount = Money{100000, ""}; }
    SECTION("negative amount") { options.amount = Money{-100, "EUR"}; }

    const Error e = MUST_FAIL(core().leads.convert(t.actor(), lead.number, options));
    INFO(describe(e));
    CHECK(e.code == ErrorCode::validation);
    check_unchanged(t, before);
    check_lead_untouched(t, lead);
    AccountFilter f;
    f.text = "Analytical";
    CHECK(MUST(core().accounts.list(t.actor(), f)).items.empty());
}

TEST_CASE("conversion with a stale expected version is a conflict and changes nothing", "[db][conversion][concurrency]") {
    test::TenantFixture t;
    const Lead lead = make_qualified_lead(t, ada_draft());
    const Counts before = counts(t);
    LeadConversion options;
    options.expected_version = lead.version - 1;
    REQUIRE_ERROR(core().leads.convert(t.actor(), lead.number, options), ErrorCode::conflict);
    check_unchanged(t, before);
    check_lead_untouched(t, lead);

    options.expected_version = lead.version;
    CHECK(MUST(core().leads.convert(t.actor(), lead.number, options)).lead.converted());
}

TEST_CASE("converted leads are left out of lists unless include_converted", "[db][conversion][list]") {
    test::TenantFixture t;
    const Lead open = make_lead(t, "Open", "Lead", "Open Co");
    const Lead lead = make_qualified_lead(t, ada_draft());
    MUST(core().leads.convert(t.actor(), lead.number, LeadConversion{}));

    LeadFilter f;
    CHECK(numbers_of(MUST(core().leads.list(t.actor(), f)).items) == std::set<std::int32_t>{open.number});
    f.include_converted = true;
    CHECK(numbers_of(MUST(core().leads.list(t.actor(), f)).items) ==
          std::set<std::int32_t>{open.number, lead.number});

    LeadFilter text;
    text.text = "lovelace";
    CHECK(MUST(core().leads.list(t.actor(), text)).items.empty());
    text.include_converted = true;
    CHECK(numbers_of(MUST(core().leads.list(t.actor(), text)).items) == std::set<std::int32_t>{lead.number});
}
