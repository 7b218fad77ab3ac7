#include "form_fields.hpp"

#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/text.hpp>

#include <algorithm>
#include <cstdlib>

namespace cards {

using nlohmann::json;

FormBuilder::FormBuilder(const FormState& state, const CardContext& context, std::string title, std::string subtitle)
    : state_(state), context_(context), card_(make_card(Width::normal)) {
    add(card_, heading(std::move(title), "large"));
    if (!subtitle.empty()) add(card_, tight(subtle_text(std::move(subtitle))));
    if (!state_.errors.empty()) add(card_, colored_text(std::string(tr(S::fix_errors, context_.locale)), "attention", true));
}

std::string FormBuilder::value_of(std::string_view id, std::string initial) const {
    if (auto it = state_.values.find(std::string(id)); it != state_.values.end()) return it->second;
    return initial;
}

void FormBuilder::add_input(json input, std::string_view id, bool required) {
    if (required) {
        input["isRequired"] = true;
        input["errorMessage"] = tr(S::required, context_.locale);
    }
    add(card_, std::move(input));
    // The server's verdict on this field, where the user looks for it.
    if (auto it = state_.errors.find(std::string(id)); it != state_.errors.end())
        add(card_, tight(colored_text(user_text(it->second, kMaxLongChars), "attention")));
}

void FormBuilder::text(const TextInput& in) {
    json input = {{"type", "Input.Text"}, {"id", in.id}, {"label", in.label}, {"maxLength", in.max_length}};
    // Kept input is clipped to what the field accepts, so a huge submit cannot blow the card.
    if (auto value = truncate(value_of(in.id, in.initial), in.max_length); !value.empty()) input["value"] = value;
    if (in.multiline) input["isMultiline"] = true;
    if (!in.style.empty()) input["style"] = in.style;
    if (!in.placeholder.empty()) input["placeholder"] = in.placeholder;
    add_input(std::move(input), in.id, in.required);
}

void FormBuilder::amount(std::string_view id, std::string label, std::string initial) {
    json input = {{"type", "Input.Number"}, {"id", id}, {"label", std::move(label)}, {"min", 0}};
    // Input.Number takes a number: keep what the user typed only when it is one.
    const std::string value = value_of(id, std::move(initial));
    char* end = nullptr;
    const double number = value.empty() ? 0 : std::strtod(value.c_str(), &end);
    if (!value.empty() && end && *end == '\0' && number >= 0) input["value"] = number;
    add_input(std::move(input), id, false);
}

void FormBuilder::date(std::string_view id, std::string label, std::string initial) {
    json input = {{"type", "Input.Date"}, {"id", id}, {"label", std::move(label)}};
    const std::string value = value_of(id, std::move(initial));
    if (crm::parse_date(value)) input["value"] = value;
    add_input(std::move(input), id, false);
}

json FormBuilder::choice_input(std::string_view id, std::string label, const std::vector<Choice>& choices,
                               std::string initial, std::string placeholder) const {
    json list = json::array();
    for (const auto& c : choices) list.push_back({{"title", clip(c.title, kMaxNameChars)}, {"value", c.value}});
    json input = {{"type", "Input.ChoiceSet"}, {"id", id}, {"label", std::move(label)}, {"style", "compact"},
                  {"choices", std::move(list)}, {"placeholder", std::move(placeholder)}};
    // Only a value that is one of the choices (a kept one, else the default): anything
    // else would show blank anyway.
    auto offered = [&](const std::string& v) {
        return std::any_of(choices.begin(), choices.end(), [&](const Choice& c) { return c.value == v; });
    };
    if (const std::string kept = value_of(id, initial); offered(kept)) input["value"] = kept;
    else if (offered(initial)) input["value"] = initial;
    return input;
}

void FormBuilder::choice(std::string_view id, std::string label, const std::vector<Choice>& choices, std::string initial,
                         bool required, std::string placeholder) {
    add_input(choice_input(id, std::move(label), choices, std::move(initial), std::move(placeholder)), id, required);
}

void FormBuilder::typeahead(std::string_view id, std::string label, const std::vector<Choice>& choices, bool required,
                            std::string placeholder, std::string_view dataset) {
    json input = choice_input(id, std::move(label), choices, {}, std::move(placeholder));
    input["style"] = "filtered";
    input["choices.data"] = {{"type", "Data.Query"}, {"dataset", dataset}};
    add_input(std::move(input), id, required);
}

void FormBuilder::note(std::string markdown) { add(card_, subtle_text(std::move(markdown))); }

void FormBuilder::element(json element) { add(card_, std::move(element)); }

json FormBuilder::finish(std::string submit_title, std::string_view verb, const std::string& record) {
    json data = {{"formId", state_.form_id}};
    if (!record.empty()) data["record"] = record;
    set_actions(card_, {execute_action(std::move(submit_title), verb, std::move(data))});
    return std::move(card_);
}

json FormBuilder::finish_submit(std::string submit_title) {
    set_actions(card_, {{{"type", "Action.Submit"}, {"title", std::move(submit_title)},
                         {"data", {{"formId", state_.form_id}}}}});
    return std::move(card_);
}

std::vector<Choice> record_choices(const std::vector<crm::RecordSummary>& records) {
    std::vector<Choice> out;
    for (const auto& r : records) out.push_back({r.ref.display() + " " + r.name, r.ref.display()});
    return out;
}

std::vector<Choice> currency_choices(const std::string& default_currency) {
    std::vector<Choice> out;
    for (std::string_view code : {"EUR", "USD", "GBP", "CHF", "CAD", "AUD", "JPY", "SEK", "NOK", "DKK", "PLN", "MXN", "BRL"})
        out.push_back({std::string(code), std::string(code)});
    if (crm::is_currency_code(default_currency) &&
        std::none_of(out.begin(), out.end(), [&](const Choice& c) { return c.value == default_currency; }))
        out.insert(out.begin(), {default_currency, default_currency});
    return out;
}

}  // namespace cards
