#include "form_fields.hpp"
#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/text.hpp>
#include <adaptive_cards/verbs.hpp>

#include <algorithm>

namespace cards {

using nlohmann::json;

json create_deal_form(const CreateDealFormData& data, const FormState& state, const CardContext& context) {
    const Locale l = context.locale;
    FormBuilder form(state, context, std::string(tr(S::create_deal_title, l)));
    form.text({field::kName, std::string(tr(S::name, l)), "", true, 200, false, "", ""});
    form.choice(field::kAccount, std::string(tr(S::deal_account, l)), record_choices(data.accounts),
                data.accounts.size() == 1 ? data.accounts.front().ref.display() : std::string(), true,
                std::string(tr(S::pick_account, l)));
    form.amount(field::kAmount, std::string(tr(S::amount, l)), "");
    form.choice(field::kCurrency, std::string(tr(S::currency, l)), currency_choices(data.default_currency),
                data.default_currency, false, std::string(tr(S::pick_currency, l)));
    form.date(field::kExpectedClose, std::string(tr(S::expected_close, l)), "");

    std::vector<Choice> stages;
    for (const auto& s : data.pipeline)
        if (!s.closed()) stages.push_back({s.name, s.name});
    form.choice(field::kStage, std::string(tr(S::stage, l)), stages, stages.empty() ? std::string() : stages.front().value,
                false, std::string(tr(S::pick_stage, l)));
    if (!data.contacts.empty())
        form.choice(field::kPrimaryContact, std::string(tr(S::primary_contact, l)), record_choices(data.contacts), "",
                    false, std::string(tr(S::pick_contact_optional, l)));
    return form.finish(std::string(tr(S::submit_create, l)), verbs::kCreateDeal);
}

json move_stage_form(const crm::Opportunity& deal, const std::vector<crm::Stage>& pipeline, const FormState& state,
                     const CardContext& context) {
    const Locale l = context.locale;
    const std::string ref = deal.ref().display();
    FormBuilder form(state, context, fill(tr(S::move_stage_title, l), {ref}),
                     clip(deal.name, kMaxNameChars) + " · " + clip(deal.stage.name, 60));
    std::vector<crm::Stage> ordered = pipeline;
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.position < b.position; });
    std::vector<Choice> stages;
    for (const auto& s : ordered)
        if (s.id != deal.stage.id) stages.push_back({s.name, s.name});
    form.choice(field::kStage, std::string(tr(S::new_stage, l)), stages, "", true, std::string(tr(S::pick_stage, l)));
    return form.finish(std::string(tr(S::submit_move, l)), verbs::kMoveStage, ref);
}

namespace {
// Add-participant and set-primary-contact: a contact to pick for a deal.
FormBuilder contact_form(const crm::Opportunity& deal, const std::vector<crm::RecordSummary>& contacts,
                         const FormState& state, const CardContext& context, S title) {
    FormBuilder form(state, context, fill(tr(title, context.locale), {deal.ref().display()}), clip(deal.name, kMaxNameChars));
    form.choice(field::kContact, std::string(tr(S::choose_contact, context.locale)), record_choices(contacts), "", true,
                std::string(tr(S::pick_contact, context.locale)));
    return form;
}
}  // namespace

json add_participant_form(const crm::Opportunity& deal, const std::vector<crm::RecordSummary>& contacts,
                          const FormState& state, const CardContext& context) {
    FormBuilder form = contact_form(deal, contacts, state, context, S::add_participant_title);
    form.text({field::kRole, std::string(tr(S::participant_role, context.locale)), "", false, 100, false, "",
               std::string(tr(S::hint_role, context.locale))});
    return form.finish(std::string(tr(S::submit_add, context.locale)), verbs::kAddParticipant, deal.ref().display());
}

json set_primary_contact_form(const crm::Opportunity& deal, const std::vector<crm::RecordSummary>& contacts,
                              const FormState& state, const CardContext& context) {
    FormBuilder form = contact_form(deal, contacts, state, context, S::set_primary_title);
    return form.finish(std::string(tr(S::submit_set, context.locale)), verbs::kSetPrimaryContact, deal.ref().display());
}

}  // namespace cards
