#pragma once
// Pieces shared by the record cards, lists and notifications: headers, the
// recent-activity section, the buttons that recur, and user text made safe.
#include <adaptive_cards/context.hpp>
#include <adaptive_cards/elements.hpp>

#include <crm_core/collaboration.hpp>
#include <crm_core/records.hpp>

#include <nlohmann/json.hpp>

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

// A before/after value as the core logs it, made safe; ISO dates in the reader's language.
std::string change_value(const std::string& value, Locale locale, std::size_t max_chars);

// The colour of a closed outcome: won good, lost attention, unqualified warning; open "default".
std::string_view outcome_color(crm::StageKind kind);

// "3, including you"; empty when nobody follows.
std::string followers_text(const FollowInfo& followers, Locale locale);

// "Recent activity" and one line per event (the first kMaxRecentEvents); null when none.
nlohmann::json recent_events(const std::vector<crm::Event>& events, Locale locale);

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
