#include "support/test_signer.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <stdexcept>

namespace test {
namespace {

[[noreturn]] void openssl_failed(const char* what) { throw std::runtime_error(std::string("OpenSSL: ") + what); }

std::string bignum_param(EVP_PKEY* key, const char* name) {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1) openssl_failed("EVP_PKEY_get_bn_param");
    std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    BN_free(bn);
    return out;
}

std::string random_kid() {
    unsigned char bytes[20];
    if (RAND_bytes(bytes, sizeof bytes) != 1) openssl_failed("RAND_bytes");
    return base64url(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes)).substr(0, 27);
}

}  // namespace

std::string base64url(std::string_view bytes) {
    // EVP_EncodeBlock writes standard base64 with padding; translate it.
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (auto& c : out) {
        if (c == '+') c = '-';
        if (c == '/') c = '_';
    }
    return out;
}

TestSigner::TestSigner(std::string kid) : kid_(kid.empty() ? random_kid() : std::move(kid)) {
    EVP_PKEY* raw = EVP_RSA_gen(2048);
    if (raw == nullptr) openssl_failed("EVP_RSA_gen");
    key_.reset(raw, &EVP_PKEY_free);
}

TestSigner::~TestSigner() = default;
TestSigner::TestSigner(TestSigner&&) noexcept = default;
TestSigner& TestSigner::operator=(TestSigner&&) noexcept = default;

nlohmann::json TestSigner::jwk(const std::vector<std::string>& endorsements) const {
    return {{"kty", "RSA"},
            {"use", "sig"},
            {"kid", kid_},
            {"x5t", kid_},
            {"n", base64url(bignum_param(key_.get(), OSSL_PKEY_PARAM_RSA_N))},
            {"e", base64url(bignum_param(key_.get(), OSSL_PKEY_PARAM_RSA_E))},
            {"endorsements", endorsements}};
}

std::string TestSigner::public_key_pem() const {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1) openssl_failed("PEM_write_bio_PUBKEY");
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

std::string TestSigner::rs256(std::string_view signing_input) const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1) {
        openssl_failed("EVP_DigestSignInit");
    }
    std::size_t len = 0;
    const auto* in = reinterpret_cast<const unsigned char*>(signing_input.data());
    if (EVP_DigestSign(ctx.get(), nullptr, &len, in, signing_input.size()) != 1) openssl_failed("EVP_DigestSign");
    std::string sig(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, in, signing_input.size()) != 1) {
        openssl_failed("EVP_DigestSign");
    }
    sig.resize(len);
    return sig;
}

std::string TestSigner::sign(const nlohmann::json& claims, const nlohmann::json& header_overrides) const {
    nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}, {"kid", kid_}, {"x5t", kid_}};
    for (const auto& [name, value] : header_overrides.items()) {
        if (value.is_null()) {
            header.erase(name);
        } else {
            header[name] = value;
        }
    }
    return sign_raw(header.dump(), claims.dump());
}

std::string TestSigner::sign_raw(std::string_view header_json, std::string_view payload_text) const {
    const std::string input = base64url(header_json) + "." + base64url(payload_text);
    return input + "." + base64url(rs256(input));
}

std::string TestSigner::unsigned_token(const nlohmann::json& claims) const {
    const nlohmann::json header = {{"alg", "none"}, {"typ", "JWT"}, {"kid", kid_}};
    return base64url(header.dump()) + "." + base64url(claims.dump()) + ".";
}

std::string TestSigner::hs256_with_public_key(const nlohmann::json& claims) const {
    const nlohmann::json header = {{"alg", "HS256"}, {"typ", "JWT"}, {"kid", kid_}};
    const std::string input = base64url(header.dump()) + "." + base64url(claims.dump());
    const std::string secret = public_key_pem();
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
             reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &mac_len) == nullptr) {
        openssl_failed("HMAC");
    }
    return input + "." + base64url(std::string_view(reinterpret_cast<const char*>(mac), mac_len));
}

nlohmann::json channel_claims(std::string_view app_id, std::string_view service_url,
                              std::chrono::system_clock::time_point now, std::chrono::seconds lifetime) {
    const auto t = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    return {{"serviceurl", service_url},
            {"nbf", t - 5},
            {"exp", t + lifetime.count()},
            {"iss", kChannelIssuer},
            {"aud", app_id}};
}

}  // namespace test
