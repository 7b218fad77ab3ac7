#pragma once
// The parser's replies to input it cannot use, in en, es, fr and de (internal
// to the commands library). Texts are markdown for Teams.
#include "commands/command.hpp"

#include <crm_core/ids.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace bot::commands::msg {

enum class Id {
    empty,                 // nothing typed
    unknown_command,       // {word}
    did_you_mean,          // {list}
    see_help,
    ambiguous,             // {input}
    which_record,
    which_contact,
    wrong_kind,            // {kinds} {record}
    which_stage,
    which_status,          // {statuses}
    bad_status,            // {word} {statuses}
    what_search,
    what_comment,
    what_name,
    what_kind,
    bad_amount,            // {text}
    bad_date,              // {text}
    unclear_part,          // {text}
    bad_page,              // {text}
    unknown_after_record,  // {word} {record}
    for_example,           // {usage}
    which_level,
    which_hours,
};

// An example of each command, shown with errors about it.
enum class Usage {
    help, show, list, create_lead, create_contact, create_account, create_deal, search, status, convert,
    move, close, reopen, comment, primary, add_participant, remove_participant, follow, unfollow,
    followers, timeline, pipeline, more, notifications, quiet_hours,
};

// The message with its {} placeholders replaced by `args`, in order.
std::string format(Id id, Language language, std::initializer_list<std::string_view> args = {});
std::string_view usage(Usage usage, Language language);

// "lead"/"leads", "oportunidad"/"oportunidades", ...
std::string_view kind_name(crm::RecordKind kind, Language language, bool plural);
// "New, Contacted, Qualified or Unqualified" in the language.
std::string lead_status_names(Language language);
// "a, b or c" ("a, b o c", "a, b ou c", "a, b oder c").
std::string join_or(const std::vector<std::string>& items, Language language);

}  // namespace bot::commands::msg
