#pragma once
// Leads: people or companies not yet qualified. Status New -> Contacted -> Qualified,
// or Unqualified; conversion of a qualified lead is one-way and leaves it read-only.
#include <crm_core/collaboration.hpp>
#include <crm_core/database.hpp>
#include <crm_core/records.hpp>
#include <crm_core/result.hpp>

namespace crm {

struct LeadFilter {
    std::optional<RowId> owner_id = {};
    std::optional<LeadStatus> status = {};
    std::string text = {};  // matches names, company and email
    bool include_converted = false;
    PageRequest page = {};
};

struct LeadConversion {
    std::optional<std::int32_t> account_number;  // an existing account; else matched or created
    std::optional<std::string> account_name;     // name of a new account; default the company
    bool create_opportunity = false;
    std::optional<std::string> opportunity_name;  // default "<account> - <lead name>"
    std::optional<Money> amount;
    std::optional<Date> expected_close;
    std::optional<std::int32_t> expected_version;
};

struct ConversionResult {
    Lead lead;
    Contact contact;
    Account account;
    bool account_matched = false;  // an existing account was used
    std::optional<Opportunity> opportunity;
};

// What a lead's card shows: the lead, who follows it, and its newest events.
struct LeadOverview {
    Lead lead;
    FollowSummary followers;
    std::vector<Event> recent_events;  // newest first
};

class Leads {
public:
    explicit Leads(Database& db) : db_(db) {}

    Result<Lead> create(const Actor& actor, const LeadDraft& draft);
    Result<Lead> get(const Actor& actor, std::int32_t number);
    // get, Followers::summary and Timeline::for_record in one round trip: a card
    // is drawn on every read.
    Result<LeadOverview> overview(const Actor& actor, std::int32_t number, std::int32_t recent_events = 3);
    Result<Page<Lead>> list(const Actor& actor, const LeadFilter& filter);
    Result<Lead> update(const Actor& actor, std::int32_t number, const LeadPatch& patch,
                        std::optional<std::int32_t> expected_version = {});
    Result<Lead> change_status(const Actor& actor, std::int32_t number, LeadStatus status,
                               std::optional<std::int32_t> expected_version = {});
    Result<ConversionResult> convert(const Actor& actor, std::int32_t number,
                                     const LeadConversion& options);

private:
    Database& db_;
};

}  // namespace crm
