#pragma once
// Outbound calls to the Bot Connector REST API v3 (protocol doc §4.2):
//   POST   {serviceUrl}/v3/conversations/{conversationId}/activities              send
//   POST   {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId} reply
//   PUT    {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId} update in place
//   DELETE {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId} delete
//   POST   {serviceUrl}/v3/conversations                                           create conversation
//
// ConnectorClient is the interface the rest of the bot uses; CppRestConnectorClient
// implements it with cpprestsdk, which is in maintenance mode: a replacement
// only has to implement these five calls.
//
// Every call answers a ConnectorResponse, never throws, and does one HTTP
// exchange (two when a 401 makes it renew the token); retrying is the caller's
// business (SendQueue). Before anything goes out, the ServiceUrlPolicy must
// allow the service URL: otherwise the call is refused without a token fetch
// and without a request.
#include "connector/service_url_policy.hpp"
#include "connector/token_provider.hpp"

#include <crm_core/result.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace web::http {
class http_request;
class http_response;
namespace client {
class http_client;
}
}  // namespace web::http

namespace bot::connector {

enum class ConnectorOutcome {
    success,          // 2xx
    http_error,       // the connector answered, not 2xx: see status, error_code, error_sub_code
    transport_error,  // no answer: connection refused or reset, timeout
    token_error,      // no access token could be had (status 0)
    refused,          // not sent: service URL not allowed, or a bad argument
};

std::string_view to_string(ConnectorOutcome outcome);

struct ConnectorResponse {
    ConnectorOutcome outcome = ConnectorOutcome::transport_error;
    int status = 0;       // HTTP status; 0 when nothing was answered
    std::string id;       // "id" of the answer: the new activity or conversation
    nlohmann::json body;  // the parsed answer body; null when empty or not JSON
    std::optional<std::chrono::milliseconds> retry_after;  // Retry-After, seconds or HTTP-date
    std::string error_code;      // error.code of the body, e.g. "Throttled", "BadArgument"
    std::string error_sub_code;  // error.subCode, e.g. "MessageWritesBlocked"
    std::string message;         // short description for the log (no token, no body dump)
    bool retryable = false;      // sending the same request later may succeed

    bool ok() const { return outcome == ConnectorOutcome::success; }
};

// A request body already serialized to JSON text. A queued activity is
// serialized once, when it is queued, not again on every attempt.
struct JsonBody {
    std::string text;
};

// JSON text of `value`; nullopt when a string in it is not valid UTF-8 (the
// connector would refuse it).
std::optional<JsonBody> to_json_body(const nlohmann::json& value);

class ConnectorClient {
public:
    virtual ~ConnectorClient() = default;

    virtual ConnectorResponse send_to_conversation(const std::string& service_url, const std::string& conversation_id,
                                                   const JsonBody& activity) = 0;
    virtual ConnectorResponse reply_to_activity(const std::string& service_url, const std::string& conversation_id,
                                                const std::string& activity_id, const JsonBody& activity) = 0;
    virtual ConnectorResponse update_activity(const std::string& service_url, const std::string& conversation_id,
                                              const std::string& activity_id, const JsonBody& activity) = 0;
    virtual ConnectorResponse delete_activity(const std::string& service_url, const std::string& conversation_id,
                                              const std::string& activity_id) = 0;
    // `parameters`: ConversationParameters, e.g. {isGroup, bot, members, tenantId, channelData}.
    // The answer's id is the conversation id (body also has activityId/serviceUrl).
    virtual ConnectorResponse create_conversation(const std::string& service_url,
                                                  const nlohmann::json& parameters) = 0;

    // One HTTP exchange without waiting for it: `done` runs exactly once, on a client
    // thread, or on the calling thread when nothing was sent (refused, no token).
    // `done` must not wait on other outbound calls. Unlike the calls above, a 401 is
    // not retried here (the token is dropped, so the caller's next try gets a new one).
    // `path` as from activities_path().
    using ResponseHandler = std::function<void(ConnectorResponse)>;
    virtual void request_async(const char* method, const std::string& service_url, const std::string& path,
                               const JsonBody* body, ResponseHandler done) = 0;

    // The same with the activity as JSON (serialized here; refused when not valid UTF-8).
    ConnectorResponse send_to_conversation(const std::string& service_url, const std::string& conversation_id,
                                           const nlohmann::json& activity);
    ConnectorResponse reply_to_activity(const std::string& service_url, const std::string& conversation_id,
                                        const std::string& activity_id, const nlohmann::json& activity);
    ConnectorResponse update_activity(const std::string& service_url, const std::string& conversation_id,
                                      const std::string& activity_id, const nlohmann::json& activity);
};

// How outbound requests authenticate. `none` exists for local development
// against a client that sends no tokens (Agents Playground) and must be chosen
// explicitly; it sends no Authorization header at all.
enum class ConnectorAuth { bearer_token, none };

// cpprestsdk starts 40 threads by default; outbound calls need few, and on a small
// machine the extra threads cost CPU in context switches. Call once, before any
// client exists (crmbot serve does, at start).
void limit_client_threads(std::size_t threads);

struct CppRestConnectorOptions {
    ConnectorAuth auth = ConnectorAuth::bearer_token;
    std::chrono::milliseconds timeout{std::chrono::seconds(30)};  // per HTTP exchange
    std::string user_agent = "teams-crm-bot";
};

class CppRestConnectorClient final : public ConnectorClient {
public:
    // `tokens` is required with ConnectorAuth::bearer_token and ignored with none;
    // `policy` is always required.
    static crm::Result<std::shared_ptr<CppRestConnectorClient>> create(std::shared_ptr<TokenProvider> tokens,
                                                                        std::shared_ptr<const ServiceUrlPolicy> policy,
                                                                        CppRestConnectorOptions options = {});

    CppRestConnectorClient(std::shared_ptr<TokenProvider> tokens, std::shared_ptr<const ServiceUrlPolicy> policy,
                           CppRestConnectorOptions options);  // use create()
    ~CppRestConnectorClient() override;

    using ConnectorClient::reply_to_activity;
    using ConnectorClient::send_to_conversation;
    using ConnectorClient::update_activity;
    ConnectorResponse send_to_conversation(const std::string& service_url, const std::string& conversation_id,
                                           const JsonBody& activity) override;
    ConnectorResponse reply_to_activity(const std::string& service_url, const std::string& conversation_id,
                                        const std::string& activity_id, const JsonBody& activity) override;
    ConnectorResponse update_activity(const std::string& service_url, const std::string& conversation_id,
                                      const std::string& activity_id, const JsonBody& activity) override;
    ConnectorResponse delete_activity(const std::string& service_url, const std::string& conversation_id,
                                      const std::string& activity_id) override;
    ConnectorResponse create_conversation(const std::string& service_url, const nlohmann::json& parameters) override;
    void request_async(const char* method, const std::string& service_url, const std::string& path,
                       const JsonBody* body, ResponseHandler done) override;

private:
    struct Endpoint {
        std::string origin;  // scheme://host[:port]
        std::string target;  // the service URL's path + the API path
    };
    // A refusal when the policy or the URL says no; else fills `out`.
    std::optional<ConnectorResponse> prepare(const std::string& service_url, const std::string& path,
                                             Endpoint& out) const;
    // A token_error response when no token can be had; else fills `out` (empty without auth).
    std::optional<ConnectorResponse> token(std::string& out) const;
    web::http::http_request make_request(const char* method, const Endpoint& endpoint, const std::string& token,
                                         const std::string* body) const;
    static ConnectorResponse read_response(const char* method, const web::http::http_response& response,
                                           const std::string& text);
    ConnectorResponse call(const char* method, const std::string& service_url, const std::string& path,
                           const std::string* body);
    std::shared_ptr<web::http::client::http_client> client_for(const std::string& origin);

    std::shared_ptr<TokenProvider> tokens_;
    std::shared_ptr<const ServiceUrlPolicy> policy_;
    CppRestConnectorOptions options_;

    std::mutex clients_mutex_;
    // One client (and so one connection pool) per scheme://host:port.
    std::map<std::string, std::shared_ptr<web::http::client::http_client>> clients_;
};

// --- helpers, exposed for tests --------------------------------------------------------------

// "/v3/conversations/{id}/activities[/{activityId}]" with both ids percent-encoded
// (conversation ids contain ':', ';', '@', '=').
std::string activities_path(std::string_view conversation_id, std::optional<std::string_view> activity_id = {});

// `base` + `path` with exactly one '/' between them ("https://h/amer/" + "/v3/x"
// = "https://h/amer/v3/x").
std::string join_url(std::string_view base, std::string_view path);

// Retry-After as delay-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT",
// relative to `now`, never negative). nullopt when it is neither.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

// 412, 429, 500, 502, 503, 504: the statuses worth retrying (protocol doc §5).
bool is_retryable_status(int status);

}  // namespace bot::connector
