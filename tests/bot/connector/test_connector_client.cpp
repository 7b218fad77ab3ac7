// The cpprestsdk Bot Connector client against the fake channel's mock
// connector and token endpoint, over real HTTP.
#include "connector/connector_client.hpp"
#include "support/fake_channel.hpp"

#include <catch2/catch.hpp>

#include <ctime>

using namespace std::chrono_literals;
using bot::connector::ConnectorAuth;
using bot::connector::ConnectorOutcome;
using bot::connector::CppRestConnectorClient;
using bot::connector::CppRestConnectorOptions;
using bot::connector::ServiceUrlPolicy;
using bot::connector::ServiceUrlPolicyOptions;

namespace {

const nlohmann::json kMessage = {{"type", "message"}, {"text", "Lead 42: Contoso, stage Qualified"}};

struct Fixture {
    explicit Fixture(test::FakeChannelOptions options = {}, ConnectorAuth auth = ConnectorAuth::bearer_token,
                     std::chrono::milliseconds timeout = 3s)
        : channel(std::move(options)) {
        channel.start();
        policy = std::make_shared<ServiceUrlPolicy>(ServiceUrlPolicyOptions{.allowed_hosts = {}});
        policy->trust(channel.service_url());  // as after an authenticated activity

        bot::connector::ClientCredentialsConfig config;
        config.app_id = channel.app_id();
        config.app_password = "test-client-secret";
        config.login_url = channel.login_url();
        config.timeout = 3s;
        tokens = bot::connector::ClientCredentialsTokenProvider::create(config).value();

        CppRestConnectorOptions options_;
        options_.auth = auth;
        options_.timeout = timeout;
        auto created = CppRestConnectorClient::create(auth == ConnectorAuth::none ? nullptr : tokens, policy, options_);
        REQUIRE(created.ok());
        client = created.value();
    }

    test::FakeChannel channel;
    std::shared_ptr<ServiceUrlPolicy> policy;
    std::shared_ptr<bot::connector::ClientCredentialsTokenProvider> tokens;
    std::shared_ptr<CppRestConnectorClient> client;
};

}  // namespace

TEST_CASE("a reply lands at the activity's path with the Bearer token and the JSON body", "[connector][client]") {
    Fixture f;
    auto r = f.client->reply_to_activity(f.channel.service_url(), "a:1Xz9", "1700000000000", kMessage);
    REQUIRE(r.ok());
    CHECK(r.status == 200);
    CHECK(r.id.starts_with("1:mock-"));

    const auto sent = f.channel.connector_requests();
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].method == "POST");
    CHECK(sent[0].path == "/v3/conversations/a%3A1Xz9/activities/1700000000000");
    CHECK(sent[0].conversation_id == "a:1Xz9");
    CHECK(sent[0].activity_id == "1700000000000");
    CHECK(sent[0].header("Authorization") == "Bearer " + f.channel.issued_tokens().at(0));
    CHECK(sent[0].header("Content-Type").starts_with("application/json"));
    CHECK(sent[0].json == kMessage);
}

TEST_CASE("the token is fetched once for many calls", "[connector][client]") {
    Fixture f;
    for (int i = 0; i < 5; ++i) REQUIRE(f.client->send_to_conversation(f.channel.service_url(), "a:1", kMessage).ok());
    CHECK(f.channel.token_requests() == 1);
    for (const auto& r : f.channel.connector_requests()) {
        CHECK(r.header("Authorization") == "Bearer " + f.channel.issued_tokens().at(0));
    }
}

TEST_CASE("conversation and activity ids are percent-encoded in the path", "[connector][client]") {
    Fixture f;
    const std::string channel_thread = "19:d4b5c1e2f3@thread.tacv2;messageid=1700000000001";
    auto r = f.client->reply_to_activity(f.channel.service_url(), channel_thread, "1:2@x", kMessage);
    REQUIRE(r.ok());
    const auto sent = f.channel.connector_requests().at(0);
    CHECK(sent.path == "/v3/conversations/19%3Ad4b5c1e2f3%40thread.tacv2%3Bmessageid%3D1700000000001/activities/1%3A2%40x");
    CHECK(sent.conversation_id == channel_thread);
    CHECK(sent.activity_id == "1:2@x");

    CHECK(bot::connector::activities_path("a/b?c#d %") == "/v3/conversations/a%2Fb%3Fc%23d%20%25/activities");
}

TEST_CASE("send, update, delete and create conversation use the right method and path", "[connector][client]") {
    Fixture f;
    const auto url = f.channel.service_url();

    auto sent = f.client->send_to_conversation(url, "a:1", kMessage);
    REQUIRE(sent.ok());
    auto updated = f.client->update_activity(url, "a:1", sent.id, {{"type", "message"}, {"text", "v2"}});
    REQUIRE(updated.ok());
    CHECK(updated.id == sent.id);
    REQUIRE(f.client->delete_activity(url, "a:1", sent.id).ok());

    const nlohmann::json params = {{"isGroup", false},
                                   {"bot", {{"id", "28:" + f.channel.app_id()}}},
                                   {"members", {{{"id", "29:1abc"}}}},
                                   {"tenantId", "tenant-1"},
                                   {"channelData", {{"tenant", {{"id", "tenant-1"}}}}}};
    auto created = f.client->create_conversation(url, params);
    REQUIRE(created.ok());
    CHECK(created.status == 201);
    CHECK(created.id.starts_with("a:new-conversation-"));

    const auto requests = f.channel.connector_requests();
    REQUIRE(requests.size() == 4);
    CHECK(requests[0].method == "POST");
    CHECK(requests[0].path == "/v3/conversations/a%3A1/activities");
    CHECK(requests[1].method == "PUT");
    CHECK(requests[1].path == "/v3/conversations/a%3A1/activities/" + bot::connector::percent_encode(sent.id));
    CHECK(requests[1].json.at("text") == "v2");
    CHECK(requests[2].method == "DELETE");
    CHECK(requests[3].method == "POST");
    CHECK(requests[3].path == "/v3/conversations");
    CHECK(requests[3].json == params);
}

TEST_CASE("a service URL with a path is joined without a double slash", "[connector][client]") {
    Fixture f;
    const auto amer = f.channel.base_url() + "/amer/";
    f.policy->trust(amer);
    REQUIRE(f.client->send_to_conversation(amer, "a:1", kMessage).ok());
    const auto no_slash = f.channel.base_url() + "/emea";
    f.policy->trust(no_slash);
    REQUIRE(f.client->send_to_conversation(no_slash, "a:1", kMessage).ok());

    const auto requests = f.channel.connector_requests();
    CHECK(requests.at(0).path == "/amer/v3/conversations/a%3A1/activities");
    CHECK(requests.at(1).path == "/emea/v3/conversations/a%3A1/activities");

    using bot::connector::join_url;
    CHECK(join_url("https://h/amer/", "/v3/x") == "https://h/amer/v3/x");
    CHECK(join_url("https://h/amer", "v3/x") == "https://h/amer/v3/x");
    CHECK(join_url("https://h//", "//v3/x") == "https://h/v3/x");
}

TEST_CASE("error answers are reported with status, code, subCode and Retry-After", "[connector][client]") {
    Fixture f;
    const auto url = f.channel.service_url();

    f.channel.push_fault(test::ConnectorFault::forbidden("MessageWritesBlocked"));
    auto blocked = f.client->send_to_conversation(url, "a:1", kMessage);
    CHECK(blocked.outcome == ConnectorOutcome::http_error);
    CHECK(blocked.status == 403);
    CHECK(blocked.error_code == "BadArgument");
    CHECK(blocked.error_sub_code == "MessageWritesBlocked");
    CHECK_FALSE(blocked.retryable);
    CHECK(blocked.message.find("MessageWritesBlocked") != std::string::npos);

    f.channel.push_fault(test::ConnectorFault::throttled("7"));
    auto throttled = f.client->send_to_conversation(url, "a:1", kMessage);
    CHECK(throttled.status == 429);
    CHECK(throttled.error_code == "Throttled");
    CHECK(throttled.retryable);
    REQUIRE(throttled.retry_after.has_value());
    CHECK(*throttled.retry_after == 7s);

    for (const int status : {500, 502, 503, 504, 412}) {
        f.channel.push_fault(test::ConnectorFault::server_error(status));
        auto r = f.client->send_to_conversation(url, "a:1", kMessage);
        CHECK(r.status == status);
        CHECK(r.retryable);
        CHECK_FALSE(r.retry_after.has_value());
    }

    f.channel.push_fault(test::ConnectorFault::not_found());
    auto missing = f.client->send_to_conversation(url, "a:1", kMessage);
    CHECK(missing.status == 404);
    CHECK(missing.error_code == "ConversationNotFound");
    CHECK_FALSE(missing.retryable);
}

TEST_CASE("a service URL that is neither trusted nor allow-listed is refused without any request",
          "[connector][client]") {
    Fixture f;
    const auto untrusted = "http://127.0.0.1:" + std::to_string(f.channel.port()) + "/elsewhere/";
    auto r = f.client->send_to_conversation(untrusted, "a:1", kMessage);
    CHECK(r.outcome == ConnectorOutcome::refused);
    CHECK_FALSE(r.retryable);
    CHECK(f.client->send_to_conversation("https://evil.example/", "a:1", kMessage).outcome == ConnectorOutcome::refused);
    CHECK(f.client->create_conversation("https://smba.trafficmanager.net@127.0.0.1/", {}).outcome ==
          ConnectorOutcome::refused);
    // Nothing reached the fake: no connector request and not even a token fetch.
    CHECK(f.channel.requests().empty());
}

TEST_CASE("a connector that is down is a retryable transport error", "[connector][client]") {
    Fixture f;
    const auto url = f.channel.service_url();
    REQUIRE(f.client->send_to_conversation(url, "a:1", kMessage).ok());
    f.channel.stop();
    auto r = f.client->send_to_conversation(url, "a:1", kMessage);
    CHECK(r.outcome == ConnectorOutcome::transport_error);
    CHECK(r.retryable);
    CHECK(r.status == 0);
}

TEST_CASE("a timeout is a retryable transport error", "[connector][client]") {
    Fixture f({}, ConnectorAuth::bearer_token, 1s);
    f.channel.push_fault(test::ConnectorFault::slow(5s));
    const auto started = std::chrono::steady_clock::now();
    auto r = f.client->send_to_conversation(f.channel.service_url(), "a:1", kMessage);  // client timeout: 1 s
    CHECK(std::chrono::steady_clock::now() - started < 2500ms);
    CHECK(r.outcome == ConnectorOutcome::transport_error);
    CHECK(r.retryable);
}

TEST_CASE("a 401 renews the token once and resends", "[connector][client]") {
    test::FakeChannelOptions options;
    options.connector_requires_token = true;
    Fixture f(options);
    REQUIRE(f.client->send_to_conversation(f.channel.service_url(), "a:1", kMessage).ok());
    f.channel.revoke_issued_tokens();  // e.g. the token was revoked upstream

    auto r = f.client->send_to_conversation(f.channel.service_url(), "a:1", kMessage);
    REQUIRE(r.ok());
    CHECK(f.channel.token_requests() == 2);
    const auto requests = f.channel.connector_requests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[1].status == 401);
    CHECK(requests[2].header("Authorization") == "Bearer " + f.channel.issued_tokens().at(1));
}

TEST_CASE("token failures are reported and not sent", "[connector][client]") {
    Fixture f;
    f.channel.fail_token_requests(1, 503);
    auto transient = f.client->send_to_conversation(f.channel.service_url(), "a:1", kMessage);
    CHECK(transient.outcome == ConnectorOutcome::token_error);
    CHECK(transient.retryable);
    CHECK(f.channel.connector_request_count() == 0);
}

TEST_CASE("local-development mode sends no Authorization header and fetches no token", "[connector][client]") {
    Fixture f({}, ConnectorAuth::none);
    REQUIRE(f.client->send_to_conversation(f.channel.service_url(), "a:1", kMessage).ok());
    CHECK(f.channel.connector_requests().at(0).header("Authorization").empty());
    CHECK(f.channel.token_requests() == 0);
}

TEST_CASE("the client refuses to be built without a policy or, with auth, without tokens", "[connector][client]") {
    auto policy = std::make_shared<ServiceUrlPolicy>();
    CHECK_FALSE(CppRestConnectorClient::create(nullptr, policy).ok());
    CHECK_FALSE(CppRestConnectorClient::create(nullptr, nullptr, {.auth = ConnectorAuth::none}).ok());
    CHECK(CppRestConnectorClient::create(nullptr, policy, {.auth = ConnectorAuth::none}).ok());
}

TEST_CASE("Retry-After is read as seconds or as an HTTP-date", "[connector][client]") {
    using bot::connector::parse_retry_after;
    const auto now = std::chrono::system_clock::from_time_t(1'793'000'000);  // some fixed instant
    CHECK(parse_retry_after("0", now) == 0ms);
    CHECK(parse_retry_after(" 120 ", now) == 120s);
    CHECK(parse_retry_after("99999999", now) == 24h);  // capped

    // Format `now + 90 s` as an IMF-fixdate.
    const std::time_t later = std::chrono::system_clock::to_time_t(now + 90s);
    std::tm tm{};
    gmtime_r(&later, &tm);
    char date[64];
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    INFO(date);
    CHECK(parse_retry_after(date, now) == 90s);
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now) == 0ms);  // in the past

    CHECK_FALSE(parse_retry_after("", now).has_value());
    CHECK_FALSE(parse_retry_after("-1", now).has_value());
    CHECK_FALSE(parse_retry_after("soon", now).has_value());
    CHECK_FALSE(parse_retry_after("1.5", now).has_value());
    CHECK_FALSE(parse_retry_after("Sun, 06 Foo 1994 08:49:37 GMT", now).has_value());
}

TEST_CASE("an HTTP-date Retry-After from the connector is converted to a delay", "[connector][client]") {
    Fixture f;
    const std::time_t later = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + 30s);
    std::tm tm{};
    gmtime_r(&later, &tm);
    char date[64];
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    f.channel.push_fault(test::ConnectorFault::throttled(std::string(date)));
    auto r = f.client->send_to_conversation(f.channel.service_url(), "a:1", kMessage);
    REQUIRE(r.retry_after.has_value());
    CHECK(*r.retry_after > 27s);
    CHECK(*r.retry_after <= 31s);
}
