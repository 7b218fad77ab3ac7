#include "commands/text_fold.hpp"

#include <algorithm>
#include <vector>

namespace bot::commands::text {
namespace {

// Latin-1 Supplement and Latin Extended-A letters folded to ASCII, as ranges of
// code points sharing a replacement. Covers the letters of es, fr, de and most
// other Latin-script names.
struct FoldRange {
    char32_t first, last;
    const char* ascii;
};
constexpr FoldRange kFolds[] = {
    {0x00C0, 0x00C5, "a"}, {0x00C6, 0x00C6, "ae"}, {0x00C7, 0x00C7, "c"}, {0x00C8, 0x00CB, "e"},
    {0x00CC, 0x00CF, "i"}, {0x00D0, 0x00D0, "d"},  {0x00D1, 0x00D1, "n"}, {0x00D2, 0x00D6, "o"},
    {0x00D8, 0x00D8, "o"}, {0x00D9, 0x00DC, "u"},  {0x00DD, 0x00DD, "y"}, {0x00DE, 0x00DE, "th"},
    {0x00DF, 0x00DF, "ss"}, {0x00E0, 0x00E5, "a"}, {0x00E6, 0x00E6, "ae"}, {0x00E7, 0x00E7, "c"},
    {0x00E8, 0x00EB, "e"}, {0x00EC, 0x00EF, "i"},  {0x00F0, 0x00F0, "d"}, {0x00F1, 0x00F1, "n"},
    {0x00F2, 0x00F6, "o"}, {0x00F8, 0x00F8, "o"},  {0x00F9, 0x00FC, "u"}, {0x00FD, 0x00FD, "y"},
    {0x00FE, 0x00FE, "th"}, {0x00FF, 0x00FF, "y"}, {0x0100, 0x0105, "a"}, {0x0106, 0x010D, "c"},
    {0x010E, 0x0111, "d"}, {0x0112, 0x011B, "e"},  {0x011C, 0x0123, "g"}, {0x0124, 0x0127, "h"},
    {0x0128, 0x0131, "i"}, {0x0132, 0x0133, "ij"}, {0x0134, 0x0135, "j"}, {0x0136, 0x0138, "k"},
    {0x0139, 0x0142, "l"}, {0x0143, 0x014B, "n"},  {0x014C, 0x0151, "o"}, {0x0152, 0x0153, "oe"},
    {0x0154, 0x0159, "r"}, {0x015A, 0x0161, "s"},  {0x0162, 0x0167, "t"}, {0x0168, 0x0173, "u"},
    {0x0174, 0x0175, "w"}, {0x0176, 0x0178, "y"},  {0x0179, 0x017E, "z"}, {0x017F, 0x017F, "s"},
    {0x1E9E, 0x1E9E, "ss"},  // capital sharp s
};

}  // namespace

char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) {
        ++i;
        return c;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07;
    }
    if (len == 0 || i + len > s.size()) {
        ++i;
        return 0xFFFD;
    }
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    i += len;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_space(char32_t cp) {
    switch (cp) {
        case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
        case 0x00A0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
            return true;
        default:
            return cp >= 0x2000 && cp <= 0x200A;
    }
}

std::string fold(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t cp = next_code_point(utf8, i);
        if (cp < 0x80) {
            out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
            continue;
        }
        if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
            out += '-';
        } else if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC) {
            out += '\'';
        } else if (cp == 0x201C || cp == 0x201D) {
            out += '"';
        } else if (is_space(cp)) {
            out += ' ';
        } else {
            const auto* range = std::find_if(std::begin(kFolds), std::end(kFolds),
                                             [&](const FoldRange& r) { return cp >= r.first && cp <= r.last; });
            if (range != std::end(kFolds)) out += range->ascii;
            else append_utf8(out, cp);
        }
    }
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rolling rows: the transposition looks two rows back.
    std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

std::string trim(std::string_view s) {
    const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && ws(s.front())) s.remove_prefix(1);
    while (!s.empty() && ws(s.back())) s.remove_suffix(1);
    return std::string(s);
}

}  // namespace bot::commands::text
