#include "commands/field_values.hpp"

#include "commands/keywords.hpp"
#include "commands/text_fold.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <string>
#include <vector>

namespace bot::commands::values {
namespace {

using text::all_digits;
using text::is_digit;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    for (std::size_t start = 0;;) {
        const auto at = s.find(sep, start);
        out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos) return out;
        start = at + 1;
    }
}

// Thousands groups: 1-3 digits, then groups of exactly 3 ("50,000", "1.234.567").
bool valid_groups(std::string_view s, char sep) {
    const auto groups = split(s, sep);
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const auto g = groups[i];
        if (!all_digits(g) || (i == 0 ? g.size() > 3 : g.size() != 3)) return false;
    }
    return true;
}

std::string remove(std::string_view s, char c) {
    std::string out;
    for (char x : s)
        if (x != c) out += x;
    return out;
}

// Spaces and apostrophes as thousands separators ("50 000", "50'000"): every
// group after the first starts with exactly three digits.
std::optional<std::string> join_spaced_groups(const std::string& s) {
    std::vector<std::string> groups;
    std::string cur;
    for (char c : s) {
        if (c == ' ' || c == '\'') {
            if (cur.empty()) return std::nullopt;
            groups.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (cur.empty()) return std::nullopt;
    groups.push_back(cur);
    if (groups.size() == 1) return groups[0];
    std::string out = groups[0];
    if (!all_digits(out) || out.size() > 3) return std::nullopt;
    for (std::size_t i = 1; i < groups.size(); ++i) {
        const auto& g = groups[i];
        const auto digits = std::find_if_not(g.begin(), g.end(), is_digit) - g.begin();
        if (digits != 3 || (g.size() > 3 && g[3] != '.' && g[3] != ',')) return std::nullopt;
        out += g;
    }
    return out;
}

std::optional<std::int64_t> to_int(std::string_view digits) {
    if (digits.empty()) return 0;
    if (!all_digits(digits) || digits.size() > 18) return std::nullopt;
    std::int64_t v = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), v);
    return v;
}

// whole + 0.frac, times `multiplier`, in cents; nullopt when not exact or too large.
std::optional<std::int64_t> cents_of(std::string_view whole, std::string_view frac, std::int64_t multiplier) {
    std::int64_t scale = 1;  // 10^frac.size()
    for (std::size_t i = 0; i < frac.size(); ++i) scale *= 10;
    if (frac.size() > 8 || (multiplier * 100) % scale != 0) return std::nullopt;  // sub-cent precision
    const auto w = to_int(whole), f = to_int(frac);
    if (!w || !f || whole.empty()) return std::nullopt;
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max() / 1000;
    if (*w > kMax / (multiplier * 100)) return std::nullopt;
    return *w * multiplier * 100 + *f * (multiplier * 100 / scale);
}

// Normalises the space-like and apostrophe-like code points people put in numbers.
std::string ascii_separators(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = text::next_code_point(s, i);
        if (text::is_space(cp)) out += ' ';
        else if (cp == 0x2019 || cp == 0x2018) out += '\'';
        else text::append_utf8(out, cp);
    }
    return out;
}

}  // namespace

std::optional<std::int64_t> parse_cents(std::string_view number) {
    std::string s = text::trim(ascii_separators(number));
    if (s.empty()) return std::nullopt;

    std::int64_t multiplier = 1;
    const char last = s.back();
    if ((last == 'k' || last == 'K' || last == 'm' || last == 'M') && s.size() > 1 && is_digit(s[s.size() - 2])) {
        multiplier = (last == 'k' || last == 'K') ? 1000 : 1000000;
        s.pop_back();
    }
    auto joined = join_spaced_groups(s);
    if (!joined) return std::nullopt;
    s = *joined;
    if (!std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c) || c == '.' || c == ','; }))
        return std::nullopt;

    const auto dots = std::count(s.begin(), s.end(), '.');
    const auto commas = std::count(s.begin(), s.end(), ',');
    if (dots == 0 && commas == 0) return cents_of(s, "", multiplier);

    if (dots > 0 && commas > 0) {
        // Both: the last one is the decimal mark, the other groups thousands.
        const char decimal = s.rfind('.') > s.rfind(',') ? '.' : ',';
        const char thousands = decimal == '.' ? ',' : '.';
        const auto at = s.rfind(decimal);
        if (std::count(s.begin(), s.end(), decimal) != 1 || s.find(thousands) > at) return std::nullopt;
        const std::string_view whole = std::string_view(s).substr(0, at);
        if (!valid_groups(whole, thousands)) return std::nullopt;
        return cents_of(remove(whole, thousands), std::string_view(s).substr(at + 1), multiplier);
    }

    const char sep = dots > 0 ? '.' : ',';
    const auto count = dots + commas;
    const auto at = s.find(sep);
    const std::string_view after = std::string_view(s).substr(at + 1);
    if (count == 1 && (multiplier > 1 || after.size() != 3)) {
        // A decimal mark: "50000.5", "50,50", "1.5k".
        return cents_of(std::string_view(s).substr(0, at), after, multiplier);
    }
    if (!valid_groups(s, sep)) return std::nullopt;
    return cents_of(remove(s, sep), "", multiplier);
}

std::optional<crm::Money> parse_money(std::string_view input) {
    std::string s = text::trim(ascii_separators(input));
    std::string currency;
    // A symbol or ISO code before or after the number, with or without a space.
    for (std::size_t len = 3; len >= 1 && currency.empty(); --len) {
        if (s.size() > len) {
            if (auto code = kw::currency_for_symbol(std::string_view(s).substr(0, len))) {
                currency = *code;
                s = text::trim(s.substr(len));
            } else if (auto code2 = kw::currency_for_symbol(std::string_view(s).substr(s.size() - len))) {
                currency = *code2;
                s = text::trim(s.substr(0, s.size() - len));
            }
        }
    }
    if (currency.empty() && s.size() > 3) {
        const auto head = upper(std::string_view(s).substr(0, 3));
        const auto tail = upper(std::string_view(s).substr(s.size() - 3));
        if (is_alpha(s[0]) && !is_alpha(s[3]) && kw::is_known_currency(head)) {
            currency = head;
            s = text::trim(s.substr(3));
        } else if (is_alpha(s.back()) && !is_alpha(s[s.size() - 4]) && kw::is_known_currency(tail)) {
            currency = tail;
            s = text::trim(s.substr(0, s.size() - 3));
        }
    }
    auto cents = parse_cents(s);
    if (!cents) return std::nullopt;
    return crm::Money{*cents, currency};
}

bool looks_like_date(std::string_view text) {
    const auto parts = split(text, '-');
    return parts.size() == 3 && parts[0].size() == 4 && all_digits(parts[0]) && all_digits(parts[1]) &&
           parts[1].size() <= 2 && all_digits(parts[2]) && parts[2].size() <= 2;
}

std::optional<crm::Date> parse_date(std::string_view text) {
    if (!looks_like_date(text)) return std::nullopt;
    const auto parts = split(text, '-');
    std::string iso(parts[0]);
    for (auto p : {parts[1], parts[2]}) {
        iso += '-';
        if (p.size() == 1) iso += '0';
        iso += p;
    }
    return crm::parse_date(iso);
}

bool looks_like_email(std::string_view text) {
    const auto at = text.find('@');
    if (at == 0 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) return false;
    if (text.find_first_of(" \t,;<>") != std::string_view::npos) return false;
    const auto domain = text.substr(at + 1);
    const auto dot = domain.rfind('.');
    return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() && domain.front() != '.';
}

bool looks_like_phone(std::string_view text) {
    if (text.empty() || !(text[0] == '+' || text[0] == '(' || is_digit(text[0])) || looks_like_date(text))
        return false;
    std::size_t digits = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (is_digit(c)) ++digits;
        else if (c == '+' ? i != 0 : std::string_view(" -.()/").find(c) == std::string_view::npos) return false;
    }
    return digits >= 6 && digits <= 20;
}

bool looks_like_domain(std::string_view text) {
    if (text.empty() || text.find_first_of(" @/:") != std::string_view::npos) return false;
    const auto labels = split(text, '.');
    if (labels.size() < 2) return false;
    for (auto label : labels) {
        if (label.empty() || label.front() == '-' || label.back() == '-') return false;
        for (char c : label)
            if (!is_alpha(c) && !is_digit(c) && c != '-') return false;
    }
    const auto tld = labels.back();
    return tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), is_alpha);
}

bool looks_like_url(std::string_view text) {
    const auto lower = text::fold(text);
    for (std::string_view scheme : {"https://", "http://"})
        if (lower.rfind(scheme, 0) == 0 && lower.size() > scheme.size() && text.find(' ') == std::string_view::npos)
            return true;
    return false;
}

}  // namespace bot::commands::values
