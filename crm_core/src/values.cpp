#include <crm_core/values.hpp>

#include <cctype>
#include <charconv>
#include <cstdio>
#include <ctime>

namespace crm {

namespace {
// text[pos, pos + len) as a whole decimal number, nullopt when it is anything else.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t len) {
    int v = 0;
    auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, v);
    if (ec != std::errc{} || end != text.data() + pos + len) return std::nullopt;
    return v;
}
}  // namespace

std::string to_iso8601(Timestamp t) {
    std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::optional<Timestamp> parse_iso8601(std::string_view text) {
    if (text.size() < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || text[13] != ':' || text[16] != ':')
        return std::nullopt;
    auto date = parse_date(text.substr(0, 10));
    if (!date) return std::nullopt;
    auto number = [&](std::size_t pos, std::size_t len) { return digits(text, pos, len); };
    auto h = number(11, 2), m = number(14, 2), sec = number(17, 2);
    if (!h || !m || !sec || *h > 23 || *m > 59 || *sec > 60) return std::nullopt;
    std::size_t i = 19;
    std::chrono::microseconds fraction{0};
    if (i < text.size() && text[i] == '.') {
        std::int64_t scale = 100000;
        for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, scale /= 10)
            fraction += std::chrono::microseconds((text[i] - '0') * scale);
    }
    std::chrono::minutes offset{0};
    if (i < text.size() && (text[i] == 'Z' || text[i] == 'z')) {
        ++i;
    } else if (i + 6 == text.size() && (text[i] == '+' || text[i] == '-') && text[i + 3] == ':') {
        auto oh = number(i + 1, 2), om = number(i + 4, 2);
        if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
        offset = std::chrono::minutes(*oh * 60 + *om) * (text[i] == '-' ? -1 : 1);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != text.size()) return std::nullopt;
    return Timestamp(std::chrono::sys_days(*date)) + std::chrono::hours(*h) + std::chrono::minutes(*m) +
           std::chrono::seconds(*sec) + fraction - offset;
}

std::optional<Date> parse_date(std::string_view iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
    auto number = [&](std::size_t pos, std::size_t len) { return digits(iso, pos, len); };
    auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
    if (!y || !m || !d) return std::nullopt;
    Date date{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
              std::chrono::day{static_cast<unsigned>(*d)}};
    if (!date.ok() || *y < 1900 || *y > 9999) return std::nullopt;
    return date;
}

std::string to_iso(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

std::optional<std::int64_t> Money::parse_amount(std::string_view text) {
    auto dot = text.find('.');
    auto whole = text.substr(0, dot);
    auto frac = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    if (whole.empty() || whole.size() > 15 || frac.size() > 2 || (dot != std::string_view::npos && frac.empty()))
        return std::nullopt;
    for (char c : text.substr(0, whole.size()))
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    for (char c : frac)
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    std::int64_t units = 0;
    std::from_chars(whole.data(), whole.data() + whole.size(), units);
    std::int64_t cents = 0;
    if (!frac.empty()) {
        std::from_chars(frac.data(), frac.data() + frac.size(), cents);
        if (frac.size() == 1) cents *= 10;
    }
    return units * 100 + cents;
}

std::string Money::amount_text() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(cents / 100),
                  static_cast<long long>(cents % 100));
    return buf;
}

bool is_currency_code(std::string_view code) {
    if (code.size() != 3) return false;
    for (char c : code)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

}  // namespace crm
