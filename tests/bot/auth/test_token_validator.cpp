// Inbound token validation end to end: the validator fetches the fake channel's
// OpenID metadata and JWKS over real HTTP and checks tokens the channel signed.
#include "auth/manual_clock.hpp"
#include "auth/token_validator.hpp"
#include "support/fake_channel.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using bot::auth::AuthFailure;
using bot::auth::AuthResult;
using bot::auth::TokenValidator;
using bot::auth::TokenValidatorConfig;

namespace {

constexpr std::string_view kTeams = "msteams";

struct Fixture {
    explicit Fixture(std::function<void(TokenValidatorConfig&)> tweak = {}) {
        channel.start();
        TokenValidatorConfig config;
        config.app_id = channel.app_id();
        config.openid_metadata_url = channel.openid_metadata_url();
        config.key_fetch_timeout = 3s;
        config.clock = clock.source();
        if (tweak) tweak(config);
        auto created = TokenValidator::create(config);
        REQUIRE(created.ok());
        validator = created.value();
    }

    nlohmann::json claims() const { return test::channel_claims(channel.app_id(), channel.service_url(), clock.now()); }
    std::string token() const { return channel.sign(claims()); }

    AuthResult check(const std::string& token, std::string_view channel_id = kTeams) const {
        return validator->validate("Bearer " + token, channel_id, channel.service_url());
    }

    // Rejected for `reason`, and the log text does not leak the token.
    void require_rejected(const std::string& token, AuthFailure reason, std::string_view channel_id = kTeams) const {
        const auto result = check(token, channel_id);
        REQUIRE_FALSE(result.ok());
        INFO(result.rejection().message);
        CHECK(bot::auth::to_string(result.reason()) == bot::auth::to_string(reason));
        CHECK_FALSE(result.rejection().message.empty());
        const auto signature = token.substr(token.rfind('.') + 1);
        if (signature.size() > 8) CHECK(result.rejection().message.find(signature) == std::string::npos);
        CHECK(result.rejection().message.find(token) == std::string::npos);
    }

    test::ManualClock clock;
    test::FakeChannel channel;
    std::shared_ptr<TokenValidator> validator;
};

}  // namespace

TEST_CASE("a token signed by the channel is accepted", "[auth][validator]") {
    Fixture f;
    const auto result = f.check(f.token());
    REQUIRE(result.ok());
    CHECK(result.claims().audience == f.channel.app_id());
    CHECK(result.claims().issuer == "https://api.botframework.com");
    CHECK(result.claims().service_url == f.channel.service_url());
    CHECK(result.claims().key_id == f.channel.kid());
    CHECK(result.claims().payload.at("serviceurl") == f.channel.service_url());
    CHECK(result.claims().not_before.has_value());
    CHECK(result.claims().expires_at > f.clock.now());
}

TEST_CASE("the audience may also be api://<app id>", "[auth][validator]") {
    Fixture f;
    auto claims = f.claims();
    claims["aud"] = "api://" + f.channel.app_id();
    const auto result = f.check(f.channel.sign(claims));
    REQUIRE(result.ok());
    CHECK(result.claims().audience == "api://" + f.channel.app_id());

    claims["aud"] = nlohmann::json::array({"someone-else", f.channel.app_id()});
    CHECK(f.check(f.channel.sign(claims)).ok());
}

TEST_CASE("the Authorization header must be exactly 'Bearer <token>'", "[auth][validator]") {
    Fixture f;
    const auto token = f.token();
    const auto url = f.channel.service_url();
    auto reason = [&](const std::string& header) {
        const auto r = f.validator->validate(header, kTeams, url);
        REQUIRE_FALSE(r.ok());
        CHECK(r.rejection().message.find(token) == std::string::npos);
        return r.reason();
    };
    CHECK(reason("") == AuthFailure::missing_header);
    CHECK(reason("bearer " + token) == AuthFailure::bad_scheme);
    CHECK(reason("BEARER " + token) == AuthFailure::bad_scheme);
    CHECK(reason("Basic dXNlcjpwYXNz") == AuthFailure::bad_scheme);
    CHECK(reason("Bearer") == AuthFailure::bad_scheme);
    CHECK(reason("Bearer ") == AuthFailure::bad_scheme);
    CHECK(reason("Bearer  " + token) == AuthFailure::bad_scheme);
    CHECK(reason("Bearer " + token + " extra") == AuthFailure::bad_scheme);
    CHECK(reason(token) == AuthFailure::bad_scheme);
    // None of that needed the keys.
    CHECK(f.channel.jwks_fetches() == 0);
}

TEST_CASE("garbage tokens are malformed", "[auth][validator]") {
    Fixture f;
    f.require_rejected("garbage", AuthFailure::malformed_token);
    f.require_rejected("a.b", AuthFailure::malformed_token);
    f.require_rejected("a.b.c.d", AuthFailure::malformed_token);
    f.require_rejected("!!!.???.***", AuthFailure::malformed_token);
    f.require_rejected(test::base64url("not json") + "." + test::base64url("{}") + ".c2ln", AuthFailure::malformed_token);
    // A good signature over a payload that is not a JSON object.
    const nlohmann::json header = {{"alg", "RS256"}, {"kid", f.channel.kid()}};
    f.require_rejected(f.channel.signer()->sign_raw(header.dump(), "[1,2,3]"), AuthFailure::malformed_token);
    f.require_rejected(f.channel.signer()->sign_raw(header.dump(), "{\"iss\":"), AuthFailure::malformed_token);
}

TEST_CASE("only RS256 is accepted: alg none, HS256 with the public key, RS384 are refused", "[auth][validator]") {
    Fixture f;
    const auto claims = f.claims();
    const auto signer = f.channel.signer();
    f.require_rejected(signer->unsigned_token(claims), AuthFailure::unsupported_algorithm);
    f.require_rejected(signer->hs256_with_public_key(claims), AuthFailure::unsupported_algorithm);
    f.require_rejected(f.channel.sign(claims, {{"alg", "RS384"}}), AuthFailure::unsupported_algorithm);
    f.require_rejected(f.channel.sign(claims, {{"alg", "rs256"}}), AuthFailure::unsupported_algorithm);
    f.require_rejected(f.channel.sign(claims, {{"alg", nullptr}}), AuthFailure::unsupported_algorithm);
    // The algorithm is checked before any key is looked up.
    CHECK(f.channel.jwks_fetches() == 0);
    CHECK(f.check(f.token()).ok());
}

TEST_CASE("a token signed by another key is refused", "[auth][validator]") {
    Fixture f;
    // Same kid as the channel's key, different private key: an attacker's forgery.
    test::TestSigner impostor(f.channel.kid());
    f.require_rejected(impostor.sign(f.claims()), AuthFailure::bad_signature);

    // A genuine token with its payload changed after signing.
    const auto good = f.token();
    auto forged_claims = f.claims();
    forged_claims["aud"] = "attacker-app";
    const auto first_dot = good.find('.');
    const auto second_dot = good.rfind('.');
    const auto tampered =
        good.substr(0, first_dot + 1) + test::base64url(forged_claims.dump()) + good.substr(second_dot);
    f.require_rejected(tampered, AuthFailure::bad_signature);
}

TEST_CASE("issuer and audience must match", "[auth][validator]") {
    Fixture f;
    auto claims = f.claims();
    claims["iss"] = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    f.require_rejected(f.channel.sign(claims), AuthFailure::bad_issuer);
    claims.erase("iss");
    f.require_rejected(f.channel.sign(claims), AuthFailure::bad_issuer);

    claims = f.claims();
    claims["aud"] = "11111111-2222-3333-4444-555555555555";
    f.require_rejected(f.channel.sign(claims), AuthFailure::bad_audience);
    claims["aud"] = "API://" + f.channel.app_id();
    f.require_rejected(f.channel.sign(claims), AuthFailure::bad_audience);
    claims.erase("aud");
    f.require_rejected(f.channel.sign(claims), AuthFailure::bad_audience);
}

TEST_CASE("exp and nbf are enforced with 300 s of clock skew", "[auth][validator]") {
    Fixture f;
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(f.clock.now().time_since_epoch()).count();
    auto with_times = [&](long long nbf, long long exp) {
        auto claims = f.claims();
        claims["nbf"] = nbf;
        claims["exp"] = exp;
        return f.channel.sign(claims);
    };

    SECTION("expired beyond the skew") { f.require_rejected(with_times(now - 3600, now - 301), AuthFailure::expired); }
    SECTION("expired within the skew") { CHECK(f.check(with_times(now - 3600, now - 299)).ok()); }
    SECTION("not yet valid beyond the skew") {
        f.require_rejected(with_times(now + 301, now + 3600), AuthFailure::not_yet_valid);
    }
    SECTION("not yet valid within the skew") { CHECK(f.check(with_times(now + 299, now + 3600)).ok()); }
    SECTION("exp is required") {
        auto claims = f.claims();
        claims.erase("exp");
        f.require_rejected(f.channel.sign(claims), AuthFailure::missing_expiry);
        claims["exp"] = "tomorrow";
        f.require_rejected(f.channel.sign(claims), AuthFailure::missing_expiry);
    }
    SECTION("nbf is optional") {
        auto claims = f.claims();
        claims.erase("nbf");
        CHECK(f.check(f.channel.sign(claims)).ok());
    }
    SECTION("a token becomes invalid as the clock passes exp + skew") {
        const auto token = with_times(now - 5, now + 60);
        CHECK(f.check(token).ok());
        f.clock.advance(60s + 300s - 1s);  // `now` above was rounded down to the second
        CHECK(f.check(token).ok());
        f.clock.advance(2s);
        f.require_rejected(token, AuthFailure::expired);
    }
}

TEST_CASE("the signing key must endorse the activity's channel", "[auth][validator]") {
    SECTION("channelId not endorsed") {
        Fixture f;
        f.require_rejected(f.token(), AuthFailure::channel_not_endorsed, "webchat");
        f.require_rejected(f.token(), AuthFailure::channel_not_endorsed, "MSTEAMS");
    }
    SECTION("empty channelId") {
        Fixture f;
        f.require_rejected(f.token(), AuthFailure::missing_channel_id, "");
    }
    SECTION("key without endorsements") {
        Fixture f;
        f.channel.set_endorsements({});
        f.require_rejected(f.token(), AuthFailure::channel_not_endorsed);
    }
    SECTION("key endorsing several channels") {
        Fixture f;
        f.channel.set_endorsements({"webchat", "msteams", "skype"});
        CHECK(f.check(f.token()).ok());
        CHECK(f.check(f.token(), "webchat").ok());
    }
}

TEST_CASE("the serviceurl claim must match the activity's serviceUrl", "[auth][validator]") {
    Fixture f;
    const auto token = f.token();
    const auto url = f.channel.service_url();  // "http://127.0.0.1:<port>/"
    auto validate = [&](const std::string& activity_url) { return f.validator->validate("Bearer " + token, kTeams, activity_url); };

    CHECK(validate(url).ok());
    // Case-insensitive, one trailing slash ignored (as the Teams SDK).
    CHECK(validate(url.substr(0, url.size() - 1)).ok());
    std::string upper = url;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(validate(upper).ok());

    for (const std::string& other : {std::string("https://smba.trafficmanager.net/amer/"), url + "evil/", url + "/",
                                    std::string(""), "http://127.0.0.2:" + std::to_string(f.channel.port()) + "/"}) {
        INFO(other);
        const auto r = validate(other);
        REQUIRE_FALSE(r.ok());
        CHECK(r.reason() == AuthFailure::service_url_mismatch);
    }

    auto claims = f.claims();
    claims.erase("serviceurl");
    f.require_rejected(f.channel.sign(claims), AuthFailure::missing_service_url);
    claims["serviceurl"] = "";
    f.require_rejected(f.channel.sign(claims), AuthFailure::missing_service_url);
}

TEST_CASE("a missing kid is refused", "[auth][validator]") {
    Fixture f;
    f.require_rejected(f.channel.sign(f.claims(), {{"kid", nullptr}}), AuthFailure::missing_key_id);
    f.require_rejected(f.channel.sign(f.claims(), {{"kid", ""}}), AuthFailure::missing_key_id);
    f.require_rejected(f.channel.sign(f.claims(), {{"kid", 42}}), AuthFailure::missing_key_id);
}

TEST_CASE("keys are fetched once and cached", "[auth][validator]") {
    Fixture f;
    for (int i = 0; i < 25; ++i) REQUIRE(f.check(f.token()).ok());
    CHECK(f.channel.metadata_fetches() == 1);
    CHECK(f.channel.jwks_fetches() == 1);
}

TEST_CASE("concurrent first validations share one key fetch", "[auth][validator]") {
    Fixture f;
    const auto token = f.token();
    std::atomic<int> accepted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 20; ++i) {
                if (f.check(token).ok()) ++accepted;
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(accepted == 160);
    CHECK(f.channel.metadata_fetches() == 1);
    CHECK(f.channel.jwks_fetches() == 1);
}

TEST_CASE("an unknown kid forces one refetch, rate-limited, a rotated key then works", "[auth][validator]") {
    Fixture f;  // unknown_kid_refresh_interval: the default 5 min
    REQUIRE(f.check(f.token()).ok());
    REQUIRE(f.channel.jwks_fetches() == 1);

    // The channel rotates its key. Just after a fetch, the new kid is not
    // worth another fetch yet...
    f.channel.rotate_key();
    f.require_rejected(f.token(), AuthFailure::unknown_key_id);
    CHECK(f.channel.jwks_fetches() == 1);
    // ...but once min_refresh_interval has passed, it is: one refetch, and the new key works.
    f.clock.advance(5min + 1s);
    CHECK(f.check(f.token()).ok());
    CHECK(f.channel.jwks_fetches() == 2);
    // The old key is still published, so tokens it signed still pass.

    // A kid nobody publishes: refused without hammering the JWKS endpoint.
    const auto bogus = f.channel.sign(f.claims(), {{"kid", "no-such-key"}});
    for (int i = 0; i < 50; ++i) f.require_rejected(bogus, AuthFailure::unknown_key_id);
    CHECK(f.channel.jwks_fetches() == 2);
    f.clock.advance(5min + 1s);
    for (int i = 0; i < 50; ++i) f.require_rejected(bogus, AuthFailure::unknown_key_id);
    CHECK(f.channel.jwks_fetches() == 3);  // one refetch per interval
    CHECK(f.check(f.token()).ok());
}

TEST_CASE("with no refetch interval an unknown kid costs exactly one fetch per validation", "[auth][validator]") {
    Fixture f([](TokenValidatorConfig& c) { c.unknown_kid_refresh_interval = 0s; });
    REQUIRE(f.check(f.token()).ok());
    const auto bogus = f.channel.sign(f.claims(), {{"kid", "no-such-key"}});
    f.require_rejected(bogus, AuthFailure::unknown_key_id);
    CHECK(f.channel.jwks_fetches() == 2);
    // A key withdrawn by the channel stops working at the next refetch.
    const auto old_token = f.token();
    f.channel.rotate_key(/*keep_previous=*/false);
    CHECK(f.check(f.token()).ok());  // new kid: refetch
    CHECK(f.channel.jwks_fetches() == 3);
    f.require_rejected(old_token, AuthFailure::unknown_key_id);
}

TEST_CASE("the key set is refreshed after 24 hours", "[auth][validator]") {
    Fixture f;
    REQUIRE(f.check(f.token()).ok());
    f.clock.advance(23h);
    REQUIRE(f.check(f.token()).ok());
    CHECK(f.channel.jwks_fetches() == 1);
    f.clock.advance(1h + 1s);
    REQUIRE(f.check(f.token()).ok());
    CHECK(f.channel.jwks_fetches() == 2);
    CHECK(f.channel.metadata_fetches() == 2);
}

TEST_CASE("metadata server down: validation fails cleanly and recovers later", "[auth][validator]") {
    Fixture f;
    const auto port = f.channel.port();
    f.channel.stop();  // connection refused

    f.require_rejected(f.token(), AuthFailure::keys_unavailable);
    CHECK(f.validator->keys().fetch_attempts() == 1);
    // Within the retry interval, no new attempt: fails fast.
    f.require_rejected(f.token(), AuthFailure::keys_unavailable);
    CHECK(f.validator->keys().fetch_attempts() == 1);

    f.channel.start(port);
    f.clock.advance(11s);
    CHECK(f.check(f.token()).ok());
    CHECK(f.validator->keys().fetch_attempts() == 2);
}

TEST_CASE("metadata answering 503: a clean failure, then recovery", "[auth][validator]") {
    Fixture f;
    f.channel.set_discovery_failure(503);
    f.require_rejected(f.token(), AuthFailure::keys_unavailable);
    f.channel.set_discovery_failure(0);
    f.clock.advance(11s);
    CHECK(f.check(f.token()).ok());
}

TEST_CASE("a failed periodic refresh keeps the last good keys", "[auth][validator]") {
    Fixture f;
    REQUIRE(f.check(f.token()).ok());
    f.channel.set_discovery_failure(503);
    f.clock.advance(24h + 1s);
    CHECK(f.check(f.token()).ok());  // refresh failed, cached key still used
    CHECK(f.validator->keys().fetch_attempts() == 2);
    CHECK(f.check(f.token()).ok());
    CHECK(f.validator->keys().fetch_attempts() == 2);  // no retry within the retry interval

    f.channel.set_discovery_failure(0);
    f.clock.advance(11s);
    CHECK(f.check(f.token()).ok());
    CHECK(f.validator->keys().fetch_attempts() == 3);
}

TEST_CASE("the validator needs an app id and an http(s) metadata URL", "[auth][validator]") {
    TokenValidatorConfig config;
    auto missing = TokenValidator::create(config);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().field == "MicrosoftAppId");

    config.app_id = "app";
    config.openid_metadata_url = "file:///etc/passwd";
    CHECK_FALSE(TokenValidator::create(config).ok());

    config.openid_metadata_url = std::string(bot::auth::kBotFrameworkOpenIdMetadataUrl);
    auto ok = TokenValidator::create(config);
    REQUIRE(ok.ok());
    CHECK(ok.value()->config().issuer == "https://api.botframework.com");
    CHECK(ok.value()->config().clock_skew == 300s);
}

TEST_CASE("service URL comparison ignores case and one trailing slash", "[auth][validator]") {
    using bot::auth::same_service_url;
    CHECK(same_service_url("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer/"));
    CHECK(same_service_url("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer"));
    CHECK(same_service_url("https://SMBA.trafficmanager.net/AMER", "https://smba.trafficmanager.net/amer/"));
    CHECK_FALSE(same_service_url("https://smba.trafficmanager.net/amer//", "https://smba.trafficmanager.net/amer"));
    CHECK_FALSE(same_service_url("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/emea/"));
    CHECK_FALSE(same_service_url("", "https://smba.trafficmanager.net/"));
}

TEST_CASE("a token seen before skips only the signature check: every other check runs again", "[auth][validator]") {
    Fixture f;
    const auto token = f.token();
    REQUIRE(f.check(token).ok());
    REQUIRE(f.check(token).ok());
    // The same token for another channel, or another service URL: refused as the first time.
    f.require_rejected(token, AuthFailure::channel_not_endorsed, "webchat");
    const auto other_url = f.validator->validate("Bearer " + token, kTeams, "https://attacker.example/");
    REQUIRE_FALSE(other_url.ok());
    CHECK(other_url.reason() == AuthFailure::service_url_mismatch);
    // One byte of the signature changed: a different token, so the signature is checked, and fails.
    auto tampered = token;
    tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
    f.require_rejected(tampered, AuthFailure::bad_signature);
    // And once it has expired, it is refused like any expired token.
    f.clock.advance(2h);
    f.require_rejected(token, AuthFailure::expired);
}
