#include "config/redact.hpp"

#include <algorithm>
#include <cctype>

namespace bot {
namespace {

std::string percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string uri_password(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    auto rest = url.substr(scheme + 3);
    const auto authority_end = rest.find_first_of("/?#");
    const auto authority = rest.substr(0, authority_end);
    const auto at = authority.rfind('@');
    if (at == std::string_view::npos) return {};
    const auto userinfo = authority.substr(0, at);
    const auto colon = userinfo.find(':');
    if (colon == std::string_view::npos) return {};
    return percent_decode(userinfo.substr(colon + 1));
}

std::string keyword_password(std::string_view s) {
    // password = value | password = 'quoted \' value'
    std::size_t pos = 0;
    while ((pos = s.find("password", pos)) != std::string_view::npos) {
        const bool at_word_start = pos == 0 || std::isspace(static_cast<unsigned char>(s[pos - 1]));
        std::size_t i = pos + 8;
        pos = i;
        if (!at_word_start) continue;
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        if (i >= s.size() || s[i] != '=') continue;
        ++i;
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        std::string value;
        if (i < s.size() && s[i] == '\'') {
            for (++i; i < s.size() && s[i] != '\''; ++i) {
                if (s[i] == '\\' && i + 1 < s.size()) ++i;
                value += s[i];
            }
        } else {
            while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) value += s[i++];
        }
        return value;
    }
    return {};
}

}  // namespace

std::string database_url_password(std::string_view url) {
    if (auto p = uri_password(url); !p.empty()) return p;
    if (auto q = url.find("password="); q != std::string_view::npos && url.find("://") != std::string_view::npos) {
        // URI query parameter: ...?password=secret&...
        auto v = url.substr(q + 9);
        return percent_decode(v.substr(0, v.find('&')));
    }
    return keyword_password(url);
}

std::string redact(std::string text, const std::vector<std::string>& secrets) {
    // Longest first, so that a secret containing another is replaced whole.
    std::vector<std::string> sorted = secrets;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (const auto& secret : sorted) {
        if (secret.empty()) continue;
        std::size_t pos = 0;
        while ((pos = text.find(secret, pos)) != std::string::npos) {
            text.replace(pos, secret.size(), "***");
            pos += 3;
        }
    }
    return text;
}

std::string redact_reason(std::string text, const std::vector<std::string>& secrets) {
    text = redact(std::move(text), secrets);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
}

}  // namespace bot
