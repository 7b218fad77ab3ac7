#pragma once
// One handler per activity type and per invoke name (wire names in one table),
// as the Bot Framework SDKs' ActivityHandler does. It runs on a worker thread
// for an authenticated, parsed activity and returns a Turn: what the HTTP answer
// is, plus the work that follows it (replies leave through the send queue), so
// the inbound request never waits on the CRM command or the connector.
#include "app/card_actions.hpp"
#include "app/card_cache.hpp"
#include "app/command_executor.hpp"
#include "app/compose_search.hpp"
#include "app/record_typeahead.hpp"
#include "app/save_to_crm.hpp"
#include "app/conversations.hpp"
#include "app/identities.hpp"
#include "connector/send_queue.hpp"
#include "metrics/metrics.hpp"
#include "schema/activity.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>

namespace bot::app {

struct Turn {
    int status = 200;
    nlohmann::json body;          // null: no body
    std::function<void()> after;  // runs once the HTTP answer is sent; may be empty
};

struct ActivityHandlerDependencies {
    crm::Crm& crm;
    Identities& identities;
    Conversations& conversations;
    CommandExecutor& executor;
    CardCache& card_cache;
    connector::SendQueue& sender;
    metrics::Metrics& metrics;
};

class ActivityHandler {
public:
    explicit ActivityHandler(ActivityHandlerDependencies deps);

    // `activity` must outlive the returned Turn's `after`.
    Turn handle(const schema::Activity& activity);

private:
    Turn on_message(const schema::Activity& activity);
    Turn on_conversation_update(const schema::Activity& activity);
    Turn on_installation_update(const schema::Activity& activity);
    Turn on_invoke(const schema::Activity& activity);
    Turn on_adaptive_card_action(const schema::Activity& activity);
    Turn on_compose_query(const schema::Activity& activity);
    Turn on_compose_query_link(const schema::Activity& activity);
    Turn on_compose_fetch_task(const schema::Activity& activity);
    Turn on_compose_submit_action(const schema::Activity& activity);
    Turn on_search(const schema::Activity& activity);
    using SaveToCrmStep = nlohmann::json (SaveToCrm::*)(const crm::Actor&, commands::Language, const std::string&,
                                                        const nlohmann::json&);
    Turn save_to_crm(const schema::Activity& activity, SaveToCrmStep step);

    // The sender as a CRM user, and where they speak.
    crm::Result<TurnContext> turn_context(const schema::Activity& activity);
    static Reply unknown_sender(const crm::Error& error, commands::Language language);
    // Runs a card button or form submit; `viewer` gets the sender's user id.
    Reply run_card_action(const schema::Activity& activity, const std::string& verb, const nlohmann::json& data,
                          crm::RowId& viewer);
    // Runs a typed command and answers it; a record card comes from the card cache
    // when it holds it.
    void answer_command(const schema::Activity& activity, const std::string& text,
                        const std::vector<commands::MentionedUser>& mentions);
    // Answers in the activity's conversation with the reply's card.
    void send_reply(const schema::Activity& activity, const Reply& reply, crm::RowId viewer);
    // The same with a record's card already drawn (JSON text).
    void send_card_text(const schema::Activity& activity, const std::string& card, crm::RecordRef record,
                        commands::Language language);
    void enqueue_reply(const schema::Activity& activity, connector::OutboundActivity out,
                       std::optional<crm::PostedCard> live);
    void welcome(const schema::Activity& activity);
    // The bot was added to (greet: and should greet) or removed from a conversation.
    void installed(const schema::Activity& activity, bool greet);
    void uninstalled(const schema::Activity& activity);

    ActivityHandlerDependencies deps_;
    CardActions card_actions_;
    ComposeSearch compose_search_;
    RecordTypeahead typeahead_;  // before save_to_crm_, which uses it
    SaveToCrm save_to_crm_;
    using InvokeHandler = Turn (ActivityHandler::*)(const schema::Activity&);
    std::map<std::string, InvokeHandler, std::less<>> invoke_handlers_;
};

}  // namespace bot::app
