#pragma once
// The fields of "lead add ...", "contact add ...", "account add ...",
// "deal add ..." (internal to the commands library).
//
// Parts are separated by commas or semicolons (a comma between two digits is
// part of a number: "50,000"). Each part is either `key: value` / `key=value`
// (email, company, phone, title, source, account, amount, close, stage, ... in
// any of the four languages), a value recognised by its shape (an email, a
// phone number, a record number such as A-3, a date, an amount, a domain), or
// positional: first the name, then by kind
//   lead: company, title · contact: account name, title · account: industry ·
//   deal: account name.
#include "commands/command.hpp"
#include "commands/messages.hpp"

#include <crm_core/ids.hpp>

#include <string>
#include <string_view>
#include <variant>

namespace bot::commands::detail {

struct FieldProblem {
    msg::Id id;        // what_name, unclear_part, bad_amount, bad_date
    std::string text;  // the part at fault, for the message
};

using CreateOutcome = std::variant<Action, FieldProblem>;

CreateOutcome parse_create(crm::RecordKind kind, std::string_view fields);

}  // namespace bot::commands::detail
