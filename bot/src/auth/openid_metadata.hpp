#pragma once
// The Bot Framework channel's signing keys: fetched from an OpenID metadata
// document and its `jwks_uri`, cached by `kid` together with each key's
// `endorsements` (the channel ids the key may speak for).
//
// Refresh policy (protocol doc §1.4):
//  - the whole set is refetched when older than `refresh_interval` (24 h);
//  - an unknown kid triggers one refetch, at most once per `min_refresh_interval`,
//    so a flood of tokens with made-up kids cannot make us hammer the endpoint;
//  - a failed fetch keeps the last good set, and is retried no sooner than
//    `failure_retry_interval` later;
//  - one fetch at a time: concurrent callers needing a refresh wait for the one
//    in progress instead of starting their own; callers whose key is cached keep
//    using it while a periodic refresh runs.
// The first fetch happens lazily, on the first lookup. Thread-safe.
#include "auth/jwt.hpp"

#include <crm_core/result.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bot::auth {

// Wall-clock time source; injectable so tests can move time.
using Clock = std::function<std::chrono::system_clock::time_point()>;

inline constexpr std::string_view kBotFrameworkOpenIdMetadataUrl =
    "https://login.botframework.com/v1/.well-known/openidconfiguration";

struct SigningKey {
    std::string kid;
    RsaPublicKey key;
    std::vector<std::string> endorsements;  // e.g. {"msteams", ...}; may be empty

    // Exact, case-sensitive match; an empty channel id is never endorsed.
    bool endorses(std::string_view channel_id) const;
};

struct OpenIdMetadataOptions {
    std::string metadata_url = std::string(kBotFrameworkOpenIdMetadataUrl);  // http or https
    std::chrono::seconds refresh_interval{std::chrono::hours(24)};
    std::chrono::seconds min_refresh_interval{std::chrono::minutes(5)};  // refetch on unknown kid
    std::chrono::seconds failure_retry_interval{std::chrono::seconds(10)};
    std::chrono::milliseconds fetch_timeout{std::chrono::seconds(10)};  // per HTTP request
    Clock clock;  // empty: std::chrono::system_clock::now
};

class OpenIdMetadata {
public:
    explicit OpenIdMetadata(OpenIdMetadataOptions options);
    ~OpenIdMetadata();
    OpenIdMetadata(const OpenIdMetadata&) = delete;
    OpenIdMetadata& operator=(const OpenIdMetadata&) = delete;

    // The key with this kid, refreshing first when the policy above says so.
    // Errors: ErrorCode::not_found when the kid is still unknown after the
    // allowed refresh; ErrorCode::unavailable when no key set could ever be
    // fetched (message says why: connection refused, HTTP 503, bad JSON, ...).
    crm::Result<std::shared_ptr<const SigningKey>> find_key(const std::string& kid);

    // Fetches now (waits for a fetch already in progress instead of starting a
    // second one). On failure the previous set stays in use.
    crm::Status refresh();

    // Fetch attempts so far (successful or not); for tests and metrics.
    std::size_t fetch_attempts() const;

private:
    using KeyMap = std::map<std::string, std::shared_ptr<const SigningKey>, std::less<>>;

    std::chrono::system_clock::time_point now() const;
    // Runs one fetch unless another caller completed one since `seen_attempts`.
    void refresh_if_no_newer_attempt(std::size_t seen_attempts);
    void fetch_and_store();
    crm::Result<KeyMap> fetch() const;

    OpenIdMetadataOptions options_;

    std::mutex fetch_mutex_;  // held for the duration of one fetch: single flight

    mutable std::mutex mutex_;  // guards everything below; never held during I/O
    std::shared_ptr<const KeyMap> keys_;
    std::optional<std::chrono::system_clock::time_point> loaded_at_;      // last successful fetch
    std::optional<std::chrono::system_clock::time_point> last_attempt_;   // last fetch, any outcome
    std::optional<std::chrono::system_clock::time_point> last_failure_;   // cleared by a success
    std::string last_error_;
    std::size_t attempts_ = 0;
};

}  // namespace bot::auth
