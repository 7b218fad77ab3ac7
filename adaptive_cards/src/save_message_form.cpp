// Save to CRM: a chat message becomes a note on a lead or deal the rep picks.
#include "form_fields.hpp"
#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/format.hpp>
#include <adaptive_cards/forms.hpp>
#include <adaptive_cards/text.hpp>

namespace cards {

using nlohmann::json;

namespace {
constexpr std::size_t kShownMessageChars = 500;  // the whole text is saved; the dialog shows its start
constexpr std::size_t kMaxOffered = 15;          // Teams shows at most 15 choices in the drop-down
}  // namespace

json save_message_form(const SaveMessageFormData& data, const FormState& state, const CardContext& context) {
    const Locale l = context.locale;
    FormBuilder form(state, context, std::string(tr(S::save_message_title, l)));
    // The message being saved, as a quote: who wrote it, when, and its start.
    json quote = json::array();
    const std::string when = data.sent_at ? format_timestamp(*data.sent_at, l) : std::string();
    std::string byline = fill(tr(S::message_by, l), {user_text(data.author), when});
    if (when.empty()) byline = byline.substr(0, byline.rfind(','));
    quote.push_back(subtle_text(std::move(byline)));
    quote.push_back(tight(text_block(data.text.empty() ? std::string(tr(S::message_no_text, l))
                                                       : user_text(data.text, kShownMessageChars))));
    form.element(container(std::move(quote), "emphasis"));

    std::vector<Choice> offered;
    for (const auto& r : data.recent) {
        if (offered.size() == kMaxOffered) break;
        if (r.ref.kind == crm::RecordKind::lead || r.ref.kind == crm::RecordKind::opportunity)
            offered.push_back({r.ref.display() + " " + r.name, r.ref.display()});
    }
    form.typeahead(field::kRecord, std::string(tr(S::save_message_record, l)), offered, true,
                   std::string(tr(S::pick_lead_or_deal, l)), kRecordsDataset);
    form.text({field::kRemark, std::string(tr(S::save_message_remark, l)), "", false, 2000, true, "",
               std::string(tr(S::hint_remark, l))});
    return form.finish_submit(std::string(tr(S::submit_save, l)));
}

std::string message_saved_text(const crm::RecordRef& record, const std::string& record_name, bool already_saved,
                               const CardContext& context) {
    const std::string ref = record.display(), name = truncate(record_name, kMaxNameChars);
    return fill(tr(already_saved ? S::message_saved_before : S::message_saved, context.locale), {ref, name});
}

}  // namespace cards
