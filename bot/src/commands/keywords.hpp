#pragma once
// The parser's vocabulary in en, es, fr and de, kept as data in keywords.cpp.
// Phrases are matched on folded words (lower case, no accents: text_fold.hpp), so
// "créer", "Creer" and "CRÉER" are the same keyword. Every language is accepted
// whatever the user's locale: people mix them.
#include "commands/command.hpp"

#include <crm_core/ids.hpp>
#include <crm_core/notification_settings.hpp>
#include <crm_core/records.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bot::commands::kw {

// What a command word asks for. Several verbs double as other things in context
// (add: create or add a participant; new: create or the New status).
enum class Verb {
    help, show, list, create, add, remove, participant, search, status, qualify, disqualify, convert,
    move, mark, reopen, comment, primary, follow, unfollow, followers, pipeline, timeline, more,
    notifications, quiet_hours,
};

// Small words that shape a command's arguments.
enum class Marker {
    mine,      // my, mis, mes, meine
    open,      // open deals
    stage,     // "stage Proposal"
    page,      // "page 2"
    to,        // move ... to, convert ... to, add ... to
    from,      // remove ... from; also "of" (timeline of D-7)
    with,      // convert ... with deal
    without,   // convert ... without deal
    as,        // add C-4 to D-7 as CFO; mark D-7 as won
    for_user,  // follow D-7 for @Sam, "and notify"
    here,      // follow D-7 here: the conversation follows
    important, // follow ... important: only stage moves, won/lost, comments
    on,        // comment on D-7
    article,   // the, el, la, le, der, ...
    filler,    // please, por favor, bitte
    closing,   // deals closing this month
};

// Field names in "key: value" parts of create commands.
enum class Field {
    name, first_name, last_name, company, email, phone, title, source,
    account, contact, amount, close, stage, domain, website, industry,
};

struct Noun {
    crm::RecordKind kind;
    bool plural;
};

// One entry of a keyword table: its text as people write it, what it means, and
// the language it comes from.
template <class V>
struct Keyword {
    std::string_view text;
    V value;
    Language language;
};

// A keyword ready for matching: its folded words.
template <class V>
struct Phrase {
    std::vector<std::string> words;
    V value;
    Language language;
    std::string_view text;
};

const std::vector<Phrase<Verb>>& verbs();
const std::vector<Phrase<Noun>>& nouns();
const std::vector<Phrase<crm::LeadStatus>>& lead_statuses();
const std::vector<Phrase<crm::StageKind>>& outcomes();  // won, lost, unqualified (deals)
const std::vector<Phrase<Marker>>& markers();
const std::vector<Phrase<ClosingPeriod>>& periods();
const std::vector<Phrase<Field>>& fields();
const std::vector<Phrase<crm::NotifyLevel>>& notify_levels();  // all, important, digest, muted

// ISO 4217 codes people use ("EUR"), upper case.
bool is_known_currency(std::string_view code);
// "€" → "EUR", "$" → "USD", "£" → "GBP"; nullopt for anything else.
std::optional<std::string_view> currency_for_symbol(std::string_view symbol);

template <class V>
struct Match {
    V value;
    std::size_t words = 0;  // how many words it spans
    std::string_view text;
    Language language;
};

// The longest phrase of `table` equal to words[pos...]; `accept` filters the
// candidate values (e.g. only Marker::to).
template <class V, class Accept>
std::optional<Match<V>> match(const std::vector<Phrase<V>>& table, std::span<const std::string> words,
                              std::size_t pos, Accept accept) {
    std::optional<Match<V>> best;
    for (const auto& phrase : table) {
        const std::size_t n = phrase.words.size();
        if (pos + n > words.size() || (best && best->words >= n) || !accept(phrase.value)) continue;
        bool equal = true;
        for (std::size_t k = 0; k < n && equal; ++k) equal = words[pos + k] == phrase.words[k];
        if (equal) best = Match<V>{phrase.value, n, phrase.text, phrase.language};
    }
    return best;
}

template <class V>
std::optional<Match<V>> match(const std::vector<Phrase<V>>& table, std::span<const std::string> words,
                              std::size_t pos) {
    return match(table, words, pos, [](const V&) { return true; });
}

}  // namespace bot::commands::kw
