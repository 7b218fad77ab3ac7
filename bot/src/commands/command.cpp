#include "commands/command.hpp"

#include <array>
#include <cctype>

namespace bot::commands {

std::string_view to_string(Language language) {
    switch (language) {
        case Language::en: return "en";
        case Language::es: return "es";
        case Language::fr: return "fr";
        case Language::de: return "de";
    }
    return "en";
}

Language language_for_locale(std::string_view locale) {
    // BCP-47 primary subtag; Windows-style "de_DE" too.
    std::string primary;
    for (char c : locale) {
        if (c == '-' || c == '_') break;
        primary += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (primary == "es") return Language::es;
    if (primary == "fr") return Language::fr;
    if (primary == "de") return Language::de;
    return Language::en;
}

std::string RecordSelector::display() const {
    if (ref) return ref->display();
    return "\"" + name + "\"";
}

std::string_view action_name(const Action& action) {
    // In the order of the Action alternatives.
    static constexpr std::array<std::string_view, std::variant_size_v<Action>> kNames = {
        "help",           "create_lead",     "create_contact",      "create_account",
        "create_deal",    "show_record",     "list_records",        "more_results",
        "search",         "change_lead_status", "convert_lead",     "move_deal",
        "close_deal",     "reopen_deal",     "add_comment",         "set_primary_contact",
        "add_participant", "remove_participant", "follow",           "unfollow",
        "list_followers", "show_pipeline",   "show_timeline",       "edit_lead",       "notification_settings",
    };
    return kNames[action.index()];
}

}  // namespace bot::commands
