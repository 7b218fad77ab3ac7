#pragma once
// A test RSA-2048 signing key (made with OpenSSL at construction) and the JWTs
// the Bot Framework channel would sign with it, plus deliberately bad ones.
// Independent of bot/src/auth on purpose: its own base64url and JSON handling,
// so a bug there cannot cancel out in the tests.
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

typedef struct evp_pkey_st EVP_PKEY;

namespace test {

inline constexpr std::string_view kTestAppId = "00000000-0000-0000-0000-00000000b07a";
inline constexpr std::string_view kChannelIssuer = "https://api.botframework.com";

// Unpadded base64url of arbitrary bytes.
std::string base64url(std::string_view bytes);

class TestSigner {
public:
    // A fresh key; `kid` defaults to a random 27-character id like Microsoft's.
    explicit TestSigner(std::string kid = {});
    ~TestSigner();
    TestSigner(TestSigner&&) noexcept;
    TestSigner& operator=(TestSigner&&) noexcept;

    const std::string& kid() const { return kid_; }

    // The public JWK as the channel publishes it: {kty, use, kid, x5t, n, e, endorsements}.
    nlohmann::json jwk(const std::vector<std::string>& endorsements = {"msteams"}) const;
    std::string public_key_pem() const;

    // RS256 JWT over `claims`. The header is {"alg":"RS256","typ":"JWT","kid":..,"x5t":..}
    // merged with `header_overrides`; a null override removes that field.
    std::string sign(const nlohmann::json& claims,
                     const nlohmann::json& header_overrides = nlohmann::json::object()) const;
    // RS256 signature over arbitrary header/payload text (for malformed payloads).
    std::string sign_raw(std::string_view header_json, std::string_view payload_text) const;

    // "alg":"none" with an empty signature part.
    std::string unsigned_token(const nlohmann::json& claims) const;
    // The key-confusion attack: "alg":"HS256" with this key's public PEM as the HMAC secret.
    std::string hs256_with_public_key(const nlohmann::json& claims) const;

private:
    std::string rs256(std::string_view signing_input) const;

    std::shared_ptr<EVP_PKEY> key_;
    std::string kid_;
};

// The claims of a channel -> bot token: iss, aud, serviceurl, nbf = now - 5 s,
// exp = now + `lifetime` (seconds since the epoch).
nlohmann::json channel_claims(std::string_view app_id, std::string_view service_url,
                              std::chrono::system_clock::time_point now = std::chrono::system_clock::now(),
                              std::chrono::seconds lifetime = std::chrono::hours(1));

}  // namespace test
