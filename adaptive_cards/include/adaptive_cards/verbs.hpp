#pragma once
// Every Action.Execute verb the cards send, in one place, with the data each one
// carries. The bot's adaptiveCard/action handler maps them to commands; the first
// group are the names it already understood before cards existed.
#include <array>
#include <string_view>

namespace cards::verbs {

// data.record is always the short reference ("D-7", "L-12") when a verb concerns a record.

// ---- Existing verbs (bot: command_for_card_action) ----------------------------
inline constexpr std::string_view kFollow = "follow";        // data.record ("pipeline" for the whole pipeline)
inline constexpr std::string_view kUnfollow = "unfollow";    // data.record
inline constexpr std::string_view kMoveStage = "moveStage";  // data.record, data.stage (stage name; from the move form's input)
inline constexpr std::string_view kMarkWon = "markWon";      // data.record
inline constexpr std::string_view kMarkLost = "markLost";    // data.record
inline constexpr std::string_view kReopen = "reopen";        // data.record
inline constexpr std::string_view kShow = "show";            // data.record
inline constexpr std::string_view kComment = "comment";      // data.record, data.text
inline constexpr std::string_view kCommand = "command";      // data.text: a chat command, as typed

// ---- Forms: submit verbs (inputs merged into data, plus data.formId) ---------
inline constexpr std::string_view kCreateLead = "createLead";                // firstName, lastName, company, email, phone, title, source
inline constexpr std::string_view kEditLead = "editLead";                    // record + the createLead fields
inline constexpr std::string_view kConvertLead = "convertLead";              // record, account ("A-3" or "new"), newAccountName, dealName, dealAmount, dealCurrency
inline constexpr std::string_view kCreateDeal = "createDeal";                // name, account, amount, currency, expectedClose, stage, primaryContact
inline constexpr std::string_view kAddComment = "addComment";                // record, text
inline constexpr std::string_view kAddParticipant = "addParticipant";        // record, contact ("C-4"), role
inline constexpr std::string_view kSetPrimaryContact = "setPrimaryContact";  // record, contact ("C-4")
// moveStage above is also the move form's submit verb (data.stage is its input).

// ---- Navigation ------------------------------------------------------------
inline constexpr std::string_view kOpenForm = "openForm";        // data.form (a form name below), data.record when it concerns one
inline constexpr std::string_view kMore = "more";                // data.list, data.page, data.offset, data.filter
inline constexpr std::string_view kRefreshCard = "refreshCard";  // data.record: Teams asks for the viewer's version of the card

inline constexpr std::array<std::string_view, 19> kAll = {
    kFollow,     kUnfollow,   kMoveStage,       kMarkWon,         kMarkLost,          kReopen,   kShow,
    kComment,    kCommand,    kCreateLead,      kEditLead,        kConvertLead,       kCreateDeal, kAddComment,
    kAddParticipant, kSetPrimaryContact, kOpenForm, kMore, kRefreshCard,
};

}  // namespace cards::verbs

namespace cards::forms {

// The values of data.form for verbs::kOpenForm: which form the bot should answer with.
inline constexpr std::string_view kCreateLead = "createLead";
inline constexpr std::string_view kEditLead = "editLead";
inline constexpr std::string_view kConvertLead = "convertLead";
inline constexpr std::string_view kCreateDeal = "createDeal";
inline constexpr std::string_view kMoveStage = "moveStage";
inline constexpr std::string_view kAddComment = "addComment";
inline constexpr std::string_view kAddParticipant = "addParticipant";
inline constexpr std::string_view kSetPrimaryContact = "setPrimaryContact";

}  // namespace cards::forms
