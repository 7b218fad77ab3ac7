#pragma once
// "Save to CRM", the message action on any Teams message: a dialog where the rep
// picks a lead or deal (typeahead) and adds a remark; submitting saves the
// message as a note on that record with its author, time and a link back, and
// the record's followers hear of it as of any comment. Both invokes are answered
// in their HTTP response (Teams waits at most 5 s).
#include "app/record_typeahead.hpp"
#include "commands/command.hpp"

#include <crm_core/crm.hpp>

#include <nlohmann/json.hpp>

namespace bot::app {

class SaveToCrm {
public:
    static constexpr std::string_view kCommandId = "saveToCrm";

    SaveToCrm(crm::Crm& crm, RecordTypeahead& typeahead) : crm_(crm), typeahead_(typeahead) {}

    // composeExtension/fetchTask: `value` {commandId, commandContext, messagePayload}
    // -> the dialog {task:{type:"continue", ...}}, or {task:{type:"message"}} saying why not.
    nlohmann::json fetch_task(const crm::Actor& actor, commands::Language language, const std::string& conversation_id,
                              const nlohmann::json& value);
    // composeExtension/submitAction: `value` adds data {record, remark, formId}. Saved:
    // a message saying where; a bad choice: the dialog again, the error under the picker.
    nlohmann::json submit(const crm::Actor& actor, commands::Language language, const std::string& conversation_id,
                          const nlohmann::json& value);

private:
    crm::Crm& crm_;
    RecordTypeahead& typeahead_;
};

}  // namespace bot::app
