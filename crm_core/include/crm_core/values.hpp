#pragma once
// Small value types shared by the records: money, calendar dates, timestamps.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm {

using Timestamp = std::chrono::system_clock::time_point;
std::string to_iso8601(Timestamp t);  // 2026-11-23T10:15:00Z
// RFC 3339 as chat services send it: "2026-11-23T10:15:00.123Z", "...+01:00".
std::optional<Timestamp> parse_iso8601(std::string_view text);

// A calendar date without time zone (expected close dates).
using Date = std::chrono::year_month_day;
std::optional<Date> parse_date(std::string_view iso);  // "2026-12-31"
std::string to_iso(Date d);

// An amount in a currency. Stored exactly: hundredths of the currency unit,
// as PostgreSQL numeric(18,2), never as a float.
struct Money {
    std::int64_t cents = 0;
    std::string currency;  // ISO 4217, three upper-case letters

    // "12500", "12500.5", "12500.50"; nullopt when not a non-negative amount.
    static std::optional<std::int64_t> parse_amount(std::string_view text);
    std::string amount_text() const;  // "12500.50"
    friend bool operator==(const Money&, const Money&) = default;
};
bool is_currency_code(std::string_view code);

}  // namespace crm
