#include "auth/token_validator.hpp"

#include "auth/jwt.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace bot::auth {
namespace {

Rejection reject(AuthFailure reason, std::string message) { return Rejection{reason, std::move(message)}; }

// Token claims are attacker-controlled: quote at most a short, printable prefix.
std::string quote(std::string_view value) {
    constexpr std::size_t kMax = 64;
    std::string out = "\"";
    for (const char c : value.substr(0, kMax)) {
        out += std::isprint(static_cast<unsigned char>(c)) ? c : '?';
    }
    if (value.size() > kMax) out += "...";
    out += '"';
    return out;
}

std::string_view without_one_trailing_slash(std::string_view s) {
    if (!s.empty() && s.back() == '/') s.remove_suffix(1);
    return s;
}

// A NumericDate claim (seconds since the epoch, possibly fractional).
std::optional<std::chrono::system_clock::time_point> numeric_date(const nlohmann::json& claims, const char* name) {
    const auto it = claims.find(name);
    if (it == claims.end() || !it->is_number()) return std::nullopt;
    const double seconds = it->get<double>();
    // Refuse values a time_point cannot hold (about ±292 years around 1970 in ns).
    if (!std::isfinite(seconds) || std::fabs(seconds) > 9.0e9) return std::nullopt;
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::duration<double>(seconds)));
}

long long seconds_between(std::chrono::system_clock::time_point from, std::chrono::system_clock::time_point to) {
    return std::chrono::duration_cast<std::chrono::seconds>(to - from).count();
}

}  // namespace

std::string_view to_string(AuthFailure reason) {
    switch (reason) {
        case AuthFailure::missing_header: return "missing_header";
        case AuthFailure::bad_scheme: return "bad_scheme";
        case AuthFailure::malformed_token: return "malformed_token";
        case AuthFailure::unsupported_algorithm: return "unsupported_algorithm";
        case AuthFailure::missing_key_id: return "missing_key_id";
        case AuthFailure::unknown_key_id: return "unknown_key_id";
        case AuthFailure::keys_unavailable: return "keys_unavailable";
        case AuthFailure::bad_signature: return "bad_signature";
        case AuthFailure::bad_issuer: return "bad_issuer";
        case AuthFailure::bad_audience: return "bad_audience";
        case AuthFailure::missing_expiry: return "missing_expiry";
        case AuthFailure::expired: return "expired";
        case AuthFailure::not_yet_valid: return "not_yet_valid";
        case AuthFailure::missing_channel_id: return "missing_channel_id";
        case AuthFailure::channel_not_endorsed: return "channel_not_endorsed";
        case AuthFailure::missing_service_url: return "missing_service_url";
        case AuthFailure::service_url_mismatch: return "service_url_mismatch";
    }
    return "unknown";
}

bool same_service_url(std::string_view a, std::string_view b) {
    a = without_one_trailing_slash(a);
    b = without_one_trailing_slash(b);
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

crm::Result<std::shared_ptr<TokenValidator>> TokenValidator::create(TokenValidatorConfig config) {
    auto invalid = [](std::string field, std::string message) {
        return crm::Error{crm::ErrorCode::validation, std::move(message), std::move(field)};
    };
    if (config.app_id.empty()) {
        return invalid("MicrosoftAppId", "MicrosoftAppId is required to authenticate Bot Connector requests");
    }
    if (!config.openid_metadata_url.starts_with("https://") && !config.openid_metadata_url.starts_with("http://")) {
        return invalid("ToBotFromChannelOpenIdMetadataUrl", "the OpenID metadata URL must be an http(s) URL");
    }
    if (config.issuer.empty()) return invalid("ToBotFromChannelTokenIssuer", "the token issuer must not be empty");
    if (config.clock_skew.count() < 0) return invalid("clock_skew", "the clock skew must not be negative");

    OpenIdMetadataOptions options;
    options.metadata_url = config.openid_metadata_url;
    options.refresh_interval = config.key_refresh_interval;
    options.min_refresh_interval = config.unknown_kid_refresh_interval;
    options.failure_retry_interval = config.key_fetch_retry_interval;
    options.fetch_timeout = config.key_fetch_timeout;
    options.clock = config.clock;
    auto keys = std::make_shared<OpenIdMetadata>(std::move(options));
    return std::make_shared<TokenValidator>(std::move(config), std::move(keys));
}

TokenValidator::TokenValidator(TokenValidatorConfig config, std::shared_ptr<OpenIdMetadata> keys)
    : config_(std::move(config)), keys_(std::move(keys)) {}

std::chrono::system_clock::time_point TokenValidator::now() const {
    return config_.clock ? config_.clock() : std::chrono::system_clock::now();
}

AuthResult TokenValidator::validate(std::string_view authorization, std::string_view channel_id,
                                    std::string_view service_url) const {
    // 1. "Bearer <token>": two parts, one space, case-sensitive scheme (as the SDKs).
    if (authorization.empty()) return reject(AuthFailure::missing_header, "no Authorization header");
    constexpr std::string_view kScheme = "Bearer ";
    if (!authorization.starts_with(kScheme)) {
        return reject(AuthFailure::bad_scheme, "Authorization header is not a Bearer token");
    }
    const std::string_view token = authorization.substr(kScheme.size());
    if (token.empty() || token.find_first_of(" \t") != std::string_view::npos) {
        return reject(AuthFailure::bad_scheme, "Authorization header is not exactly \"Bearer <token>\"");
    }

    // 2. Structure.
    auto decoded = decode_jwt(token);
    if (!decoded) return reject(AuthFailure::malformed_token, decoded.error().message);
    const auto& header = decoded->header;

    // 3. Algorithm: RS256 only, whatever else the header says.
    const auto alg = header.find("alg");
    if (alg == header.end() || !alg->is_string()) return reject(AuthFailure::unsupported_algorithm, "no alg in header");
    if (alg->get_ref<const std::string&>() != "RS256") {
        return reject(AuthFailure::unsupported_algorithm, "alg " + quote(alg->get_ref<const std::string&>()) +
                                                              " is not RS256");
    }

    // 4. Key.
    const auto kid_it = header.find("kid");
    if (kid_it == header.end() || !kid_it->is_string() || kid_it->get_ref<const std::string&>().empty()) {
        return reject(AuthFailure::missing_key_id, "no kid in header");
    }
    const auto& kid = kid_it->get_ref<const std::string&>();
    auto key = keys_->find_key(kid);
    if (!key) {
        if (key.error().code == crm::ErrorCode::not_found) {
            return reject(AuthFailure::unknown_key_id, "kid " + quote(kid) + " is not a channel signing key");
        }
        return reject(AuthFailure::keys_unavailable, key.error().message);
    }
    const SigningKey& signing_key = **key;

    // 5. Signature. Only now is the payload worth parsing.
    if (!verified_.contains(token, kid)) {
        if (!signing_key.key.verify_rs256(decoded->signing_input, decoded->signature)) {
            return reject(AuthFailure::bad_signature, "signature does not verify with key " + quote(kid));
        }
        verified_.add(token, kid);
    }
    auto parsed = parse_claims(decoded->payload);
    if (!parsed) return reject(AuthFailure::malformed_token, parsed.error().message);
    nlohmann::json& payload = parsed.value();

    // 6. Issuer.
    const auto iss = payload.find("iss");
    if (iss == payload.end() || !iss->is_string() || iss->get_ref<const std::string&>() != config_.issuer) {
        return reject(AuthFailure::bad_issuer,
                      iss != payload.end() && iss->is_string()
                          ? "issuer " + quote(iss->get_ref<const std::string&>()) + " is not " + config_.issuer
                          : "no iss claim");
    }

    // 7. Audience: a string, or (RFC 7519) an array of which one must match.
    const std::string api_audience = "api://" + config_.app_id;
    std::string matched_audience;
    auto match_audience = [&](const nlohmann::json& value) {
        if (!value.is_string()) return false;
        const auto& aud = value.get_ref<const std::string&>();
        if (aud != config_.app_id && aud != api_audience) return false;
        matched_audience = aud;
        return true;
    };
    const auto aud = payload.find("aud");
    bool audience_ok = false;
    if (aud != payload.end()) {
        if (aud->is_array()) {
            audience_ok = std::any_of(aud->begin(), aud->end(), match_audience);
        } else {
            audience_ok = match_audience(*aud);
        }
    }
    if (!audience_ok) {
        return reject(AuthFailure::bad_audience, aud != payload.end() && aud->is_string()
                                                     ? "audience " + quote(aud->get_ref<const std::string&>()) +
                                                           " is not this bot's app id"
                                                     : "no matching aud claim");
    }

    // 8. Lifetime, with clock skew.
    const auto t = now();
    const auto exp = numeric_date(payload, "exp");
    if (!exp) return reject(AuthFailure::missing_expiry, "no numeric exp claim");
    if (t > *exp + config_.clock_skew) {
        return reject(AuthFailure::expired, "token expired " + std::to_string(seconds_between(*exp, t)) +
                                                " s ago (skew " + std::to_string(config_.clock_skew.count()) + " s)");
    }
    std::optional<std::chrono::system_clock::time_point> nbf;
    if (payload.contains("nbf")) {
        nbf = numeric_date(payload, "nbf");
        if (!nbf) return reject(AuthFailure::malformed_token, "nbf claim is not a number");
        if (t + config_.clock_skew < *nbf) {
            return reject(AuthFailure::not_yet_valid, "token not valid for another " +
                                                          std::to_string(seconds_between(t, *nbf)) + " s (skew " +
                                                          std::to_string(config_.clock_skew.count()) + " s)");
        }
    }

    // 9. Endorsement of the activity's channel by the signing key.
    if (channel_id.empty()) return reject(AuthFailure::missing_channel_id, "activity has no channelId");
    if (!signing_key.endorses(channel_id)) {
        return reject(AuthFailure::channel_not_endorsed,
                      "key " + quote(kid) + " does not endorse channel " + quote(channel_id));
    }

    // 10. The service URL the activity asks us to answer to is the one Microsoft signed.
    const auto claim_url = payload.find("serviceurl");
    if (claim_url == payload.end() || !claim_url->is_string() || claim_url->get_ref<const std::string&>().empty()) {
        return reject(AuthFailure::missing_service_url, "no serviceurl claim");
    }
    if (!same_service_url(claim_url->get_ref<const std::string&>(), service_url)) {
        return reject(AuthFailure::service_url_mismatch, "serviceurl claim " +
                                                             quote(claim_url->get_ref<const std::string&>()) +
                                                             " differs from activity serviceUrl " + quote(service_url));
    }

    Claims claims;
    claims.issuer = config_.issuer;
    claims.audience = std::move(matched_audience);
    claims.service_url = claim_url->get<std::string>();
    claims.key_id = kid;
    claims.expires_at = *exp;
    claims.not_before = nbf;
    claims.payload = std::move(payload);
    return claims;
}

}  // namespace bot::auth
