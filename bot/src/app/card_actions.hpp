#pragma once
// What a card's buttons and forms ask for (Action.Execute verbs with their data,
// or the same data from an older client's Action.Submit): each becomes a command
// for the executor, a form to show, or a form sent back with its errors. A form
// submit runs once per form: its formId is an idempotency key, so a double click
// or a retried invoke finds the record the first one made.
#include "app/command_executor.hpp"
#include "app/reply.hpp"

#include <crm_core/crm.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace bot::app {

class CardActions {
public:
    CardActions(crm::Crm& crm, CommandExecutor& executor) : crm_(crm), executor_(executor) {}

    // nullopt: not a verb of ours.
    std::optional<Reply> handle(const TurnContext& turn, commands::Language language, std::string_view verb,
                                const nlohmann::json& data);

    // The empty form, with a fresh form id.
    Reply open_form(const TurnContext& turn, commands::Language language, std::string_view form,
                    std::optional<crm::RecordRef> record);

private:
    Reply submit(const TurnContext& turn, commands::Language language, std::string_view verb,
                 const nlohmann::json& data);
    // The form again, with the user's input and the errors under their fields.
    Reply form_again(const TurnContext& turn, commands::Language language, std::string_view verb,
                     const nlohmann::json& data, std::map<std::string, std::string> errors,
                     std::optional<Notice> notice = {});
    Reply fill_form(const TurnContext& turn, commands::Language language, FormView form);

    crm::Crm& crm_;
    CommandExecutor& executor_;
};

// A form id nobody else will pick: 128 random bits in hex.
std::string new_form_id();

}  // namespace bot::app
