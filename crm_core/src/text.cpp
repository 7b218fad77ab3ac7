#include "text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace crm::text {

std::string trim(std::string_view s) {
    auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string upper(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && lower(a) == lower(b);
}

std::string email_domain(std::string_view email) {
    auto at = email.rfind('@');
    if (at == std::string_view::npos || at + 1 >= email.size()) return {};
    return lower(trim(email.substr(at + 1)));
}

bool is_free_mail_domain(std::string_view domain) {
    static constexpr std::array<std::string_view, 24> kFree = {
        "gmail.com",   "googlemail.com", "outlook.com", "hotmail.com", "live.com",    "msn.com",
        "yahoo.com",   "ymail.com",      "icloud.com",  "me.com",      "mac.com",     "aol.com",
        "proton.me",   "protonmail.com", "gmx.com",     "gmx.de",      "gmx.net",     "web.de",
        "hotmail.fr",  "orange.fr",      "yahoo.fr",    "yahoo.es",    "t-online.de", "mail.com",
    };
    return std::find(kFree.begin(), kFree.end(), domain) != kFree.end();
}

bool looks_like_email(std::string_view email) {
    auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
        return false;
    auto domain = email.substr(at + 1);
    auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
    return std::none_of(email.begin(), email.end(),
                        [](unsigned char c) { return std::isspace(c) || c == '<' || c == '>' || c == ','; });
}

std::string like_pattern(std::string_view needle) {
    std::string out = "%";
    for (char c : needle) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

}  // namespace crm::text
