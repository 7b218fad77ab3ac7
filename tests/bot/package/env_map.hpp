#pragma once
// A fake environment for the package tests: the settings of a valid package,
// which a test then changes one at a time.
#include "config/config.hpp"

#include <map>
#include <optional>
#include <string>

namespace test {

using Env = std::map<std::string, std::string>;

inline Env valid_package_env() {
    return {
        {"MicrosoftAppId", "11111111-2222-3333-4444-555555555555"},
        {"TEAMS_APP_ID", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"},
        {"CRMBOT_PUBLIC_HOST", "crm.contoso.example"},
        {"TEAMS_APP_NAME", "Contoso CRM"},
        {"TEAMS_APP_FULL_NAME", "Contoso CRM for Microsoft Teams"},
        {"TEAMS_APP_DEVELOPER", "Contoso Ltd"},
        {"TEAMS_APP_WEBSITE", "https://www.contoso.example"},
        {"TEAMS_APP_PRIVACY_URL", "https://www.contoso.example/privacy"},
        {"TEAMS_APP_TERMS_URL", "https://www.contoso.example/terms"},
        {"TEAMS_APP_ACCENT_COLOR", "#123ABC"},
        {"TEAMS_APP_VERSION", "2.3.4"},
    };
}

inline bot::EnvLookup lookup(const Env& env) {
    return [env](const std::string& name) -> std::optional<std::string> {
        auto it = env.find(name);
        if (it == env.end()) return std::nullopt;
        return it->second;
    };
}

}  // namespace test
