// Pure value types: record references, money, dates, enum spellings. No database.
#include "helpers.hpp"

using namespace crm;
using namespace crmtest;
using namespace std::chrono;

TEST_CASE("RecordRef::display prints prefix, dash and number", "[values]") {
    CHECK(RecordRef{RecordKind::opportunity, 7}.display() == "D-7");
    CHECK(RecordRef{RecordKind::lead, 12}.display() == "L-12");
    CHECK(RecordRef{RecordKind::contact, 3}.display() == "C-3");
    CHECK(RecordRef{RecordKind::account, 5}.display() == "A-5");
    CHECK(RecordRef{RecordKind::lead, 1234567}.display() == "L-1234567");
}

TEST_CASE("number_prefix is L, C, A, D", "[values]") {
    CHECK(number_prefix(RecordKind::lead) == 'L');
    CHECK(number_prefix(RecordKind::contact) == 'C');
    CHECK(number_prefix(RecordKind::account) == 'A');
    CHECK(number_prefix(RecordKind::opportunity) == 'D');
}

TEST_CASE("RecordRef::parse accepts D-7, d7 and D 7 for every kind", "[values]") {
    const auto d7 = RecordRef{RecordKind::opportunity, 7};
    CHECK(RecordRef::parse("D-7") == std::optional<RecordRef>(d7));
    CHECK(RecordRef::parse("d7") == std::optional<RecordRef>(d7));
    CHECK(RecordRef::parse("D 7") == std::optional<RecordRef>(d7));
    CHECK(RecordRef::parse("d-7") == std::optional<RecordRef>(d7));
    CHECK(RecordRef::parse("D7") == std::optional<RecordRef>(d7));

    CHECK(RecordRef::parse("L-12") == std::optional<RecordRef>(RecordRef{RecordKind::lead, 12}));
    CHECK(RecordRef::parse("l12") == std::optional<RecordRef>(RecordRef{RecordKind::lead, 12}));
    CHECK(RecordRef::parse("C-3") == std::optional<RecordRef>(RecordRef{RecordKind::contact, 3}));
    CHECK(RecordRef::parse("c 3") == std::optional<RecordRef>(RecordRef{RecordKind::contact, 3}));
    CHECK(RecordRef::parse("A-5") == std::optional<RecordRef>(RecordRef{RecordKind::account, 5}));
    CHECK(RecordRef::parse("a5") == std::optional<RecordRef>(RecordRef{RecordKind::account, 5}));
    CHECK(RecordRef::parse("D-120") == std::optional<RecordRef>(RecordRef{RecordKind::opportunity, 120}));
}

TEST_CASE("RecordRef::parse rejects anything else", "[values]") {
    for (const char* text : {"", "D", "D-", "d-", "7", "-7", "X-7", "Q7", "D-x", "D-7x", "L-12a", "DD-7",
                             "D--7", "D-7-8", "D-1.5", "lead 7", "D-99999999999"}) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(RecordRef::parse(text).has_value());
    }
}

TEST_CASE("RecordRef::parse(display()) round-trips", "[values]") {
    for (auto kind : {RecordKind::lead, RecordKind::contact, RecordKind::account, RecordKind::opportunity}) {
        for (std::int32_t n : {1, 9, 10, 42, 100000}) {
            const RecordRef ref{kind, n};
            INFO(ref.display());
            CHECK(RecordRef::parse(ref.display()) == std::optional<RecordRef>(ref));
        }
    }
}

TEST_CASE("record kinds, roles, stage kinds and follow filters round-trip through their names", "[values]") {
    for (auto kind : {RecordKind::lead, RecordKind::contact, RecordKind::account, RecordKind::opportunity})
        CHECK(record_kind_from_string(to_string(kind)) == std::optional<RecordKind>(kind));
    CHECK(to_string(RecordKind::lead) == "lead");
    CHECK(to_string(RecordKind::contact) == "contact");
    CHECK(to_string(RecordKind::account) == "account");
    CHECK(to_string(RecordKind::opportunity) == "opportunity");
    CHECK_FALSE(record_kind_from_string("spaceship").has_value());

    for (auto role : {Role::rep, Role::manager, Role::admin})
        CHECK(role_from_string(to_string(role)) == std::optional<Role>(role));
    CHECK_FALSE(role_from_string("emperor").has_value());

    for (auto kind : {StageKind::open, StageKind::won, StageKind::lost, StageKind::unqualified})
        CHECK(stage_kind_from_string(to_string(kind)) == std::optional<StageKind>(kind));
    CHECK_FALSE(stage_kind_from_string("maybe").has_value());

    for (auto f : {FollowFilter::all, FollowFilter::important})
        CHECK(follow_filter_from_string(to_string(f)) == std::optional<FollowFilter>(f));
    CHECK_FALSE(follow_filter_from_string("sometimes").has_value());
}

TEST_CASE("lead_status_from_string is case-insensitive and to_string gives display names", "[values]") {
    CHECK(to_string(LeadStatus::new_) == "New");
    CHECK(to_string(LeadStatus::contacted) == "Contacted");
    CHECK(to_string(LeadStatus::qualified) == "Qualified");
    CHECK(to_string(LeadStatus::unqualified) == "Unqualified");

    CHECK(lead_status_from_string("New") == std::optional<LeadStatus>(LeadStatus::new_));
    CHECK(lead_status_from_string("new") == std::optional<LeadStatus>(LeadStatus::new_));
    CHECK(lead_status_from_string("NEW") == std::optional<LeadStatus>(LeadStatus::new_));
    CHECK(lead_status_from_string("contacted") == std::optional<LeadStatus>(LeadStatus::contacted));
    CHECK(lead_status_from_string("Contacted") == std::optional<LeadStatus>(LeadStatus::contacted));
    CHECK(lead_status_from_string("QUALIFIED") == std::optional<LeadStatus>(LeadStatus::qualified));
    CHECK(lead_status_from_string("qualified") == std::optional<LeadStatus>(LeadStatus::qualified));
    CHECK(lead_status_from_string("Unqualified") == std::optional<LeadStatus>(LeadStatus::unqualified));
    CHECK(lead_status_from_string("uNqUaLiFiEd") == std::optional<LeadStatus>(LeadStatus::unqualified));

    for (auto s : {LeadStatus::new_, LeadStatus::contacted, LeadStatus::qualified, LeadStatus::unqualified})
        CHECK(lead_status_from_string(to_string(s)) == std::optional<LeadStatus>(s));

    for (const char* text : {"", "Won", "Lost", "new_", "qualify", "Qualified!", "converted"}) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(lead_status_from_string(text).has_value());
    }
}

TEST_CASE("Money::parse_amount reads non-negative amounts exactly, in cents", "[values]") {
    CHECK(Money::parse_amount("12500") == std::optional<std::int64_t>(1250000));
    CHECK(Money::parse_amount("12500.5") == std::optional<std::int64_t>(1250050));
    CHECK(Money::parse_amount("12500.50") == std::optional<std::int64_t>(1250050));
    CHECK(Money::parse_amount("0") == std::optional<std::int64_t>(0));
    CHECK(Money::parse_amount("0.01") == std::optional<std::int64_t>(1));
    CHECK(Money::parse_amount("0.1") == std::optional<std::int64_t>(10));
    CHECK(Money::parse_amount("1.99") == std::optional<std::int64_t>(199));
    // 0.29 is not exactly representable as a double: exact parsing gives 29 cents.
    CHECK(Money::parse_amount("0.29") == std::optional<std::int64_t>(29));
    CHECK(Money::parse_amount("1234567.89") == std::optional<std::int64_t>(123456789));
}

TEST_CASE("Money::parse_amount rejects negative and malformed amounts", "[values]") {
    for (const char* text : {"", "-1", "-0.50", "abc", "12a", "1.2.3", "12,,5", "--5", "NaN", "inf",
                             "99999999999999999999999"}) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(Money::parse_amount(text).has_value());
    }
}

TEST_CASE("Money::amount_text prints two decimals", "[values]") {
    CHECK(Money{1250050, "EUR"}.amount_text() == "12500.50");
    CHECK(Money{1250000, "EUR"}.amount_text() == "12500.00");
    CHECK(Money{0, "USD"}.amount_text() == "0.00");
    CHECK(Money{5, "USD"}.amount_text() == "0.05");
    CHECK(Money{99, "USD"}.amount_text() == "0.99");
    CHECK(Money{100, "USD"}.amount_text() == "1.00");
    CHECK(Money{123456789, "GBP"}.amount_text() == "1234567.89");

    for (std::int64_t cents : {0LL, 1LL, 10LL, 199LL, 1250050LL, 987654321012LL}) {
        const Money m{cents, "EUR"};
        CHECK(Money::parse_amount(m.amount_text()) == std::optional<std::int64_t>(cents));
    }
}

TEST_CASE("Money equality compares cents and currency", "[values]") {
    CHECK(Money{100, "EUR"} == Money{100, "EUR"});
    CHECK_FALSE(Money{100, "EUR"} == Money{100, "USD"});
    CHECK_FALSE(Money{100, "EUR"} == Money{101, "EUR"});
}

TEST_CASE("is_currency_code wants three upper-case letters", "[values]") {
    CHECK(is_currency_code("EUR"));
    CHECK(is_currency_code("USD"));
    CHECK(is_currency_code("GBP"));
    CHECK(is_currency_code("CHF"));
    for (const char* text : {"", "eur", "Eur", "EU", "EURO", "E1R", "12", "US$", " EUR", "EUR "}) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(is_currency_code(text));
    }
}

TEST_CASE("parse_date reads ISO dates and rejects impossible ones", "[values]") {
    CHECK(parse_date("2026-12-31") == std::optional<Date>(ymd(2026, 12, 31)));
    CHECK(parse_date("2026-01-05") == std::optional<Date>(ymd(2026, 1, 5)));
    CHECK(parse_date("2024-02-29") == std::optional<Date>(ymd(2024, 2, 29)));  // leap year

    for (const char* text : {"", "2026", "2026-12", "2026-13-01", "2026-00-10", "2026-02-30", "2025-02-29",
                             "2026-12-32", "2026-12-00", "31/12/2026", "12/31/2026", "tomorrow", "2026-aa-01"}) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(parse_date(text).has_value());
    }
}

TEST_CASE("to_iso prints zero-padded dates and round-trips parse_date", "[values]") {
    CHECK(to_iso(ymd(2026, 12, 31)) == "2026-12-31");
    CHECK(to_iso(ymd(2026, 1, 5)) == "2026-01-05");
    CHECK(to_iso(ymd(2024, 2, 29)) == "2024-02-29");
    for (const char* text : {"2026-12-31", "2026-01-05", "2000-02-29", "1999-10-01"}) {
        auto d = parse_date(text);
        REQUIRE(d.has_value());
        CHECK(to_iso(*d) == text);
    }
}

TEST_CASE("to_iso8601 prints UTC timestamps", "[values]") {
    const Timestamp t = sys_days{year{2026} / 11 / 23} + hours{10} + minutes{15};
    CHECK(to_iso8601(t) == "2026-11-23T10:15:00Z");
    const Timestamp u = sys_days{year{2027} / 1 / 2} + hours{3} + minutes{4} + seconds{5};
    CHECK(to_iso8601(u) == "2027-01-02T03:04:05Z");
}

TEST_CASE("FollowTarget display names and contacts cannot be followed", "[values]") {
    const auto deal = FollowTarget::of({RecordKind::opportunity, 7});
    REQUIRE(deal.has_value());
    CHECK(deal->display() == "D-7");
    CHECK(deal->kind == FollowTarget::Kind::opportunity);
    CHECK(deal->number == 7);
    const auto lead = FollowTarget::of({RecordKind::lead, 2});
    REQUIRE(lead.has_value());
    CHECK(lead->display() == "L-2");
    CHECK(lead->kind == FollowTarget::Kind::lead);
    const auto account = FollowTarget::of({RecordKind::account, 3});
    REQUIRE(account.has_value());
    CHECK(account->display() == "A-3 (all deals)");
    CHECK(account->kind == FollowTarget::Kind::account);
    CHECK(FollowTarget::pipeline().display() == "pipeline");
    CHECK(FollowTarget::pipeline().kind == FollowTarget::Kind::pipeline);

    CHECK_FALSE(FollowTarget::of({RecordKind::contact, 1}).has_value());
}

TEST_CASE("Lead::display_name and Contact::full_name", "[values]") {
    Lead lead;
    lead.first_name = "Ada";
    lead.last_name = "Lovelace";
    lead.company = "Analytical Ltd";
    CHECK(lead.display_name() == "Ada Lovelace (Analytical Ltd)");
    CHECK(lead.ref() == RecordRef{RecordKind::lead, 0});
    CHECK_FALSE(lead.converted());

    Contact c;
    c.first_name = "Grace";
    c.last_name = "Hopper";
    CHECK(c.full_name() == "Grace Hopper");
}

TEST_CASE("fail and fail_validation throw DomainError with code and field", "[values]") {
    try {
        fail_validation("email", "not an email");
        FAIL("fail_validation returned");
    } catch (const DomainError& e) {
        CHECK(e.error().code == ErrorCode::validation);
        CHECK(e.error().field == "email");
    }
    try {
        fail(ErrorCode::conflict, "stale");
        FAIL("fail returned");
    } catch (const DomainError& e) {
        CHECK(e.error().code == ErrorCode::conflict);
        CHECK(std::string(e.what()) == "stale");
    }
}

TEST_CASE("Result carries a value or an error", "[values]") {
    Result<int> good(5);
    REQUIRE(good.ok());
    CHECK(*good == 5);
    Result<int> bad(Error{ErrorCode::not_found, "nope", {}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::not_found);
    CHECK_THROWS_AS(bad.value(), DomainError);
}

TEST_CASE("parse_iso8601 reads RFC 3339 timestamps with fractions and offsets", "[values]") {
    const auto t = parse_iso8601("2026-11-23T10:15:00Z");
    REQUIRE(t.has_value());
    CHECK(to_iso8601(*t) == "2026-11-23T10:15:00Z");
    const auto ms = parse_iso8601("2026-11-23T10:15:00.744Z");
    REQUIRE(ms.has_value());
    CHECK(*ms - *t == std::chrono::milliseconds(744));
    const auto zoned = parse_iso8601("2026-11-23T11:15:00+01:00");
    REQUIRE(zoned.has_value());
    CHECK(*zoned == *t);
    CHECK(parse_iso8601("2026-11-23T05:15:00-05:00") == t);
    for (const char* bad : {"", "2026-11-23", "2026-11-23T10:15:00", "2026-13-23T10:15:00Z", "2026-11-23T25:15:00Z",
                            "2026-11-23T10:15:00Zjunk", "2026-11-23T10:15:00+0100", "yesterday at noon"}) {
        INFO(bad);
        CHECK_FALSE(parse_iso8601(bad).has_value());
    }
}
