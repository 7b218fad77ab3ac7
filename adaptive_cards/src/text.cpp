#include <adaptive_cards/text.hpp>

#include <algorithm>
#include <cctype>

namespace cards {

std::string escape_markdown(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    bool line_start = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (line_start) {
            // "- x", "+ x", "1. x" and "1) x" at the start of a line would become a list.
            if ((c == '-' || c == '+') && (i + 1 == text.size() || text[i + 1] == ' ')) out += '\\';
            if (std::isdigit(static_cast<unsigned char>(c))) {
                std::size_t j = i;
                while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
                const bool marker = j < text.size() && (text[j] == '.' || text[j] == ')') &&
                                    (j + 1 == text.size() || text[j + 1] == ' ' || text[j + 1] == '\n');
                if (marker) {
                    out.append(text.substr(i, j - i));
                    out += '\\';
                    out += text[j];
                    i = j;
                    line_start = false;
                    continue;
                }
            }
        }
        switch (c) {
            case '\\': case '*': case '_': case '[': case ']': case '(': case ')':
            case '`': case '~': case '#': case '>': case '<': case '|':
                out += '\\';
                break;
            default: break;
        }
        out += c;
        line_start = c == '\n';
    }
    return out;
}

std::string teams_markdown(std::string_view markdown) {
    std::string out;
    out.reserve(markdown.size());
    std::size_t i = 0;
    while (i < markdown.size()) {
        const char c = markdown[i];
        if (c == '\\' && i + 1 < markdown.size()) {  // an escape: both characters as they are
            out.append(markdown.substr(i, 2));
            i += 2;
            continue;
        }
        if (c != '`') {
            out += c;
            ++i;
            continue;
        }
        // A run of n backticks opens a span closed by the next run of exactly n (CommonMark).
        const std::size_t open_end = markdown.find_first_not_of('`', i);
        const std::size_t n = (open_end == std::string_view::npos ? markdown.size() : open_end) - i;
        std::size_t close = open_end;
        while (close != std::string_view::npos) {
            close = markdown.find('`', close);
            if (close == std::string_view::npos) break;
            const std::size_t run_end = std::min(markdown.find_first_not_of('`', close), markdown.size());
            if (run_end - close == n) break;
            close = run_end;
        }
        if (close == std::string_view::npos) {  // never closed: literal backticks
            out.append(markdown.substr(i, n));
            i += n;
            continue;
        }
        // Spaces inside the backticks go ("`` `x` ``" is `x`): bold must not start or end with one.
        const std::string_view code = markdown.substr(open_end, close - open_end);
        const std::size_t first = code.find_first_not_of(' ');
        if (first == std::string_view::npos) out.append(markdown.substr(i, close + n - i));
        else out += "**" + escape_markdown(code.substr(first, code.find_last_not_of(' ') + 1 - first)) + "**";
        i = close + n;
    }
    return out;
}

std::string truncate(std::string_view text, std::size_t max_chars) {
    std::size_t chars = 0;
    std::size_t i = 0;
    while (i < text.size() && chars < max_chars) {
        const unsigned char lead = static_cast<unsigned char>(text[i]);
        const std::size_t len = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
        i = std::min(text.size(), i + len);
        ++chars;
    }
    return std::string(text.substr(0, i));
}

std::string clip(std::string_view text, std::size_t max_chars) {
    std::string out = truncate(text, max_chars);
    if (out.size() < text.size()) out += "…";
    return out;
}

std::string percent_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : text) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    return out;
}

namespace {
bool plausible_address(std::string_view address) {
    const auto at = address.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < address.size();
}

// An address in a mailto URL: everything encoded but the "@" between its parts.
std::string encode_address(std::string_view address) {
    const auto at = address.rfind('@');
    return percent_encode(address.substr(0, at)) + "@" + percent_encode(address.substr(at + 1));
}
}  // namespace

std::string mailto_url(std::string_view to, const std::vector<std::string>& cc, std::string_view subject) {
    std::vector<std::string_view> seen;
    std::string url = "mailto:";
    if (plausible_address(to)) {
        url += encode_address(to);
        seen.push_back(to);
    }
    std::string cc_list;
    for (const auto& address : cc) {
        if (!plausible_address(address) || std::find(seen.begin(), seen.end(), address) != seen.end()) continue;
        seen.push_back(address);
        if (!cc_list.empty()) cc_list += ',';
        cc_list += encode_address(address);
    }
    if (seen.empty()) return {};
    std::string query;
    if (!cc_list.empty()) query += "cc=" + cc_list;
    if (!subject.empty()) {
        if (!query.empty()) query += '&';
        query += "subject=" + percent_encode(subject);
    }
    if (!query.empty()) url += "?" + query;
    return url;
}

}  // namespace cards
