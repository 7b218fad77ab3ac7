#pragma once
// Numbers, money and dates written the way each language writes them. By hand:
// the machines we run on have no locales installed, and std::locale would make
// the output depend on the host anyway.
#include <adaptive_cards/locale.hpp>

#include <crm_core/values.hpp>

#include <cstdint>
#include <string>

namespace cards {

// 12500 -> en "12,500", es "12.500" (but "2500": Spanish groups from 5 digits),
// fr "12 500" (narrow no-break space), de "12.500".
std::string format_integer(std::int64_t value, Locale locale);

// Hundredths -> "12,500.00" / "12.500,00" / "12 500,00".
std::string format_cents(std::int64_t cents, Locale locale);

// en "$12,500.00", "€12,500.00", "CHF 12,500.00"; es "12.500,00 €", "12.500,00 US$";
// fr "12 500,00 €", "12 500,00 $US"; de "12.500,00 €", "12.500,00 $". The space
// before a symbol or code is a no-break space.
std::string format_money(const crm::Money& money, Locale locale);

// en "25%", others "25 %" (no-break space).
std::string format_percent(std::int32_t percent, Locale locale);

// en "Dec 3, 2026", es "3 dic 2026", fr "3 déc. 2026", de "3. Dez. 2026".
std::string format_date(crm::Date date, Locale locale);

// The (UTC) calendar day of a timestamp, as format_date.
std::string format_day(crm::Timestamp at, Locale locale);

// The date as above plus the UTC time: "Dec 3, 2026, 10:15 UTC" (de "3. Dez. 2026, 10:15 UTC").
std::string format_timestamp(crm::Timestamp at, Locale locale);

}  // namespace cards
