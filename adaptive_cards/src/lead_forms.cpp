#include "form_fields.hpp"
#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/text.hpp>
#include <adaptive_cards/verbs.hpp>

namespace cards {

using nlohmann::json;

namespace {

// The lead's own fields, shared by create and edit.
void lead_fields(FormBuilder& form, const crm::Lead* lead) {
    const Locale l = form.locale();
    auto initial = [&](const std::string crm::Lead::*member) { return lead ? lead->*member : std::string(); };
    form.text({field::kFirstName, std::string(tr(S::first_name, l)), initial(&crm::Lead::first_name), false, 100, false, "", ""});
    // Not required: a lead is a person or a company; the bot puts the core's
    // "a name or a company" error under this field.
    form.text({field::kLastName, std::string(tr(S::last_name, l)), initial(&crm::Lead::last_name), false, 100, false, "", ""});
    form.text({field::kCompany, std::string(tr(S::company, l)), initial(&crm::Lead::company), false, 200, false, "", ""});
    form.text({field::kEmail, std::string(tr(S::email, l)), initial(&crm::Lead::email), false, 254, false, "email",
               std::string(tr(S::hint_email, l))});
    form.text({field::kPhone, std::string(tr(S::phone, l)), initial(&crm::Lead::phone), false, 50, false, "tel",
               std::string(tr(S::hint_phone, l))});
    form.text({field::kTitle, std::string(tr(S::title, l)), initial(&crm::Lead::title), false, 100, false, "", ""});
    form.text({field::kSource, std::string(tr(S::source, l)), initial(&crm::Lead::source), false, 100, false, "",
               std::string(tr(S::hint_source, l))});
}

}  // namespace

json create_lead_form(const FormState& state, const CardContext& context) {
    FormBuilder form(state, context, std::string(tr(S::create_lead_title, context.locale)));
    lead_fields(form, nullptr);
    return form.finish(std::string(tr(S::submit_create, context.locale)), verbs::kCreateLead);
}

json edit_lead_form(const crm::Lead& lead, const FormState& state, const CardContext& context) {
    const std::string ref = lead.ref().display();
    FormBuilder form(state, context, fill(tr(S::edit_lead_title, context.locale), {ref}), clip(lead.display_name(), kMaxNameChars));
    lead_fields(form, &lead);
    return form.finish(std::string(tr(S::submit_save, context.locale)), verbs::kEditLead, ref);
}

json convert_lead_form(const ConvertLeadFormData& data, const FormState& state, const CardContext& context) {
    const Locale l = context.locale;
    const std::string ref = data.lead.ref().display();
    FormBuilder form(state, context, fill(tr(S::convert_lead_title, l), {ref}), clip(data.lead.display_name(), kMaxNameChars));

    // An existing account, or a new one named after the lead's company.
    std::vector<Choice> accounts = record_choices(data.account_candidates);
    accounts.push_back({std::string(tr(S::convert_new_account, l)), std::string(field::kNewAccount)});
    form.choice(field::kAccount, std::string(tr(S::convert_account_label, l)), accounts,
                data.account_candidates.empty() ? std::string(field::kNewAccount) : data.account_candidates.front().ref.display(),
                true, std::string(tr(S::pick_account, l)));
    form.text({field::kNewAccountName, std::string(tr(S::new_account_name, l)), data.lead.company, false, 200, false, "", ""});

    form.note(std::string(tr(S::deal_optional, l)));
    form.text({field::kDealName, std::string(tr(S::deal_name, l)), "", false, 200, false, "", ""});
    form.amount(field::kDealAmount, std::string(tr(S::deal_amount, l)), "");
    form.choice(field::kDealCurrency, std::string(tr(S::currency, l)), currency_choices(data.default_currency),
                data.default_currency, false, std::string(tr(S::pick_currency, l)));
    return form.finish(std::string(tr(S::submit_convert, l)), verbs::kConvertLead, ref);
}

json add_comment_form(const crm::RecordRef& record, const std::string& record_name, const FormState& state,
                      const CardContext& context) {
    const std::string ref = record.display();
    FormBuilder form(state, context, fill(tr(S::add_comment_title, context.locale), {ref}), clip(record_name, kMaxNameChars));
    form.text({field::kText, std::string(tr(S::comment_text, context.locale)), "", true, 4000, true, "",
               std::string(tr(S::hint_comment, context.locale))});
    return form.finish(std::string(tr(S::submit_add, context.locale)), verbs::kAddComment, ref);
}

}  // namespace cards
