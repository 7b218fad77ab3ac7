#pragma once
// Forms: every input has an id and a label, required ones say so and why. A form
// can come back after an invalid submit with the user's input kept and each error
// under its field. Each carries a form id in its submit data (data.formId) so the
// bot can drop a second click on the same form.
#include <adaptive_cards/context.hpp>

#include <crm_core/records.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cards {

struct FormState {
    std::string form_id;                        // idempotency key, sent back as data.formId
    std::map<std::string, std::string> values;  // input id -> value to show (wins over the record's)
    std::map<std::string, std::string> errors;  // input id -> message shown under that input
};

// Input ids, shared by the forms and the bot that reads the submitted data.
namespace field {
inline constexpr std::string_view kFirstName = "firstName";
inline constexpr std::string_view kLastName = "lastName";
inline constexpr std::string_view kCompany = "company";
inline constexpr std::string_view kEmail = "email";
inline constexpr std::string_view kPhone = "phone";
inline constexpr std::string_view kTitle = "title";
inline constexpr std::string_view kSource = "source";
inline constexpr std::string_view kAccount = "account";              // "A-3", or kNewAccount
inline constexpr std::string_view kNewAccountName = "newAccountName";
inline constexpr std::string_view kDealName = "dealName";
inline constexpr std::string_view kDealAmount = "dealAmount";
inline constexpr std::string_view kDealCurrency = "dealCurrency";
inline constexpr std::string_view kName = "name";
inline constexpr std::string_view kAmount = "amount";
inline constexpr std::string_view kCurrency = "currency";
inline constexpr std::string_view kExpectedClose = "expectedClose";  // YYYY-MM-DD
inline constexpr std::string_view kStage = "stage";                  // stage name
inline constexpr std::string_view kPrimaryContact = "primaryContact";  // "C-4"
inline constexpr std::string_view kText = "text";
inline constexpr std::string_view kContact = "contact";              // "C-4"
inline constexpr std::string_view kRole = "role";
inline constexpr std::string_view kNewAccount = "new";  // value of kAccount: create an account
inline constexpr std::string_view kRecord = "record";    // "L-12" or "D-7" (Save to CRM)
inline constexpr std::string_view kRemark = "remark";    // the rep's own words above a saved message
}  // namespace field

nlohmann::json create_lead_form(const FormState& state, const CardContext& context);
nlohmann::json edit_lead_form(const crm::Lead& lead, const FormState& state, const CardContext& context);

struct ConvertLeadFormData {
    crm::Lead lead;
    std::vector<crm::RecordSummary> account_candidates;  // existing accounts to pick from
    std::string default_currency = "EUR";
};
nlohmann::json convert_lead_form(const ConvertLeadFormData& data, const FormState& state, const CardContext& context);

struct CreateDealFormData {
    std::vector<crm::RecordSummary> accounts;  // to pick from (one, when opened from an account)
    std::vector<crm::RecordSummary> contacts;  // possible primary contacts; may be empty
    std::vector<crm::Stage> pipeline;          // its open stages are offered
    std::string default_currency = "EUR";
};
nlohmann::json create_deal_form(const CreateDealFormData& data, const FormState& state, const CardContext& context);

// Offers the tenant's stages other than the deal's current one.
nlohmann::json move_stage_form(const crm::Opportunity& deal, const std::vector<crm::Stage>& pipeline,
                               const FormState& state, const CardContext& context);

// A comment on a lead or deal (record: its short ref) titled with its name.
nlohmann::json add_comment_form(const crm::RecordRef& record, const std::string& record_name, const FormState& state,
                                const CardContext& context);

nlohmann::json add_participant_form(const crm::Opportunity& deal, const std::vector<crm::RecordSummary>& contacts,
                                    const FormState& state, const CardContext& context);
nlohmann::json set_primary_contact_form(const crm::Opportunity& deal, const std::vector<crm::RecordSummary>& contacts,
                                        const FormState& state, const CardContext& context);

// Save to CRM: the dialog that saves a chat message as a note on a lead or deal.
// The record picker offers `recent` and searches the rest as the user types
// (Teams asks the bot with application/search for kRecordsDataset).
inline constexpr std::string_view kRecordsDataset = "crm.records";
struct SaveMessageFormData {
    std::string author;                      // who wrote the message
    std::optional<crm::Timestamp> sent_at;
    std::string text;                        // plain text; shown shortened
    std::vector<crm::RecordSummary> recent;  // leads and deals to offer before any typing
};
nlohmann::json save_message_form(const SaveMessageFormData& data, const FormState& state, const CardContext& context);
// What the dialog says once the message is saved (or was saved there before).
std::string message_saved_text(const crm::RecordRef& record, const std::string& record_name, bool already_saved,
                               const CardContext& context);

}  // namespace cards
