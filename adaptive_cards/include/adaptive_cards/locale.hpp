#pragma once
// The four languages the cards speak. Teams gives a BCP-47 tag ("es-ES", "fr-CA",
// "de"); anything else falls back to English so a card is always readable.
#include <array>
#include <string_view>

namespace cards {

enum class Locale { en, es, fr, de };

inline constexpr std::array<Locale, 4> kAllLocales = {Locale::en, Locale::es, Locale::fr, Locale::de};

// Primary subtag, case-insensitive; "de_DE" (Windows style) too. Unknown: English.
Locale locale_from_tag(std::string_view tag);
std::string_view locale_tag(Locale locale);  // "en", "es", "fr", "de"

}  // namespace cards
