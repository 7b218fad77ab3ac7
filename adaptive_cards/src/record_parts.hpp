#pragma once
// Pieces shared by the record cards, lists and notifications: headers, the
// recent-activity section, the buttons that recur, and user text made safe.
#include <adaptive_cards/context.hpp>
#include <adaptive_cards/elements.hpp>

#include <crm_core/collaboration.hpp>
#include <crm_core/records.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cards {

inline constexpr std::size_t kMaxNameChars = 200;   // names, companies, emails in cards
inline constexpr std::size_t kMaxLongChars = 1000;  // comments and field values
inline constexpr std::size_t kMaxRecentEvents = 5;

// Clipped, then Markdown-escaped: ready for a TextBlock or a fact.
std::string user_text(std::string_view text, std::size_t max_chars = kMaxNameChars);

// The lead's person ("Ada Lovelace"), or its company when it names no person (unescaped).
std::string lead_person(const crm::Lead& lead);

// "D-7 Acme renewal · Proposal" (escaped).
std::string deal_line(const crm::Opportunity& deal);

// "D-7 Acme renewal" (escaped).
std::string ref_and_name(const crm::RecordSummary& record);

// Small subtle "Deal · D-7" over the name as a large heading.
nlohmann::json record_header(const crm::RecordRef& ref, std::string_view name, Locale locale);

// A changed field as the cards show it: its name and its values in the reader's
// language, Markdown-safe.
struct ShownChange {
    std::string field;  // as the core logs it ("amount")
    std::string name;   // "Amount", "Betrag" (escaped)
    std::optional<std::string> before, after;
    bool values = true;  // false: the change shows by its name only (raw ids)
};

// The changes of one event worth showing, in order. stage_kind is left out (it repeats
// stage), and so is a currency change that goes with an amount change (the amounts show
// it). Amounts ("10000.00", or "10000.00 EUR") are money in the event's currency, else in
// `currency` (the record's), else a plain number; ISO dates, probabilities and lead
// statuses are written as the reader writes them; owner ids show by name only.
std::vector<ShownChange> shown_changes(const std::vector<crm::FieldChange>& changes, std::string_view currency,
                                       Locale locale, std::size_t max_chars);

// "before → after", "after", or "before → (removed)"; the new value in bold when asked.
std::string change_values(const ShownChange& change, Locale locale, bool bold_after = false);

// The colour of a closed outcome: won good, lost attention, unqualified warning; open "default".
std::string_view outcome_color(crm::StageKind kind);

// "3, including you"; empty when nobody follows.
std::string followers_text(const FollowInfo& followers, Locale locale);

// "Recent activity" and one line per event (the first kMaxRecentEvents); null when none.
// currency: the record's, for amounts logged without one ("" when it has none).
nlohmann::json recent_events(const std::vector<crm::Event>& events, Locale locale, std::string_view currency = {});

nlohmann::json follow_action(const std::string& record, const FollowInfo& followers, Locale locale);
nlohmann::json show_action(std::string title, const crm::RecordRef& ref);
nlohmann::json command_action(std::string title, std::string command);
// data {form, record?}; record empty: none.
nlohmann::json open_form_action(std::string title, std::string_view form, const std::string& record = {});

inline constexpr std::size_t kMaxRelated = 5;

// A heading and one line per record (the first kMaxRelated); null when there are none.
template <class T, class Line>
nlohmann::json related(std::string title, const std::vector<T>& records, Line line) {
    if (records.empty()) return nullptr;
    nlohmann::json items = nlohmann::json::array({heading(std::move(title))});
    for (std::size_t i = 0; i < records.size() && i < kMaxRelated; ++i) items.push_back(tight(text_block(line(records[i]))));
    return container(std::move(items));
}

// The card envelope shared by the followable records: full width, refresh for the viewers.
nlohmann::json viewer_card(const std::string& record, const CardContext& context);

}  // namespace cards
