// Which service URLs may receive the bot's token.
#include "connector/service_url_policy.hpp"

#include <catch2/catch.hpp>

#include <string>

using bot::connector::parse_service_url;
using bot::connector::ServiceUrlPolicy;
using bot::connector::ServiceUrlPolicyOptions;

TEST_CASE("service URLs are parsed and normalised", "[connector][policy]") {
    auto url = parse_service_url("HTTPS://SMBA.TrafficManager.net/AMER/");
    REQUIRE(url.ok());
    CHECK(url->scheme == "https");
    CHECK(url->host == "smba.trafficmanager.net");
    CHECK_FALSE(url->port.has_value());
    CHECK(url->path == "/AMER/");
    CHECK(url->normalized == "https://smba.trafficmanager.net/amer");

    auto local = parse_service_url("http://127.0.0.1:3980");
    REQUIRE(local.ok());
    CHECK(local->port == 3980);
    CHECK(local->path == "/");
    CHECK(local->normalized == "http://127.0.0.1:3980");

    auto v6 = parse_service_url("http://[::1]:8080/x/");
    REQUIRE(v6.ok());
    CHECK(v6->host == "[::1]");
    CHECK(v6->port == 8080);

    for (const char* bad : {"", "smba.trafficmanager.net/amer", "ftp://smba.trafficmanager.net/",
                            "https://smba.trafficmanager.net@evil.example/", "https://user:pw@smba.trafficmanager.net/",
                            "https://smba.trafficmanager.net/amer?x=1", "https://smba.trafficmanager.net/#frag",
                            "https://smba.trafficmanager.net:0/", "https://smba.trafficmanager.net:99999/",
                            "https://smba.trafficmanager.net:/", "https:///path", "https://bad_host/",
                            "https://smba.trafficmanager.net\\@evil.example/", "https://smba trafficmanager.net/",
                            "https://[::1/", "https://[]/", "https://.evil/", "https://a..b/"}) {
        INFO(bad);
        CHECK_FALSE(parse_service_url(bad).ok());
    }
}

TEST_CASE("allow-listed Microsoft hosts are accepted over https only", "[connector][policy]") {
    const ServiceUrlPolicy policy;
    CHECK(policy.allows("https://smba.trafficmanager.net/amer/"));
    CHECK(policy.allows("https://smba.trafficmanager.net/emea/"));
    CHECK(policy.allows("https://SMBA.trafficmanager.net:443/teams/"));
    CHECK(policy.allows("https://webchat.botframework.com/"));
    CHECK(policy.allows("https://smba.infra.gcc.teams.microsoft.com/gcc/"));
    CHECK(policy.allows("https://smba.infra.gov.teams.microsoft.us/gcch/"));

    CHECK_FALSE(policy.allows("http://smba.trafficmanager.net/amer/"));       // no TLS
    CHECK_FALSE(policy.allows("https://smba.trafficmanager.net:8443/amer/"));  // other port
    CHECK_FALSE(policy.allows("https://botframework.com/"));                   // "*." needs a sub-domain
    CHECK_FALSE(policy.allows("https://evilbotframework.com/"));
    CHECK_FALSE(policy.allows("https://smba.trafficmanager.net.evil.example/"));
    CHECK_FALSE(policy.allows("https://smba.trafficmanager.net@evil.example/"));
    CHECK_FALSE(policy.allows("https://evil.example/amer/"));

    const auto refused = policy.check("https://evil.example/amer/");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == crm::ErrorCode::forbidden);
}

TEST_CASE("service URLs from authenticated activities are trusted", "[connector][policy]") {
    ServiceUrlPolicy policy(ServiceUrlPolicyOptions{.allowed_hosts = {}, .max_trusted = 1000});
    CHECK_FALSE(policy.allows("https://smba.trafficmanager.net/amer/"));  // empty allow-list

    CHECK(policy.trust("http://127.0.0.1:3980/"));
    CHECK(policy.allows("http://127.0.0.1:3980/"));
    CHECK(policy.allows("http://127.0.0.1:3980"));  // trailing slash ignored
    CHECK_FALSE(policy.allows("http://127.0.0.1:3981/"));
    CHECK_FALSE(policy.allows("http://127.0.0.1:3980/other/"));
    CHECK_FALSE(policy.allows("https://127.0.0.1:3980/"));

    CHECK_FALSE(policy.trust("not a url"));
    CHECK_FALSE(policy.trust("https://smba.trafficmanager.net@evil.example/"));
}

TEST_CASE("the set of trusted URLs is bounded, oldest forgotten first", "[connector][policy]") {
    ServiceUrlPolicy policy(ServiceUrlPolicyOptions{.allowed_hosts = {}, .max_trusted = 3});
    for (int i = 1; i <= 4; ++i) policy.trust("https://host" + std::to_string(i) + ".example/");
    CHECK_FALSE(policy.allows("https://host1.example/"));
    CHECK(policy.allows("https://host2.example/"));
    CHECK(policy.allows("https://host4.example/"));
}

TEST_CASE("custom allow-list patterns", "[connector][policy]") {
    ServiceUrlPolicy policy(ServiceUrlPolicyOptions{.allowed_hosts = {"*.Example.com", "exact.test"}});
    CHECK(policy.allows("https://a.example.com/"));
    CHECK(policy.allows("https://a.b.example.com/"));
    CHECK_FALSE(policy.allows("https://example.com/"));
    CHECK(policy.allows("https://exact.test/"));
    CHECK_FALSE(policy.allows("https://sub.exact.test/"));
}
