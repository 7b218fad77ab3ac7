// The client-credentials token provider against the fake channel's token
// endpoint, over real HTTP.
#include "auth/manual_clock.hpp"
#include "connector/token_provider.hpp"
#include "support/fake_channel.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using bot::connector::AppType;
using bot::connector::ClientCredentialsConfig;
using bot::connector::ClientCredentialsTokenProvider;

namespace {

constexpr const char* kSecret = "test-client-secret";

struct Fixture {
    Fixture() { channel.start(); }

    ClientCredentialsConfig config(std::string tenant = "botframework.com") const {
        ClientCredentialsConfig c;
        c.app_id = channel.app_id();
        c.app_password = kSecret;
        c.login_url = channel.login_url(tenant);
        c.timeout = 3s;
        c.clock = clock.source();
        return c;
    }

    std::shared_ptr<ClientCredentialsTokenProvider> provider(ClientCredentialsConfig c) const {
        auto created = ClientCredentialsTokenProvider::create(std::move(c));
        REQUIRE(created.ok());
        return created.value();
    }

    test::ManualClock clock;
    test::FakeChannel channel;
};

}  // namespace

TEST_CASE("the token is fetched once with client credentials and then cached", "[connector][token]") {
    Fixture f;
    auto tokens = f.provider(f.config());
    CHECK(tokens->token_url() == f.channel.base_url() + "/botframework.com/oauth2/v2.0/token");
    CHECK(tokens->scope() == "https://api.botframework.com/.default");

    auto first = tokens->access_token();
    REQUIRE(first.ok());
    CHECK(first.value() == f.channel.issued_tokens().at(0));
    for (int i = 0; i < 10; ++i) CHECK(tokens->access_token().value() == first.value());
    CHECK(f.channel.token_requests() == 1);
    CHECK(tokens->fetch_count() == 1);

    // The request was a proper form post (the fake checked every field, or it would have answered 4xx).
    const auto sent = f.channel.requests().at(0);
    CHECK(sent.method == "POST");
    CHECK(sent.path == "/botframework.com/oauth2/v2.0/token");
    CHECK(sent.header("Content-Type").starts_with("application/x-www-form-urlencoded"));
    CHECK(sent.body.find("grant_type=client_credentials") != std::string::npos);
    CHECK(sent.body.find("scope=https%3A%2F%2Fapi.botframework.com%2F.default") != std::string::npos);
}

TEST_CASE("the token is renewed 5 minutes before it expires", "[connector][token]") {
    Fixture f;
    auto tokens = f.provider(f.config());
    const auto first = tokens->access_token().value();

    f.clock.advance(3600s - 300s - 2s);
    CHECK(tokens->access_token().value() == first);
    CHECK(f.channel.token_requests() == 1);

    f.clock.advance(3s);
    const auto second = tokens->access_token().value();
    CHECK(second != first);
    CHECK(f.channel.token_requests() == 2);
    CHECK(tokens->access_token().value() == second);
    CHECK(f.channel.token_requests() == 2);
}

TEST_CASE("a short-lived token is renewed for real, without an injected clock", "[connector][token]") {
    Fixture f;
    f.channel.set_token_expires_in(2);
    auto config = f.config();
    config.clock = {};
    config.refresh_margin = 1s;
    auto tokens = f.provider(config);
    const auto first = tokens->access_token().value();
    CHECK(tokens->access_token().value() == first);
    std::this_thread::sleep_for(1100ms);
    CHECK(tokens->access_token().value() != first);
    CHECK(f.channel.token_requests() == 2);
}

TEST_CASE("invalidate() makes the next call fetch a new token", "[connector][token]") {
    Fixture f;
    auto tokens = f.provider(f.config());
    const auto first = tokens->access_token().value();
    tokens->invalidate();
    CHECK(tokens->access_token().value() != first);
    CHECK(f.channel.token_requests() == 2);
}

TEST_CASE("concurrent callers share one token fetch", "[connector][token]") {
    Fixture f;
    auto tokens = f.provider(f.config());
    std::vector<std::thread> threads;
    std::mutex seen_mutex;
    std::set<std::string> seen;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 10; ++i) {
                auto token = tokens->access_token();
                std::lock_guard lock(seen_mutex);
                seen.insert(token.ok() ? token.value() : "error");
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(seen.size() == 1);
    CHECK(f.channel.token_requests() == 1);
}

TEST_CASE("a wrong secret is a permanent error that does not reveal the secret", "[connector][token]") {
    Fixture f;
    auto config = f.config();
    config.app_password = "wrong-secret-value";
    auto tokens = f.provider(config);
    auto token = tokens->access_token();
    REQUIRE_FALSE(token.ok());
    CHECK(token.error().code == crm::ErrorCode::forbidden);
    CHECK(token.error().message.find("invalid_client") != std::string::npos);
    CHECK(token.error().message.find("wrong-secret-value") == std::string::npos);
}

TEST_CASE("token endpoint outages are transient errors, a still-valid token is kept", "[connector][token]") {
    Fixture f;
    auto tokens = f.provider(f.config());

    SECTION("no token yet") {
        f.channel.fail_token_requests(1, 503);
        auto token = tokens->access_token();
        REQUIRE_FALSE(token.ok());
        CHECK(token.error().code == crm::ErrorCode::unavailable);
        CHECK(tokens->access_token().ok());  // the endpoint is back
    }
    SECTION("renewal fails while the old token is valid") {
        const auto first = tokens->access_token().value();
        f.clock.advance(3600s - 200s);  // inside the renewal margin, not expired
        f.channel.fail_token_requests(1, 503);
        CHECK(tokens->access_token().value() == first);
        CHECK(f.channel.token_requests() == 2);
        CHECK(tokens->access_token().value() != first);  // renewed at the next call
    }
    SECTION("endpoint unreachable") {
        f.channel.stop();
        auto token = tokens->access_token();
        REQUIRE_FALSE(token.ok());
        CHECK(token.error().code == crm::ErrorCode::unavailable);
    }
}

TEST_CASE("single-tenant apps use their tenant's authority", "[connector][token]") {
    Fixture f;
    ClientCredentialsConfig config;
    config.app_id = "app";
    config.app_password = "secret";
    config.app_type = AppType::single_tenant;

    auto missing_tenant = ClientCredentialsTokenProvider::create(config);
    REQUIRE_FALSE(missing_tenant.ok());
    CHECK(missing_tenant.error().field == "MicrosoftAppTenantId");

    config.tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    auto single = ClientCredentialsTokenProvider::create(config);
    REQUIRE(single.ok());
    CHECK(single.value()->token_url() ==
          "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token");

    config.app_type = AppType::multi_tenant;
    CHECK(ClientCredentialsTokenProvider::create(config).value()->token_url() ==
          "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");

    // Against the fake: the request goes to /<tenant>/oauth2/v2.0/token.
    auto local = f.config("72f988bf-86f1-41af-91ab-2d7cd011db47");
    local.app_type = AppType::single_tenant;
    local.tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    REQUIRE(f.provider(local)->access_token().ok());
    CHECK(f.channel.requests().back().path == "/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token");
}

TEST_CASE("token provider configuration is checked", "[connector][token]") {
    ClientCredentialsConfig config;
    config.app_id = "app";
    config.app_password = "secret";
    config.app_type = AppType::user_assigned_msi;
    CHECK_FALSE(ClientCredentialsTokenProvider::create(config).ok());

    config.app_type = AppType::multi_tenant;
    config.app_password.clear();
    CHECK(ClientCredentialsTokenProvider::create(config).error().field == "MicrosoftAppPassword");

    config.app_password = "secret";
    config.login_url = "ftp://login";
    CHECK_FALSE(ClientCredentialsTokenProvider::create(config).ok());

    config.login_url = "https://login.example.com/tenant/";
    config.oauth_scope = "https://api.botframework.com/.default";
    auto created = ClientCredentialsTokenProvider::create(config);
    REQUIRE(created.ok());
    CHECK(created.value()->token_url() == "https://login.example.com/tenant/oauth2/v2.0/token");
    CHECK(created.value()->scope() == "https://api.botframework.com/.default");

    CHECK(bot::connector::parse_app_type("").value() == AppType::multi_tenant);
    CHECK(bot::connector::parse_app_type("MultiTenant").value() == AppType::multi_tenant);
    CHECK(bot::connector::parse_app_type("singletenant").value() == AppType::single_tenant);
    CHECK(bot::connector::parse_app_type("UserAssignedMSI").value() == AppType::user_assigned_msi);
    CHECK_FALSE(bot::connector::parse_app_type("Both").ok());
}

TEST_CASE("percent_encode keeps only unreserved characters", "[connector][token]") {
    using bot::connector::percent_encode;
    CHECK(percent_encode("AZaz09-._~") == "AZaz09-._~");
    CHECK(percent_encode("a b+c&d=e/f:g;h@i") == "a%20b%2Bc%26d%3De%2Ff%3Ag%3Bh%40i");
    CHECK(percent_encode("\xC3\xA9") == "%C3%A9");
}
