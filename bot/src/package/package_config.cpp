#include "package/package_config.hpp"

#include "config/env_errors.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

namespace bot::package {
namespace {

// The namespace of derived Teams app ids (a random UUID, fixed forever: changing it
// would give every installation a new app id).
constexpr std::array<unsigned char, 16> kAppIdNamespace = {0x3c, 0x8e, 0x5b, 0x1f, 0x9d, 0x27, 0x4a, 0x60,
                                                           0xb1, 0x4e, 0x0c, 0x7a, 0x92, 0xd5, 0x36, 0xe8};
constexpr std::size_t kMaxUrl = 2048;  // the schema's anyHttpUrl

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

using config_env::lower;

// Reads a GUID setting into out (lower case); an unset variable leaves out empty.
void read_guid(const EnvLookup& env, const std::string& variable, const char* field, std::string& out,
               config_env::Errors& errors) {
    const auto value = env(variable);
    if (!value) return;
    if (is_guid(*value)) {
        out = lower(*value);
    } else {
        errors.add(variable, variable + " (" + field + ") must be a GUID such as "
                                 "00000000-0000-0000-0000-000000000000 (got " + config_env::show_value(*value) + ")");
    }
}

}  // namespace

bool is_host(std::string_view host) {
    if (host.empty() || host.size() > 253) return false;
    std::size_t labels = 0;
    std::size_t start = 0;
    while (start <= host.size()) {
        auto end = host.find('.', start);
        if (end == std::string_view::npos) end = host.size();
        const auto label = host.substr(start, end - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        for (char c : label) {
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
        }
        ++labels;
        start = end + 1;
    }
    return labels >= 2;
}

bool is_https_url(std::string_view url) {
    constexpr std::string_view kScheme = "https://";
    if (url.size() > kMaxUrl || url.substr(0, kScheme.size()) != kScheme) return false;
    const auto rest = url.substr(kScheme.size());
    const auto host = rest.substr(0, rest.find_first_of("/?#:"));
    if (!is_host(host)) return false;
    return std::none_of(url.begin(), url.end(), [](unsigned char c) { return std::isspace(c) || std::iscntrl(c); });
}

bool is_hex_color(std::string_view s) {
    return s.size() == 7 && s[0] == '#' && std::all_of(s.begin() + 1, s.end(), is_hex);
}

bool is_guid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_hex(s[i])) return false;
    }
    return true;
}

bool is_semver(std::string_view s) {
    int parts = 0;
    std::size_t start = 0;
    while (start <= s.size()) {
        auto end = s.find('.', start);
        if (end == std::string_view::npos) end = s.size();
        const auto part = s.substr(start, end - start);
        if (part.empty() || part.size() > 9 || (part.size() > 1 && part[0] == '0')) return false;
        if (!std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c); })) return false;
        ++parts;
        start = end + 1;
    }
    return parts == 3;
}

std::string derived_app_id(std::string_view bot_id) {
    const auto name = lower(std::string(bot_id));
    std::string input(kAppIdNamespace.begin(), kAppIdNamespace.end());
    input += name;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha1(), nullptr);
    digest[6] = static_cast<unsigned char>((digest[6] & 0x0F) | 0x50);  // version 5
    digest[8] = static_cast<unsigned char>((digest[8] & 0x3F) | 0x80);  // RFC 4122 variant
    std::string out;
    char hex[3];
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        std::snprintf(hex, sizeof hex, "%02x", digest[i]);
        out += hex;
    }
    return out;
}

const std::string* PackageConfig::placeholder(std::string_view name) const {
    if (name == "MicrosoftAppId") return &bot_id;
    if (name == "TEAMS_APP_ID") return &app_id;
    if (name == "TEAMS_APP_VERSION") return &version;
    if (name == "TEAMS_APP_NAME") return &short_name;
    if (name == "TEAMS_APP_FULL_NAME") return &full_name;
    if (name == "TEAMS_APP_DEVELOPER") return &developer;
    if (name == "TEAMS_APP_WEBSITE") return &website_url;
    if (name == "TEAMS_APP_PRIVACY_URL") return &privacy_url;
    if (name == "TEAMS_APP_TERMS_URL") return &terms_url;
    if (name == "TEAMS_APP_ACCENT_COLOR") return &accent_color;
    if (name == "CRMBOT_PUBLIC_HOST") return &public_host;
    return nullptr;
}

crm::Result<PackageConfig> read_package_config(const EnvLookup& lookup) {
    const EnvLookup env = config_env::empty_as_unset(lookup);
    PackageConfig c;
    config_env::Errors problems;

    read_guid(env, "MicrosoftAppId", "bots[0].botId", c.bot_id, problems);
    if (!env("MicrosoftAppId")) {
        problems.add("MicrosoftAppId", "MicrosoftAppId is not set (the bot's Entra app id, a GUID, which becomes "
                                       "bots[0].botId)");
    }
    read_guid(env, "TEAMS_APP_ID", "id", c.app_id, problems);
    if (!env("TEAMS_APP_ID") && !c.bot_id.empty()) c.app_id = derived_app_id(c.bot_id);

    if (auto host = env("CRMBOT_PUBLIC_HOST")) {
        const auto h = lower(*host);
        if (is_host(h)) {
            c.public_host = h;
        } else {
            problems.add("CRMBOT_PUBLIC_HOST", "CRMBOT_PUBLIC_HOST (validDomains) must be a host name such as "
                                               "crm.example.com, without scheme, port or path (got " +
                                                   config_env::show_value(*host) + ")");
        }
    } else {
        problems.add("CRMBOT_PUBLIC_HOST", "CRMBOT_PUBLIC_HOST is not set (the host of the bot's record links, "
                                           "e.g. crm.example.com, used in validDomains and link unfurling)");
    }

    c.version = env("TEAMS_APP_VERSION").value_or(CRMBOT_VERSION);
    if (!is_semver(c.version)) {
        problems.add("TEAMS_APP_VERSION", "TEAMS_APP_VERSION (version) must be a version MAJOR.MINOR.PATCH such as "
                                          "1.0.0 (got " + config_env::show_value(c.version) + ")");
    }

    c.short_name = env("TEAMS_APP_NAME").value_or("CRM");
    c.full_name = env("TEAMS_APP_FULL_NAME").value_or(c.short_name + " for Microsoft Teams");
    c.developer = env("TEAMS_APP_DEVELOPER").value_or(c.short_name);
    c.accent_color = env("TEAMS_APP_ACCENT_COLOR").value_or("#2B579A");
    if (!is_hex_color(c.accent_color)) {
        problems.add("TEAMS_APP_ACCENT_COLOR", "TEAMS_APP_ACCENT_COLOR (accentColor) must be a colour #RRGGBB "
                                               "such as #2B579A (got " + config_env::show_value(c.accent_color) + ")");
    }

    const std::string site = "https://" + (c.public_host.empty() ? std::string("crm.example.com") : c.public_host);
    const struct {
        const char* variable;
        const char* field;
        std::string PackageConfig::*member;
        std::string fallback;
    } urls[] = {
        {"TEAMS_APP_WEBSITE", "developer.websiteUrl", &PackageConfig::website_url, site},
        {"TEAMS_APP_PRIVACY_URL", "developer.privacyUrl", &PackageConfig::privacy_url, site + "/privacy"},
        {"TEAMS_APP_TERMS_URL", "developer.termsOfUseUrl", &PackageConfig::terms_url, site + "/terms"},
    };
    for (const auto& u : urls) {
        auto value = env(u.variable).value_or(u.fallback);
        if (!is_https_url(value)) {
            problems.add(u.variable, std::string(u.variable) + " (" + u.field +
                                         ") must be an https:// URL of at most 2048 characters (got " +
                                         config_env::show_value(value) + ")");
        }
        c.*u.member = std::move(value);
    }

    if (!problems.empty()) return problems.to_error();
    return c;
}

}  // namespace bot::package
