#pragma once
// A stand-in for Microsoft's side of a Teams bot, for tests: a real HTTP/1.1
// server (Boost.Beast) on 127.0.0.1, port 0 = ephemeral, on its own threads.
// It plays, at once:
//  - the Bot Framework channel's OpenID metadata and JWKS (RSA-2048 keys with
//    `endorsements`), and signs channel -> bot tokens with its current key;
//  - the Entra client-credentials token endpoint (POST /<tenant>/oauth2/v2.0/token);
//  - a mock Bot Connector (/v3/conversations...), which records every request and
//    can be told to throttle, fail, refuse or answer slowly.
//
//   test::FakeChannel channel;
//   channel.start();
//   auto token = channel.channel_token();             // "Bearer " + token for the bot
//   ... point the bot at channel.openid_metadata_url(), channel.login_url(), channel.service_url()
//   REQUIRE(channel.wait_for_connector_requests(1, 5s));
//   auto sent = channel.connector_requests().front(); // method, path, headers, JSON body, time
//
// Thread-safe: tests drive it from their thread while its I/O threads serve.
#include "support/test_signer.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace test {

struct RecordedRequest {
    std::string method;  // "POST", "PUT", ...
    std::string target;  // the request target as received (still percent-encoded)
    std::string path;    // target without the query
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    nlohmann::json json;          // the body parsed, null when empty or not JSON
    std::string conversation_id;  // decoded, for /v3/conversations/{id}/... requests
    std::string activity_id;      // decoded, for .../activities/{activityId}
    int status = 0;               // what the fake answered
    std::chrono::steady_clock::time_point received_at;  // when the request was fully read

    // Case-insensitive; empty when absent.
    std::string header(std::string_view name) const;
    bool is_connector() const { return path.find("/v3/") != std::string::npos; }
};

// A programmed answer of the mock Bot Connector, used instead of the normal one.
struct ConnectorFault {
    int status = 0;  // 0: the normal answer (only `delay` applies)
    std::optional<std::string> retry_after;
    nlohmann::json body;  // null: no body
    std::chrono::milliseconds delay{0};

    // 429 {"error":{"code":"Throttled"}} with Retry-After (seconds or an HTTP-date).
    static ConnectorFault throttled(std::optional<std::string> retry_after = "1");
    // 500/502/503/504 {"error":{"code":"ServiceError"}}.
    static ConnectorFault server_error(int status = 500);
    // 403 {"error":{"code":code,"subCode":sub_code,"message":...}}.
    static ConnectorFault forbidden(std::string sub_code = "MessageWritesBlocked", std::string code = "BadArgument");
    // 404 {"error":{"code":"ConversationNotFound"}}.
    static ConnectorFault not_found();
    // The normal answer, `delay` late.
    static ConnectorFault slow(std::chrono::milliseconds delay);
};

struct FakeChannelOptions {
    std::string app_id = std::string(kTestAppId);
    // What the token endpoint requires of a client-credentials request.
    std::string client_secret = "test-client-secret";
    std::string scope = "https://api.botframework.com/.default";
    int token_expires_in = 3600;
    std::vector<std::string> endorsements{"msteams"};
    // 401 for /v3 requests without a Bearer token this fake issued (and did not revoke).
    bool connector_requires_token = false;
    std::size_t threads = 2;
};

class FakeChannel {
public:
    explicit FakeChannel(FakeChannelOptions options = {});
    ~FakeChannel();  // stop()
    FakeChannel(const FakeChannel&) = delete;
    FakeChannel& operator=(const FakeChannel&) = delete;

    // Binds 127.0.0.1:`port` (0: ephemeral) and starts serving; throws on failure.
    // After stop(), start(port()) brings it back on the same port (state is kept).
    void start(std::uint16_t port = 0);
    // Closes the listener and every connection, joins the threads. Idempotent.
    void stop();
    bool running() const;

    std::uint16_t port() const;
    std::string base_url() const;             // "http://127.0.0.1:<port>"
    std::string openid_metadata_url() const;  // <base>/v1/.well-known/openidconfiguration
    std::string jwks_url() const;             // <base>/v1/.well-known/keys
    std::string service_url() const;          // "<base>/": the serviceUrl of activities
    std::string login_url(std::string_view tenant = "botframework.com") const;  // <base>/<tenant>

    // --- channel -> bot tokens --------------------------------------------------------------
    const std::string& app_id() const { return options_.app_id; }
    std::string kid() const;  // the current signing key's kid
    std::shared_ptr<const TestSigner> signer() const;
    // Signed with the current key.
    std::string sign(const nlohmann::json& claims,
                     const nlohmann::json& header_overrides = nlohmann::json::object()) const;
    // A valid token for `app_id` (default: options.app_id) and `service_url` (default: service_url()).
    std::string channel_token(std::optional<std::string> app_id = {}, std::optional<std::string> service_url = {}) const;
    // Endorsements published with every key from now on.
    void set_endorsements(std::vector<std::string> endorsements);
    // Publishes (and signs with) a new key; the old one stays published when
    // `keep_previous`. Returns the new kid.
    std::string rotate_key(bool keep_previous = true);
    // Non-zero: metadata and JWKS answer this status (e.g. 503); 0: healthy again.
    void set_discovery_failure(int status);
    std::size_t metadata_fetches() const;
    std::size_t jwks_fetches() const;

    // --- token endpoint -----------------------------------------------------------------------
    std::size_t token_requests() const;  // every POST to .../oauth2/v2.0/token, good or bad
    // The next `count` token requests answer `status` ({"error":"temporarily_unavailable"}).
    void fail_token_requests(std::size_t count, int status = 503);
    void set_token_expires_in(int seconds);
    std::vector<std::string> issued_tokens() const;
    // Makes every token issued so far unacceptable to the connector (with connector_requires_token).
    void revoke_issued_tokens();

    // --- mock Bot Connector -------------------------------------------------------------------
    // The next `times` connector requests get `fault`; faults queue in order.
    void push_fault(const ConnectorFault& fault, std::size_t times = 1);
    void clear_faults();
    // Every connector answer is this late (on top of a fault's own delay).
    void set_connector_delay(std::chrono::milliseconds delay);
    // A random `ratio` of the connector requests (after queued faults) answer 429
    // with this Retry-After; deterministic for a given seed.
    void set_random_throttling(double ratio, std::string retry_after, unsigned seed = 42);

    std::vector<RecordedRequest> requests() const;  // everything received, in order
    std::vector<RecordedRequest> connector_requests() const;  // .../v3/... only
    std::size_t connector_request_count() const;
    // Waits until at least `count` connector requests were recorded.
    bool wait_for_connector_requests(std::size_t count, std::chrono::milliseconds timeout) const;
    void clear_requests();

    struct Core;  // shared with the I/O sessions

private:
    struct Server;

    FakeChannelOptions options_;
    std::shared_ptr<Core> core_;
    std::unique_ptr<Server> server_;
    std::uint16_t port_ = 0;
};

}  // namespace test
