#include "auth/openid_metadata.hpp"

#include <cpprest/http_client.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

namespace bot::auth {
namespace {

using utility::conversions::to_string_t;

// Documents larger than this are not key sets; refuse rather than parse them.
constexpr std::size_t kMaxDocumentBytes = 1024 * 1024;

crm::Error unavailable(std::string message) {
    return crm::Error{crm::ErrorCode::unavailable, std::move(message), {}};
}

bool is_http_url(std::string_view url) { return url.starts_with("https://") || url.starts_with("http://"); }

// GET `url` and parse its body as JSON. Never throws.
crm::Result<nlohmann::json> get_json(const std::string& url, std::chrono::milliseconds timeout) {
    try {
        web::http::client::http_client_config config;
        config.set_timeout(timeout);
        web::http::client::http_client client(to_string_t(url), config);
        web::http::http_request request(web::http::methods::GET);
        request.headers().add(to_string_t("Accept"), to_string_t("application/json"));
        const auto response = client.request(request).get();
        if (response.status_code() != web::http::status_codes::OK) {
            return unavailable("GET " + url + " answered HTTP " + std::to_string(response.status_code()));
        }
        const std::string body = utility::conversions::to_utf8string(response.extract_string(true).get());
        if (body.size() > kMaxDocumentBytes) return unavailable("GET " + url + ": document too large");
        auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
        if (!json.is_object()) return unavailable("GET " + url + ": body is not a JSON object");
        return json;
    } catch (const std::exception& e) {
        // cpprestsdk reports connection failures and timeouts as exceptions.
        return unavailable("GET " + url + " failed: " + e.what());
    }
}

std::vector<std::string> string_array(const nlohmann::json& value) {
    std::vector<std::string> out;
    if (!value.is_array()) return out;
    for (const auto& item : value) {
        if (item.is_string()) out.push_back(item.get<std::string>());
    }
    return out;
}

const std::string* string_member(const nlohmann::json& object, const char* name) {
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get_ptr<const std::string*>() : nullptr;
}

}  // namespace

bool SigningKey::endorses(std::string_view channel_id) const {
    if (channel_id.empty()) return false;
    return std::find(endorsements.begin(), endorsements.end(), channel_id) != endorsements.end();
}

OpenIdMetadata::OpenIdMetadata(OpenIdMetadataOptions options) : options_(std::move(options)) {}

OpenIdMetadata::~OpenIdMetadata() = default;

std::chrono::system_clock::time_point OpenIdMetadata::now() const {
    return options_.clock ? options_.clock() : std::chrono::system_clock::now();
}

std::size_t OpenIdMetadata::fetch_attempts() const {
    std::lock_guard lock(mutex_);
    return attempts_;
}

crm::Result<std::shared_ptr<const SigningKey>> OpenIdMetadata::find_key(const std::string& kid) {
    // Round 0 decides whether a refresh is due and runs it; round 1 only looks
    // the kid up again. So one lookup causes at most one fetch.
    for (int round = 0;; ++round) {
        std::unique_lock lock(mutex_);
        const auto t = now();
        const std::size_t seen = attempts_;

        std::shared_ptr<const SigningKey> found;
        if (keys_) {
            if (auto it = keys_->find(kid); it != keys_->end()) found = it->second;
        }
        const bool stale = !loaded_at_ || t - *loaded_at_ >= options_.refresh_interval;
        const bool backing_off = last_failure_ && t - *last_failure_ < options_.failure_retry_interval;

        if (round > 0) {
            if (found) return found;
            if (!keys_) return unavailable("no signing keys: " + last_error_);
            return crm::Error{crm::ErrorCode::not_found, "unknown key id", {}};
        }

        if (found) {
            if (!stale || backing_off) return found;
            lock.unlock();
            // Periodic refresh: one caller does it; the others keep using the
            // cached key instead of waiting on the network.
            std::unique_lock fetch_lock(fetch_mutex_, std::try_to_lock);
            if (!fetch_lock.owns_lock()) return found;
            {
                std::lock_guard again(mutex_);
                if (attempts_ != seen) continue;  // someone refreshed meanwhile
            }
            fetch_and_store();
            continue;  // the key may have been withdrawn by the new set
        }

        if (keys_) {
            // Unknown kid with a usable set: rate-limited refetch (keys rotate).
            const bool may_refetch =
                stale || !last_attempt_ || t - *last_attempt_ >= options_.min_refresh_interval;
            if (backing_off || !may_refetch) return crm::Error{crm::ErrorCode::not_found, "unknown key id", {}};
        } else if (backing_off) {
            return unavailable("no signing keys: " + last_error_);
        }
        lock.unlock();
        refresh_if_no_newer_attempt(seen);
    }
}

crm::Status OpenIdMetadata::refresh() {
    std::size_t seen;
    {
        std::lock_guard lock(mutex_);
        seen = attempts_;
    }
    refresh_if_no_newer_attempt(seen);
    std::lock_guard lock(mutex_);
    if (last_failure_) return unavailable(last_error_);
    return crm::Done{};
}

void OpenIdMetadata::refresh_if_no_newer_attempt(std::size_t seen_attempts) {
    std::lock_guard fetch_lock(fetch_mutex_);
    {
        std::lock_guard lock(mutex_);
        if (attempts_ != seen_attempts) return;  // a fetch finished while we waited: use its result
    }
    fetch_and_store();
}

void OpenIdMetadata::fetch_and_store() {
    auto result = fetch();  // no lock held: lookups of cached keys go on meanwhile
    std::lock_guard lock(mutex_);
    ++attempts_;
    last_attempt_ = now();
    if (result.ok()) {
        const auto count = result->size();
        keys_ = std::make_shared<const KeyMap>(std::move(result).value());
        loaded_at_ = last_attempt_;
        last_failure_.reset();
        last_error_.clear();
        spdlog::info("auth: loaded {} channel signing key(s) from {}", count, options_.metadata_url);
    } else {
        last_failure_ = last_attempt_;
        last_error_ = result.error().message;
        if (keys_) {
            spdlog::warn("auth: signing key refresh failed, keeping {} cached key(s): {}", keys_->size(),
                         last_error_);
        } else {
            spdlog::error("auth: cannot load channel signing keys: {}", last_error_);
        }
    }
}

crm::Result<OpenIdMetadata::KeyMap> OpenIdMetadata::fetch() const {
    auto metadata = get_json(options_.metadata_url, options_.fetch_timeout);
    if (!metadata) return metadata.error();
    const std::string* jwks_uri = string_member(*metadata, "jwks_uri");
    if (jwks_uri == nullptr || !is_http_url(*jwks_uri)) {
        return unavailable("OpenID metadata at " + options_.metadata_url + " has no http(s) jwks_uri");
    }

    auto jwks = get_json(*jwks_uri, options_.fetch_timeout);
    if (!jwks) return jwks.error();
    const auto keys = jwks->find("keys");
    if (keys == jwks->end() || !keys->is_array()) return unavailable("JWKS at " + *jwks_uri + " has no keys array");

    KeyMap map;
    for (const auto& jwk : *keys) {
        if (!jwk.is_object()) continue;
        const std::string* kty = string_member(jwk, "kty");
        const std::string* kid = string_member(jwk, "kid");
        const std::string* n = string_member(jwk, "n");
        const std::string* e = string_member(jwk, "e");
        const std::string* use = string_member(jwk, "use");
        if (kty == nullptr || *kty != "RSA" || kid == nullptr || kid->empty() || n == nullptr || e == nullptr) continue;
        if (use != nullptr && *use != "sig") continue;  // an encryption key must not verify tokens

        auto key = RsaPublicKey::from_jwk(*n, *e);
        if (!key) {
            spdlog::warn("auth: skipping signing key {}: {}", *kid, key.error().message);
            continue;
        }
        const auto endorsements = jwk.find("endorsements");
        map[*kid] = std::make_shared<const SigningKey>(
            SigningKey{*kid, std::move(key).value(),
                       endorsements == jwk.end() ? std::vector<std::string>{} : string_array(*endorsements)});
    }
    if (map.empty()) return unavailable("JWKS at " + *jwks_uri + " has no usable RSA signing key");
    return map;
}

}  // namespace bot::auth
