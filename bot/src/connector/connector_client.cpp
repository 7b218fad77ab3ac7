#include "connector/connector_client.hpp"

#include <pplx/threadpool.h>

#include <cpprest/http_client.h>
#include <spdlog/spdlog.h>

#include <array>
#include <cctype>
#include <charconv>
#include <ctime>
#include <exception>
#include <vector>

namespace bot::connector {
namespace {

using utility::conversions::to_string_t;

// cpprestsdk's set_body(std::string) reads a char stream through an unsigned-char
// stream interface (undefined behaviour UBSan reports); the byte-vector overload
// does not. It sets application/octet-stream, so the real type is set after.
void set_text_body(web::http::http_request& request, const std::string& body, const char* content_type) {
    request.set_body(std::vector<unsigned char>(body.begin(), body.end()));
    request.headers().set_content_type(to_string_t(content_type));
}

constexpr std::string_view kConversationsPath = "/v3/conversations";

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

// IMF-fixdate, the HTTP-date form servers must send: "Sun, 06 Nov 1994 08:49:37 GMT".
// Parsed by hand: strptime's %a/%b depend on the locale.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view s) {
    static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto comma = s.find(", ");
    if (comma == std::string_view::npos) return std::nullopt;
    s.remove_prefix(comma + 2);  // "06 Nov 1994 08:49:37 GMT"
    if (s.size() != 24 || s[2] != ' ' || s[6] != ' ' || s[11] != ' ' || s[14] != ':' || s[17] != ':' ||
        s.substr(20) != " GMT") {
        return std::nullopt;
    }
    auto number = [&](std::size_t pos, std::size_t len, int& out) {
        const auto [ptr, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
        return ec == std::errc{} && ptr == s.data() + pos + len;
    };
    std::tm tm{};
    int month = -1;
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
        if (s.substr(3, 3) == kMonths[i]) month = static_cast<int>(i);
    }
    if (month < 0 || !number(0, 2, tm.tm_mday) || !number(7, 4, tm.tm_year) || !number(12, 2, tm.tm_hour) ||
        !number(15, 2, tm.tm_min) || !number(18, 2, tm.tm_sec)) {
        return std::nullopt;
    }
    tm.tm_mon = month;
    tm.tm_year -= 1900;
    const std::time_t t = timegm(&tm);
    if (t == static_cast<std::time_t>(-1)) return std::nullopt;
    return std::chrono::system_clock::from_time_t(t);
}

std::string string_at(const nlohmann::json& object, const char* key) {
    if (!object.is_object()) return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

ConnectorResponse not_sent(ConnectorOutcome outcome, std::string message, bool retryable = false) {
    ConnectorResponse r;
    r.outcome = outcome;
    r.message = std::move(message);
    r.retryable = retryable;
    return r;
}

}  // namespace

std::string_view to_string(ConnectorOutcome outcome) {
    switch (outcome) {
        case ConnectorOutcome::success: return "success";
        case ConnectorOutcome::http_error: return "http_error";
        case ConnectorOutcome::transport_error: return "transport_error";
        case ConnectorOutcome::token_error: return "token_error";
        case ConnectorOutcome::refused: return "refused";
    }
    return "unknown";
}

bool is_retryable_status(int status) {
    return status == 412 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

std::string activities_path(std::string_view conversation_id, std::optional<std::string_view> activity_id) {
    std::string path(kConversationsPath);
    path += '/';
    path += percent_encode(conversation_id);
    path += "/activities";
    if (activity_id) {
        path += '/';
        path += percent_encode(*activity_id);
    }
    return path;
}

std::string join_url(std::string_view base, std::string_view path) {
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    std::string out(base);
    out += '/';
    out += path;
    return out;
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
    value = trim(value);
    if (value.empty()) return std::nullopt;
    if (std::isdigit(static_cast<unsigned char>(value.front()))) {
        long long seconds = 0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (ec != std::errc{} || ptr != value.data() + value.size()) return std::nullopt;
        constexpr long long kMaxSeconds = 24 * 3600;  // a day: beyond that the value is nonsense anyway
        return std::chrono::seconds(std::min(seconds, kMaxSeconds));
    }
    const auto date = parse_http_date(value);
    if (!date) return std::nullopt;
    if (*date <= now) return std::chrono::milliseconds(0);
    return std::chrono::ceil<std::chrono::milliseconds>(*date - now);
}

crm::Result<std::shared_ptr<CppRestConnectorClient>> CppRestConnectorClient::create(
    std::shared_ptr<TokenProvider> tokens, std::shared_ptr<const ServiceUrlPolicy> policy,
    CppRestConnectorOptions options) {
    if (!policy) return crm::Error{crm::ErrorCode::validation, "a service URL policy is required", "policy"};
    if (options.auth == ConnectorAuth::bearer_token && !tokens) {
        return crm::Error{crm::ErrorCode::validation,
                          "a token provider is required unless ConnectorAuth::none is chosen explicitly", "tokens"};
    }
    if (options.auth == ConnectorAuth::none) {
        spdlog::warn("connector: sending to the Bot Connector WITHOUT authentication (local development only)");
    }
    return std::make_shared<CppRestConnectorClient>(std::move(tokens), std::move(policy), std::move(options));
}

CppRestConnectorClient::CppRestConnectorClient(std::shared_ptr<TokenProvider> tokens,
                                               std::shared_ptr<const ServiceUrlPolicy> policy,
                                               CppRestConnectorOptions options)
    : tokens_(std::move(tokens)), policy_(std::move(policy)), options_(std::move(options)) {}

CppRestConnectorClient::~CppRestConnectorClient() = default;

std::optional<JsonBody> to_json_body(const nlohmann::json& value) {
    try {
        return JsonBody{value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict)};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

namespace {
ConnectorResponse invalid_utf8() { return not_sent(ConnectorOutcome::refused, "activity JSON has invalid UTF-8"); }
}  // namespace

ConnectorResponse ConnectorClient::send_to_conversation(const std::string& service_url,
                                                        const std::string& conversation_id,
                                                        const nlohmann::json& activity) {
    auto body = to_json_body(activity);
    return body ? send_to_conversation(service_url, conversation_id, *body) : invalid_utf8();
}

ConnectorResponse ConnectorClient::reply_to_activity(const std::string& service_url,
                                                     const std::string& conversation_id,
                                                     const std::string& activity_id,
                                                     const nlohmann::json& activity) {
    auto body = to_json_body(activity);
    return body ? reply_to_activity(service_url, conversation_id, activity_id, *body) : invalid_utf8();
}

ConnectorResponse ConnectorClient::update_activity(const std::string& service_url,
                                                   const std::string& conversation_id,
                                                   const std::string& activity_id, const nlohmann::json& activity) {
    auto body = to_json_body(activity);
    return body ? update_activity(service_url, conversation_id, activity_id, *body) : invalid_utf8();
}

ConnectorResponse CppRestConnectorClient::send_to_conversation(const std::string& service_url,
                                                               const std::string& conversation_id,
                                                               const JsonBody& activity) {
    if (conversation_id.empty()) return not_sent(ConnectorOutcome::refused, "empty conversation id");
    return call("POST", service_url, activities_path(conversation_id), &activity.text);
}

ConnectorResponse CppRestConnectorClient::reply_to_activity(const std::string& service_url,
                                                            const std::string& conversation_id,
                                                            const std::string& activity_id,
                                                            const JsonBody& activity) {
    if (conversation_id.empty() || activity_id.empty()) {
        return not_sent(ConnectorOutcome::refused, "empty conversation or activity id");
    }
    return call("POST", service_url, activities_path(conversation_id, activity_id), &activity.text);
}

ConnectorResponse CppRestConnectorClient::update_activity(const std::string& service_url,
                                                          const std::string& conversation_id,
                                                          const std::string& activity_id,
                                                          const JsonBody& activity) {
    if (conversation_id.empty() || activity_id.empty()) {
        return not_sent(ConnectorOutcome::refused, "empty conversation or activity id");
    }
    return call("PUT", service_url, activities_path(conversation_id, activity_id), &activity.text);
}

ConnectorResponse CppRestConnectorClient::delete_activity(const std::string& service_url,
                                                          const std::string& conversation_id,
                                                          const std::string& activity_id) {
    if (conversation_id.empty() || activity_id.empty()) {
        return not_sent(ConnectorOutcome::refused, "empty conversation or activity id");
    }
    return call("DELETE", service_url, activities_path(conversation_id, activity_id), nullptr);
}

ConnectorResponse CppRestConnectorClient::create_conversation(const std::string& service_url,
                                                              const nlohmann::json& parameters) {
    auto body = to_json_body(parameters);
    if (!body) return not_sent(ConnectorOutcome::refused, "conversation parameters have invalid UTF-8");
    return call("POST", service_url, std::string(kConversationsPath), &body->text);
}

std::shared_ptr<web::http::client::http_client> CppRestConnectorClient::client_for(const std::string& origin) {
    std::lock_guard lock(clients_mutex_);
    auto& client = clients_[origin];
    if (!client) {
        web::http::client::http_client_config config;
        config.set_timeout(options_.timeout);
        // A redirect would carry the token to a URL the policy never saw.
        config.set_max_redirects(0);
        client = std::make_shared<web::http::client::http_client>(to_string_t(origin), config);
    }
    return client;
}

std::optional<ConnectorResponse> CppRestConnectorClient::prepare(const std::string& service_url,
                                                                const std::string& path, Endpoint& out) const {
    // The policy comes first: nothing, not even a token fetch, for a URL it refuses.
    if (auto allowed = policy_->check(service_url); !allowed) {
        return not_sent(ConnectorOutcome::refused, allowed.error().message);
    }
    auto parsed = parse_service_url(service_url);
    if (!parsed) return not_sent(ConnectorOutcome::refused, parsed.error().message);
    out.origin = parsed->scheme + "://" + parsed->host + (parsed->port ? ":" + std::to_string(*parsed->port) : "");
    // The request target: the service URL's own path (e.g. "/amer/") + the API path.
    out.target = join_url(parsed->path, path);
    return std::nullopt;
}

std::optional<ConnectorResponse> CppRestConnectorClient::token(std::string& out) const {
    if (options_.auth != ConnectorAuth::bearer_token) return std::nullopt;
    auto fetched = tokens_->access_token();
    if (!fetched) {
        return not_sent(ConnectorOutcome::token_error, "no access token: " + fetched.error().message,
                        fetched.error().code != crm::ErrorCode::forbidden);
    }
    out = std::move(fetched).value();
    return std::nullopt;
}

web::http::http_request CppRestConnectorClient::make_request(const char* method, const Endpoint& endpoint,
                                                             const std::string& token, const std::string* body) const {
    web::http::http_request request(to_string_t(method));
    request.set_request_uri(web::uri(to_string_t(endpoint.target)));
    request.headers().add(to_string_t("Accept"), to_string_t("application/json"));
    request.headers().add(to_string_t("User-Agent"), to_string_t(options_.user_agent));
    if (options_.auth == ConnectorAuth::bearer_token)
        request.headers().add(to_string_t("Authorization"), to_string_t("Bearer " + token));
    if (body != nullptr) set_text_body(request, *body, "application/json; charset=utf-8");
    return request;
}

ConnectorResponse CppRestConnectorClient::read_response(const char* method, const web::http::http_response& response,
                                                        const std::string& text) {
    ConnectorResponse r;
    r.status = response.status_code();
    if (!text.empty()) r.body = nlohmann::json::parse(text, nullptr, false);
    if (r.body.is_discarded()) r.body = nullptr;
    const auto& headers = response.headers();
    if (auto it = headers.find(to_string_t("Retry-After")); it != headers.end()) {
        r.retry_after =
            parse_retry_after(utility::conversions::to_utf8string(it->second), std::chrono::system_clock::now());
    }
    r.id = string_at(r.body, "id");
    if (r.status >= 200 && r.status < 300) {
        r.outcome = ConnectorOutcome::success;
        return r;
    }
    r.outcome = ConnectorOutcome::http_error;
    const auto error = r.body.is_object() && r.body.contains("error") ? r.body["error"] : nlohmann::json();
    r.error_code = string_at(error, "code");
    r.error_sub_code = string_at(error, "subCode");
    r.retryable = is_retryable_status(r.status);
    r.message = std::string(method) + " answered HTTP " + std::to_string(r.status);
    if (!r.error_code.empty()) r.message += " code " + r.error_code;
    if (!r.error_sub_code.empty()) r.message += " subCode " + r.error_sub_code;
    if (auto text_of_error = string_at(error, "message"); !text_of_error.empty()) {
        if (text_of_error.size() > 200) text_of_error = text_of_error.substr(0, 200) + "...";
        r.message += ": " + text_of_error;
    }
    return r;
}

ConnectorResponse CppRestConnectorClient::call(const char* method, const std::string& service_url,
                                               const std::string& path, const std::string* body) {
    Endpoint endpoint;
    if (auto refused = prepare(service_url, path, endpoint)) return std::move(*refused);
    const bool with_token = options_.auth == ConnectorAuth::bearer_token;
    // A 401 may mean the cached token was revoked or rotated: renew it once.
    for (int attempt = 0;; ++attempt) {
        std::string bearer;
        if (auto failed = token(bearer)) return std::move(*failed);
        ConnectorResponse r;
        try {
            const auto response = client_for(endpoint.origin)->request(make_request(method, endpoint, bearer, body)).get();
            r = read_response(method, response, response.extract_utf8string(true).get());
        } catch (const std::exception& e) {
            // cpprestsdk: http_exception for refused/reset connections and timeouts.
            return not_sent(ConnectorOutcome::transport_error,
                            std::string(method) + " " + endpoint.origin + ": " + e.what(), /*retryable=*/true);
        }
        if (r.status == 401 && with_token && attempt == 0) {
            tokens_->invalidate();
            continue;
        }
        return r;
    }
}

void CppRestConnectorClient::request_async(const char* method, const std::string& service_url, const std::string& path,
                                           const JsonBody* body, ResponseHandler done) {
    Endpoint endpoint;
    if (auto refused = prepare(service_url, path, endpoint)) return done(std::move(*refused));
    std::string bearer;
    if (auto failed = token(bearer)) return done(std::move(*failed));
    if (options_.auth == ConnectorAuth::bearer_token) {
        // Whoever retries after a 401 gets a fresh token.
        done = [tokens = tokens_, done = std::move(done)](ConnectorResponse r) {
            if (r.status == 401) tokens->invalidate();
            done(std::move(r));
        };
    }
    auto finish = [method, origin = endpoint.origin, done](pplx::task<ConnectorResponse> task) {
        ConnectorResponse r;
        try {
            r = task.get();
        } catch (const std::exception& e) {
            r = not_sent(ConnectorOutcome::transport_error, std::string(method) + " " + origin + ": " + e.what(),
                         /*retryable=*/true);
        }
        done(std::move(r));
    };
    try {
        client_for(endpoint.origin)
            ->request(make_request(method, endpoint, bearer, body ? &body->text : nullptr))
            .then([method](web::http::http_response response) {
                return response.extract_utf8string(true).then(
                    [method, response](const std::string& text) { return read_response(method, response, text); });
            })
            .then(std::move(finish));
    } catch (const std::exception& e) {
        done(not_sent(ConnectorOutcome::transport_error, std::string(method) + " " + endpoint.origin + ": " + e.what(),
                      /*retryable=*/true));
    }
}

void limit_client_threads(std::size_t threads) { crossplat::threadpool::initialize_with_threads(threads); }

}  // namespace bot::connector
