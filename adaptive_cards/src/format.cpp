#include <adaptive_cards/format.hpp>

#include <array>
#include <cstdio>
#include <string_view>

namespace cards {
namespace {

constexpr std::string_view kNbsp = "\u00A0";        // before a currency or percent sign
constexpr std::string_view kNarrowNbsp = "\u202F";  // French digit groups (CLDR)

std::string_view group_separator(Locale locale) {
    switch (locale) {
        case Locale::en: return ",";
        case Locale::fr: return kNarrowNbsp;
        case Locale::es:
        case Locale::de: return ".";
    }
    return ",";
}

std::string_view decimal_separator(Locale locale) { return locale == Locale::en ? "." : ","; }

std::string group_digits(std::uint64_t value, Locale locale) {
    std::string digits = std::to_string(value);
    // CLDR: Spanish leaves four-digit numbers ungrouped ("2500", "12.500").
    const std::size_t min_digits = locale == Locale::es ? 5 : 4;
    if (digits.size() < min_digits) return digits;
    std::string out;
    const std::string_view sep = group_separator(locale);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return out;
}

std::uint64_t magnitude(std::int64_t v) {
    return v < 0 ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
}

// The symbol used instead of the ISO code, per language; empty: write the code.
std::string_view currency_symbol(std::string_view code, Locale locale) {
    if (code == "EUR") return "€";
    if (code == "GBP") return "£";
    if (code == "USD") {
        switch (locale) {
            case Locale::en: return "$";
            case Locale::es: return "US$";
            case Locale::fr: return "$US";
            case Locale::de: return "$";
        }
    }
    return {};
}

std::string_view month_abbreviation(unsigned month, Locale locale) {
    static constexpr std::array<std::array<std::string_view, 12>, 4> kMonths = {{
        {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
        {"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"},
        {"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
        {"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."},
    }};
    return kMonths[static_cast<std::size_t>(locale)][(month - 1) % 12];
}

}  // namespace

std::string format_integer(std::int64_t value, Locale locale) {
    std::string out = value < 0 ? "-" : "";
    out += group_digits(magnitude(value), locale);
    return out;
}

std::string format_cents(std::int64_t cents, Locale locale) {
    const std::uint64_t m = magnitude(cents);
    char fraction[3];
    std::snprintf(fraction, sizeof fraction, "%02u", static_cast<unsigned>(m % 100));
    std::string out = cents < 0 ? "-" : "";
    out += group_digits(m / 100, locale);
    out += decimal_separator(locale);
    out += fraction;
    return out;
}

std::string format_money(const crm::Money& money, Locale locale) {
    const std::string amount = format_cents(money.cents, locale);
    const std::string_view symbol = currency_symbol(money.currency, locale);
    if (locale == Locale::en) {
        if (!symbol.empty()) return std::string(symbol) + amount;
        return money.currency + std::string(kNbsp) + amount;
    }
    return amount + std::string(kNbsp) + (symbol.empty() ? money.currency : std::string(symbol));
}

std::string format_percent(std::int32_t percent, Locale locale) {
    return std::to_string(percent) + (locale == Locale::en ? "" : std::string(kNbsp)) + "%";
}

std::string format_date(crm::Date date, Locale locale) {
    const unsigned day = static_cast<unsigned>(date.day());
    const unsigned month = static_cast<unsigned>(date.month());
    const std::string year = std::to_string(static_cast<int>(date.year()));
    const std::string_view mon = month_abbreviation(month, locale);
    switch (locale) {
        case Locale::en: return std::string(mon) + " " + std::to_string(day) + ", " + year;
        case Locale::de: return std::to_string(day) + ". " + std::string(mon) + " " + year;
        case Locale::es:
        case Locale::fr: return std::to_string(day) + " " + std::string(mon) + " " + year;
    }
    return crm::to_iso(date);
}

std::string format_day(crm::Timestamp at, Locale locale) {
    return format_date(crm::Date{std::chrono::floor<std::chrono::days>(at)}, locale);
}

std::string format_timestamp(crm::Timestamp at, Locale locale) {
    const auto day = std::chrono::floor<std::chrono::days>(at);
    const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::minutes>(at - day)};
    char clock[16];
    std::snprintf(clock, sizeof clock, "%02d:%02d", static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()));
    return format_date(crm::Date{day}, locale) + ", " + clock + " UTC";
}

}  // namespace cards
