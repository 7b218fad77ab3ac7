#include <adaptive_cards/locale.hpp>

#include <cctype>
#include <string>

namespace cards {

Locale locale_from_tag(std::string_view tag) {
    // Only the language matters: "fr-CA" and "fr-FR" read the same cards.
    std::string primary;
    for (char c : tag) {
        if (c == '-' || c == '_') break;
        primary += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (primary == "es") return Locale::es;
    if (primary == "fr") return Locale::fr;
    if (primary == "de") return Locale::de;
    return Locale::en;
}

std::string_view locale_tag(Locale locale) {
    switch (locale) {
        case Locale::es: return "es";
        case Locale::fr: return "fr";
        case Locale::de: return "de";
        case Locale::en: break;
    }
    return "en";
}

}  // namespace cards
