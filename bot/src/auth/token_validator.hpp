#pragma once
// Inbound authentication of Bot Connector -> bot requests (protocol doc §1.1).
//
//   auto validator = bot::auth::TokenValidator::create({.app_id = config.microsoft_app_id});
//   auto result = (*validator)->validate(req[http::field::authorization],
//                                         activity.channel_id, activity.service_url);
//   if (!result) { log reason; answer 401; never look at the body again }
//
// Checks, in this order (the first failure is reported):
//   1. the header is exactly "Bearer <token>" (case-sensitive scheme, one space);
//   2. the token is three base64url parts with a JSON header;
//   3. header `alg` is RS256 (none, HS*, RS384/512, PS*, ES* are all refused);
//   4. header `kid` names a key of the channel's JWKS (one rate-limited refetch
//      when unknown: keys rotate);
//   5. the RS256 signature verifies with that key;
//   6. `iss` equals the configured issuer (https://api.botframework.com);
//   7. `aud` equals the app id, or "api://<app id>" (as the Teams SDK accepts);
//   8. `exp` is present and not passed, `nbf` (if present) is reached, both with
//      the configured clock skew (300 s);
//   9. the activity's channelId is not empty and the signing key's
//      `endorsements` contain it;
//  10. claim `serviceurl` is present and equals the activity's serviceUrl.
//      Compared case-insensitively and ignoring one trailing '/' on either side,
//      as the Teams SDK does (teams.ts): URL host names are case-insensitive and
//      Teams sends the same service URL with and without the slash; botbuilder-js
//      compares exactly, which only rejects equivalent URLs.
//
// There is no switch to turn validation off: local-development anonymous mode,
// if wanted, is decided by the caller before calling validate().
#include "auth/openid_metadata.hpp"
#include "auth/verified_signatures.hpp"

#include <crm_core/result.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace bot::auth {

inline constexpr std::string_view kBotFrameworkIssuer = "https://api.botframework.com";

struct TokenValidatorConfig {
    std::string app_id;  // MicrosoftAppId; required
    std::string openid_metadata_url = std::string(kBotFrameworkOpenIdMetadataUrl);  // ToBotFromChannelOpenIdMetadataUrl
    std::string issuer = std::string(kBotFrameworkIssuer);                        // ToBotFromChannelTokenIssuer
    std::chrono::seconds clock_skew{300};
    std::chrono::seconds key_refresh_interval{std::chrono::hours(24)};
    std::chrono::seconds unknown_kid_refresh_interval{std::chrono::minutes(5)};
    std::chrono::seconds key_fetch_retry_interval{std::chrono::seconds(10)};  // after a failed fetch
    std::chrono::milliseconds key_fetch_timeout{std::chrono::seconds(10)};
    Clock clock;  // empty: system_clock::now
};

// Why a request was refused. Stable names (to_string) for logs and metrics.
enum class AuthFailure {
    missing_header,         // no Authorization header
    bad_scheme,             // not exactly "Bearer <token>"
    malformed_token,        // not a decodable compact JWS, or claims not a JSON object
    unsupported_algorithm,  // alg other than RS256
    missing_key_id,         // no kid in the header
    unknown_key_id,         // kid not in the JWKS, even after a refetch
    keys_unavailable,       // the JWKS could not be fetched and none is cached
    bad_signature,
    bad_issuer,
    bad_audience,
    missing_expiry,         // no numeric exp
    expired,
    not_yet_valid,
    missing_channel_id,     // the activity has no channelId
    channel_not_endorsed,   // the signing key does not endorse the activity's channel
    missing_service_url,    // no serviceurl claim
    service_url_mismatch,   // serviceurl claim differs from the activity's serviceUrl
};

std::string_view to_string(AuthFailure reason);

struct Rejection {
    AuthFailure reason;
    std::string message;  // short, for the log; never contains the token
};

// The checked claims of an accepted token.
struct Claims {
    std::string issuer;
    std::string audience;     // the value that matched (app id or api://app id)
    std::string service_url;  // the serviceurl claim, as signed
    std::string key_id;
    std::chrono::system_clock::time_point expires_at;
    std::optional<std::chrono::system_clock::time_point> not_before;
    nlohmann::json payload;  // every claim, for callers that need more
};

class AuthResult {
public:
    AuthResult(Claims claims) : state_(std::move(claims)) {}
    AuthResult(Rejection rejection) : state_(std::move(rejection)) {}

    bool ok() const noexcept { return std::holds_alternative<Claims>(state_); }
    explicit operator bool() const noexcept { return ok(); }
    const Claims& claims() const { return std::get<Claims>(state_); }        // only when ok()
    const Rejection& rejection() const { return std::get<Rejection>(state_); }  // only when !ok()
    AuthFailure reason() const { return rejection().reason; }

private:
    std::variant<Claims, Rejection> state_;
};

class TokenValidator {
public:
    // Checks the configuration (app id set, http(s) metadata URL, issuer set).
    static crm::Result<std::shared_ptr<TokenValidator>> create(TokenValidatorConfig config);

    // Uses `keys` instead of its own cache (shared between validators, or tests).
    TokenValidator(TokenValidatorConfig config, std::shared_ptr<OpenIdMetadata> keys);

    // `authorization`: the raw Authorization header value (empty when absent).
    // Thread-safe; may block on the first call (or on a key rotation) while the
    // keys are fetched, bounded by key_fetch_timeout per HTTP request.
    AuthResult validate(std::string_view authorization, std::string_view channel_id,
                        std::string_view service_url) const;

    const TokenValidatorConfig& config() const { return config_; }
    OpenIdMetadata& keys() const { return *keys_; }

private:
    std::chrono::system_clock::time_point now() const;

    TokenValidatorConfig config_;
    std::shared_ptr<OpenIdMetadata> keys_;
    mutable VerifiedSignatures verified_;
};

// Service-URL equality used for the serviceurl claim (see above); exposed for tests.
bool same_service_url(std::string_view a, std::string_view b);

}  // namespace bot::auth
