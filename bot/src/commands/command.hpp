#pragma once
// The commands users type to the bot, parsed (command_parser.hpp) and ready for
// the executor, which resolves names, applies defaults and calls the CRM core.
// The parser does no I/O: anything that needs the database (a record named by
// name, the default currency, "the last list" for paging) is left for the
// executor, in the fields documented below.
#include "commands/mentioned_user.hpp"

#include <crm_core/ids.hpp>
#include <crm_core/notification_settings.hpp>
#include <crm_core/records.hpp>
#include <crm_core/values.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace bot::commands {

// The language to answer in, from the user's locale.
enum class Language { en, es, fr, de };
std::string_view to_string(Language language);  // "en", "es", "fr", "de"
// "es-ES"/"es" → es, "fr-CA" → fr, "de-DE" → de, anything else → en.
Language language_for_locale(std::string_view locale);

// A record as the user named it: by short number ("L-12", "lead 42") or by name
// ("deal Acme renewal"), which the executor resolves by searching.
struct RecordSelector {
    // The kind: always set with a ref; for a name, set when the user said it or
    // only one kind makes sense for the command, nullopt for "any kind the
    // command accepts" (`show Acme`).
    std::optional<crm::RecordKind> kind;
    std::optional<crm::RecordRef> ref;
    std::string name;  // as typed; empty when `ref` is set

    static RecordSelector of(crm::RecordRef ref) { return {ref.kind, ref, {}}; }
    static RecordSelector named(std::optional<crm::RecordKind> kind, std::string name) {
        return {kind, std::nullopt, std::move(name)};
    }
    bool by_number() const { return ref.has_value(); }
    std::string display() const;  // "D-7", "\"Acme renewal\""
    friend bool operator==(const RecordSelector&, const RecordSelector&) = default;
};

// ---- Commands ---------------------------------------------------------------

struct Help {
    std::string topic;  // words after "help", e.g. "deals"; may be empty
};

// Creation. Empty strings are fields the user did not give. A single name word
// goes to last_name (the core requires a last name or a company).
struct CreateLead {
    std::string first_name, last_name, company, email, phone, title, source;
};
struct CreateContact {
    std::string first_name, last_name, email, phone, title;
    std::optional<RecordSelector> account;  // "A-3" or an account name
};
struct CreateAccount {
    std::string name, domain, website, industry, phone;
};
struct CreateDeal {
    std::string name;
    std::optional<RecordSelector> account;
    std::optional<RecordSelector> primary_contact;  // a C-n in the fields
    // Money::currency is empty when the user gave none: the executor applies the
    // tenant's default currency.
    std::optional<crm::Money> amount;
    std::optional<crm::Date> expected_close;
    std::optional<std::string> stage;  // stage name as typed; default the first open stage
};

struct ShowRecord {
    RecordSelector record;
};

// Expected close date windows, relative to "today" in the user's time zone (the
// executor knows the clock; the parser does not).
enum class ClosingPeriod { this_week, this_month, next_month, this_quarter, this_year };

struct ListRecords {
    crm::RecordKind kind = crm::RecordKind::lead;
    bool mine = false;                            // owned by the sender
    std::optional<crm::LeadStatus> lead_status;   // leads
    std::optional<std::string> stage;             // deals: stage name as typed
    std::optional<crm::StageKind> closed_as;      // deals: won / lost / unqualified
    bool open_only = false;                       // deals still in an open stage
    std::optional<ClosingPeriod> closing;         // deals: expected close within
    std::optional<crm::RecordRef> account;        // contacts and deals of one account
    std::string text;                             // remaining words: a text filter
    std::int32_t page = 1;                        // 1-based
};

// "more" (the next page) or "page 3" of the previous list: the executor keeps
// the last list per conversation and user.
struct MoreResults {
    std::optional<std::int32_t> page;  // nullopt: the next page
};

struct Search {
    std::string text;
    std::optional<crm::RecordKind> kind;  // nullopt: all kinds
};

struct ChangeLeadStatus {
    RecordSelector lead;
    crm::LeadStatus status = crm::LeadStatus::new_;
};

struct ConvertLead {
    RecordSelector lead;
    std::optional<RecordSelector> account;        // an existing account ("to A-3")
    std::optional<std::string> new_account_name;  // "to Analytical Ltd": a new account's name
    std::optional<bool> create_deal;              // nullopt: not said; the executor decides
    std::optional<crm::Money> deal_amount;        // implies create_deal; currency may be empty
    std::optional<std::string> deal_name;         // implies create_deal; default "<account> - <person>"
};

struct MoveDeal {
    RecordSelector deal;
    std::string stage;  // an open stage's name as typed (closing goes through CloseDeal)
};

// Closes a deal: won, lost or unqualified (the pipeline's closed stage of that kind).
struct CloseDeal {
    RecordSelector deal;
    crm::StageKind outcome = crm::StageKind::won;
};

struct ReopenDeal {
    RecordSelector deal;
    std::optional<std::string> stage;  // nullopt: the stage before it closed
};

struct AddComment {
    RecordSelector record;
    std::string text;  // as typed, mentions as "@Name"
};

struct SetPrimaryContact {
    RecordSelector deal;
    RecordSelector contact;
};

struct AddParticipant {
    RecordSelector record;  // a lead or deal
    RecordSelector contact;
    std::string role;  // "CFO"; may be empty
};

struct RemoveParticipant {
    RecordSelector record;
    RecordSelector contact;
};

// Follow / unfollow a lead, deal or account (all its deals), or the whole pipeline.
struct Follow {
    std::optional<RecordSelector> record;  // nullopt: the pipeline
    // Users to make follow, from @mentions ("follow D-7 for @Sam"); empty: the sender.
    std::vector<MentionedUser> users;
    bool in_conversation = false;  // "here": the channel / chat follows, not a user
    bool important_only = false;   // "important": stage moves, won/lost, comments only
    bool pipeline() const { return !record.has_value(); }
};
struct Unfollow {
    std::optional<RecordSelector> record;  // nullopt: the pipeline
    std::vector<MentionedUser> users;
    bool in_conversation = false;
    bool important_only = false;  // ignored: unfollowing is unfollowing
    bool pipeline() const { return !record.has_value(); }
};
struct ListFollowers {
    std::optional<RecordSelector> record;  // nullopt: the pipeline
};

struct ShowPipeline {
    bool mine = false;
};

struct ShowTimeline {
    RecordSelector record;
};

// The sender's notification settings: shown when nothing is given; else the
// level, the quiet hours (minutes after local midnight) and time zone change.
struct NotificationSettings {
    std::optional<crm::NotifyLevel> level;
    std::optional<std::pair<std::int32_t, std::int32_t>> quiet;  // from, to
    bool quiet_off = false;
    std::optional<std::string> time_zone;  // "Europe/Berlin", "UTC"
};

// Edits a lead's fields (from the edit form; no chat syntax): unset fields stay.
struct EditLead {
    RecordSelector lead;
    std::optional<std::string> first_name, last_name, company, email, phone, title, source;
};

using Action = std::variant<Help, CreateLead, CreateContact, CreateAccount, CreateDeal, ShowRecord, ListRecords,
                            MoreResults, Search, ChangeLeadStatus, ConvertLead, MoveDeal, CloseDeal, ReopenDeal,
                            AddComment, SetPrimaryContact, AddParticipant, RemoveParticipant, Follow, Unfollow,
                            ListFollowers, ShowPipeline, ShowTimeline, EditLead, NotificationSettings>;

// A stable name per action for logs and metrics: "create_lead", "move_deal", ...
std::string_view action_name(const Action& action);

struct Command {
    Action action;
    Language language = Language::en;  // answer in this language
};

// ---- Parse outcome ----------------------------------------------------------

struct ParseError {
    enum class Kind {
        empty,              // nothing to parse
        unknown_command,    // the first word is no command; see suggestions
        ambiguous,          // several readings; see interpretations
        missing_argument,   // e.g. no record, no stage, no text
        invalid_argument,   // e.g. a bad amount or date, an unknown status
        wrong_record_kind,  // e.g. "convert D-7": only leads convert
    };
    Kind kind = Kind::unknown_command;
    // Complete and ready to send, in the command's language (markdown).
    std::string message;
    std::vector<std::string> suggestions;      // "did you mean": up to 3 keywords
    std::vector<std::string> interpretations;  // ambiguous: the input rewritten once per reading
    std::string usage;                         // an example of the right form, when known
};

struct ParseResult {
    std::variant<Command, ParseError> outcome;
    Language language = Language::en;

    bool ok() const { return outcome.index() == 0; }
    const Command& command() const { return std::get<Command>(outcome); }
    const ParseError& error() const { return std::get<ParseError>(outcome); }
    // The action if it is a T, else nullptr: `if (auto* m = r.get<MoveDeal>())`.
    template <class T>
    const T* get() const {
        return ok() ? std::get_if<T>(&command().action) : nullptr;
    }
};

}  // namespace bot::commands
