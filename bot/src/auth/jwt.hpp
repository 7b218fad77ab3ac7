#pragma once
// Compact JWS/JWT decoding and RS256 signature checks with OpenSSL 3.
//
// Only what inbound Bot Framework authentication needs: split a compact token,
// base64url-decode its parts, parse the JOSE header, and verify an RS256
// signature with an RSA public key given as JWK `n`/`e`. Claims are checked by
// TokenValidator; the payload is handed back undecoded as JSON so that callers
// parse it only after the signature is known to be good.
#include <crm_core/result.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

typedef struct evp_pkey_st EVP_PKEY;

namespace bot::auth {

// Strict base64url (RFC 7515 §2): alphabet A-Z a-z 0-9 - _, no padding, no
// whitespace. nullopt for anything else.
std::optional<std::string> base64url_decode(std::string_view in);
std::string base64url_encode(std::string_view bytes);

struct DecodedJwt {
    nlohmann::json header;      // the JOSE header, always a JSON object
    std::string payload;        // decoded payload bytes (JSON text, not yet parsed)
    std::string signing_input;  // "<header b64>.<payload b64>" as received: what the signature covers
    std::string signature;      // decoded signature bytes
};

// Decodes a compact JWS: exactly three dot-separated base64url parts, the first
// a JSON object. Fails with ErrorCode::validation and a short reason (never the
// token itself).
crm::Result<DecodedJwt> decode_jwt(std::string_view compact);

// Parses a payload after its signature has been verified: a JSON object or an error.
crm::Result<nlohmann::json> parse_claims(std::string_view payload);

// An RSA public key, immutable once built; copies share one EVP_PKEY, which
// OpenSSL allows to be used by several threads at once for verification.
class RsaPublicKey {
public:
    // From the base64url big-endian modulus and exponent of a JWK. Refuses keys
    // shorter than `min_bits` (2048 by default: what Microsoft publishes).
    static crm::Result<RsaPublicKey> from_jwk(std::string_view n_b64url, std::string_view e_b64url,
                                              int min_bits = 2048);

    // RSASSA-PKCS1-v1_5 with SHA-256 over `signing_input`.
    bool verify_rs256(std::string_view signing_input, std::string_view signature) const;

    int bits() const;

private:
    explicit RsaPublicKey(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {}
    std::shared_ptr<EVP_PKEY> key_;
};

}  // namespace bot::auth
