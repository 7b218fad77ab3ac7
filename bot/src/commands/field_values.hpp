#pragma once
// Recognising typed values by their shape: amounts, dates, emails, phones,
// domains (internal to the commands library, public for its tests).
#include <crm_core/values.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace bot::commands::values {

// An amount with an optional currency, as people type it: "50000", "50,000",
// "50.000,50", "50 000 €", "$1,200.50", "EUR 25k", "1.5m USD". A single '.' or
// ',' followed by exactly three digits is a thousands separator (currencies have
// at most two decimals); with both, the last one is the decimal mark.
// Money::currency is "" when none was given. nullopt for anything else.
std::optional<crm::Money> parse_money(std::string_view text);

// Just the number part of parse_money, in cents.
std::optional<std::int64_t> parse_cents(std::string_view number);

// "2026-12-31" (also "2026-1-5"); nullopt for anything else or an impossible date.
std::optional<crm::Date> parse_date(std::string_view text);
// dddd-d[d]-d[d], valid or not: "2026-13-40" looks like a date but does not parse.
bool looks_like_date(std::string_view text);

bool looks_like_email(std::string_view text);
// "+44 20 1234 5678", "(555) 123-4567": digits with separators, 6 to 20 digits.
bool looks_like_phone(std::string_view text);
// "contoso.com", "www.contoso.co.uk" (no scheme, no '@', no spaces).
bool looks_like_domain(std::string_view text);
// "https://contoso.com/..." or "http://...".
bool looks_like_url(std::string_view text);

}  // namespace bot::commands::values
