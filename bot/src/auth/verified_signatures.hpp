#pragma once
// Tokens whose RS256 signature already verified, with the key that verified it.
// The channel sends the same token with every activity for up to an hour, and
// the RSA check is the costliest step of validation: a token seen before skips
// it, as long as the same key (still in the JWKS) signs it. Every other check
// (expiry, audience, endorsements, service URL) still runs on every request.
// Keyed by the whole token, so a token that differs in any byte is verified.
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace bot::auth {

class VerifiedSignatures {
public:
    explicit VerifiedSignatures(std::size_t capacity = 1024) : capacity_(capacity) {}

    bool contains(std::string_view token, std::string_view key_id) const {
        std::lock_guard lock(mutex_);
        auto it = verified_.find(std::string(token));
        return it != verified_.end() && it->second == key_id;
    }

    void add(std::string_view token, std::string_view key_id) {
        std::lock_guard lock(mutex_);
        // Bounded; forgetting costs one RSA check per token when seen again.
        if (verified_.size() >= capacity_) verified_.clear();
        verified_[std::string(token)] = std::string(key_id);
    }

private:
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::string> verified_;
};

}  // namespace bot::auth
