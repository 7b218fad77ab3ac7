#include "commands/command_parser.hpp"

#include "commands/field_values.hpp"
#include "commands/keywords.hpp"
#include "commands/messages.hpp"
#include "commands/record_fields.hpp"
#include "commands/text_fold.hpp"

#include <algorithm>
#include <regex>
#include <charconv>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bot::commands {
namespace {

using crm::RecordKind;
using kw::Marker;
using kw::Verb;
using Usage = msg::Usage;

constexpr RecordKind kAllKinds[] = {RecordKind::lead, RecordKind::contact, RecordKind::account,
                                    RecordKind::opportunity};

// The record kinds a command accepts.
class Kinds {
public:
    Kinds(std::initializer_list<RecordKind> kinds) {
        for (auto k : kinds) bits_ |= bit(k);
    }
    static Kinds all() { return {RecordKind::lead, RecordKind::contact, RecordKind::account, RecordKind::opportunity}; }
    bool has(RecordKind k) const { return (bits_ & bit(k)) != 0; }
    std::vector<RecordKind> list() const {
        std::vector<RecordKind> out;
        for (auto k : kAllKinds)
            if (has(k)) out.push_back(k);
        return out;
    }

private:
    static unsigned bit(RecordKind k) { return 1u << static_cast<unsigned>(k); }
    unsigned bits_ = 0;
};

struct Token {
    std::string raw;     // as typed, without surrounding punctuation
    std::string folded;  // matching key; never matches a keyword for mentions
    std::size_t begin = 0, end = 0;              // raw's bytes in the source text
    std::size_t chunk_begin = 0;                 // with leading punctuation
    std::optional<std::size_t> mention;          // index into Parser::mentions_
    bool colon_after = false;                    // "deal Acme renewal: ..."
};

// A user error. Thrown inside the parser only; parse() returns it as a ParseError.
struct Failure {
    ParseError error;
};

// A record as read from the tokens.
struct Sel {
    RecordSelector selector;
    std::size_t begin = 0, end = 0;  // tokens used
    bool bare_number = false;        // "12": the kind is still open
    std::int32_t number = 0;
};

// A lead status and/or deal outcome word: "contacted", "won", "unqualified" (both).
struct State {
    std::optional<crm::LeadStatus> status;
    std::optional<crm::StageKind> outcome;
    std::size_t words = 0;
};

struct VerbAt {
    Verb verb;
    std::size_t begin = 0, end = 0;  // tokens
};

// What came before the verb.
struct Context {
    std::optional<kw::Noun> noun;  // "lead add ...", "Kontakt anlegen ..."
    std::optional<Sel> record;     // "D-7 reopen", "D-7 nach Angebot verschieben"
    bool mine = false;             // "my deals", "mi embudo"
    bool pipeline = false;         // "Pipeline folgen"
};

enum class Names { no, until_stop, rest };
using Stop = std::function<bool(std::size_t)>;

constexpr std::string_view kLeadingPunct[] = {"\"", "'", "(", "[", "{", "¿", "¡", "«", "“", "‘", "„"};
constexpr std::string_view kTrailingPunct[] = {",", ";", ":", ".", "!", "?", ")", "]", "}", "\"", "'",
                                               "»", "”", "’", "…"};

bool starts_upper(std::string_view s) {
    if (s.empty()) return false;
    const auto c = static_cast<unsigned char>(s[0]);
    if (c >= 'A' && c <= 'Z') return true;
    std::size_t i = 0;
    const char32_t cp = text::next_code_point(s, i);
    return (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
}

class Parser {
public:
    Parser(std::string_view text, Language language, std::span<const MentionedUser> mentions)
        : src_(text::trim(text)), lang_(language), mentions_(mentions.begin(), mentions.end()) {
        tokenize();
    }

    ParseResult run() {
        try {
            return ParseResult{Command{head(), lang_}, lang_};
        } catch (Failure& f) {
            return ParseResult{std::move(f.error), lang_};
        }
    }

private:
    // ---- Tokens -------------------------------------------------------------

    void tokenize() {
        // Known mentions first, longest names first, so "@Sam Lee" is one token.
        struct Claim {
            std::size_t begin, end, mention;
        };
        std::vector<Claim> claims;
        std::vector<std::size_t> order(mentions_.size());
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::sort(order.begin(), order.end(),
                  [&](auto a, auto b) { return mentions_[a].name.size() > mentions_[b].name.size(); });
        for (auto k : order) {
            if (mentions_[k].name.empty()) continue;
            const std::string needle = "@" + mentions_[k].name;
            for (auto at = src_.find(needle); at != std::string::npos; at = src_.find(needle, at + 1)) {
                const auto end = at + needle.size();
                const bool free = std::none_of(claims.begin(), claims.end(),
                                               [&](const Claim& c) { return at < c.end && c.begin < end; });
                if (free) claims.push_back({at, end, k});
            }
        }
        std::sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) { return a.begin < b.begin; });

        std::size_t i = 0;
        auto claim = claims.begin();
        while (i < src_.size()) {
            if (claim != claims.end() && claim->begin == i) {
                Token t;
                t.raw = src_.substr(claim->begin, claim->end - claim->begin);
                t.folded = "\x01";
                t.begin = t.chunk_begin = claim->begin;
                t.end = claim->end;
                t.mention = claim->mention;
                toks_.push_back(std::move(t));
                i = claim->end;
                ++claim;
                continue;
            }
            std::size_t next = i;
            if (text::is_space(text::next_code_point(src_, next))) {
                i = next;
                continue;
            }
            // A chunk runs to the next space or claimed mention.
            const std::size_t stop = claim != claims.end() ? claim->begin : src_.size();
            std::size_t end = i;
            while (end < stop) {
                std::size_t after = end;
                if (text::is_space(text::next_code_point(src_, after))) break;
                end = after;
            }
            add_chunk(i, end);
            i = end;
        }
        join_typed_mentions();
        for (auto& t : toks_) words_.push_back(t.folded);
    }

    void add_chunk(std::size_t begin, std::size_t end) {
        const std::string_view chunk(src_.data() + begin, end - begin);
        std::size_t b = 0, e = chunk.size();
        bool colon = false;
        for (bool again = true; again;) {
            again = false;
            for (auto p : kLeadingPunct) {
                if (b < e && chunk.substr(b, e - b).starts_with(p)) {
                    b += p.size();
                    again = true;
                }
            }
        }
        for (bool again = true; again;) {
            again = false;
            for (auto p : kTrailingPunct) {
                if (b < e && chunk.substr(b, e - b).ends_with(p)) {
                    colon = colon || p == ":";
                    e -= p.size();
                    again = true;
                }
            }
        }
        if (b >= e) {
            // Punctuation alone: "?" asks for help; a lone ":" ends the word before it.
            if (chunk == "?") push_token(begin, end, begin, false);
            else if (chunk.find(':') != std::string_view::npos && !toks_.empty()) toks_.back().colon_after = true;
            return;
        }
        // French elision: "l'opportunité" → "l'" + "opportunité". Names are cut from
        // the source text, so "L'Oréal" stays whole.
        const std::string_view body = chunk.substr(b, e - b);
        for (std::string_view apostrophe : {"'", "’"}) {
            const std::size_t cut = 1 + apostrophe.size();
            if (body.size() > cut && std::string_view("lLdD").find(body[0]) != std::string_view::npos &&
                body.substr(1).starts_with(apostrophe)) {
                push_token(begin + b, begin + b + cut, begin, false);
                push_token(begin + b + cut, begin + e, begin + b + cut, colon);
                return;
            }
        }
        push_token(begin + b, begin + e, begin, colon);
    }

    void push_token(std::size_t begin, std::size_t end, std::size_t chunk_begin, bool colon) {
        Token t;
        t.raw = src_.substr(begin, end - begin);
        t.folded = text::fold(t.raw);
        t.begin = begin;
        t.end = end;
        t.chunk_begin = chunk_begin;
        t.colon_after = colon;
        toks_.push_back(std::move(t));
    }

    // "@Sam Lee" typed without a mention entity: '@' plus the capitalised words after it.
    void join_typed_mentions() {
        std::vector<Token> out;
        for (std::size_t k = 0; k < toks_.size(); ++k) {
            Token t = toks_[k];
            if (!t.mention && t.raw.size() > 1 && t.raw[0] == '@') {
                while (k + 1 < toks_.size() && !toks_[k].colon_after && !toks_[k + 1].mention &&
                       starts_upper(toks_[k + 1].raw) && !crm::RecordRef::parse(toks_[k + 1].raw) &&
                       toks_[k + 1].begin == toks_[k].end + 1)
                    t.end = toks_[++k].end;
                t.raw = src_.substr(t.begin, t.end - t.begin);
                t.folded = "\x01";
                t.mention = mentions_.size();
                mentions_.push_back(MentionedUser{"", t.raw.substr(1)});
            }
            out.push_back(std::move(t));
        }
        toks_ = std::move(out);
    }

    std::size_t size() const { return toks_.size(); }
    std::span<const std::string> words() const { return words_; }
    bool is_mention(std::size_t i) const { return i < size() && toks_[i].mention.has_value(); }

    // Source text of tokens [a, b), with what was typed between them.
    std::string span(std::size_t a, std::size_t b) const {
        if (a >= b) return {};
        return src_.substr(toks_[a].begin, toks_[b - 1].end - toks_[a].begin);
    }
    // Free text from token a to `to`: to the end of the message (punctuation and
    // line breaks kept) when `to` is the last token.
    std::string rest_text(std::size_t a, std::size_t to) const {
        if (a >= to) return {};
        if (to == size()) return text::trim(std::string_view(src_).substr(toks_[a].chunk_begin));
        return span(a, to);
    }

    // ---- Vocabulary lookups ------------------------------------------------

    std::optional<kw::Match<Verb>> verb_at(std::size_t i) const {
        if (i >= size()) return std::nullopt;
        return kw::match(kw::verbs(), words(), i);
    }
    bool is_verb(std::size_t i, Verb v) const {
        auto m = verb_at(i);
        return m && m->value == v;
    }
    std::optional<kw::Match<kw::Noun>> noun_at(std::size_t i) const {
        if (i >= size()) return std::nullopt;
        return kw::match(kw::nouns(), words(), i);
    }
    std::optional<kw::Match<Marker>> marker_at(std::size_t i, std::initializer_list<Marker> wanted) const {
        if (i >= size()) return std::nullopt;
        return kw::match(kw::markers(), words(), i, [&](Marker m) {
            return std::find(wanted.begin(), wanted.end(), m) != wanted.end();
        });
    }
    std::optional<State> state_at(std::size_t i) const {
        if (i >= size()) return std::nullopt;
        const auto s = kw::match(kw::lead_statuses(), words(), i);
        const auto o = kw::match(kw::outcomes(), words(), i);
        if (!s && !o) return std::nullopt;
        State st;
        st.words = std::max(s ? s->words : 0, o ? o->words : 0);
        if (s && s->words == st.words) st.status = s->value;
        if (o && o->words == st.words) st.outcome = o->value;
        return st;
    }
    std::optional<crm::RecordRef> ref_at(std::size_t i) const {
        if (i >= size() || is_mention(i)) return std::nullopt;
        return crm::RecordRef::parse(toks_[i].raw);
    }
    std::optional<std::int32_t> number_at(std::size_t i) const {
        if (i >= size() || is_mention(i)) return std::nullopt;
        std::string_view s = toks_[i].raw;
        if (s.starts_with('#')) s.remove_prefix(1);
        if (!text::all_digits(s) || s.size() > 9) return std::nullopt;
        std::int32_t n = 0;
        std::from_chars(s.data(), s.data() + s.size(), n);
        if (n <= 0) return std::nullopt;
        return n;
    }
    std::size_t skip(std::size_t i, std::size_t to, std::initializer_list<Marker> markers) const {
        while (i < to) {
            auto m = marker_at(i, markers);
            if (!m) break;
            i += m->words;
        }
        return i;
    }

    // ---- Records ------------------------------------------------------------

    // Reads a record at `pos`: "L-12", "12" / "#12" (kind open), a noun with a
    // number ("lead 42", "deal D-7"), or, when `names` allows, a name with an
    // optional noun before it ("deal Acme renewal"), up to `stop`.
    std::optional<Sel> read_record(std::size_t pos, std::size_t to, Names names, const Stop& stop = {}) const {
        std::size_t p = pos;
        // "of D-7", "the deal ...", "on L-3": skipped when a record follows, so a
        // name such as "De Beers" stays whole.
        for (std::size_t q = p; q < to;) {
            auto m = marker_at(q, {Marker::article, Marker::from, Marker::on, Marker::filler});
            if (!m) break;
            q += m->words;
            if (ref_at(q) || number_at(q) || noun_at(q)) {
                p = q;
                break;
            }
        }
        if (p >= to || is_mention(p)) return std::nullopt;
        if (auto ref = ref_at(p)) return Sel{RecordSelector::of(*ref), p, p + 1};
        if (auto n = number_at(p)) return Sel{RecordSelector{}, p, p + 1, true, *n};
        std::optional<RecordKind> kind;
        std::size_t q = p;
        if (auto noun = noun_at(p)) {
            kind = noun->value.kind;
            q = p + noun->words;
            if (auto ref = ref_at(q); ref && q < to) return Sel{RecordSelector::of(*ref), p, q + 1};
            if (auto n = number_at(q); n && q < to) return Sel{RecordSelector::of({*kind, *n}), p, q + 1};
        }
        if (names == Names::no) return std::nullopt;
        std::size_t e = q;
        while (e < to && !is_mention(e) && (names == Names::rest || !stop || !stop(e))) ++e;
        while (e > q && marker_at(e - 1, {Marker::filler})) --e;  // "... please"
        if (e == q) return std::nullopt;
        return Sel{RecordSelector::named(kind, span(q, e)), p, e};
    }

    // The selector for a command accepting `allowed` kinds: a bare number takes
    // the only possible kind or is ambiguous; a wrong kind is an error.
    RecordSelector resolve(const Sel& sel, const Kinds& allowed, Usage usage) const {
        const auto kinds = allowed.list();
        if (sel.bare_number) {
            if (kinds.size() == 1) return RecordSelector::of({kinds.front(), sel.number});
            std::vector<std::string> readings;
            for (auto k : kinds) {
                const std::string ref = crm::RecordRef{k, sel.number}.display();
                readings.push_back(src_.substr(0, toks_[sel.begin].begin) + ref + src_.substr(toks_[sel.begin].end));
            }
            ambiguous(std::move(readings));
        }
        RecordSelector s = sel.selector;
        if (s.kind && !allowed.has(*s.kind)) {
            const std::string what = s.ref ? s.ref->display()
                                           : std::string(msg::kind_name(*s.kind, lang_, false)) + " " + s.display();
            fail(ParseError::Kind::wrong_record_kind, msg::format(msg::Id::wrong_kind, lang_, {kind_list(allowed), what}),
                 usage);
        }
        if (!s.kind && kinds.size() == 1) s.kind = kinds.front();
        return s;
    }

    std::string kind_list(const Kinds& allowed) const {
        std::vector<std::string> names;
        for (auto k : allowed.list()) names.emplace_back(msg::kind_name(k, lang_, true));
        return msg::join_or(names, lang_);
    }

    Sel require(const std::optional<Sel>& sel, Usage usage) const {
        if (!sel) fail(ParseError::Kind::missing_argument, msg::format(msg::Id::which_record, lang_), usage);
        return *sel;
    }

    // ---- Errors -------------------------------------------------------------

    [[noreturn]] void fail(ParseError::Kind kind, std::string message, std::optional<Usage> usage,
                           std::vector<std::string> suggestions = {},
                           std::vector<std::string> interpretations = {}) const {
        ParseError e;
        e.kind = kind;
        e.message = std::move(message);
        if (usage) {
            e.usage = std::string(msg::usage(*usage, lang_));
            e.message += " " + msg::format(msg::Id::for_example, lang_, {e.usage});
        }
        e.suggestions = std::move(suggestions);
        e.interpretations = std::move(interpretations);
        throw Failure{std::move(e)};
    }

    [[noreturn]] void ambiguous(std::vector<std::string> readings) const {
        std::string message = msg::format(msg::Id::ambiguous, lang_, {src_});
        for (const auto& r : readings) message += "\n- `" + r + "`";
        fail(ParseError::Kind::ambiguous, std::move(message), std::nullopt, {}, std::move(readings));
    }

    // "Did you mean ...?": the closest keywords by edit distance, the user's
    // language first, each once.
    struct Guess {
        std::size_t distance;
        bool other_language;
        std::size_t order;  // table order breaks ties
        std::string_view text;
        auto operator<=>(const Guess&) const = default;
    };

    template <class V>
    void collect(std::vector<Guess>& out, const std::vector<kw::Phrase<V>>& table, std::string_view word) const {
        // Short words are too close to too much ("to" ~ "no"): no guesses for them.
        if (word.size() < 3) return;
        const std::size_t limit = word.size() <= 4 ? 1 : word.size() <= 7 ? 2 : 3;
        for (const auto& p : table) {
            const auto& first = p.words.front();
            if (first.size() < 2) continue;
            const auto d = text::edit_distance(word, first);
            // d == 0 only for the first word of a longer phrase: "dejar" → "dejar de seguir".
            if (d <= limit && d < first.size() && (d > 0 || p.words.size() > 1))
                out.push_back(Guess{d, p.language != lang_, out.size(), p.text});
        }
    }

    enum class Expect { command, state };  // what the word stands where a command / a status is due

    std::vector<std::string> suggest(std::string_view word, Expect expect) const {
        std::vector<Guess> guesses;
        if (expect == Expect::state) {
            collect(guesses, kw::lead_statuses(), word);
            collect(guesses, kw::outcomes(), word);
        }
        collect(guesses, kw::verbs(), word);
        if (expect == Expect::command) collect(guesses, kw::nouns(), word);
        std::sort(guesses.begin(), guesses.end());
        std::vector<std::string> out, seen;
        for (const auto& g : guesses) {
            auto key = text::fold(g.text);
            if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
            seen.push_back(std::move(key));
            out.emplace_back(g.text);
            if (out.size() == 3) break;
        }
        return out;
    }

    std::string did_you_mean(const std::vector<std::string>& suggestions) const {
        if (suggestions.empty()) return msg::format(msg::Id::see_help, lang_);
        std::vector<std::string> bold;
        for (const auto& s : suggestions) bold.push_back("**" + s + "**");
        return msg::format(msg::Id::did_you_mean, lang_, {msg::join_or(bold, lang_)});
    }

    [[noreturn]] void unknown_command(std::size_t i) const {
        const auto suggestions = suggest(toks_[i].folded, Expect::command);
        fail(ParseError::Kind::unknown_command,
             msg::format(msg::Id::unknown_command, lang_, {toks_[i].raw}) + " " + did_you_mean(suggestions),
             std::nullopt, suggestions);
    }

    [[noreturn]] void unknown_after(std::size_t i, const Sel& sel) const {
        const auto suggestions = suggest(toks_[i].folded, Expect::state);
        const std::string record = sel.bare_number ? toks_[sel.begin].raw : sel.selector.display();
        fail(ParseError::Kind::unknown_command,
             msg::format(msg::Id::unknown_after_record, lang_, {toks_[i].raw, record}) + " " +
                 did_you_mean(suggestions),
             std::nullopt, suggestions);
    }

    [[noreturn]] void bad_status(std::size_t i, Usage usage) const {
        const auto suggestions = suggest(toks_[i].folded, Expect::state);
        std::string message = msg::format(msg::Id::bad_status, lang_, {toks_[i].raw, msg::lead_status_names(lang_)});
        if (!suggestions.empty()) message += " " + did_you_mean(suggestions);
        fail(ParseError::Kind::invalid_argument, std::move(message), usage, suggestions);
    }

    // ---- The first words ----------------------------------------------------

    Action head() {
        const std::size_t n = size();
        std::size_t p = skip(0, n, {Marker::filler});
        if (p == n) fail(ParseError::Kind::empty, msg::format(msg::Id::empty, lang_), std::nullopt);
        Context ctx;
        if (auto a = marker_at(p, {Marker::article}); a && noun_at(p + a->words)) p += a->words;  // "the deals"
        if (auto list = modifiers_then_list(p, n)) return *list;
        if (auto m = marker_at(p, {Marker::mine}); m && is_verb(p + m->words, Verb::pipeline)) {
            ctx.mine = true;
            p += m->words;
        }
        if (auto v = verb_at(p)) return dispatch({v->value, p, p + v->words}, p + v->words, n, ctx);
        if (auto noun = noun_at(p)) return after_noun(*noun, p, n, ctx);
        if (auto st = state_at(p)) return after_state(*st, p, n);
        if (ref_at(p) || number_at(p)) {
            const auto sel = *read_record(p, n, Names::no);
            return after_record(sel, sel.end, n);
        }
        if (auto page_word = marker_at(p, {Marker::page})) {
            const auto q = p + page_word->words;
            if (auto page = number_at(q)) return MoreResults{*page};
            fail(ParseError::Kind::invalid_argument, msg::format(msg::Id::bad_page, lang_, {q < n ? toks_[q].raw : ""}),
                 Usage::more);
        }
        unknown_command(p);
    }

    // "my deals", "my open deals", "offene Deals", "mis oportunidades abiertas": list
    // filters before the noun. nullopt when no noun follows them.
    std::optional<ListRecords> modifiers_then_list(std::size_t p, std::size_t to) {
        bool mine = false, open = false, any = false;
        for (;;) {
            auto m = marker_at(p, {Marker::mine, Marker::open, Marker::article});
            if (!m) break;
            mine = mine || m->value == Marker::mine;
            open = open || m->value == Marker::open;
            any = any || m->value != Marker::article;
            p += m->words;
        }
        auto noun = noun_at(p);
        if (!any || !noun || (!noun->value.plural && !mine)) return std::nullopt;
        return list(noun->value.kind, p + noun->words, to, mine, open);
    }

    Action after_noun(const kw::Match<kw::Noun>& noun, std::size_t p, std::size_t n, Context ctx) {
        const std::size_t q = p + noun.words;
        // "lead add ...", "Kontakt anlegen ...": the noun says what the verb is about.
        // After a plural only list-like verbs count: in "leads status contacted" and
        // "deals open" the words after the noun are filters.
        if (auto v = verb_at(q); v && (!noun.value.plural || v->value == Verb::search || v->value == Verb::list)) {
            ctx.noun = noun.value;
            return dispatch({v->value, q, q + v->words}, q + v->words, n, ctx);
        }
        if (noun.value.plural || ctx.mine || q == n) return list(noun.value.kind, q, n, ctx.mine, false);
        // "contact D-7 C-3": the deal's primary contact.
        if (auto ref = ref_at(q); noun.value.kind == RecordKind::contact && ref && ref->kind == RecordKind::opportunity)
            return primary(q, n, ctx);
        const auto sel = read_record(p, n, Names::rest);
        if (!sel) return list(noun.value.kind, q, n, ctx.mine, false);  // "lead please"
        if (sel->selector.ref) return after_record(*sel, sel->end, n);
        return ShowRecord{resolve(*sel, Kinds::all(), Usage::show)};
    }

    // "won D-7", "contacted L-12", "qualified leads".
    Action after_state(const State& st, std::size_t p, std::size_t n) {
        const std::size_t q = p + st.words;
        if (auto noun = noun_at(q); noun && noun->value.plural) {
            ListRecords r = list(noun->value.kind, q + noun->words, n, false, false);
            apply_state(r, st);
            return r;
        }
        return set_state(read_record(q, n, Names::rest), st, st.status ? Usage::status : Usage::close);
    }

    // "L-12 ...", "D-7 ...", "12 ...".
    Action after_record(const Sel& sel, std::size_t i, std::size_t to) {
        i = skip(i, to, {Marker::filler});
        if (i >= to) return ShowRecord{resolve(sel, Kinds::all(), Usage::show)};
        Context ctx;
        ctx.record = sel;
        if (auto st = state_at(i)) return set_state(sel, *st, st->status ? Usage::status : Usage::close);
        if (auto as = marker_at(i, {Marker::as}); as && state_at(i + as->words))
            return set_state(sel, *state_at(i + as->words), Usage::close);
        if (auto v = verb_at(i)) return dispatch({v->value, i, i + v->words}, i + v->words, to, ctx);
        if (marker_at(i, {Marker::stage})) return move(i, to, ctx);
        // The verb later, as German puts it: "D-7 nach Angebot verschieben", "C-4 zu
        // D-7 hinzufügen als CFO". Only verbs whose arguments are records and
        // keywords, and only German ones or a final one, so that text such as
        // "D-7 I will follow up tomorrow" is not taken for a command.
        for (std::size_t k = i + 1; k < to; ++k) {
            auto v = verb_at(k);
            if (!v || !takes_records_only(v->value) || (v->language != Language::de && k + v->words != to)) continue;
            toks_.erase(toks_.begin() + k, toks_.begin() + k + v->words);
            words_.erase(words_.begin() + k, words_.begin() + k + v->words);
            return dispatch({v->value, k, k}, i, to - v->words, ctx);
        }
        // "D-7 to Proposal", "D-7 a Propuesta": a move without the verb.
        if (marker_at(i, {Marker::to}) && i + 1 < to) return move(i, to, ctx);
        unknown_after(i, sel);
    }

    static bool takes_records_only(Verb v) {
        switch (v) {
            case Verb::move: case Verb::mark: case Verb::convert: case Verb::reopen: case Verb::follow:
            case Verb::unfollow: case Verb::add: case Verb::remove: case Verb::primary: case Verb::qualify:
            case Verb::disqualify: case Verb::status: case Verb::timeline: case Verb::followers: case Verb::show:
                return true;
            default:
                return false;
        }
    }

    // ---- Commands -----------------------------------------------------------

    Action dispatch(VerbAt v, std::size_t from, std::size_t to, Context ctx) {
        switch (v.verb) {
            case Verb::help: return Help{span(skip(from, to, {Marker::filler}), to)};
            case Verb::show: return show(v, from, to, ctx);
            case Verb::list: return list_command(from, to, ctx);
            case Verb::create:
            case Verb::add: return create(v, from, to, ctx);
            case Verb::remove: return participants(false, from, to, ctx);
            case Verb::participant: {
                auto sub = verb_at(from);
                if (sub && (sub->value == Verb::add || sub->value == Verb::create))
                    return participants(true, from + sub->words, to, ctx);
                if (sub && sub->value == Verb::remove) return participants(false, from + sub->words, to, ctx);
                fail(ParseError::Kind::missing_argument, msg::format(msg::Id::which_contact, lang_),
                     Usage::add_participant);
            }
            case Verb::search: return search(from, to, ctx);
            case Verb::status: return status(from, to, ctx);
            case Verb::qualify:
                return set_state(target(from, to, ctx, Names::rest), State{crm::LeadStatus::qualified, {}, 0},
                                 Usage::status);
            case Verb::disqualify:
                return set_state(target(from, to, ctx, Names::rest),
                                 State{crm::LeadStatus::unqualified, crm::StageKind::unqualified, 0}, Usage::status);
            case Verb::convert: return convert(from, to, ctx);
            case Verb::move: return move(from, to, ctx);
            case Verb::mark: return mark(from, to, ctx);
            case Verb::reopen: return reopen(from, to, ctx);
            case Verb::comment: return comment(from, to, ctx);
            case Verb::primary: return primary(from, to, ctx);
            case Verb::follow: return follow(false, from, to, ctx);
            case Verb::unfollow: return follow(true, from, to, ctx);
            case Verb::followers: return followers(from, to, ctx);
            case Verb::pipeline: return pipeline(from, to, ctx);
            case Verb::timeline: {
                const auto sel = require(target(from, to, ctx, Names::rest), Usage::timeline);
                return ShowTimeline{resolve(sel, Kinds::all(), Usage::timeline)};
            }
            case Verb::more: return MoreResults{};
            case Verb::notifications: return notification_settings(from, to);
            case Verb::quiet_hours: return quiet_hours(from, to);
        }
        unknown_command(v.begin);
    }

    // "notifications important [Europe/Berlin]": a level and/or a time zone.
    Action notification_settings(std::size_t from, std::size_t to) {
        NotificationSettings out;
        for (std::size_t i = from; i < to;) {
            if (auto level = kw::match(kw::notify_levels(), words(), i)) {
                out.level = level->value;
                i += level->words;
                continue;
            }
            if (auto zone = time_zone_at(i)) {
                out.time_zone = zone;
                ++i;
                continue;
            }
            if (marker_at(i, {Marker::article, Marker::filler, Marker::important})) {
                if (marker_at(i, {Marker::important})) out.level = crm::NotifyLevel::important;
                i += marker_at(i, {Marker::article, Marker::filler, Marker::important})->words;
                continue;
            }
            fail(ParseError::Kind::invalid_argument, msg::format(msg::Id::which_level, lang_), Usage::notifications);
        }
        return out;
    }

    // "quiet hours 22:00-07:00 [Europe/Berlin]" or "quiet hours off".
    Action quiet_hours(std::size_t from, std::size_t to) {
        NotificationSettings out;
        for (std::size_t i = from; i < to; ++i) {
            if (auto level = kw::match(kw::notify_levels(), words(), i); level && level->value == crm::NotifyLevel::muted)
                out.quiet_off = true;
            if (auto zone = time_zone_at(i)) out.time_zone = zone;
        }
        static const std::regex kRange(R"((\d{1,2})(?:[:h.](\d{2}))?\s*(?:-|–|to|a|à|bis)\s*(\d{1,2})(?:[:h.](\d{2}))?)",
                                       std::regex::icase);
        const std::string text = span(from, to);
        std::smatch m;
        if (!out.quiet_off && std::regex_search(text, m, kRange)) {
            auto minute = [&](int h, int mm) -> std::optional<std::int32_t> {
                int hour = std::stoi(m[h].str()), minutes = m[mm].matched ? std::stoi(m[mm].str()) : 0;
                if (hour > 24 || minutes > 59 || (hour == 24 && minutes > 0)) return std::nullopt;
                return (hour % 24) * 60 + minutes;
            };
            auto a = minute(1, 2), b = minute(3, 4);
            if (a && b) out.quiet = std::pair{*a, *b};
        }
        if (!out.quiet_off && !out.quiet)
            fail(ParseError::Kind::invalid_argument, msg::format(msg::Id::which_hours, lang_), Usage::quiet_hours);
        return out;
    }

    // A time zone as written: "Europe/Berlin", "America/New_York", "UTC".
    std::optional<std::string> time_zone_at(std::size_t i) const {
        const std::string word = span(i, i + 1);
        if (word == "UTC" || word == "utc" || word == "GMT") return std::string("UTC");
        if (word.find('/') == std::string::npos || word.front() == '/' || word.back() == '/') return std::nullopt;
        for (char c : word)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' && c != '+')
                return std::nullopt;
        return word;
    }

    // The record given before the verb, else the one after it.
    std::optional<Sel> target(std::size_t from, std::size_t to, const Context& ctx, Names names,
                              const Stop& stop = {}) const {
        if (ctx.record) return ctx.record;
        return read_record(from, to, names, stop);
    }
    std::size_t after_target(std::size_t from, const std::optional<Sel>& sel, const Context& ctx) const {
        return ctx.record || !sel ? from : sel->end;
    }

    Action show(const VerbAt& v, std::size_t from, std::size_t to, Context ctx) {
        if (ctx.record) return ShowRecord{resolve(*ctx.record, Kinds::all(), Usage::show)};
        std::size_t p = skip(from, to, {Marker::article, Marker::filler});
        if (p == to) fail(ParseError::Kind::missing_argument, msg::format(msg::Id::which_record, lang_), Usage::show);
        if (auto sub = verb_at(p); sub && (sub->value == Verb::pipeline || sub->value == Verb::timeline ||
                                           sub->value == Verb::followers || sub->value == Verb::help))
            return dispatch({sub->value, p, p + sub->words}, p + sub->words, to, ctx);
        if (auto m = marker_at(p, {Marker::mine}); m && is_verb(p + m->words, Verb::pipeline)) return ShowPipeline{true};
        if (auto list = modifiers_then_list(p, to)) return *list;
        if (auto noun = noun_at(p); noun && (noun->value.plural || ctx.mine)) {
            // "open deals": the verb is also the filter.
            const bool open = marker_at(v.begin, {Marker::open}).has_value();
            return list(noun->value.kind, p + noun->words, to, ctx.mine, open);
        }
        const auto sel = require(read_record(p, to, Names::rest), Usage::show);
        if (sel.selector.ref || sel.bare_number) return after_record(sel, sel.end, to);
        return ShowRecord{resolve(sel, Kinds::all(), Usage::show)};
    }

    Action list_command(std::size_t from, std::size_t to, const Context& ctx) {
        if (ctx.noun) return list(ctx.noun->kind, from, to, ctx.mine, false);
        if (auto list = modifiers_then_list(from, to)) return *list;
        const std::size_t p = skip(from, to, {Marker::article});
        const bool mine = ctx.mine;
        auto noun = noun_at(p);
        if (!noun)
            fail(ParseError::Kind::missing_argument, msg::format(msg::Id::which_record, lang_), Usage::list);
        return list(noun->value.kind, p + noun->words, to, mine, false);
    }

    // Filters after "leads" / "deals" ...: mine, open, a status or outcome,
    // "stage <name>", a closing window, an account, "page n"; other words search.
    ListRecords list(RecordKind kind, std::size_t from, std::size_t to, bool mine, bool open) {
        ListRecords r;
        r.kind = kind;
        r.mine = mine;
        r.open_only = open;
        std::vector<std::string> text_words;
        // Where a multi-word stage name ends.
        auto is_filter = [&](std::size_t j) {
            return marker_at(j, {Marker::mine, Marker::open, Marker::page, Marker::closing}) ||
                   kw::match(kw::periods(), words(), j) || ref_at(j);
        };
        for (std::size_t i = from; i < to;) {
            if (is_mention(i)) {
                ++i;
                continue;
            }
            if (auto m = marker_at(i, {Marker::mine, Marker::open, Marker::page, Marker::stage, Marker::closing,
                                       Marker::article, Marker::filler, Marker::from, Marker::for_user})) {
                i += m->words;
                switch (m->value) {
                    case Marker::mine: r.mine = true; break;
                    case Marker::open: r.open_only = true; break;
                    case Marker::page: {
                        auto page = number_at(i);
                        if (!page)
                            fail(ParseError::Kind::invalid_argument,
                                 msg::format(msg::Id::bad_page, lang_, {i < to ? toks_[i].raw : ""}), Usage::list);
                        r.page = *page;
                        ++i;
                        break;
                    }
                    case Marker::stage: {
                        std::size_t j = i;
                        while (j < to && !is_filter(j)) ++j;
                        if (j == i)
                            fail(ParseError::Kind::missing_argument, msg::format(msg::Id::which_stage, lang_), Usage::list);
                        r.stage = span(i, j);
                        i = j;
                        break;
                    }
                    default: break;
                }
                continue;
            }
            if (auto period = kw::match(kw::periods(), words(), i)) {
                r.closing = period->value;
                i += period->words;
                continue;
            }
            if (auto v = verb_at(i); v && v->value == Verb::status) {
                i += v->words;
                auto st = state_at(i);
                if (!st) {
                    if (i >= to)
                        fail(ParseError::Kind::missing_argument,
                             msg::format(msg::Id::which_status, lang_, {msg::lead_status_names(lang_)}), Usage::list);
                    bad_status(i, Usage::list);
                }
                if (!apply_state(r, *st)) bad_status(i, Usage::list);
                i += st->words;
                continue;
            }
            if (auto st = state_at(i); st && apply_state(r, *st)) {
                i += st->words;
                continue;
            }
            if (auto ref = ref_at(i); ref && ref->kind == RecordKind::account && kind != RecordKind::lead) {
                r.account = *ref;
                ++i;
                continue;
            }
            if (auto noun = noun_at(i)) {
                if (noun->value.kind == RecordKind::account && kind != RecordKind::lead) {
                    if (auto n = number_at(i + noun->words)) {
                        r.account = crm::RecordRef{RecordKind::account, *n};
                        i += noun->words + 1;
                        continue;
                    }
                }
                if (noun->value.kind == kind) {
                    i += noun->words;
                    continue;
                }
            }
            text_words.push_back(toks_[i].raw);
            ++i;
        }
        for (const auto& w : text_words) r.text += (r.text.empty() ? "" : " ") + w;
        return r;
    }

    // A status on a lead list, an outcome on a deal list; false if it does not fit.
    static bool apply_state(ListRecords& r, const State& st) {
        if (r.kind == RecordKind::lead && st.status) {
            r.lead_status = st.status;
            return true;
        }
        if (r.kind == RecordKind::opportunity && st.outcome) {
            r.closed_as = st.outcome;
            return true;
        }
        return false;
    }

    static Usage create_usage(RecordKind kind) {
        switch (kind) {
            case RecordKind::lead: return Usage::create_lead;
            case RecordKind::contact: return Usage::create_contact;
            case RecordKind::account: return Usage::create_account;
            case RecordKind::opportunity: return Usage::create_deal;
        }
        return Usage::create_lead;
    }

    Action create(const VerbAt& v, std::size_t from, std::size_t to, Context ctx) {
        std::optional<RecordKind> kind;
        if (ctx.noun) kind = ctx.noun->kind;
        std::size_t p = from;
        if (!kind) {
            p = skip(p, to, {Marker::article});
            // "add C-4 to D-7 [as CFO]": a participant, not a new record.
            if (v.verb == Verb::add && adds_participant(p, to)) return participants(true, p, to, ctx);
            // "nuevo L-12" / "new leads": the verb doubles as the status New.
            const auto as_status = state_at(v.begin);
            if (auto noun = noun_at(p)) {
                if (noun->value.plural) {
                    ListRecords r = list(noun->value.kind, p + noun->words, to, ctx.mine, false);
                    if (as_status) apply_state(r, *as_status);
                    return r;
                }
                kind = noun->value.kind;
                p += noun->words;
            } else if (auto ref = ref_at(p); ref && as_status && as_status->status) {
                return set_state(read_record(p, to, Names::no), *as_status, Usage::status);
            }
        }
        if (!kind) {
            if (p >= to)
                fail(ParseError::Kind::missing_argument, msg::format(msg::Id::what_kind, lang_), std::nullopt);
            std::vector<std::string> readings;
            const auto at = toks_[v.end - 1].end;
            for (auto k : kAllKinds)
                readings.push_back(src_.substr(0, at) + " " + std::string(msg::kind_name(k, lang_, false)) +
                                   src_.substr(at));
            ambiguous(std::move(readings));
        }
        const Usage usage = create_usage(*kind);
        if (p >= to) fail(ParseError::Kind::missing_argument, msg::format(msg::Id::what_name, lang_), usage);
        // From right after the verb or noun, so a leading empty part (", A-3") still counts.
        std::string fields = to == size() ? std::string(std::string_view(src_).substr(toks_[p - 1].end)) : span(p, to);
        fields.erase(0, fields.find_first_not_of(" :-"));
        auto outcome = detail::parse_create(*kind, fields);
        if (auto* problem = std::get_if<detail::FieldProblem>(&outcome)) {
            const auto kind_of_error = problem->id == msg::Id::what_name ? ParseError::Kind::missing_argument
                                                                         : ParseError::Kind::invalid_argument;
            fail(kind_of_error, msg::format(problem->id, lang_, {problem->text}), usage);
        }
        return std::get<Action>(std::move(outcome));
    }

    // "add" starts with a contact's number, or adds something "to" a lead or deal.
    bool adds_participant(std::size_t p, std::size_t to) const {
        if (auto s = read_record(p, to, Names::no); s && s->selector.kind == RecordKind::contact) return true;
        for (std::size_t i = p; i < to; ++i) {
            if (auto m = marker_at(i, {Marker::to})) {
                auto s = read_record(i + m->words, to, Names::no);
                if (s && (s->selector.kind == RecordKind::lead || s->selector.kind == RecordKind::opportunity))
                    return true;
            }
        }
        return false;
    }

    Action search(std::size_t from, std::size_t to, const Context& ctx) {
        std::optional<RecordKind> kind;
        if (ctx.noun) kind = ctx.noun->kind;
        std::size_t p = skip(from, to, {Marker::for_user, Marker::article, Marker::filler});
        if (auto noun = noun_at(p); noun && p + noun->words < to) {
            kind = noun->value.kind;
            p = skip(p + noun->words, to, {Marker::for_user, Marker::article});
        }
        std::string text = span(p, to);
        if (text.empty()) fail(ParseError::Kind::missing_argument, msg::format(msg::Id::what_search, lang_), Usage::search);
        return Search{std::move(text), kind};
    }

    // A lead status ("qualified") or a deal outcome ("won") applied to a record.
    Action set_state(const std::optional<Sel>& sel_in, const State& st, Usage usage) {
        const Sel sel = require(sel_in, usage);
        Kinds allowed{};
        if (st.status && st.outcome) allowed = {RecordKind::lead, RecordKind::opportunity};
        else if (st.status) allowed = {RecordKind::lead};
        else allowed = {RecordKind::opportunity};
        // "unqualified Acme": a lead's status or a deal's outcome?
        if (!sel.bare_number && !sel.selector.kind && st.status && st.outcome) {
            std::vector<std::string> readings;
            const auto at = toks_[sel.begin].begin;
            for (auto k : {RecordKind::lead, RecordKind::opportunity})
                readings.push_back(src_.substr(0, at) + std::string(msg::kind_name(k, lang_, false)) + " " +
                                   src_.substr(at));
            ambiguous(std::move(readings));
        }
        const RecordSelector record = resolve(sel, allowed, usage);
        if (record.kind == RecordKind::lead) return ChangeLeadStatus{record, *st.status};
        return CloseDeal{record, *st.outcome};
    }

    Action status(std::size_t from, std::size_t to, const Context& ctx) {
        const auto sel = target(from, to, ctx, Names::until_stop, [&](std::size_t k) { return state_at(k).has_value(); });
        std::size_t p = skip(after_target(from, sel, ctx), to, {Marker::to, Marker::as, Marker::article});
        if (p >= to)
            fail(ParseError::Kind::missing_argument,
                 msg::format(msg::Id::which_status, lang_, {msg::lead_status_names(lang_)}), Usage::status);
        const auto st = state_at(p);
        if (!st) bad_status(p, Usage::status);
        return set_state(sel, *st, Usage::status);
    }

    Action mark(std::size_t from, std::size_t to, const Context& ctx) {
        const auto sel = target(from, to, ctx, Names::until_stop, [&](std::size_t k) {
            return state_at(k).has_value() || marker_at(k, {Marker::as}).has_value();
        });
        std::size_t p = skip(after_target(from, sel, ctx), to, {Marker::as, Marker::to, Marker::article});
        if (p >= to)
            fail(ParseError::Kind::missing_argument,
                 msg::format(msg::Id::which_status, lang_, {msg::lead_status_names(lang_)}), Usage::close);
        const auto st = state_at(p);
        // "D-7 auf Angebot setzen", "mark D-7 as Proposal": a deal set to an open stage.
        if (!st && sel && sel->selector.kind == RecordKind::opportunity)
            return MoveDeal{resolve(*sel, {RecordKind::opportunity}, Usage::move), stage_text(p, to)};
        if (!st) bad_status(p, Usage::close);
        return set_state(sel, *st, Usage::close);
    }

    Action convert(std::size_t from, std::size_t to, const Context& ctx) {
        const auto sel = require(target(from, to, ctx, Names::until_stop,
                                        [&](std::size_t k) {
                                            return marker_at(k, {Marker::to, Marker::with, Marker::without, Marker::as})
                                                .has_value();
                                        }),
                                 Usage::convert);
        ConvertLead c;
        c.lead = resolve(sel, {RecordKind::lead}, Usage::convert);
        auto until_option = [&](std::size_t j) {
            while (j < to && !marker_at(j, {Marker::to, Marker::with, Marker::without, Marker::as})) ++j;
            return j;
        };
        auto take_account = [&](const crm::RecordRef& ref) {
            if (ref.kind != RecordKind::account)
                fail(ParseError::Kind::wrong_record_kind,
                     msg::format(msg::Id::wrong_kind, lang_, {kind_list({RecordKind::account}), ref.display()}),
                     Usage::convert);
            c.account = RecordSelector::of(ref);
        };
        for (std::size_t i = ctx.record ? from : sel.end; i < to;) {
            if (auto m = marker_at(i, {Marker::to, Marker::as, Marker::with, Marker::without, Marker::article,
                                       Marker::filler, Marker::from})) {
                i = skip(i + m->words, to, {Marker::article});
                if (m->value == Marker::to || m->value == Marker::as) {
                    std::optional<RecordKind> noun_kind;
                    if (auto noun = noun_at(i); noun && !noun->value.plural) {
                        noun_kind = noun->value.kind;
                        i += noun->words;
                    }
                    if (auto ref = ref_at(i)) {
                        take_account(*ref);
                        ++i;
                    } else if (auto n = number_at(i)) {
                        take_account({RecordKind::account, *n});
                        ++i;
                    } else {
                        const auto j = until_option(i);
                        if (j > i) c.new_account_name = span(i, j);
                        i = j;
                    }
                } else if (m->value == Marker::with || m->value == Marker::without) {
                    if (auto noun = noun_at(i); noun && noun->value.kind == RecordKind::opportunity) i += noun->words;
                    c.create_deal = m->value == Marker::with;
                    if (m->value == Marker::with) {
                        i = skip(i, to, {Marker::from, Marker::article});
                        const auto j = until_option(i);
                        if (j > i) {
                            c.deal_amount = values::parse_money(span(i, j));
                            if (!c.deal_amount)
                                fail(ParseError::Kind::invalid_argument,
                                     msg::format(msg::Id::bad_amount, lang_, {span(i, j)}), Usage::convert);
                        }
                        i = j;
                    }
                }
                continue;
            }
            if (auto ref = ref_at(i)) {
                take_account(*ref);
                ++i;
                continue;
            }
            // A bare amount: "convert L-12 25000 EUR".
            const auto j = until_option(i);
            auto money = values::parse_money(span(i, j));
            if (!money || c.create_deal == false) unknown_after(i, sel);
            c.deal_amount = money;
            c.create_deal = true;
            i = j;
        }
        return c;
    }

    // The stage name in [p, to): markers around it dropped ("to the Proposal stage").
    std::string stage_text(std::size_t p, std::size_t to) const {
        p = skip(p, to, {Marker::to, Marker::stage, Marker::article});
        while (to > p && marker_at(to - 1, {Marker::stage, Marker::filler})) --to;
        return span(p, to);
    }

    Action move(std::size_t from, std::size_t to, const Context& ctx) {
        const auto sel = require(target(from, to, ctx, Names::until_stop,
                                        [&](std::size_t k) { return marker_at(k, {Marker::to, Marker::stage}).has_value(); }),
                                 Usage::move);
        const std::size_t p = skip(after_target(from, sel, ctx), to, {Marker::to, Marker::stage, Marker::article});
        const std::string stage = stage_text(p, to);
        if (stage.empty()) fail(ParseError::Kind::missing_argument, msg::format(msg::Id::which_stage, lang_), Usage::move);
        const RecordSelector deal = resolve(sel, {RecordKind::opportunity}, Usage::move);
        // "move D-7 to won": closing goes through the closed stage of that kind.
        if (auto st = state_at(p); st && st->outcome && span(p, p + st->words) == stage) return CloseDeal{deal, *st->outcome};
        return MoveDeal{deal, stage};
    }

    Action reopen(std::size_t from, std::size_t to, const Context& ctx) {
        const auto sel = require(target(from, to, ctx, Names::until_stop,
                                        [&](std::size_t k) { return marker_at(k, {Marker::to, Marker::stage}).has_value(); }),
                                 Usage::reopen);
        ReopenDeal r;
        r.deal = resolve(sel, {RecordKind::opportunity}, Usage::reopen);
        if (auto stage = stage_text(after_target(from, sel, ctx), to); !stage.empty()) r.stage = stage;
        return r;
    }

    Action comment(std::size_t from, std::size_t to, const Context& ctx) {
        std::optional<Sel> sel = ctx.record;
        std::size_t p = from;
        if (!sel) {
            p = skip(p, to, {Marker::on, Marker::article});
            sel = read_record(p, to, Names::no);
            if (sel) {
                p = sel->end;
            } else {
                // By name, up to a colon: "comment deal Acme renewal: called them".
                std::optional<RecordKind> kind;
                std::size_t q = p;
                if (auto noun = noun_at(q)) {
                    kind = noun->value.kind;
                    q += noun->words;
                }
                std::size_t k = q;
                while (k < to && !toks_[k].colon_after) ++k;
                if (k < to) {
                    sel = Sel{RecordSelector::named(kind, span(q, k + 1)), p, k + 1};
                    p = k + 1;
                }
            }
        }
        const RecordSelector record = resolve(require(sel, Usage::comment), Kinds::all(), Usage::comment);
        std::string body = rest_text(p, to);
        while (!body.empty() && (body.front() == ':' || body.front() == '-' || body.front() == ' ')) body.erase(0, 1);
        if (body.empty()) fail(ParseError::Kind::missing_argument, msg::format(msg::Id::what_comment, lang_), Usage::comment);
        return AddComment{record, std::move(body)};
    }

    Action primary(std::size_t from, std::size_t to, const Context& ctx) {
        std::optional<RecordSelector> deal, contact;
        std::vector<Sel> bare;
        auto take = [&](const Sel& s) {
            if (s.bare_number) bare.push_back(s);
            else if (s.selector.kind == RecordKind::opportunity && !deal) deal = s.selector;
            else if (s.selector.kind == RecordKind::contact && !contact) contact = s.selector;
            else resolve(s, {RecordKind::opportunity, RecordKind::contact}, Usage::primary);
        };
        if (ctx.record) take(*ctx.record);
        for (std::size_t i = from; i < to;) {
            if (auto s = read_record(i, to, Names::no)) {
                take(*s);
                i = s->end;
            } else {
                ++i;  // "set", "of", "to", "is" ...
            }
        }
        for (const auto& b : bare) {
            if (!deal) deal = RecordSelector::of({RecordKind::opportunity, b.number});
            else if (!contact) contact = RecordSelector::of({RecordKind::contact, b.number});
        }
        if (!deal) fail(ParseError::Kind::missing_argument, msg::format(msg::Id::which_record, lang_), Usage::primary);
        if (!contact) fail(ParseError::Kind::missing_argument, msg::format(msg::Id::which_contact, lang_), Usage::primary);
        return SetPrimaryContact{*deal, *contact};
    }

    // "add C-4 to D-7 as CFO", "participant add D-7 C-4 CFO", "remove C-4 from D-7",
    // "add Grace Hopper to Acme renewal as CFO".
    Action participants(bool add, std::size_t from, std::size_t to, const Context& ctx) {
        const Usage usage = add ? Usage::add_participant : Usage::remove_participant;
        std::optional<Sel> contact, record;
        enum class Phase { contact, record, role } phase = Phase::contact;
        std::size_t contact_name_begin = to, contact_name_end = to, record_name_begin = to, record_name_end = to;
        std::vector<std::size_t> role;
        auto place = [&](const Sel& s) {
            const bool is_contact = s.selector.kind == RecordKind::contact ||
                                    (s.bare_number && phase == Phase::contact && !contact);
            if (is_contact && !contact) {
                contact = s;
                if (s.bare_number) contact->selector = RecordSelector::of({RecordKind::contact, s.number});
                contact->bare_number = false;
            } else if (!record) {
                record = s;
            } else {
                resolve(s, {RecordKind::contact}, usage);  // a third record: say what fits
            }
        };
        if (ctx.record) place(*ctx.record);
        for (std::size_t i = from; i < to;) {
            if (is_mention(i)) {
                ++i;
                continue;
            }
            if (auto m = marker_at(i, {Marker::to, Marker::from, Marker::as, Marker::article, Marker::filler})) {
                if (m->value == Marker::to || m->value == Marker::from) phase = Phase::record;
                if (m->value == Marker::as) phase = Phase::role;
                i += m->words;
                continue;
            }
            if (phase != Phase::role) {
                if (auto s = read_record(i, to, Names::no)) {
                    place(*s);
                    i = s->end;
                    continue;
                }
            }
            if (phase == Phase::contact && !contact) {
                if (contact_name_begin == to) contact_name_begin = i;
                contact_name_end = i + 1;
            } else if (phase == Phase::record && !record) {
                if (record_name_begin == to) record_name_begin = i;
                record_name_end = i + 1;
            } else {
                role.push_back(i);
            }
            ++i;
        }
        if (!contact && contact_name_begin < to)
            contact = Sel{RecordSelector::named(RecordKind::contact, span(contact_name_begin, contact_name_end)),
                          contact_name_begin, contact_name_end};
        if (!record && record_name_begin < to)
            record = Sel{RecordSelector::named(std::nullopt, span(record_name_begin, record_name_end)),
                         record_name_begin, record_name_end};
        if (!contact) fail(ParseError::Kind::missing_argument, msg::format(msg::Id::which_contact, lang_), usage);
        if (!record) fail(ParseError::Kind::missing_argument, msg::format(msg::Id::which_record, lang_), usage);
        const RecordSelector c = resolve(*contact, {RecordKind::contact}, usage);
        const RecordSelector r = resolve(*record, {RecordKind::lead, RecordKind::opportunity}, usage);
        if (!add) return RemoveParticipant{r, c};
        std::string role_text;
        if (!role.empty()) role_text = span(role.front(), role.back() + 1);
        return AddParticipant{r, c, role_text};
    }

    template <class T>
    T follow_like(std::size_t from, std::size_t to, const Context& ctx, Usage usage) {
        std::optional<Sel> record = ctx.record;
        bool pipeline = ctx.pipeline;
        T out;
        bool after_for = false;
        auto add_user = [&](MentionedUser u) {
            if (std::find(out.users.begin(), out.users.end(), u) == out.users.end()) out.users.push_back(std::move(u));
        };
        auto stop = [&](std::size_t k) {
            return is_mention(k) || marker_at(k, {Marker::for_user, Marker::here, Marker::important}).has_value() ||
                   is_verb(k, Verb::pipeline);
        };
        for (std::size_t i = from; i < to;) {
            if (is_mention(i)) {
                add_user(mentions_[*toks_[i].mention]);
                ++i;
                continue;
            }
            if (is_verb(i, Verb::pipeline)) {
                pipeline = true;
                i += verb_at(i)->words;
                continue;
            }
            if (auto m = marker_at(i, {Marker::here, Marker::for_user, Marker::important, Marker::article,
                                       Marker::filler})) {
                if (m->value == Marker::here) out.in_conversation = true;
                if (m->value == Marker::important) out.important_only = true;
                if (m->value == Marker::for_user) after_for = true;
                i += m->words;
                continue;
            }
            if (!record && !pipeline) {
                if (auto s = read_record(i, to, Names::until_stop, stop)) {
                    record = s;
                    i = s->end;
                    continue;
                }
            }
            if (after_for) {
                // A user named without "@": "follow D-7 for Sam Lee"; the executor looks the name up.
                std::size_t j = i;
                while (j < to && !stop(j)) ++j;
                add_user(MentionedUser{"", span(i, j)});
                i = j;
                continue;
            }
            ++i;  // "and", a stray verb: nothing to act on
        }
        if (!record && !pipeline)
            fail(ParseError::Kind::missing_argument, msg::format(msg::Id::which_record, lang_), usage);
        if (record)
            out.record = resolve(*record, {RecordKind::lead, RecordKind::opportunity, RecordKind::account}, usage);
        return out;
    }

    Action follow(bool stop_following, std::size_t from, std::size_t to, const Context& ctx) {
        if (stop_following) return follow_like<Unfollow>(from, to, ctx, Usage::unfollow);
        return follow_like<Follow>(from, to, ctx, Usage::follow);
    }

    Action followers(std::size_t from, std::size_t to, const Context& ctx) {
        if (ctx.pipeline) return ListFollowers{};
        std::size_t p = skip(from, to, {Marker::from, Marker::on, Marker::article});
        if (!ctx.record && is_verb(p, Verb::pipeline)) return ListFollowers{};
        const auto sel = require(target(p, to, ctx, Names::rest), Usage::followers);
        return ListFollowers{resolve(sel, {RecordKind::lead, RecordKind::opportunity, RecordKind::account},
                                     Usage::followers)};
    }

    Action pipeline(std::size_t from, std::size_t to, Context ctx) {
        // "Pipeline folgen", "pipeline followers": the pipeline as the target.
        for (std::size_t i = from; i < to; ++i) {
            if (auto v = verb_at(i);
                v && (v->value == Verb::follow || v->value == Verb::unfollow || v->value == Verb::followers)) {
                ctx.pipeline = true;
                return dispatch({v->value, i, i + v->words}, from, to, ctx);
            }
        }
        bool mine = ctx.mine;
        for (std::size_t i = from; i < to; ++i)
            if (marker_at(i, {Marker::mine})) mine = true;
        return ShowPipeline{mine};
    }

    std::string src_;
    Language lang_;
    std::vector<MentionedUser> mentions_;
    std::vector<Token> toks_;
    std::vector<std::string> words_;  // folded, one per token
};

}  // namespace

ParseResult parse(const std::string& clean_text, std::string_view locale) {
    return parse(clean_text, locale, {});
}

ParseResult parse(const std::string& clean_text, std::string_view locale, std::span<const MentionedUser> mentions) {
    return Parser(clean_text, language_for_locale(locale), mentions).run();
}

ParseResult parse(const CleanMessage& message, std::string_view locale) {
    return parse(message.text, locale, message.mentions);
}

}  // namespace bot::commands
