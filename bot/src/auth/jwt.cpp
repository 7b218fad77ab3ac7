#include "auth/jwt.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <array>

namespace bot::auth {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Reverse lookup: 0-63 for alphabet characters, -1 otherwise.
constexpr std::array<signed char, 256> make_decode_table() {
    std::array<signed char, 256> t{};
    for (auto& v : t) v = -1;
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<signed char>(i);
    return t;
}
constexpr auto kDecode = make_decode_table();

crm::Error invalid(std::string message) { return crm::Error{crm::ErrorCode::validation, std::move(message), {}}; }

struct BnDeleter {
    void operator()(BIGNUM* p) const { BN_free(p); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnDeleter>;

BnPtr to_bignum(const std::string& big_endian) {
    return BnPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(big_endian.data()),
                           static_cast<int>(big_endian.size()), nullptr));
}

}  // namespace

std::optional<std::string> base64url_decode(std::string_view in) {
    // A length of 1 mod 4 cannot come from any byte string.
    if (in.size() % 4 == 1) return std::nullopt;
    std::string out;
    out.reserve(in.size() * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (const char c : in) {
        const int v = kDecode[static_cast<unsigned char>(c)];
        if (v < 0) return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    return out;
}

std::string base64url_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (const char c : bytes) {
        acc = (acc << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(kAlphabet[(acc >> bits) & 0x3F]);
        }
    }
    if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 0x3F]);
    return out;
}

crm::Result<DecodedJwt> decode_jwt(std::string_view compact) {
    const auto dot1 = compact.find('.');
    const auto dot2 = dot1 == std::string_view::npos ? dot1 : compact.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || compact.find('.', dot2 + 1) != std::string_view::npos) {
        return invalid("token is not three dot-separated parts");
    }
    const auto header_b64 = compact.substr(0, dot1);
    const auto payload_b64 = compact.substr(dot1 + 1, dot2 - dot1 - 1);
    const auto signature_b64 = compact.substr(dot2 + 1);
    if (header_b64.empty() || payload_b64.empty()) return invalid("token has an empty header or payload");

    auto header_text = base64url_decode(header_b64);
    if (!header_text) return invalid("token header is not base64url");
    auto payload = base64url_decode(payload_b64);
    if (!payload) return invalid("token payload is not base64url");
    auto signature = base64url_decode(signature_b64);
    if (!signature) return invalid("token signature is not base64url");

    DecodedJwt jwt;
    jwt.header = nlohmann::json::parse(*header_text, nullptr, /*allow_exceptions=*/false);
    if (!jwt.header.is_object()) return invalid("token header is not a JSON object");
    jwt.payload = std::move(*payload);
    jwt.signing_input = std::string(compact.substr(0, dot2));
    jwt.signature = std::move(*signature);
    return jwt;
}

crm::Result<nlohmann::json> parse_claims(std::string_view payload) {
    auto claims = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
    if (!claims.is_object()) return invalid("token payload is not a JSON object");
    return claims;
}

crm::Result<RsaPublicKey> RsaPublicKey::from_jwk(std::string_view n_b64url, std::string_view e_b64url,
                                                  int min_bits) {
    const auto n = base64url_decode(n_b64url);
    const auto e = base64url_decode(e_b64url);
    if (!n || !e || n->empty() || e->empty()) return invalid("key n/e are not base64url");

    BnPtr bn_n = to_bignum(*n);
    BnPtr bn_e = to_bignum(*e);
    if (!bn_n || !bn_e) return invalid("key n/e are not valid numbers");
    if (BN_num_bits(bn_n.get()) < min_bits) {
        return invalid("RSA key is shorter than " + std::to_string(min_bits) + " bits");
    }

    std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(), &OSSL_PARAM_BLD_free);
    if (!bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get())) {
        return crm::Error{crm::ErrorCode::internal, "OpenSSL: cannot build RSA key parameters", {}};
    }
    std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld.get()),
                                                                    &OSSL_PARAM_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr),
                                                                     &EVP_PKEY_CTX_free);
    EVP_PKEY* raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0 || raw == nullptr) {
        return invalid("OpenSSL refused the RSA key");
    }
    return RsaPublicKey(std::shared_ptr<EVP_PKEY>(raw, &EVP_PKEY_free));
}

bool RsaPublicKey::verify_rs256(std::string_view signing_input, std::string_view signature) const {
    if (!key_ || signature.empty()) return false;
    // A PKCS#1 v1.5 signature is exactly as long as the modulus.
    if (static_cast<int>(signature.size()) != EVP_PKEY_get_size(key_.get())) return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx) return false;
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1) return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                            reinterpret_cast<const unsigned char*>(signing_input.data()),
                            signing_input.size()) == 1;
}

int RsaPublicKey::bits() const { return key_ ? EVP_PKEY_get_bits(key_.get()) : 0; }

}  // namespace bot::auth
