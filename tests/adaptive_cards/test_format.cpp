#include <adaptive_cards/format.hpp>
#include <adaptive_cards/locale.hpp>

#include <catch2/catch.hpp>

using cards::Locale;

TEST_CASE("locale tags map to the four languages, anything else to English", "[locale]") {
    CHECK(cards::locale_from_tag("es-ES") == Locale::es);
    CHECK(cards::locale_from_tag("es-419") == Locale::es);
    CHECK(cards::locale_from_tag("fr-CA") == Locale::fr);
    CHECK(cards::locale_from_tag("FR") == Locale::fr);
    CHECK(cards::locale_from_tag("de") == Locale::de);
    CHECK(cards::locale_from_tag("de_AT") == Locale::de);
    CHECK(cards::locale_from_tag("en-GB") == Locale::en);
    CHECK(cards::locale_from_tag("it-IT") == Locale::en);
    CHECK(cards::locale_from_tag("") == Locale::en);
    CHECK(cards::locale_from_tag("d") == Locale::en);
    CHECK(cards::locale_tag(Locale::fr) == "fr");
}

TEST_CASE("integers are grouped per language", "[format]") {
    CHECK(cards::format_integer(12500, Locale::en) == "12,500");
    CHECK(cards::format_integer(1234567, Locale::de) == "1.234.567");
    CHECK(cards::format_integer(12500, Locale::fr) == "12\u202F500");
    CHECK(cards::format_integer(12500, Locale::es) == "12.500");
    CHECK(cards::format_integer(2500, Locale::es) == "2500");  // Spanish groups from five digits
    CHECK(cards::format_integer(2500, Locale::de) == "2.500");
    CHECK(cards::format_integer(999, Locale::en) == "999");
    CHECK(cards::format_integer(-1234, Locale::en) == "-1,234");
    CHECK(cards::format_integer(0, Locale::fr) == "0");
}

TEST_CASE("money is written with the language's separators and symbol placement", "[format]") {
    const crm::Money eur{1'250'000, "EUR"};
    const crm::Money usd{1'250'000, "USD"};
    CHECK(cards::format_money(usd, Locale::en) == "$12,500.00");
    CHECK(cards::format_money(eur, Locale::en) == "€12,500.00");
    CHECK(cards::format_money({1'250'050, "CHF"}, Locale::en) == "CHF\u00A012,500.50");
    CHECK(cards::format_money(eur, Locale::de) == "12.500,00\u00A0€");
    CHECK(cards::format_money(eur, Locale::fr) == "12\u202F500,00\u00A0€");
    CHECK(cards::format_money(eur, Locale::es) == "12.500,00\u00A0€");
    CHECK(cards::format_money(usd, Locale::es) == "12.500,00\u00A0US$");
    CHECK(cards::format_money(usd, Locale::fr) == "12\u202F500,00\u00A0$US");
    CHECK(cards::format_money({5, "GBP"}, Locale::en) == "£0.05");
    CHECK(cards::format_money({123'456'789'01, "EUR"}, Locale::de) == "123.456.789,01\u00A0€");
    CHECK(cards::format_cents(-150, Locale::en) == "-1.50");
}

TEST_CASE("percentages", "[format]") {
    CHECK(cards::format_percent(25, Locale::en) == "25%");
    CHECK(cards::format_percent(25, Locale::fr) == "25\u00A0%");
    CHECK(cards::format_percent(100, Locale::de) == "100\u00A0%");
}

TEST_CASE("dates are written per language", "[format]") {
    const crm::Date d{std::chrono::year{2026} / 12 / 3};
    CHECK(cards::format_date(d, Locale::en) == "Dec 3, 2026");
    CHECK(cards::format_date(d, Locale::de) == "3. Dez. 2026");
    CHECK(cards::format_date(d, Locale::fr) == "3 déc. 2026");
    CHECK(cards::format_date(d, Locale::es) == "3 dic 2026");
    const crm::Date m{std::chrono::year{2027} / 3 / 31};
    CHECK(cards::format_date(m, Locale::de) == "31. März 2027");
    CHECK(cards::format_date(m, Locale::fr) == "31 mars 2027");
    CHECK(cards::format_date(crm::Date{std::chrono::year{2027} / 9 / 1}, Locale::es) == "1 sept 2027");
}

TEST_CASE("timestamps show the UTC day and time", "[format]") {
    using namespace std::chrono;
    const crm::Timestamp t = sys_days{year{2026} / 11 / 23} + hours{9} + minutes{5} + seconds{59};
    CHECK(cards::format_timestamp(t, Locale::en) == "Nov 23, 2026, 09:05 UTC");
    CHECK(cards::format_timestamp(t, Locale::de) == "23. Nov. 2026, 09:05 UTC");
    CHECK(cards::format_day(t, Locale::fr) == "23 nov. 2026");
}
