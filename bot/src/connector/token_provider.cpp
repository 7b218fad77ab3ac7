#include "connector/token_provider.hpp"

#include <cpprest/http_client.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
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

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string_view trim_trailing_slashes(std::string_view s) {
    while (!s.empty() && s.back() == '/') s.remove_suffix(1);
    return s;
}

crm::Error invalid(std::string field, std::string message) {
    return crm::Error{crm::ErrorCode::validation, std::move(message), std::move(field)};
}

// The short, secret-free part of an Entra error answer, e.g.
// "invalid_client: AADSTS7000215: Invalid client secret provided." (truncated).
std::string describe_error_body(const std::string& body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_object()) return {};
    std::string out;
    if (auto it = json.find("error"); it != json.end() && it->is_string()) out = it->get<std::string>();
    if (auto it = json.find("error_description"); it != json.end() && it->is_string()) {
        auto text = it->get<std::string>();
        text = text.substr(0, text.find_first_of("\r\n"));  // first line: no trace/correlation ids
        if (text.size() > 160) text = text.substr(0, 160) + "...";
        out += (out.empty() ? "" : ": ") + text;
    }
    return out;
}

}  // namespace

std::string percent_encode(std::string_view value) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size() * 3);
    for (const char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0x0F];
        }
    }
    return out;
}

crm::Result<AppType> parse_app_type(std::string_view value) {
    const auto v = lower(value);
    if (v.empty() || v == "multitenant") return AppType::multi_tenant;
    if (v == "singletenant") return AppType::single_tenant;
    if (v == "userassignedmsi") return AppType::user_assigned_msi;
    return invalid("MicrosoftAppType", "MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI (got \"" +
                                           std::string(value.substr(0, 40)) + "\")");
}

crm::Result<std::shared_ptr<ClientCredentialsTokenProvider>> ClientCredentialsTokenProvider::create(
    ClientCredentialsConfig config) {
    if (config.app_type == AppType::user_assigned_msi) {
        return invalid("MicrosoftAppType",
                       "MicrosoftAppType UserAssignedMSI needs a managed-identity token source, which is not "
                       "supported; use SingleTenant with a client secret");
    }
    if (config.app_id.empty()) return invalid("MicrosoftAppId", "MicrosoftAppId is required to call the Bot Connector");
    if (config.app_password.empty()) {
        return invalid("MicrosoftAppPassword", "MicrosoftAppPassword is required to call the Bot Connector");
    }
    if (config.app_type == AppType::single_tenant && config.tenant_id.empty() && config.login_url.empty()) {
        return invalid("MicrosoftAppTenantId", "MicrosoftAppTenantId is required for a SingleTenant app");
    }
    if (config.oauth_scope.empty()) return invalid("ToChannelFromBotOAuthScope", "the OAuth scope must not be empty");
    if (config.refresh_margin.count() < 0) return invalid("refresh_margin", "the refresh margin must not be negative");

    std::string login_url = config.login_url;
    if (login_url.empty()) {
        login_url = std::string(kDefaultLoginHost) + "/" +
                    (config.app_type == AppType::single_tenant ? config.tenant_id : std::string(kMultiTenantAuthority));
    }
    if (!login_url.starts_with("https://") && !login_url.starts_with("http://")) {
        return invalid("ToChannelFromBotLoginUrl", "the login URL must be an http(s) URL");
    }
    std::string token_url = std::string(trim_trailing_slashes(login_url)) + "/oauth2/v2.0/token";

    // "<scope>/.default", unless the configured scope already names .default.
    std::string scope(trim_trailing_slashes(config.oauth_scope));
    if (!scope.ends_with("/.default")) scope += "/.default";

    return std::make_shared<ClientCredentialsTokenProvider>(std::move(config), std::move(token_url), std::move(scope));
}

ClientCredentialsTokenProvider::ClientCredentialsTokenProvider(ClientCredentialsConfig config, std::string token_url,
                                                               std::string scope)
    : config_(std::move(config)), token_url_(std::move(token_url)), scope_(std::move(scope)) {}

std::chrono::system_clock::time_point ClientCredentialsTokenProvider::now() const {
    return config_.clock ? config_.clock() : std::chrono::system_clock::now();
}

std::size_t ClientCredentialsTokenProvider::fetch_count() const {
    std::lock_guard lock(mutex_);
    return fetches_;
}

void ClientCredentialsTokenProvider::invalidate() {
    std::lock_guard lock(mutex_);
    cached_.reset();
}

crm::Result<std::string> ClientCredentialsTokenProvider::access_token() {
    std::lock_guard lock(mutex_);
    const auto t = now();
    if (cached_ && t < cached_->expires_at - config_.refresh_margin) return cached_->value;

    ++fetches_;
    auto fetched = fetch();
    if (fetched) {
        cached_ = std::move(fetched).value();
        return cached_->value;
    }
    // Renewal failed but the old token has not expired yet: keep using it.
    if (cached_ && t < cached_->expires_at) {
        spdlog::warn("connector: token renewal failed, using the cached token until it expires: {}",
                     fetched.error().message);
        return cached_->value;
    }
    spdlog::error("connector: cannot get a Bot Connector token: {}", fetched.error().message);
    return fetched.error();
}

crm::Result<ClientCredentialsTokenProvider::CachedToken> ClientCredentialsTokenProvider::fetch() const {
    const std::string form = "grant_type=client_credentials&client_id=" + percent_encode(config_.app_id) +
                             "&client_secret=" + percent_encode(config_.app_password) +
                             "&scope=" + percent_encode(scope_);
    const auto requested_at = now();
    try {
        web::http::client::http_client_config http_config;
        http_config.set_timeout(config_.timeout);
        http_config.set_max_redirects(0);  // never replay the secret to another URL
        web::http::client::http_client client(to_string_t(token_url_), http_config);
        web::http::http_request request(web::http::methods::POST);
        request.headers().add(to_string_t("Accept"), to_string_t("application/json"));
        set_text_body(request, form, "application/x-www-form-urlencoded");
        const auto response = client.request(request).get();
        const auto status = response.status_code();
        const std::string body = utility::conversions::to_utf8string(response.extract_string(true).get());

        if (status != web::http::status_codes::OK) {
            auto detail = describe_error_body(body);
            std::string message = "token endpoint " + token_url_ + " answered HTTP " + std::to_string(status) +
                                  (detail.empty() ? "" : " (" + detail + ")");
            // 400/401: credentials or request refused (invalid_client, unauthorized_client...);
            // 429 and 5xx are transient.
            const bool refused = status >= 400 && status < 500 && status != 408 && status != 429;
            return crm::Error{refused ? crm::ErrorCode::forbidden : crm::ErrorCode::unavailable, std::move(message), {}};
        }

        const auto json = nlohmann::json::parse(body, nullptr, false);
        if (!json.is_object()) return crm::Error{crm::ErrorCode::unavailable, "token endpoint answered non-JSON", {}};
        const auto token = json.find("access_token");
        if (token == json.end() || !token->is_string() || token->get_ref<const std::string&>().empty()) {
            return crm::Error{crm::ErrorCode::unavailable, "token endpoint answer has no access_token", {}};
        }
        if (auto type = json.find("token_type"); type != json.end() && type->is_string() &&
                                                 lower(type->get_ref<const std::string&>()) != "bearer") {
            return crm::Error{crm::ErrorCode::unavailable, "token endpoint answered a non-Bearer token", {}};
        }
        // expires_in: seconds, a number (v2.0) or a numeric string (v1.0).
        long long expires_in = 0;
        if (auto it = json.find("expires_in"); it != json.end()) {
            if (it->is_number_integer()) {
                expires_in = it->get<long long>();
            } else if (it->is_string()) {
                try {
                    expires_in = std::stoll(it->get<std::string>());
                } catch (const std::exception&) {
                    expires_in = 0;
                }
            }
        }
        if (expires_in <= 0) return crm::Error{crm::ErrorCode::unavailable, "token endpoint answer has no expires_in", {}};
        // Counted from when we asked, so network delay only makes us renew earlier.
        return CachedToken{token->get<std::string>(), requested_at + std::chrono::seconds(expires_in)};
    } catch (const std::exception& e) {
        return crm::Error{crm::ErrorCode::unavailable, "token endpoint " + token_url_ + " failed: " + e.what(), {}};
    }
}

}  // namespace bot::connector
