#pragma once
// Builds a form card input by input. Each input gets its id, a label, the value to
// show (what the user typed last time wins over the record's), isRequired with an
// error message when required, and the server's error for it right under it.
#include <adaptive_cards/context.hpp>
#include <adaptive_cards/elements.hpp>
#include <adaptive_cards/forms.hpp>

#include <crm_core/records.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cards {

struct Choice {
    std::string title;
    std::string value;
};

struct TextInput {
    std::string_view id;
    std::string label;
    std::string initial;  // the record's value
    bool required = false;
    std::size_t max_length = 200;
    bool multiline = false;
    std::string_view style;   // "", "email", "tel"
    std::string placeholder;  // a hint shown while the input is empty; "" for none
};

class FormBuilder {
public:
    FormBuilder(const FormState& state, const CardContext& context, std::string title, std::string subtitle = {});

    void text(const TextInput& input);
    void amount(std::string_view id, std::string label, std::string initial);  // Input.Number, 0 or more
    void date(std::string_view id, std::string label, std::string initial);    // YYYY-MM-DD
    // A drop-down; placeholder ("Choose a stage") shows while nothing is chosen.
    void choice(std::string_view id, std::string label, const std::vector<Choice>& choices, std::string initial,
                bool required, std::string placeholder);
    // A drop-down that also searches as the user types: `choices` first, then what
    // the bot answers to Teams' application/search invoke for `dataset`.
    void typeahead(std::string_view id, std::string label, const std::vector<Choice>& choices, bool required,
                   std::string placeholder, std::string_view dataset);
    void note(std::string markdown);  // a line of explanation between inputs
    void element(nlohmann::json element);  // anything else between inputs

    // The card with one submit button: verb, data {formId, record?}.
    nlohmann::json finish(std::string submit_title, std::string_view verb, const std::string& record = {});
    // The card with an Action.Submit (dialogs submit with it): data {formId}.
    nlohmann::json finish_submit(std::string submit_title);

    Locale locale() const { return context_.locale; }

private:
    std::string value_of(std::string_view id, std::string initial) const;
    nlohmann::json choice_input(std::string_view id, std::string label, const std::vector<Choice>& choices,
                                std::string initial, std::string placeholder) const;
    void add_input(nlohmann::json input, std::string_view id, bool required);

    const FormState& state_;
    const CardContext& context_;
    nlohmann::json card_;
};

// "A-3 Contoso" choices from record summaries, valued by short ref.
std::vector<Choice> record_choices(const std::vector<crm::RecordSummary>& records);
std::vector<Choice> currency_choices(const std::string& default_currency);

}  // namespace cards
