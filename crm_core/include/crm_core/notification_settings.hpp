#pragma once
// How each user wants to hear about what they follow: everything, important
// changes only, a daily digest, or nothing; and quiet hours in their time zone,
// during which notifications wait.
#include <crm_core/database.hpp>
#include <crm_core/ids.hpp>
#include <crm_core/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm {

enum class NotifyLevel { all, important, digest, muted };
std::string_view to_string(NotifyLevel level);
std::optional<NotifyLevel> notify_level_from_string(std::string_view text);

struct NotificationSettings {
    NotifyLevel level = NotifyLevel::all;
    std::string time_zone = "UTC";  // IANA name, e.g. "Europe/Berlin"
    // Quiet hours, minutes after local midnight; both or neither. May wrap
    // midnight (22:00 to 07:00).
    std::optional<std::int32_t> quiet_from, quiet_to;
    std::int32_t digest_at = 8 * 60;  // local time of the daily digest
    std::string language = "en";      // of the notification cards: en, es, fr, de
};

class NotificationSettingsStore {
public:
    explicit NotificationSettingsStore(Database& db) : db_(db) {}

    // The actor's own settings (the defaults until they change any).
    Result<NotificationSettings> get(const Actor& actor);
    Result<NotificationSettings> set(const Actor& actor, const NotificationSettings& settings);

private:
    Database& db_;
};

}  // namespace crm
