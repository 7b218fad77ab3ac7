#pragma once
// Carries out a parsed command against the CRM core for one user and answers
// with a Reply. Blocking (the core talks to PostgreSQL): run it on a worker.
#include "app/list_memory.hpp"
#include "app/record_resolver.hpp"
#include "app/reply.hpp"

#include <crm_core/crm.hpp>

#include <string>

namespace bot::app {

// Who asks, and where.
struct TurnContext {
    crm::User user;
    std::string conversation_id;    // the Teams conversation id
    std::string conversation_type;  // personal, channel, groupChat
    std::string conversation_name;
    std::string locale;  // BCP-47, for defaults such as the currency
};

class CommandExecutor {
public:
    CommandExecutor(crm::Crm& crm, ListMemory& lists) : crm_(crm), lists_(lists), resolver_(crm) {}

    Reply execute(const TurnContext& turn, const commands::Command& command);
    // The answer to text that did not parse.
    static Reply parse_error(const commands::ParseError& error, commands::Language language);

private:
    struct Turn;  // the context plus the reply being built
    Reply run(Turn& t, const commands::Help& c);
    Reply run(Turn& t, const commands::CreateLead& c);
    Reply run(Turn& t, const commands::CreateContact& c);
    Reply run(Turn& t, const commands::CreateAccount& c);
    Reply run(Turn& t, const commands::CreateDeal& c);
    Reply run(Turn& t, const commands::ShowRecord& c);
    Reply run(Turn& t, const commands::ListRecords& c);
    Reply run(Turn& t, const commands::MoreResults& c);
    Reply run(Turn& t, const commands::Search& c);
    Reply run(Turn& t, const commands::ChangeLeadStatus& c);
    Reply run(Turn& t, const commands::ConvertLead& c);
    Reply run(Turn& t, const commands::MoveDeal& c);
    Reply run(Turn& t, const commands::CloseDeal& c);
    Reply run(Turn& t, const commands::ReopenDeal& c);
    Reply run(Turn& t, const commands::AddComment& c);
    Reply run(Turn& t, const commands::SetPrimaryContact& c);
    Reply run(Turn& t, const commands::AddParticipant& c);
    Reply run(Turn& t, const commands::RemoveParticipant& c);
    Reply run(Turn& t, const commands::Follow& c);
    Reply run(Turn& t, const commands::Unfollow& c);
    Reply run(Turn& t, const commands::ListFollowers& c);
    Reply run(Turn& t, const commands::ShowPipeline& c);
    Reply run(Turn& t, const commands::ShowTimeline& c);
    Reply run(Turn& t, const commands::EditLead& c);
    Reply run(Turn& t, const commands::NotificationSettings& c);

public:
    // A record with everything its card shows.
    Reply show(const TurnContext& ctx, commands::Language language, crm::RecordRef ref,
               std::optional<Notice> notice = {});

private:
    Reply show(Turn& t, crm::RecordRef ref, std::optional<Notice> notice = {});
    template <class Change>
    Reply change_following(Turn& t, const Change& c, bool follow);
    crm::Result<crm::FollowTarget> follow_target(Turn& t, const std::optional<commands::RecordSelector>& record);
    crm::Result<crm::RowId> this_conversation(Turn& t);

    crm::Crm& crm_;
    ListMemory& lists_;
    RecordResolver resolver_;
};

// The currency assumed when the user types an amount without one, from the locale.
std::string default_currency(std::string_view locale);

}  // namespace bot::app
