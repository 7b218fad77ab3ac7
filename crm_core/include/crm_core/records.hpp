#pragma once
// The CRM records as the core returns them. Drafts (for create) and patches
// (for update) sit next to each record; a patch field left empty is unchanged.
#include <crm_core/ids.hpp>
#include <crm_core/values.hpp>

#include <optional>
#include <string>
#include <vector>

namespace crm {

struct UserSummary {
    RowId id = 0;
    std::string name;
};

struct RecordSummary {  // a reference to another record, ready to display
    RecordRef ref;
    std::string name;
    std::string email;  // contacts only
};

// ---- Lead -------------------------------------------------------------------
enum class LeadStatus { new_, contacted, qualified, unqualified };
std::string_view to_string(LeadStatus status);  // "New", "Contacted", ...
std::optional<LeadStatus> lead_status_from_string(std::string_view text);  // case-insensitive

struct Lead {
    RowId id = 0;
    std::int32_t number = 0;
    std::string first_name, last_name, company, email, phone, title, source;
    LeadStatus status = LeadStatus::new_;
    UserSummary owner;
    std::int32_t version = 0;
    Timestamp created_at, updated_at;
    std::optional<Timestamp> converted_at;
    std::optional<RecordSummary> converted_contact, converted_account, converted_opportunity;

    RecordRef ref() const { return {RecordKind::lead, number}; }
    std::string display_name() const;  // "Ada Lovelace (Analytical Ltd)"
    bool converted() const { return converted_at.has_value(); }
};

struct LeadDraft {
    std::string first_name, last_name, company, email, phone, title, source;
    std::optional<RowId> owner_id;  // default: the actor
};

struct LeadPatch {
    std::optional<std::string> first_name, last_name, company, email, phone, title, source;
    std::optional<RowId> owner_id;
};

// ---- Account ----------------------------------------------------------------
struct Account {
    RowId id = 0;
    std::int32_t number = 0;
    std::string name, domain, website, industry, phone;
    UserSummary owner;
    std::int32_t version = 0;
    Timestamp created_at, updated_at;

    RecordRef ref() const { return {RecordKind::account, number}; }
};

struct AccountDraft {
    std::string name, domain, website, industry, phone;
    std::optional<RowId> owner_id;
};

struct AccountPatch {
    std::optional<std::string> name, domain, website, industry, phone;
    std::optional<RowId> owner_id;
};

// ---- Contact ----------------------------------------------------------------
struct Contact {
    RowId id = 0;
    std::int32_t number = 0;
    std::string first_name, last_name, email, phone, title;
    RecordSummary account;
    UserSummary owner;
    std::int32_t version = 0;
    Timestamp created_at, updated_at;
    std::optional<RecordRef> from_lead;

    RecordRef ref() const { return {RecordKind::contact, number}; }
    std::string full_name() const;
};

struct ContactDraft {
    std::string first_name, last_name, email, phone, title;
    std::optional<std::int32_t> account_number;  // required: every contact has an account
    std::optional<RowId> owner_id;
};

struct ContactPatch {
    std::optional<std::string> first_name, last_name, email, phone, title;
    std::optional<std::int32_t> account_number;
    std::optional<RowId> owner_id;
};

// ---- Pipeline ---------------------------------------------------------------
enum class StageKind { open, won, lost, unqualified };
std::string_view to_string(StageKind kind);
std::optional<StageKind> stage_kind_from_string(std::string_view text);

struct Stage {
    RowId id = 0;
    std::int32_t position = 0;  // left to right
    std::string name;
    StageKind kind = StageKind::open;
    std::int32_t probability = 0;  // percent
    bool closed() const { return kind != StageKind::open; }
};

// ---- Opportunity ------------------------------------------------------------
struct Opportunity {
    RowId id = 0;
    std::int32_t number = 0;
    std::string name;
    RecordSummary account;
    std::optional<RecordSummary> primary_contact;
    std::optional<Money> amount;
    std::optional<Date> expected_close;
    Stage stage;
    std::int32_t probability = 0;
    UserSummary owner;
    std::int32_t version = 0;
    Timestamp created_at, updated_at;
    std::optional<Timestamp> closed_at;
    std::optional<RecordRef> from_lead;

    RecordRef ref() const { return {RecordKind::opportunity, number}; }
};

struct OpportunityDraft {
    std::string name;
    std::optional<std::int32_t> account_number;  // required: every deal has an account
    std::optional<std::int32_t> primary_contact_number;
    std::optional<Money> amount;
    std::optional<Date> expected_close;
    std::optional<std::string> stage;  // stage name; default the first open stage
    std::optional<RowId> owner_id;
};

struct OpportunityPatch {
    std::optional<std::string> name;
    std::optional<Money> amount;
    std::optional<Date> expected_close;
    std::optional<std::int32_t> probability;
    std::optional<RowId> owner_id;
};

struct StageChange {
    std::optional<std::string> from_stage;
    std::string to_stage;
    UserSummary changed_by;
    Timestamp changed_at;
};

// ---- Listing ----------------------------------------------------------------
struct PageRequest {
    std::int32_t offset = 0;
    std::int32_t limit = 20;  // capped at 100
};

template <class T>
struct Page {
    std::vector<T> items;
    std::int32_t offset = 0;
    bool has_more = false;
};

}  // namespace crm
