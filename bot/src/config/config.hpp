#pragma once
// crmbot's configuration, read once at start-up from environment variables.
// Every error names the variable it is about, e.g.
//   "PORT must be an integer from 1 to 65535 (got \"http\")".
#include <crm_core/result.hpp>
#include <spdlog/common.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bot {

struct Config {
    // Required (serve, migrate). A libpq URI or key=value string; holds a password,
    // so it is never logged nor echoed.
    std::string database_url;                  // DATABASE_URL
    std::uint16_t port = 3978;                 // PORT
    std::string bind_address = "0.0.0.0";      // CRMBOT_BIND (127.0.0.1 in local-dev mode)
    bool local_dev = false;                    // CRMBOT_LOCAL_DEV: "1"/"true"/"yes"/"on"
    std::size_t io_threads = 1;                // CRMBOT_THREADS
    std::size_t workers = 4;                   // CRMBOT_WORKERS; also the DB pool size
    std::size_t max_body_bytes = 256 * 1024;   // CRMBOT_MAX_BODY_BYTES
    std::size_t notify_workers = 4;            // CRMBOT_NOTIFY_WORKERS; 0 turns delivery off here
    std::size_t notify_coalesce_ms = 3000;     // CRMBOT_NOTIFY_COALESCE_MS: changes within it come as one
    std::size_t notify_lease_s = 60;           // CRMBOT_NOTIFY_LEASE_S: a claim held by a dead process expires
    std::size_t card_cache_mb = 8;             // CRMBOT_CARD_CACHE_MB: record cards kept drawn; 0 turns it off
    // CRMBOT_CARD_CACHE_TTL_MS: how long another process's change may take to show on a cached card
    std::size_t card_cache_ttl_ms = 2000;
    spdlog::level::level_enum log_level = spdlog::level::info;  // CRMBOT_LOG_LEVEL

    // Bot Framework credentials: parsed now, used by the authentication of a later
    // issue. microsoft_app_password is a secret: never log it.
    std::string microsoft_app_id;         // MicrosoftAppId
    std::string microsoft_app_password;   // MicrosoftAppPassword
    std::string microsoft_app_tenant_id;  // MicrosoftAppTenantId
    std::string microsoft_app_type;       // MicrosoftAppType (MultiTenant, SingleTenant, ...)

    // Where tokens come from and go to; Microsoft's by default, loopback in tests.
    std::string to_bot_from_channel_openid_metadata_url =   // ToBotFromChannelOpenIdMetadataUrl
        "https://login.botframework.com/v1/.well-known/openidconfiguration";
    std::string to_bot_from_channel_token_issuer = "https://api.botframework.com";  // ToBotFromChannelTokenIssuer
    std::string to_channel_from_bot_login_url;  // ToChannelFromBotLoginUrl (default from the app type)
    std::string to_channel_from_bot_oauth_scope = "https://api.botframework.com";  // ToChannelFromBotOAuthScope
    // Extra service URL hosts the bot may post to besides those of authenticated
    // activities (CRMBOT_SERVICE_URL_HOSTS, comma-separated; "*.example.com" allowed).
    std::vector<std::string> extra_service_hosts;

    // Things worth a warning at start-up (e.g. CRMBOT_BIND ignored in local-dev mode).
    std::vector<std::string> notices;

    // Strings that must never appear in a log line or a response body.
    std::vector<std::string> secrets() const;
};

// Returns the value of an environment variable, or nullopt when it is unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Reads the process environment. An empty variable counts as unset. On error the
// message lists every bad variable; Error::field names the first one.
crm::Result<Config> from_environment();
crm::Result<Config> from_environment(const EnvLookup& lookup);

}  // namespace bot
