#pragma once
// The bot's outbound access token for the Bot Connector (protocol doc §4.1):
// OAuth 2.0 client credentials against Entra ID,
//   POST <login url>/oauth2/v2.0/token
//   grant_type=client_credentials&client_id=<app id>&client_secret=<secret>&scope=<scope>/.default
// cached and renewed `refresh_margin` (5 min) before it expires. Thread-safe:
// concurrent callers share one cached token, and one fetch at a time.
// Neither the secret nor the token is ever logged.
#include <crm_core/result.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace bot::connector {

using Clock = std::function<std::chrono::system_clock::time_point()>;

inline constexpr std::string_view kDefaultLoginHost = "https://login.microsoftonline.com";
inline constexpr std::string_view kMultiTenantAuthority = "botframework.com";
inline constexpr std::string_view kBotFrameworkOAuthScope = "https://api.botframework.com";

// MicrosoftAppType. Managed identities get their token from the hosting
// platform's endpoint, which this provider does not implement.
enum class AppType { multi_tenant, single_tenant, user_assigned_msi };

// "MultiTenant", "SingleTenant", "UserAssignedMSI" (case-insensitive); an empty
// value means MultiTenant, the SDKs' default.
crm::Result<AppType> parse_app_type(std::string_view value);

// Anything that can put a Bearer token on a Bot Connector request.
class TokenProvider {
public:
    virtual ~TokenProvider() = default;
    // A valid access token. Errors: ErrorCode::unavailable (network, 5xx,
    // timeout: worth retrying later), ErrorCode::forbidden (the credentials
    // were refused: retrying will not help).
    virtual crm::Result<std::string> access_token() = 0;
    // Drops the cached token (the connector answered 401 with it).
    virtual void invalidate() = 0;
};

struct ClientCredentialsConfig {
    std::string app_id;        // MicrosoftAppId
    std::string app_password;  // MicrosoftAppPassword: a secret, never logged
    AppType app_type = AppType::multi_tenant;
    std::string tenant_id;     // MicrosoftAppTenantId; required for single-tenant
    // ToChannelFromBotLoginUrl; empty: https://login.microsoftonline.com/<tenant id,
    // or botframework.com for multi-tenant>.
    std::string login_url;
    // ToChannelFromBotOAuthScope; "/.default" is appended.
    std::string oauth_scope = std::string(kBotFrameworkOAuthScope);
    std::chrono::seconds refresh_margin{300};
    std::chrono::milliseconds timeout{std::chrono::seconds(10)};
    Clock clock;  // empty: system_clock::now
};

class ClientCredentialsTokenProvider final : public TokenProvider {
public:
    // Checks the configuration: app id and password set, a tenant id for
    // single-tenant apps, an http(s) login URL; refuses managed identities.
    static crm::Result<std::shared_ptr<ClientCredentialsTokenProvider>> create(ClientCredentialsConfig config);

    crm::Result<std::string> access_token() override;
    void invalidate() override;

    const std::string& token_url() const { return token_url_; }
    const std::string& scope() const { return scope_; }
    std::size_t fetch_count() const;  // requests made to the token endpoint

    // Use create(); public for std::make_shared.
    ClientCredentialsTokenProvider(ClientCredentialsConfig config, std::string token_url, std::string scope);

private:
    struct CachedToken {
        std::string value;
        std::chrono::system_clock::time_point expires_at;
    };

    std::chrono::system_clock::time_point now() const;
    crm::Result<CachedToken> fetch() const;

    ClientCredentialsConfig config_;
    std::string token_url_;
    std::string scope_;

    mutable std::mutex mutex_;  // held across a fetch: concurrent callers wait for it
    std::optional<CachedToken> cached_;
    std::size_t fetches_ = 0;
};

// Percent-encodes everything but RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string percent_encode(std::string_view value);

}  // namespace bot::connector
