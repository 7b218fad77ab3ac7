#pragma once
// Where the bot may send its Bot Connector token (protocol doc §4.1, SPEC A7560).
//
// A leaked token lets anyone act as the bot, and a bot that posts to any URL it
// is given is an open proxy. So an outbound call is allowed only to
//  - a service URL that arrived in an authenticated activity (the HTTP handler
//    calls trust(activity.serviceUrl) after TokenValidator accepted the request,
//    whose `serviceurl` claim Microsoft signed), or
//  - an https URL on the default port whose host matches the configured
//    allow-list (exact names, or "*.suffix" for any sub-domain of suffix), for
//    proactive messages to conversations stored before a restart.
// Everything else is refused before a token is even fetched.
//
// URLs are compared after normalisation: scheme and host lower-cased, the path
// case-insensitively, trailing '/' ignored; a URL with user info ("user@host"),
// a query, a fragment, a backslash or control characters is never accepted.
// Thread-safe: trust() comes from request threads, check() from senders.
#include <crm_core/result.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace bot::connector {

// smba.trafficmanager.net (commercial), *.botframework.com, and the GCC / GCC High
// Teams connector hosts (T-PRO).
std::vector<std::string> default_allowed_service_hosts();

struct ServiceUrlPolicyOptions {
    std::vector<std::string> allowed_hosts = default_allowed_service_hosts();
    // Bound on remembered URLs (Teams uses a handful); the oldest is forgotten first.
    std::size_t max_trusted = 1000;
};

struct ServiceUrl {
    std::string scheme;  // "http" or "https"
    std::string host;    // lower-case; IPv6 literals keep their brackets
    std::optional<std::uint16_t> port;
    std::string path;        // as given, e.g. "/amer/"
    std::string normalized;  // the comparison key described above
};

// Parses an absolute http(s) URL as described above; ErrorCode::validation otherwise.
crm::Result<ServiceUrl> parse_service_url(std::string_view url);

class ServiceUrlPolicy {
public:
    explicit ServiceUrlPolicy(ServiceUrlPolicyOptions options = {});

    // Remembers a service URL from an authenticated activity. Returns false (and
    // remembers nothing) when it is not a usable http(s) URL.
    bool trust(std::string_view service_url);

    // Ok when `service_url` may receive the bot's token; ErrorCode::forbidden
    // (or validation for a malformed URL) with the reason otherwise.
    crm::Status check(std::string_view service_url) const;
    bool allows(std::string_view service_url) const { return check(service_url).ok(); }

private:
    bool host_allow_listed(const ServiceUrl& url) const;

    std::vector<std::string> allowed_hosts_;  // lower-case patterns
    std::size_t max_trusted_;

    mutable std::mutex mutex_;
    std::unordered_set<std::string> trusted_;
    std::deque<std::string> trusted_order_;  // insertion order, for eviction
};

}  // namespace bot::connector
