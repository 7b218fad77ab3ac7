#pragma once
// Parses the text of a message into a Command: pure, no I/O.
//
// The grammar is forgiving: order (`won D-7` = `D-7 won`), case, accents and
// punctuation do not matter, and keywords of English, Spanish, French and
// German are all accepted whatever the locale (keywords.cpp lists them). The
// locale only picks the language of the answer and of error messages.
//
//   help · lead 42 / L-12 / show L-12 / show lead Ada
//   lead add Ada Lovelace, Analytical Engines, ada@ae.example, +44 20 1234
//   contact add Grace Hopper, A-3 · account add Contoso, contoso.com
//   deal add Renewal 2027, A-3, 50000 EUR, close 2026-12-31, stage Proposal
//   leads mine · leads status contacted · deals mine stage proposal · deals open · more · page 2
//   search acme · find deal acme
//   L-12 contacted · status L-12 qualified · qualify L-12 · disqualify L-12
//   convert L-12 [to A-3 | to <new account name>] [with deal 25000 EUR | without deal]
//   move D-7 to Proposal · D-7 stage negotiation · won D-7 · lost D-7 · reopen D-7 [to Proposal]
//   comment D-7 Called the CFO · primary D-7 C-3 · add C-4 to D-7 as CFO · remove C-4 from D-7
//   follow D-7 [for @Sam] · unfollow D-7 · follow pipeline · followers D-7 · pipeline · timeline D-7
//
// Unknown or misspelt commands get up to three "did you mean" suggestions;
// input with several readings (`show 12`: which kind?) gets the list of them.
#include "commands/command.hpp"
#include "commands/message_text.hpp"

#include <span>
#include <string>
#include <string_view>

namespace bot::commands {

// Parses cleaned text (see clean_text). "@Name" words are mentions; their ids are
// unknown here, so MentionedUser::id is empty.
ParseResult parse(const std::string& clean_text, std::string_view locale);

// The same, knowing the mentioned users: "@<name>" of each is one mention token
// (names with spaces included) and commands carry the users' ids.
ParseResult parse(const std::string& clean_text, std::string_view locale, std::span<const MentionedUser> mentions);
ParseResult parse(const CleanMessage& message, std::string_view locale);

}  // namespace bot::commands
