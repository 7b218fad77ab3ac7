#include "connector/service_url_policy.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace bot::connector {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

crm::Error malformed(std::string_view url, std::string_view why) {
    std::string shown(url.substr(0, 80));
    if (url.size() > 80) shown += "...";
    for (auto& c : shown) {
        if (!std::isprint(static_cast<unsigned char>(c))) c = '?';
    }
    return crm::Error{crm::ErrorCode::validation, "service URL \"" + shown + "\" " + std::string(why), "serviceUrl"};
}

bool host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

}  // namespace

std::vector<std::string> default_allowed_service_hosts() {
    return {
        "smba.trafficmanager.net",             // Teams, commercial cloud
        "*.botframework.com",                  // Bot Framework channels
        "smba.infra.gcc.teams.microsoft.com",  // GCC
        "smba.infra.gov.teams.microsoft.us",   // GCC High
    };
}

crm::Result<ServiceUrl> parse_service_url(std::string_view url) {
    for (const char c : url) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F || c == '\\') return malformed(url, "contains spaces, control characters or '\\'");
    }
    const auto sep = url.find("://");
    if (sep == std::string_view::npos) return malformed(url, "is not an absolute URL");

    ServiceUrl out;
    out.scheme = lower(url.substr(0, sep));
    if (out.scheme != "https" && out.scheme != "http") return malformed(url, "is not http(s)");

    const auto rest = url.substr(sep + 3);
    if (rest.find_first_of("?#") != std::string_view::npos) return malformed(url, "has a query or fragment");
    const auto slash = rest.find('/');
    const auto authority = rest.substr(0, slash);
    out.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
    if (authority.find('@') != std::string_view::npos) return malformed(url, "has user info");

    std::string_view host = authority;
    std::string_view port;
    if (authority.starts_with('[')) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos || close < 3) return malformed(url, "has a bad IPv6 host");
        host = authority.substr(0, close + 1);
        const auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return malformed(url, "has a bad host");
            port = after.substr(1);
        }
        for (const char c : host.substr(1, host.size() - 2)) {
            if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') {
                return malformed(url, "has a bad IPv6 host");
            }
        }
    } else {
        const auto colon = authority.find(':');
        if (colon != std::string_view::npos) {
            host = authority.substr(0, colon);
            port = authority.substr(colon + 1);
        }
        out.host = lower(host);
        if (out.host.empty() || !std::all_of(out.host.begin(), out.host.end(), host_char) ||
            out.host.front() == '.' || out.host.back() == '.' || out.host.find("..") != std::string::npos) {
            return malformed(url, "has a bad host name");
        }
    }
    if (out.host.empty()) out.host = lower(host);

    if (!port.empty() || authority.ends_with(':')) {
        unsigned value = 0;
        const auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (port.empty() || ec != std::errc{} || ptr != port.data() + port.size() || value == 0 || value > 65535) {
            return malformed(url, "has a bad port");
        }
        out.port = static_cast<std::uint16_t>(value);
    }

    std::string_view path = out.path;
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    out.normalized = out.scheme + "://" + out.host + (out.port ? ":" + std::to_string(*out.port) : "") + lower(path);
    return out;
}

ServiceUrlPolicy::ServiceUrlPolicy(ServiceUrlPolicyOptions options) : max_trusted_(std::max<std::size_t>(1, options.max_trusted)) {
    for (auto& host : options.allowed_hosts) {
        if (!host.empty()) allowed_hosts_.push_back(lower(host));
    }
}

bool ServiceUrlPolicy::trust(std::string_view service_url) {
    auto parsed = parse_service_url(service_url);
    if (!parsed) return false;
    std::lock_guard lock(mutex_);
    if (trusted_.insert(parsed->normalized).second) {
        trusted_order_.push_back(parsed->normalized);
        while (trusted_order_.size() > max_trusted_) {
            trusted_.erase(trusted_order_.front());
            trusted_order_.pop_front();
        }
    }
    return true;
}

bool ServiceUrlPolicy::host_allow_listed(const ServiceUrl& url) const {
    // The allow-list vouches for Microsoft's TLS endpoints only.
    if (url.scheme != "https" || (url.port && *url.port != 443)) return false;
    return std::any_of(allowed_hosts_.begin(), allowed_hosts_.end(), [&](const std::string& pattern) {
        if (pattern.starts_with("*.")) {
            const std::string_view suffix = std::string_view(pattern).substr(1);  // ".botframework.com"
            return url.host.size() > suffix.size() && url.host.ends_with(suffix);
        }
        return url.host == pattern;
    });
}

crm::Status ServiceUrlPolicy::check(std::string_view service_url) const {
    auto parsed = parse_service_url(service_url);
    if (!parsed) return parsed.error();
    if (host_allow_listed(*parsed)) return crm::Done{};
    {
        std::lock_guard lock(mutex_);
        if (trusted_.count(parsed->normalized) != 0) return crm::Done{};
    }
    return crm::Error{crm::ErrorCode::forbidden,
                      "service URL host " + parsed->host +
                          " is neither allow-listed nor seen in an authenticated activity",
                      "serviceUrl"};
}

}  // namespace bot::connector
