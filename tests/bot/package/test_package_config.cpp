#include "env_map.hpp"
#include "package/package_config.hpp"

#include <catch2/catch.hpp>

using bot::package::read_package_config;

TEST_CASE("config: every setting is read", "[config]") {
    const auto c = read_package_config(test::lookup(test::valid_package_env()));
    REQUIRE(c.ok());
    CHECK(c->bot_id == "11111111-2222-3333-4444-555555555555");
    CHECK(c->app_id == "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    CHECK(c->public_host == "crm.contoso.example");
    CHECK(c->short_name == "Contoso CRM");
    CHECK(c->full_name == "Contoso CRM for Microsoft Teams");
    CHECK(c->developer == "Contoso Ltd");
    CHECK(c->website_url == "https://www.contoso.example");
    CHECK(c->privacy_url == "https://www.contoso.example/privacy");
    CHECK(c->terms_url == "https://www.contoso.example/terms");
    CHECK(c->accent_color == "#123ABC");
    CHECK(c->version == "2.3.4");
}

TEST_CASE("config: only the bot id and the host are required", "[config]") {
    const auto c = read_package_config(test::lookup(
        {{"MicrosoftAppId", "11111111-2222-3333-4444-555555555555"}, {"CRMBOT_PUBLIC_HOST", "CRM.Example.com"}}));
    REQUIRE(c.ok());
    CHECK(c->app_id == bot::package::derived_app_id("11111111-2222-3333-4444-555555555555"));
    CHECK(c->public_host == "crm.example.com");
    CHECK(c->short_name == "CRM");
    CHECK(c->full_name == "CRM for Microsoft Teams");
    CHECK(c->developer == "CRM");
    CHECK(c->website_url == "https://crm.example.com");
    CHECK(c->privacy_url == "https://crm.example.com/privacy");
    CHECK(c->terms_url == "https://crm.example.com/terms");
    CHECK(c->accent_color == "#2B579A");
    CHECK(c->version == CRMBOT_VERSION);

    const auto none = read_package_config(test::lookup({}));
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().field == "MicrosoftAppId");
    CHECK_THAT(none.error().message, Catch::Contains("MicrosoftAppId is not set") &&
                                         Catch::Contains("CRMBOT_PUBLIC_HOST is not set"));
}

TEST_CASE("config: the derived app id is a stable version-5 GUID of the bot id", "[config]") {
    const auto a = bot::package::derived_app_id("11111111-2222-3333-4444-555555555555");
    CHECK(bot::package::is_guid(a));
    CHECK(a[14] == '5');                                   // version 5
    CHECK(std::string("89ab").find(a[19]) != std::string::npos);  // RFC 4122 variant
    CHECK(a == bot::package::derived_app_id("11111111-2222-3333-4444-555555555555"));
    CHECK(a == bot::package::derived_app_id("11111111-2222-3333-4444-555555555555"));
    CHECK(a != "11111111-2222-3333-4444-555555555555");
    CHECK(a != bot::package::derived_app_id("11111111-2222-3333-4444-555555555556"));
}

TEST_CASE("config: each bad value is refused, naming its variable and field", "[config]") {
    struct Case {
        const char* variable;
        const char* value;
        const char* expected;
    };
    const Case cases[] = {
        {"MicrosoftAppId", "my-bot", "MicrosoftAppId (bots[0].botId) must be a GUID"},
        {"MicrosoftAppId", "11111111-2222-3333-4444-55555555555", "MicrosoftAppId (bots[0].botId) must be a GUID"},
        {"TEAMS_APP_ID", "not-a-guid", "TEAMS_APP_ID (id) must be a GUID"},
        {"TEAMS_APP_ID", "{aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee}", "TEAMS_APP_ID (id) must be a GUID"},
        {"TEAMS_APP_VERSION", "1.0", "TEAMS_APP_VERSION (version) must be a version MAJOR.MINOR.PATCH"},
        {"TEAMS_APP_VERSION", "1.0.0-beta", "TEAMS_APP_VERSION (version)"},
        {"TEAMS_APP_VERSION", "01.0.0", "TEAMS_APP_VERSION (version)"},
        {"TEAMS_APP_WEBSITE", "http://www.contoso.example", "TEAMS_APP_WEBSITE (developer.websiteUrl) must be an https:// URL"},
        {"TEAMS_APP_PRIVACY_URL", "www.contoso.example/privacy", "TEAMS_APP_PRIVACY_URL (developer.privacyUrl) must be an https:// URL"},
        {"TEAMS_APP_TERMS_URL", "https://", "TEAMS_APP_TERMS_URL (developer.termsOfUseUrl) must be an https:// URL"},
        {"TEAMS_APP_TERMS_URL", "https://x.example/a b", "TEAMS_APP_TERMS_URL (developer.termsOfUseUrl)"},
        {"CRMBOT_PUBLIC_HOST", "https://crm.example.com", "CRMBOT_PUBLIC_HOST (validDomains) must be a host name"},
        {"CRMBOT_PUBLIC_HOST", "crm.example.com/path", "CRMBOT_PUBLIC_HOST (validDomains)"},
        {"CRMBOT_PUBLIC_HOST", "localhost", "CRMBOT_PUBLIC_HOST (validDomains)"},
        {"CRMBOT_PUBLIC_HOST", "*.example.com", "CRMBOT_PUBLIC_HOST (validDomains)"},
        {"TEAMS_APP_ACCENT_COLOR", "blue", "TEAMS_APP_ACCENT_COLOR (accentColor) must be a colour #RRGGBB"},
        {"TEAMS_APP_ACCENT_COLOR", "#12345", "TEAMS_APP_ACCENT_COLOR (accentColor)"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.variable, c.value);
        auto env = test::valid_package_env();
        env[c.variable] = c.value;
        const auto config = read_package_config(test::lookup(env));
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().field == c.variable);
        CHECK_THAT(config.error().message, Catch::Contains(c.expected));
    }
}

TEST_CASE("config: a URL over the schema's 2048 characters is refused", "[config]") {
    auto env = test::valid_package_env();
    env["TEAMS_APP_WEBSITE"] = "https://www.contoso.example/" + std::string(2021, 'x');  // 2049
    const auto config = read_package_config(test::lookup(env));
    REQUIRE_FALSE(config.ok());
    CHECK_THAT(config.error().message,
               Catch::Contains("TEAMS_APP_WEBSITE (developer.websiteUrl) must be an https:// URL of at most 2048"));
    env["TEAMS_APP_WEBSITE"].pop_back();  // 2048
    CHECK(read_package_config(test::lookup(env)).ok());
}

TEST_CASE("config: an empty variable counts as unset", "[config]") {
    auto env = test::valid_package_env();
    env["TEAMS_APP_NAME"] = "";
    env["TEAMS_APP_ID"] = "";
    const auto c = read_package_config(test::lookup(env));
    REQUIRE(c.ok());
    CHECK(c->short_name == "CRM");
    CHECK(c->app_id == bot::package::derived_app_id(c->bot_id));
}
