#include <crm_core/notification_settings.hpp>

#include "pg/database_impl.hpp"

#include <array>

namespace crm {

namespace {
constexpr std::array<std::pair<NotifyLevel, std::string_view>, 4> kLevels = {{
    {NotifyLevel::all, "all"},
    {NotifyLevel::important, "important"},
    {NotifyLevel::digest, "digest"},
    {NotifyLevel::muted, "muted"},
}};

void check_minute(const std::optional<std::int32_t>& minute, const char* field) {
    if (minute && (*minute < 0 || *minute >= 24 * 60)) fail_validation(field, "a time of day is between 00:00 and 23:59");
}
}  // namespace

std::string_view to_string(NotifyLevel level) {
    for (auto [l, name] : kLevels)
        if (l == level) return name;
    return "all";
}

std::optional<NotifyLevel> notify_level_from_string(std::string_view text) {
    for (auto [l, name] : kLevels)
        if (name == text) return l;
    return std::nullopt;
}

Result<NotificationSettings> NotificationSettingsStore::get(const Actor& actor) {
    return db_.impl().read([&](pg::Tx& tx) {
        static const pg::Sql kGet{"notification_settings_get",
            "select level, time_zone, quiet_from, quiet_to, digest_at, language from notification_settings"
            " where tenant_id = $1 and user_id = $2"};
        NotificationSettings s;
        if (auto r = tx.maybe_row(kGet, actor.tenant, actor.user_id)) {
            s.level = notify_level_from_string((*r)[0].as<std::string>()).value_or(NotifyLevel::all);
            s.time_zone = (*r)[1].as<std::string>();
            if (!(*r)[2].is_null()) s.quiet_from = (*r)[2].as<std::int32_t>();
            if (!(*r)[3].is_null()) s.quiet_to = (*r)[3].as<std::int32_t>();
            s.digest_at = (*r)[4].as<std::int32_t>();
            s.language = (*r)[5].as<std::string>();
        }
        return s;
    });
}

Result<NotificationSettings> NotificationSettingsStore::set(const Actor& actor, const NotificationSettings& s) {
    return db_.impl().run([&](pg::Tx& tx) {
        check_minute(s.quiet_from, "quiet_from");
        check_minute(s.quiet_to, "quiet_to");
        check_minute(s.digest_at, "digest_at");
        if (s.language != "en" && s.language != "es" && s.language != "fr" && s.language != "de")
            fail_validation("language", "notifications speak en, es, fr or de");
        if (s.quiet_from.has_value() != s.quiet_to.has_value())
            fail_validation("quiet_to", "quiet hours need a start and an end");
        static const pg::Sql kZone{"time_zone_exists", "select exists (select 1 from pg_timezone_names where name = $1)"};
        if (!tx.row(kZone, s.time_zone)[0].as<bool>())
            fail_validation("time_zone", "\"" + s.time_zone + "\" is not a time zone (try Europe/Berlin or America/New_York)");
        static const pg::Sql kSet{"notification_settings_set",
            "insert into notification_settings (tenant_id, user_id, level, time_zone, quiet_from, quiet_to, digest_at,"
            " language) values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (tenant_id, user_id) do update set"
            " level = excluded.level, time_zone = excluded.time_zone, quiet_from = excluded.quiet_from,"
            " quiet_to = excluded.quiet_to, digest_at = excluded.digest_at, language = excluded.language,"
            " updated_at = now()"};
        tx.exec(kSet, actor.tenant, actor.user_id, std::string(to_string(s.level)), s.time_zone, s.quiet_from,
                s.quiet_to, s.digest_at, s.language);
        return s;
    });
}

}  // namespace crm
