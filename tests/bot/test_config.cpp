#include "config/config.hpp"
#include "config/redact.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>

namespace {

// A fake environment: DATABASE_URL set unless the test overrides it.
crm::Result<bot::Config> parse(std::map<std::string, std::string> vars) {
    vars.try_emplace("DATABASE_URL", "postgresql://crm:s3cret@db.example:5432/crm");
    return bot::from_environment([&](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    });
}

}  // namespace

TEST_CASE("defaults apply when only DATABASE_URL is set", "[config]") {
    auto c = parse({});
    REQUIRE(c.ok());
    CHECK(c->database_url == "postgresql://crm:s3cret@db.example:5432/crm");
    CHECK(c->port == 3978);
    CHECK(c->bind_address == "0.0.0.0");
    CHECK_FALSE(c->local_dev);
    CHECK(c->io_threads == 1);
    CHECK(c->workers == 4);
    CHECK(c->max_body_bytes == 256 * 1024);
    CHECK(c->log_level == spdlog::level::info);
    CHECK(c->microsoft_app_id.empty());
    CHECK(c->notices.empty());
}

TEST_CASE("DATABASE_URL is required", "[config]") {
    SECTION("unset") {
        auto c = bot::from_environment([](const std::string&) -> std::optional<std::string> { return std::nullopt; });
        REQUIRE_FALSE(c.ok());
        CHECK(c.error().field == "DATABASE_URL");
        CHECK_THAT(c.error().message, Catch::StartsWith("DATABASE_URL is not set"));
    }
    SECTION("empty") {
        auto c = parse({{"DATABASE_URL", ""}});
        REQUIRE_FALSE(c.ok());
        CHECK(c.error().field == "DATABASE_URL");
    }
}

TEST_CASE("PORT is parsed and validated, and errors name the variable", "[config]") {
    auto ok = parse({{"PORT", "8080"}});
    REQUIRE(ok.ok());
    CHECK(ok->port == 8080);

    for (const char* bad : {"http", "0", "65536", "-1", "80x", " 80", "99999999999999999999999"}) {
        INFO("PORT=" << bad);
        auto c = parse({{"PORT", bad}});
        REQUIRE_FALSE(c.ok());
        CHECK(c.error().code == crm::ErrorCode::validation);
        CHECK(c.error().field == "PORT");
        CHECK_THAT(c.error().message, Catch::StartsWith("PORT must be an integer from 1 to 65535"));
    }
}

TEST_CASE("an empty variable counts as unset", "[config]") {
    auto c = parse({{"PORT", ""}, {"CRMBOT_BIND", ""}});
    REQUIRE(c.ok());
    CHECK(c->port == 3978);
    CHECK(c->bind_address == "0.0.0.0");
}

TEST_CASE("every bad variable is reported at once", "[config]") {
    auto c = parse({{"PORT", "x"}, {"CRMBOT_WORKERS", "0"}, {"CRMBOT_LOG_LEVEL", "loud"}, {"CRMBOT_BIND", "localhost:1"}});
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().field == "PORT");
    for (const char* name : {"PORT", "CRMBOT_WORKERS", "CRMBOT_LOG_LEVEL", "CRMBOT_BIND"}) {
        CHECK_THAT(c.error().message, Catch::Contains(name));
    }
}

TEST_CASE("numeric settings are read and bounded", "[config]") {
    auto c = parse({{"CRMBOT_THREADS", "3"}, {"CRMBOT_WORKERS", "8"}, {"CRMBOT_MAX_BODY_BYTES", "1048576"}});
    REQUIRE(c.ok());
    CHECK(c->io_threads == 3);
    CHECK(c->workers == 8);
    CHECK(c->max_body_bytes == 1048576);

    CHECK(parse({{"CRMBOT_THREADS", "0"}}).error().field == "CRMBOT_THREADS");
    CHECK(parse({{"CRMBOT_WORKERS", "many"}}).error().field == "CRMBOT_WORKERS");
    CHECK(parse({{"CRMBOT_MAX_BODY_BYTES", "10"}}).error().field == "CRMBOT_MAX_BODY_BYTES");
}

TEST_CASE("CRMBOT_LOG_LEVEL accepts spdlog's level names", "[config]") {
    CHECK(parse({{"CRMBOT_LOG_LEVEL", "DEBUG"}})->log_level == spdlog::level::debug);
    CHECK(parse({{"CRMBOT_LOG_LEVEL", "warning"}})->log_level == spdlog::level::warn);
    CHECK(parse({{"CRMBOT_LOG_LEVEL", "off"}})->log_level == spdlog::level::off);
    CHECK(parse({{"CRMBOT_LOG_LEVEL", "chatty"}}).error().field == "CRMBOT_LOG_LEVEL");
}

TEST_CASE("CRMBOT_BIND must be an IP address", "[config]") {
    CHECK(parse({{"CRMBOT_BIND", "::"}})->bind_address == "::");
    CHECK(parse({{"CRMBOT_BIND", "10.1.2.3"}})->bind_address == "10.1.2.3");
    auto bad = parse({{"CRMBOT_BIND", "example.com"}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "CRMBOT_BIND");
}

TEST_CASE("local-development mode forces a loopback bind", "[config]") {
    for (const char* on : {"1", "true", "TRUE", "yes", "on"}) {
        INFO("CRMBOT_LOCAL_DEV=" << on);
        auto c = parse({{"CRMBOT_LOCAL_DEV", on}});
        REQUIRE(c.ok());
        CHECK(c->local_dev);
        CHECK(c->bind_address == "127.0.0.1");
        CHECK(c->notices.empty());
    }

    SECTION("an explicit non-loopback CRMBOT_BIND is overridden, with a notice") {
        auto c = parse({{"CRMBOT_LOCAL_DEV", "1"}, {"CRMBOT_BIND", "0.0.0.0"}});
        REQUIRE(c.ok());
        CHECK(c->bind_address == "127.0.0.1");
        REQUIRE(c->notices.size() == 1);
        CHECK_THAT(c->notices[0], Catch::Contains("CRMBOT_BIND"));
    }
    SECTION("off values") {
        for (const char* off : {"0", "false", "no", "off"}) {
            auto c = parse({{"CRMBOT_LOCAL_DEV", off}, {"CRMBOT_BIND", "0.0.0.0"}});
            REQUIRE(c.ok());
            CHECK_FALSE(c->local_dev);
            CHECK(c->bind_address == "0.0.0.0");
        }
    }
    SECTION("anything else is an error naming the variable") {
        auto c = parse({{"CRMBOT_LOCAL_DEV", "maybe"}});
        REQUIRE_FALSE(c.ok());
        CHECK(c.error().field == "CRMBOT_LOCAL_DEV");
    }
}

TEST_CASE("the Microsoft settings are read", "[config]") {
    auto c = parse({{"MicrosoftAppId", "00000000-0000-0000-0000-000000000001"},
                    {"MicrosoftAppPassword", "pa55word"},
                    {"MicrosoftAppTenantId", "tenant-guid"},
                    {"MicrosoftAppType", "SingleTenant"}});
    REQUIRE(c.ok());
    CHECK(c->microsoft_app_id == "00000000-0000-0000-0000-000000000001");
    CHECK(c->microsoft_app_password == "pa55word");
    CHECK(c->microsoft_app_tenant_id == "tenant-guid");
    CHECK(c->microsoft_app_type == "SingleTenant");

    const auto secrets = c->secrets();
    CHECK(std::find(secrets.begin(), secrets.end(), "pa55word") != secrets.end());
    CHECK(std::find(secrets.begin(), secrets.end(), "s3cret") != secrets.end());
}

TEST_CASE("database passwords are found in every connection-string form", "[config][redact]") {
    CHECK(bot::database_url_password("postgresql://crm:s3cret@db:5432/crm") == "s3cret");
    CHECK(bot::database_url_password("postgres://crm:p%40ss@db/crm?sslmode=require") == "p@ss");
    CHECK(bot::database_url_password("postgresql://crm@db/crm?password=qu3ry&sslmode=require") == "qu3ry");
    CHECK(bot::database_url_password("host=db user=crm password=kv dbname=crm") == "kv");
    CHECK(bot::database_url_password("host=db password = 'q u\\'ote' dbname=crm") == "q u'ote");
    CHECK(bot::database_url_password("postgresql:///crm?host=/tmp/x&port=5432&user=postgres").empty());
    CHECK(bot::database_url_password("host=db dbname=crm").empty());
}

TEST_CASE("redact replaces every secret", "[config][redact]") {
    const std::string url = "postgresql://crm:s3cret@db/crm";
    CHECK(bot::redact("cannot reach " + url + " (s3cret)", {url, "s3cret"}) == "cannot reach *** (***)");
    CHECK(bot::redact("nothing here", {"", "zzz"}) == "nothing here");
    CHECK(bot::redact_reason("refused: s3cret\n\tIs the server running?\n", {"s3cret"}) ==
          "refused: ***\n\tIs the server running?");
}
