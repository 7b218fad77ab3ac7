// JWT decoding and RS256 verification (bot/src/auth/jwt), checked against
// tokens made by the independent test signer.
#include "auth/jwt.hpp"
#include "support/test_signer.hpp"

#include <catch2/catch.hpp>

#include <string>

using bot::auth::base64url_decode;
using bot::auth::base64url_encode;
using bot::auth::decode_jwt;
using bot::auth::RsaPublicKey;

namespace {

RsaPublicKey key_of(const test::TestSigner& signer) {
    const auto jwk = signer.jwk();
    auto key = RsaPublicKey::from_jwk(jwk.at("n").get<std::string>(), jwk.at("e").get<std::string>());
    REQUIRE(key.ok());
    return key.value();
}

}  // namespace

TEST_CASE("base64url round-trips every length and matches the test signer's encoder", "[auth][jwt]") {
    std::string bytes;
    for (int i = 0; i < 64; ++i) {
        const auto encoded = base64url_encode(bytes);
        CHECK(encoded == test::base64url(bytes));
        CHECK(encoded.find_first_of("+/=") == std::string::npos);
        const auto decoded = base64url_decode(encoded);
        REQUIRE(decoded.has_value());
        CHECK(*decoded == bytes);
        bytes.push_back(static_cast<char>(i * 37 + 250));  // all byte values, incl. 0xFF-ish
    }
}

TEST_CASE("base64url decoding is strict", "[auth][jwt]") {
    CHECK(base64url_decode("").value() == "");
    CHECK(base64url_decode("aGk").value() == "hi");
    CHECK_FALSE(base64url_decode("aGk=").has_value());   // padding
    CHECK_FALSE(base64url_decode("a+b/").has_value());   // standard alphabet
    CHECK_FALSE(base64url_decode("aG k").has_value());   // whitespace
    CHECK_FALSE(base64url_decode("aGkxa").has_value());  // length 1 mod 4
}

TEST_CASE("decode_jwt splits a compact token into header, payload and signature", "[auth][jwt]") {
    test::TestSigner signer("kid-1");
    const nlohmann::json claims = {{"iss", "x"}, {"n", 1}};
    const auto token = signer.sign(claims);
    auto jwt = decode_jwt(token);
    REQUIRE(jwt.ok());
    CHECK(jwt->header.at("alg") == "RS256");
    CHECK(jwt->header.at("kid") == "kid-1");
    CHECK(nlohmann::json::parse(jwt->payload) == claims);
    CHECK(jwt->signing_input == token.substr(0, token.rfind('.')));
    CHECK(jwt->signature.size() == 256);  // RSA-2048
}

TEST_CASE("decode_jwt refuses what is not a compact JWS", "[auth][jwt]") {
    test::TestSigner signer;
    const auto good = signer.sign({{"a", 1}});
    for (const std::string& bad : {std::string(""), std::string("abc"), std::string("a.b"), good + ".x",
                                  std::string("..sig"), good + "=",  // padding
                                  std::string("bm90IGpzb24.e30.c2ln"),  // header "not json"
                                  std::string("WzFd.e30.c2ln")}) {       // header "[1]": JSON, not an object
        INFO(bad);
        auto jwt = decode_jwt(bad);
        CHECK_FALSE(jwt.ok());
        if (!jwt.ok()) CHECK(jwt.error().message.find(bad.empty() ? "\x01" : bad) == std::string::npos);
    }
}

TEST_CASE("RS256 verification accepts the signer's signature and nothing else", "[auth][jwt]") {
    test::TestSigner signer;
    test::TestSigner other;
    const auto key = key_of(signer);
    CHECK(key.bits() == 2048);

    auto jwt = decode_jwt(signer.sign({{"sub", "me"}}));
    REQUIRE(jwt.ok());
    CHECK(key.verify_rs256(jwt->signing_input, jwt->signature));

    // Another key's signature, a changed payload, a truncated or empty signature.
    auto foreign = decode_jwt(other.sign({{"sub", "me"}}));
    REQUIRE(foreign.ok());
    CHECK_FALSE(key.verify_rs256(foreign->signing_input, foreign->signature));
    CHECK_FALSE(key.verify_rs256(jwt->signing_input + "x", jwt->signature));
    CHECK_FALSE(key.verify_rs256(jwt->signing_input, jwt->signature.substr(1)));
    CHECK_FALSE(key.verify_rs256(jwt->signing_input, ""));
}

TEST_CASE("RsaPublicKey refuses short keys and garbage components", "[auth][jwt]") {
    const std::string n1024 = test::base64url(std::string(128, '\xC3'));  // a 1024-bit modulus
    CHECK_FALSE(RsaPublicKey::from_jwk(n1024, "AQAB").ok());
    CHECK_FALSE(RsaPublicKey::from_jwk("not base64!", "AQAB").ok());
    CHECK_FALSE(RsaPublicKey::from_jwk("", "AQAB").ok());
    CHECK(RsaPublicKey::from_jwk(n1024, "AQAB", 1024).ok());
}
