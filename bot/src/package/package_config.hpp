#pragma once
// What `crmbot package` puts into the Teams app manifest, read from environment
// variables. Each value is checked for its form here (a GUID, an https URL, a
// semantic version, a host name); the manifest's length limits are checked when it
// is built (manifest_builder.hpp). Every error names its variable.
#include "config/config.hpp"

#include <crm_core/result.hpp>

#include <string>

namespace bot::package {

struct PackageConfig {
    std::string bot_id;          // MicrosoftAppId (required)
    std::string app_id;          // TEAMS_APP_ID (default: derived from the bot id)
    std::string version;         // TEAMS_APP_VERSION (default: crmbot's version)
    std::string short_name;      // TEAMS_APP_NAME ("CRM")
    std::string full_name;       // TEAMS_APP_FULL_NAME ("<short name> for Microsoft Teams")
    std::string developer;       // TEAMS_APP_DEVELOPER (the short name)
    std::string website_url;     // TEAMS_APP_WEBSITE ("https://<host>")
    std::string privacy_url;     // TEAMS_APP_PRIVACY_URL ("https://<host>/privacy")
    std::string terms_url;       // TEAMS_APP_TERMS_URL ("https://<host>/terms")
    std::string accent_color;    // TEAMS_APP_ACCENT_COLOR ("#2B579A")
    std::string public_host;     // CRMBOT_PUBLIC_HOST (required), e.g. crm.example.com

    // The value of a manifest template placeholder "${NAME}" (NAME is the variable
    // name, e.g. "TEAMS_APP_NAME"); nullptr for an unknown name.
    const std::string* placeholder(std::string_view name) const;
};

// Reads the environment. An empty variable counts as unset. On error the message
// lists every bad variable; Error::field names the first one.
crm::Result<PackageConfig> read_package_config(const EnvLookup& env);

// The Teams app id derived from a bot id when TEAMS_APP_ID is unset: a name-based
// UUID (version 5, SHA-1) of the lower-case bot id in a fixed namespace, so the
// same bot always gets the same app id and a new bot a new one.
std::string derived_app_id(std::string_view bot_id);

// The forms the manifest schema requires.
bool is_guid(std::string_view s);
bool is_semver(std::string_view s);      // X.Y.Z, digits, no leading zeros
bool is_https_url(std::string_view s);   // https://<host>[...], at most 2048 characters
bool is_hex_color(std::string_view s);   // #RRGGBB
bool is_host(std::string_view s);        // a DNS name of two labels or more (crm.example.com)

}  // namespace bot::package
