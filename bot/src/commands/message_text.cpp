#include "commands/message_text.hpp"

#include "commands/text_fold.hpp"

#include <algorithm>
#include <charconv>
#include <cctype>

namespace bot::commands {
namespace {

// A piece of the raw text replaced wholesale: a mention.
struct Span {
    std::size_t begin = 0, end = 0;
    std::string replacement;
};

bool overlaps(const std::vector<Span>& spans, std::size_t begin, std::size_t end) {
    return std::any_of(spans.begin(), spans.end(), [&](const Span& s) { return begin < s.end && s.begin < end; });
}

// Every occurrence of `needle` not already claimed by another mention.
std::vector<std::size_t> occurrences(const std::string& text, const std::string& needle, const std::vector<Span>& taken) {
    std::vector<std::size_t> out;
    if (needle.empty()) return out;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size()))
        if (!overlaps(taken, at, at + needle.size())) out.push_back(at);
    return out;
}

bool is_block_tag(std::string_view name) {
    static constexpr std::string_view kBlocks[] = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "blockquote",
                                                   "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr"};
    return std::find(std::begin(kBlocks), std::end(kBlocks), name) != std::end(kBlocks);
}

// Drops markup such as <p>, <strong> or <span itemscope ...>. Block tags become
// line breaks so words on either side stay apart. A '<' that opens no tag
// ("amount < 5000") is kept.
std::string strip_tags(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool opens_tag = s[i] == '<' && i + 1 < s.size() &&
                               (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/' || s[i + 1] == '!');
        const auto close = opens_tag ? s.find('>', i) : std::string_view::npos;
        if (close == std::string_view::npos) {
            out += s[i];
            continue;
        }
        std::string name;
        for (std::size_t k = i + 1; k < close && (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '/'); ++k)
            if (s[k] != '/') name += static_cast<char>(std::tolower(static_cast<unsigned char>(s[k])));
        if (is_block_tag(name)) out += '\n';
        i = close;
    }
    return out;
}

bool zero_width(char32_t cp) { return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF; }

// One space between words, lines trimmed, empty lines dropped; NBSP and the
// other Unicode spaces count as spaces.
std::string normalise_space(std::string_view s) {
    std::vector<std::string> lines(1);
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = text::next_code_point(s, i);
        if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
            lines.emplace_back();
        } else if (text::is_space(cp)) {
            if (!lines.back().empty() && lines.back().back() != ' ') lines.back() += ' ';
        } else if (!zero_width(cp)) {
            text::append_utf8(lines.back(), cp);
        }
    }
    std::string out;
    for (auto& line : lines) {
        line = text::trim(line);
        if (line.empty()) continue;
        if (!out.empty()) out += '\n';
        out += line;
    }
    return out;
}

std::string plain(std::string_view raw) { return decode_html_entities(strip_tags(raw)); }

// The name to show for a user mention: the entity's name, else the tag's text.
std::string mention_name(const schema::Mention& m) {
    if (!m.mentioned.name.empty()) return m.mentioned.name;
    return normalise_space(plain(m.text));
}

}  // namespace

std::string html_to_text(std::string_view html) { return normalise_space(plain(html)); }

std::string decode_html_entities(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto semi = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
        if (semi == std::string_view::npos || semi - i > 10) {
            out += s[i];
            continue;
        }
        const std::string_view name = s.substr(i + 1, semi - i - 1);
        std::optional<char32_t> cp;
        if (name == "amp") cp = '&';
        else if (name == "lt") cp = '<';
        else if (name == "gt") cp = '>';
        else if (name == "quot") cp = '"';
        else if (name == "apos") cp = '\'';
        else if (name == "nbsp") cp = 0x00A0;
        else if (name.size() > 1 && name[0] == '#') {
            const bool hex = name[1] == 'x' || name[1] == 'X';
            const auto digits = name.substr(hex ? 2 : 1);
            std::uint32_t v = 0;
            auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, hex ? 16 : 10);
            const bool valid = !digits.empty() && ec == std::errc{} && end == digits.data() + digits.size() && v > 0 &&
                               v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF);
            if (valid) cp = static_cast<char32_t>(v);
        }
        if (!cp) {
            out += s[i];
            continue;
        }
        text::append_utf8(out, *cp);
        i = semi;
    }
    return out;
}

CleanMessage clean_text(const schema::Activity& activity) {
    CleanMessage out;
    const std::string& raw = activity.text;
    std::vector<Span> spans;
    std::vector<std::pair<std::size_t, MentionedUser>> users;  // first position, user

    for (const auto& m : activity.mentions) {
        const bool is_bot = !m.mentioned.id.empty() && m.mentioned.id == activity.recipient.id;
        // The entity's exact text; if Teams sent a text that is not in the message,
        // the conventional markup for the name.
        auto at = occurrences(raw, m.text, spans);
        std::string needle = m.text;
        if (at.empty() && !m.mentioned.name.empty()) {
            needle = "<at>" + m.mentioned.name + "</at>";
            at = occurrences(raw, needle, spans);
        }
        if (at.empty()) continue;
        if (is_bot) {
            out.bot_mentioned = true;
            for (auto pos : at) spans.push_back({pos, pos + needle.size(), ""});
            continue;
        }
        MentionedUser user{m.mentioned.id, mention_name(m)};
        for (auto pos : at) spans.push_back({pos, pos + needle.size(), "@" + user.name});
        users.emplace_back(at.front(), std::move(user));
    }

    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    std::string text;
    std::size_t cursor = 0;
    for (const auto& span : spans) {
        text += plain(std::string_view(raw).substr(cursor, span.begin - cursor));
        text += span.replacement;
        cursor = span.end;
    }
    text += plain(std::string_view(raw).substr(cursor));
    out.text = normalise_space(text);

    std::stable_sort(users.begin(), users.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [pos, user] : users) {
        const bool seen = std::any_of(out.mentions.begin(), out.mentions.end(), [&](const MentionedUser& u) {
            return user.id.empty() ? u.name == user.name : u.id == user.id;
        });
        if (!seen) out.mentions.push_back(std::move(user));
    }
    return out;
}

}  // namespace bot::commands
