#pragma once
// SQL and row mapping for the records, kept apart from the rules in the services.
// Every statement is scoped by tenant_id ($1). Loaders throw DomainError(not_found).
#include <crm_core/accounts.hpp>
#include <crm_core/contacts.hpp>
#include <crm_core/leads.hpp>
#include <crm_core/opportunities.hpp>

#include "pg/tx.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace crm::rows {

// ---- numbering and users ----------------------------------------------------
// SQL prefix of a CTE "n(last_number)" that takes the tenant's next number
// for the kind; $1 is the tenant.
std::string next_number_cte(RecordKind kind);
// The same as a query of its own ("select nextval(...) as last_number from tenants t
// where t.id = $1::text"), for statements that number several records.
std::string next_number_query(RecordKind kind);
void require_user(pg::Tx& tx, const TenantId& tenant, RowId user_id, const char* field = "owner");
std::int32_t page_limit(const PageRequest& page);  // 1..100
std::int32_t page_offset(const PageRequest& page);

// A record just inserted: its row id and the number the tenant sees.
struct Inserted {
    RowId id = 0;
    std::int32_t number = 0;
};

// A record's row id, version and state, locked for the rest of the transaction.
struct Locked {
    RowId id = 0;
    std::int32_t version = 0;
};
// Throws conflict when expected_version is set and differs.
void check_version(const Locked& row, std::optional<std::int32_t> expected_version, RecordRef ref);

// ---- leads ------------------------------------------------------------------
Lead load_lead(pg::Tx& tx, const TenantId& tenant, std::int32_t number);
// Loads the lead and locks its row for the rest of the transaction.
Lead lock_lead(pg::Tx& tx, const TenantId& tenant, std::int32_t number);
// The lead with the tenant's first open stage (nullopt: none), in one round trip.
std::pair<Lead, std::optional<Stage>> load_lead_with_first_open_stage(pg::Tx& tx, const TenantId& tenant,
                                                                      std::int32_t number);
LeadOverview load_lead_overview(pg::Tx& tx, const Actor& actor, std::int32_t number, std::int32_t recent_events);
OpportunityOverview load_opportunity_overview(pg::Tx& tx, const Actor& actor, std::int32_t number,
                                              std::int32_t recent_events);
// A lead's status change and its event in one statement: only an unconverted
// lead whose status is one of `allowed_from` (comma-separated) and, when given,
// whose version is `expected_version`. nullopt when no lead qualified (the caller
// finds out why).
std::optional<Lead> change_lead_status(pg::Tx& tx, const Actor& actor, std::int32_t number,
                                       const std::string& allowed_from, const std::string& status,
                                       std::optional<std::int32_t> expected_version);
std::vector<Lead> list_leads(pg::Tx& tx, const TenantId& tenant, const LeadFilter& filter);

// ---- accounts ---------------------------------------------------------------
Account load_account(pg::Tx& tx, const TenantId& tenant, std::int32_t number);
Account load_account_by_id(pg::Tx& tx, const TenantId& tenant, RowId id);
std::vector<Account> list_accounts(pg::Tx& tx, const TenantId& tenant, const AccountFilter& filter);
Locked lock_account(pg::Tx& tx, const TenantId& tenant, std::int32_t number);
Inserted insert_account(pg::Tx& tx, const Actor& actor, const AccountDraft& draft);  // validated draft

// ---- contacts ---------------------------------------------------------------
Contact load_contact(pg::Tx& tx, const TenantId& tenant, std::int32_t number);
Contact load_contact_by_id(pg::Tx& tx, const TenantId& tenant, RowId id);
std::vector<Contact> list_contacts(pg::Tx& tx, const TenantId& tenant, const ContactFilter& filter);
Locked lock_contact(pg::Tx& tx, const TenantId& tenant, std::int32_t number);
Inserted insert_contact(pg::Tx& tx, const Actor& actor, const ContactDraft& draft, RowId account_id,
                     std::optional<RowId> lead_id);

// ---- opportunities ----------------------------------------------------------
Opportunity load_opportunity(pg::Tx& tx, const TenantId& tenant, std::int32_t number);
Opportunity lock_opportunity(pg::Tx& tx, const TenantId& tenant, std::int32_t number);
// The same, with the tenant's stage of that name (nullopt: none), in one round trip.
std::pair<Opportunity, std::optional<Stage>> lock_opportunity_with_stage(pg::Tx& tx, const TenantId& tenant,
                                                                         std::int32_t number,
                                                                         const std::string& stage_name);
Opportunity load_opportunity_by_id(pg::Tx& tx, const TenantId& tenant, RowId id);
// An open deal moved to another stage (named case-insensitively), with its stage
// history row and its event, in one statement; only when the deal is open, the
// stage exists and differs from the current one, and the version matches when
// given. The deal as moved, or nullopt when nothing moved (the caller finds out why).
std::optional<Opportunity> move_open_opportunity(pg::Tx& tx, const Actor& actor, std::int32_t number,
                                                 const std::string& stage_name,
                                                 std::optional<std::int32_t> expected_version);
std::vector<Opportunity> list_opportunities(pg::Tx& tx, const TenantId& tenant, const OpportunityFilter& filter);

struct NewOpportunity {
    std::string name;
    RowId account_id = 0;
    std::optional<RowId> primary_contact_id;
    std::optional<Money> amount;
    std::optional<Date> expected_close;
    Stage stage;
    RowId owner_id = 0;
    std::optional<RowId> lead_id;
};
Inserted insert_opportunity(pg::Tx& tx, const Actor& actor, const NewOpportunity& o);

// ---- pipeline ---------------------------------------------------------------
std::vector<Stage> load_stages(pg::Tx& tx, const TenantId& tenant);
Stage find_stage(pg::Tx& tx, const TenantId& tenant, const std::string& name);  // validation "stage"
Stage first_open_stage(pg::Tx& tx, const TenantId& tenant);
void seed_default_pipeline(pg::Tx& tx, const TenantId& tenant);

// ---- records inside a larger statement ------------------------------------------
// A record's columns, read by its *_from_row (a row or a row.slice() of the
// *ColumnCount columns): "select ... from" the given relations, which are the
// tables or CTEs of the same columns. A statement that writes and then reports
// what it wrote reads its new rows from the CTEs that returned them (its own
// snapshot does not show them), and saves a round trip per record.
inline constexpr int kAccountColumnCount = 12;
inline constexpr int kContactColumnCount = 15;
inline constexpr int kOpportunityColumnCount = 24;
inline constexpr int kStageColumnCount = 5;
std::string account_select_from(std::string_view accounts);
std::string contact_select_from(std::string_view contacts, std::string_view accounts);
std::string opportunity_select_from(std::string_view opportunities, std::string_view accounts,
                                    std::string_view contacts);
Account account_from_row(const pqxx::row& r);
Contact contact_from_row(const pqxx::row& r);
Opportunity opportunity_from_row(const pqxx::row& r);
Stage stage_from_row(const pqxx::row& r);

// ---- a record's card in one statement -----------------------------------------
// Select-list items for a record aliased `alias` of `kind` ('lead', 'opportunity'):
// its follower count, whether user $<user> follows it, and its newest $<limit>
// events as one JSON array (read back with events_from_json). `extra_events`
// ORs more events in (a deal shows the conversion that made it).
std::string record_card_columns(std::string_view kind, std::string_view alias, int user_param, int limit_param,
                                const std::string& extra_events = {});
std::vector<Event> events_from_json(const std::string& json);

// Row id of any record by its number (not_found when absent in the tenant).
RowId record_id(pg::Tx& tx, const TenantId& tenant, RecordRef ref);

// The same lookup as an SQL expression, for a statement that needs the id and
// more in one round trip: the id of the `kind` record with number $<number> in
// tenant $1, null when there is none. The kind is part of the text, so each
// statement keeps one cheap generic plan (a kind passed as a parameter made
// PostgreSQL plan every execution anew).
std::string record_id_sql(RecordKind kind, int number_param);


}  // namespace crm::rows

namespace crm::rows {
// Lists fetch one row more than the page to know whether more follow.
template <class T>
Page<T> make_page(std::vector<T> items, const PageRequest& page) {
    Page<T> p;
    p.offset = page_offset(page);
    if (static_cast<std::int32_t>(items.size()) > page_limit(page)) {
        p.has_more = true;
        items.resize(page_limit(page));
    }
    p.items = std::move(items);
    return p;
}
}  // namespace crm::rows
