#include "commands/field_values.hpp"

#include <catch2/catch.hpp>

using namespace bot::commands::values;

TEST_CASE("amounts as people write them", "[values]") {
    struct Case {
        const char* text;
        std::int64_t cents;
        const char* currency;
    };
    const Case cases[] = {
        {"50000", 5'000'000, ""},         {"50,000", 5'000'000, ""},         {"50.000", 5'000'000, ""},
        {"50.000,50", 5'000'050, ""},     {"50,000.50", 5'000'050, ""},      {"50000.5", 5'000'050, ""},
        {"50,5", 5'050, ""},              {"1.234.567,89", 123'456'789, ""}, {"1,234,567.89", 123'456'789, ""},
        {"50 000", 5'000'000, ""},        {"50\u00A0000,50", 5'000'050, ""}, {"50'000", 5'000'000, ""},
        {"0", 0, ""},                     {"0.99", 99, ""},                  {"25k", 2'500'000, ""},
        {"1.5m", 150'000'000, ""},        {"2,25K", 225'000, ""},            {"50000 EUR", 5'000'000, "EUR"},
        {"eur 50000", 5'000'000, "EUR"},  {"EUR50000", 5'000'000, "EUR"},    {"50 000 €", 5'000'000, "EUR"},
        {"€50,000", 5'000'000, "EUR"},    {"$1,200.50", 120'050, "USD"},     {"US$ 10", 1'000, "USD"},
        {"£99.99", 9'999, "GBP"},         {"50'000 CHF", 5'000'000, "CHF"},  {"25k USD", 2'500'000, "USD"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const auto money = parse_money(c.text);
        REQUIRE(money);
        CHECK(money->cents == c.cents);
        CHECK(money->currency == c.currency);
    }
    for (const char* bad : {"", "abc", "-5", "50,00,0", "1.2.3", "12.345,6.7", "5.1234", "50.000.5", "1,2345",
                            "IBM 500", "50 EUR USD", "1.5.5k", "0.000001k", "€", "k", "50 00", "9999999999999999999"}) {
        INFO(bad);
        CHECK_FALSE(parse_money(bad));
    }
}

TEST_CASE("dates are ISO calendar dates", "[values]") {
    CHECK(crm::to_iso(*parse_date("2026-12-31")) == "2026-12-31");
    CHECK(crm::to_iso(*parse_date("2026-1-5")) == "2026-01-05");
    for (const char* bad : {"2026-02-30", "2026-13-01", "31.12.2026", "12/31/2026", "2026-12", "26-12-31", "tomorrow"})
        CHECK_FALSE(parse_date(bad));
    CHECK(looks_like_date("2026-13-40"));
    CHECK_FALSE(looks_like_date("2026"));
}

TEST_CASE("emails, phones, domains and URLs by shape", "[values]") {
    CHECK(looks_like_email("ada@ae.example"));
    CHECK(looks_like_email("jürgen.müller@example.de"));
    for (const char* bad : {"ada", "@ae.example", "ada@", "ada@ae", "a@b@c.d", "ada @ae.example", "ada@.example"})
        CHECK_FALSE(looks_like_email(bad));

    for (const char* phone : {"+44 20 1234", "(555) 123-4567", "030/123456", "+49 30 123456", "555.010.0200"})
        CHECK(looks_like_phone(phone));
    for (const char* bad : {"12345", "2026-12-31", "A-3", "50000 EUR", "+44 20 12x4", "1+2345678"})
        CHECK_FALSE(looks_like_phone(bad));

    CHECK(looks_like_domain("contoso.com"));
    CHECK(looks_like_domain("www.contoso.co.uk"));
    for (const char* bad : {"contoso", "S.L.", "ada@ae.example", "https://contoso.com", "con toso.com", "1.5"})
        CHECK_FALSE(looks_like_domain(bad));

    CHECK(looks_like_url("https://contoso.com/about"));
    CHECK(looks_like_url("HTTP://contoso.com"));
    CHECK_FALSE(looks_like_url("contoso.com"));
    CHECK_FALSE(looks_like_url("https://"));
}
