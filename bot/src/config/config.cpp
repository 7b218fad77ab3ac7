#include "config/config.hpp"

#include "config/env_errors.hpp"
#include "config/redact.hpp"
#include "log/log.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

namespace bot {
namespace {

constexpr std::string_view kLoopback = "127.0.0.1";

using config_env::Errors;
using config_env::lower;
using config_env::show_value;

// Reads an unsigned integer in [min, max]; keeps `out` when the variable is unset.
template <class T>
void read_uint(const EnvLookup& env, const std::string& name, T& out, std::uint64_t min,
               std::uint64_t max, Errors& errors) {
    const auto raw = env(name);
    if (!raw) return;
    std::uint64_t value = 0;
    const char* first = raw->data();
    const char* last = first + raw->size();
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec != std::errc{} || ptr != last || value < min || value > max) {
        errors.add(name, name + " must be an integer from " + std::to_string(min) + " to " +
                             std::to_string(max) + " (got " + show_value(*raw) + ")");
        return;
    }
    out = static_cast<T>(value);
}

void read_bool(const EnvLookup& env, const std::string& name, bool& out, Errors& errors) {
    const auto raw = env(name);
    if (!raw) return;
    const auto v = lower(*raw);
    if (v == "1" || v == "true" || v == "yes" || v == "on") {
        out = true;
    } else if (v == "0" || v == "false" || v == "no" || v == "off") {
        out = false;
    } else {
        errors.add(name, name + " must be 1/true/yes/on or 0/false/no/off (got " + show_value(*raw) + ")");
    }
}

void read_string(const EnvLookup& env, const std::string& name, std::string& out) {
    if (auto raw = env(name)) out = std::move(*raw);
}

}  // namespace

std::vector<std::string> Config::secrets() const {
    std::vector<std::string> out;
    auto add = [&](std::string s) {
        if (!s.empty()) out.push_back(std::move(s));
    };
    add(database_url);
    add(database_url_password(database_url));
    add(microsoft_app_password);
    return out;
}

crm::Result<Config> from_environment() {
    return from_environment([](const std::string& name) -> std::optional<std::string> {
        const char* v = std::getenv(name.c_str());
        if (v == nullptr || *v == '\0') return std::nullopt;
        return std::string(v);
    });
}

crm::Result<Config> from_environment(const EnvLookup& lookup) {
    const EnvLookup env = config_env::empty_as_unset(lookup);

    Config c;
    Errors errors;

    if (auto url = env("DATABASE_URL")) {
        c.database_url = std::move(*url);
    } else {
        errors.add("DATABASE_URL",
                   "DATABASE_URL is not set (a PostgreSQL URI, e.g. postgresql://user:password@host:5432/crm)");
    }

    read_uint(env, "PORT", c.port, 1, 65535, errors);
    read_bool(env, "CRMBOT_LOCAL_DEV", c.local_dev, errors);

    if (auto bind = env("CRMBOT_BIND")) {
        boost::system::error_code ec;
        boost::asio::ip::make_address(*bind, ec);
        if (ec) {
            errors.add("CRMBOT_BIND", "CRMBOT_BIND must be an IPv4 or IPv6 address (got " + show_value(*bind) + ")");
        } else {
            c.bind_address = *bind;
        }
    }
    if (c.local_dev && c.bind_address != kLoopback) {
        if (env("CRMBOT_BIND")) {
            c.notices.push_back("CRMBOT_BIND=" + c.bind_address +
                                " is ignored: local-development mode listens on 127.0.0.1 only");
        }
        c.bind_address = std::string(kLoopback);
    }

    read_uint(env, "CRMBOT_THREADS", c.io_threads, 1, 256, errors);
    read_uint(env, "CRMBOT_WORKERS", c.workers, 1, 256, errors);
    read_uint(env, "CRMBOT_MAX_BODY_BYTES", c.max_body_bytes, 1024, 64ull * 1024 * 1024, errors);
    read_uint(env, "CRMBOT_NOTIFY_WORKERS", c.notify_workers, 0, 64, errors);
    read_uint(env, "CRMBOT_NOTIFY_COALESCE_MS", c.notify_coalesce_ms, 0, 3'600'000, errors);
    read_uint(env, "CRMBOT_NOTIFY_LEASE_S", c.notify_lease_s, 1, 86'400, errors);
    read_uint(env, "CRMBOT_CARD_CACHE_MB", c.card_cache_mb, 0, 4096, errors);
    read_uint(env, "CRMBOT_CARD_CACHE_TTL_MS", c.card_cache_ttl_ms, 0, 3'600'000, errors);

    if (auto level = env("CRMBOT_LOG_LEVEL")) {
        if (auto parsed = log::parse_level(*level)) {
            c.log_level = *parsed;
        } else {
            errors.add("CRMBOT_LOG_LEVEL", "CRMBOT_LOG_LEVEL must be one of trace, debug, info, warn, error, "
                                           "critical, off (got " + show_value(*level) + ")");
        }
    }

    read_string(env, "MicrosoftAppId", c.microsoft_app_id);
    read_string(env, "MicrosoftAppPassword", c.microsoft_app_password);
    read_string(env, "MicrosoftAppTenantId", c.microsoft_app_tenant_id);
    read_string(env, "MicrosoftAppType", c.microsoft_app_type);
    read_string(env, "ToBotFromChannelOpenIdMetadataUrl", c.to_bot_from_channel_openid_metadata_url);
    read_string(env, "ToBotFromChannelTokenIssuer", c.to_bot_from_channel_token_issuer);
    read_string(env, "ToChannelFromBotLoginUrl", c.to_channel_from_bot_login_url);
    read_string(env, "ToChannelFromBotOAuthScope", c.to_channel_from_bot_oauth_scope);
    if (auto hosts = env("CRMBOT_SERVICE_URL_HOSTS")) {
        std::string item;
        for (char ch : *hosts + ",") {
            if (ch == ',') {
                if (!item.empty()) c.extra_service_hosts.push_back(item);
                item.clear();
            } else if (ch != ' ') {
                item += ch;
            }
        }
    }

    if (!errors.empty()) return errors.to_error();
    return c;
}

}  // namespace bot
