#include "app/activity_handler.hpp"

#include "app/live_cards.hpp"

#include "commands/command_parser.hpp"
#include "commands/message_text.hpp"
#include "log/log.hpp"
#include "render/card_renderer.hpp"
#include "render/text_renderer.hpp"
#include "schema/invoke_response.hpp"
#include "schema/json_fields.hpp"
#include "schema/outbound.hpp"

#include <adaptive_cards/forms.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>

namespace bot::app {

namespace {
// The verb and data of a card action: Action.Execute sends {verb, data}; an older
// client's Action.Submit sends the data alone, which carries the verb itself.
std::string verb_of(const nlohmann::json& data) {
    std::string verb;
    for (const char* key : {"verb", "action"})
        if (data.is_object() && data.contains(key) && data[key].is_string()) verb = data[key].get<std::string>();
    // The names Teams' samples (and the protocol fixtures) use for the same buttons.
    if (verb == "followDeal") return "follow";
    if (verb == "unfollowDeal") return "unfollow";
    return verb;
}

// data.record names the record; cards from Teams' samples say dealId or recordId.
nlohmann::json with_record(nlohmann::json data) {
    if (!data.is_object()) return nlohmann::json::object();
    if (!data.contains("record"))
        for (const char* key : {"dealId", "recordId"})
            if (data.contains(key) && data[key].is_string()) data["record"] = data[key];
    return data;
}

// Teams sends both conversationUpdate and installationUpdate on install: greet once.
class RecentWelcomes {
public:
    bool first(const std::string& conversation) {
        std::lock_guard lock(mutex_);
        if (seen_.size() > 10'000) seen_.clear();
        return seen_.insert(conversation).second;
    }

private:
    std::mutex mutex_;
    std::set<std::string> seen_;
};
RecentWelcomes& recent_welcomes() {
    static RecentWelcomes instance;
    return instance;
}
}  // namespace

ActivityHandler::ActivityHandler(ActivityHandlerDependencies deps)
    : deps_(deps), card_actions_(deps.crm, deps.executor), compose_search_(deps.crm), typeahead_(deps.crm),
      save_to_crm_(deps.crm, typeahead_) {
    invoke_handlers_ = {
        {"adaptiveCard/action", &ActivityHandler::on_adaptive_card_action},
        {"composeExtension/query", &ActivityHandler::on_compose_query},
        {"composeExtension/queryLink", &ActivityHandler::on_compose_query_link},
        {"composeExtension/fetchTask", &ActivityHandler::on_compose_fetch_task},
        {"composeExtension/submitAction", &ActivityHandler::on_compose_submit_action},
        {"application/search", &ActivityHandler::on_search},
    };
}

Turn ActivityHandler::handle(const schema::Activity& activity) {
    namespace type = schema::activity_type;
    if (activity.type == type::message) return on_message(activity);
    if (activity.type == type::invoke) return on_invoke(activity);
    if (activity.type == type::conversation_update) return on_conversation_update(activity);
    if (activity.type == type::installation_update) return on_installation_update(activity);
    return Turn{};  // other types (reactions, typing, events...): accepted and ignored
}

Turn ActivityHandler::on_invoke(const schema::Activity& activity) {
    auto it = invoke_handlers_.find(activity.name);
    if (it == invoke_handlers_.end()) {
        auto r = schema::invoke_not_implemented();
        return Turn{r.status, r.body, {}};
    }
    return (this->*(it->second))(activity);
}

crm::Result<TurnContext> ActivityHandler::turn_context(const schema::Activity& activity) {
    auto user = deps_.identities.resolve(activity.tenant_id(), activity.from);
    if (!user) {
        log::warn("cannot resolve the sender", {{"activity_id", activity.id}, {"reason", user.error().message}});
        return user.error();
    }
    const bool personal = activity.conversation.conversation_type == "personal";
    if (auto r = deps_.conversations.remember(activity, personal ? std::optional(user->id) : std::nullopt); !r)
        log::warn("cannot store the conversation reference", {{"activity_id", activity.id}, {"reason", r.error().message}});
    return TurnContext{*user, activity.conversation.id, activity.conversation.conversation_type,
                       activity.conversation.name, activity.effective_locale()};
}

Reply ActivityHandler::unknown_sender(const crm::Error& error, commands::Language language) {
    return CommandExecutor::parse_error(
        {commands::ParseError::Kind::invalid_argument,
         error.code == crm::ErrorCode::unavailable
             ? "The CRM database cannot be reached right now. Please try again in a moment."
             : "Sorry, I could not identify you: " + error.message,
         {}, {}, {}},
        language);
}

Reply ActivityHandler::run_card_action(const schema::Activity& activity, const std::string& verb,
                                       const nlohmann::json& data, crm::RowId& viewer) {
    const auto language = commands::language_for_locale(activity.effective_locale());
    auto ctx = turn_context(activity);
    if (!ctx) return unknown_sender(ctx.error(), language);
    viewer = ctx->user.id;
    if (log::enabled(spdlog::level::debug)) log::debug("card action", {{"activity_id", activity.id}, {"verb", verb}});
    auto reply = card_actions_.handle(*ctx, language, verb, data);
    if (!reply) return Reply{language, Notice{Notice::Kind::error, "This button is not supported: " + verb, {}}, {}};
    return std::move(*reply);
}

void ActivityHandler::send_reply(const schema::Activity& activity, const Reply& reply, crm::RowId viewer) {
    connector::OutboundActivity out{activity.service_url, activity.conversation.id, activity.id, std::nullopt,
                                    schema::message_with_card(activity, render::to_card(reply, {viewer, activity.from.id})),
                                    {{"activity_id", activity.id}}};
    // A deal card stays live once the connector says where it is.
    enqueue_reply(activity, std::move(out), posted_deal_card(reply, activity));
}

void ActivityHandler::send_card_text(const schema::Activity& activity, const std::string& card,
                                     crm::RecordRef record, commands::Language language) {
    connector::OutboundActivity out{activity.service_url, activity.conversation.id, activity.id, std::nullopt,
                                    nullptr, {{"activity_id", activity.id}}};
    out.activity_json = connector::JsonBody{schema::message_with_card_text(activity, card)};
    std::optional<crm::PostedCard> live;
    if (record.kind == crm::RecordKind::opportunity) live = posted_deal_card(record.number, language, activity);
    enqueue_reply(activity, std::move(out), std::move(live));
}

void ActivityHandler::enqueue_reply(const schema::Activity& activity, connector::OutboundActivity out,
                                    std::optional<crm::PostedCard> live) {
    auto& metrics = deps_.metrics;
    auto& crm = deps_.crm;
    auto queued = deps_.sender.enqueue(
        std::move(out), [&metrics, &crm, live = std::move(live), tenant = activity.tenant_id()](const connector::SendResult& r) {
            metrics.outbound("reply", r.response.status);
            if (!live || !r.ok() || r.response.id.empty()) return;
            auto card = *live;
            card.activity_id = r.response.id;
            if (auto s = crm.live_cards.record(tenant, card); !s)
                log::warn("cannot remember the posted deal card", {{"activity_id", card.activity_id},
                                                                    {"reason", s.error().message}});
        });
    if (!queued) {
        // Under overload this could be every request: one line a second, with a count.
        static std::atomic<std::int64_t> last_log{0};
        static std::atomic<std::int64_t> dropped{0};
        const auto count = dropped.fetch_add(1) + 1;
        const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                     std::chrono::steady_clock::now().time_since_epoch()).count();
        auto last = last_log.load();
        if (now != last && last_log.compare_exchange_strong(last, now))
            log::error("reply not queued", {{"activity_id", activity.id},
                                            {"conversation_id", activity.conversation.id},
                                            {"reason", queued.error().message},
                                            {"dropped_so_far", count}});
    }
}

namespace {
// A record shown by its number: the one command whose answer is worth caching
// (it is most of what people ask, and it is the same card until the record changes).
std::optional<crm::RecordRef> shown_record(const commands::Command& command) {
    const auto* show = std::get_if<commands::ShowRecord>(&command.action);
    if (!show || !show->record.by_number()) return std::nullopt;
    return show->record.ref;
}

// The reply is that record's card and nothing else (no notice, no other view).
bool is_record_card(const Reply& reply, crm::RecordRef record) {
    if (reply.notice) return false;
    if (const auto* v = std::get_if<LeadView>(&reply.body)) return v->lead.ref() == record;
    if (const auto* v = std::get_if<ContactView>(&reply.body)) return v->contact.ref() == record;
    if (const auto* v = std::get_if<AccountView>(&reply.body)) return v->account.ref() == record;
    if (const auto* v = std::get_if<DealView>(&reply.body)) return v->deal.ref() == record;
    return false;
}
}  // namespace

void ActivityHandler::answer_command(const schema::Activity& activity, const std::string& text,
                                     const std::vector<commands::MentionedUser>& mentions) {
    const auto language = commands::language_for_locale(activity.effective_locale());
    auto ctx = turn_context(activity);
    if (!ctx) return send_reply(activity, unknown_sender(ctx.error(), language), 0);
    const crm::RowId viewer = ctx->user.id;
    auto parsed = commands::parse(text, activity.effective_locale(), mentions);
    if (!parsed.ok()) return send_reply(activity, CommandExecutor::parse_error(parsed.error(), parsed.language), viewer);
    const auto& command = parsed.command();
    if (log::enabled(spdlog::level::debug))
        log::debug("command", {{"activity_id", activity.id}, {"action", commands::action_name(command.action)}});

    const auto record = deps_.card_cache.enabled() ? shown_record(command) : std::nullopt;
    if (!record) return send_reply(activity, deps_.executor.execute(*ctx, command), viewer);

    const CardCacheKey key{activity.tenant_id(), *record, viewer, activity.from.id, command.language};
    const auto generation = deps_.crm.database.change_generation();  // before the read, see CardCache
    if (auto card = deps_.card_cache.find(key, generation)) return send_card_text(activity, *card, *record, key.language);
    Reply reply = deps_.executor.execute(*ctx, command);
    if (!is_record_card(reply, *record) || reply.language != key.language) return send_reply(activity, reply, viewer);
    auto card = std::make_shared<const std::string>(render::to_card(reply, {viewer, activity.from.id})
                                                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    deps_.card_cache.put(key, card, generation);
    send_card_text(activity, *card, *record, key.language);
}

Turn ActivityHandler::on_message(const schema::Activity& activity) {
    return Turn{200, nullptr, [this, &activity] {
                    auto clean = commands::clean_text(activity);
                    // Action.Submit from older clients: a message with a value and no text.
                    if (clean.text.empty() && activity.value.is_object()) {
                        std::string verb = verb_of(activity.value);
                        if (verb.empty()) return;
                        crm::RowId viewer = 0;
                        Reply reply = run_card_action(activity, verb, with_record(activity.value), viewer);
                        return send_reply(activity, reply, viewer);
                    }
                    if (clean.text.empty()) return;  // e.g. only a mention of the bot
                    answer_command(activity, clean.text, clean.mentions);
                }};
}

// Universal Actions: do the work, answer with the updated card, which Teams shows
// in place of the one clicked (for this user; others see theirs on refresh).
Turn ActivityHandler::on_adaptive_card_action(const schema::Activity& activity) {
    const auto& action = activity.value.is_object() && activity.value.contains("action") ? activity.value["action"]
                                                                                         : nlohmann::json();
    const std::string verb = verb_of(action);
    const nlohmann::json data = with_record(action.is_object() && action.contains("data") ? action["data"]
                                                                                          : nlohmann::json());
    if (verb.empty()) return Turn{200, schema::card_action_error(400, "no_verb", "The card action has no verb."), {}};
    crm::RowId viewer = 0;
    Reply reply = run_card_action(activity, verb, data, viewer);
    // An error with nothing to show (unknown record, no permission): Teams shows the message.
    if (reply.notice && reply.notice->kind == Notice::Kind::error && std::holds_alternative<std::monostate>(reply.body))
        return Turn{200, schema::card_action_error(400, "rejected", reply.notice->text), {}};
    return Turn{200, schema::card_action_card(render::to_card(reply, {viewer, activity.from.id})), {}};
}

// Answered inside the invoke's HTTP response (Teams waits at most 5 s for it).
Turn ActivityHandler::on_compose_query(const schema::Activity& activity) {
    const auto language = commands::language_for_locale(activity.effective_locale());
    auto ctx = turn_context(activity);
    if (!ctx)
        return Turn{200, {{"composeExtension", {{"type", "message"}, {"text", unknown_sender(ctx.error(), language).notice->text}}}}, {}};
    return Turn{200, compose_search_.query(ctx->user.actor(), language, activity.value), {}};
}

Turn ActivityHandler::on_compose_query_link(const schema::Activity& activity) {
    const auto language = commands::language_for_locale(activity.effective_locale());
    auto ctx = turn_context(activity);
    if (!ctx) return Turn{200, compose_search_.unfurl({}, language, nlohmann::json::object()), {}};
    return Turn{200, compose_search_.unfurl(ctx->user.actor(), language, activity.value), {}};
}

namespace {
bool is_save_to_crm(const nlohmann::json& value) {
    return schema::string_member(value, "commandId") == SaveToCrm::kCommandId;
}
}  // namespace

// Save to CRM: the dialog, then its submit; both answered in the HTTP response.
Turn ActivityHandler::on_compose_fetch_task(const schema::Activity& activity) {
    return save_to_crm(activity, &SaveToCrm::fetch_task);
}

Turn ActivityHandler::on_compose_submit_action(const schema::Activity& activity) {
    return save_to_crm(activity, &SaveToCrm::submit);
}

Turn ActivityHandler::save_to_crm(const schema::Activity& activity, SaveToCrmStep step) {
    if (!is_save_to_crm(activity.value)) {
        auto r = schema::invoke_not_implemented();
        return Turn{r.status, r.body, {}};
    }
    const auto language = commands::language_for_locale(activity.effective_locale());
    auto ctx = turn_context(activity);
    if (!ctx) return Turn{200, schema::task_message(unknown_sender(ctx.error(), language).notice->text), {}};
    return Turn{200, (save_to_crm_.*step)(ctx->user.actor(), language, activity.conversation.id, activity.value), {}};
}

// Typeahead of a record picker (the only dataset the cards ask for).
Turn ActivityHandler::on_search(const schema::Activity& activity) {
    if (schema::string_member(activity.value, "dataset") != cards::kRecordsDataset)
        return Turn{200, schema::search_response({}), {}};
    auto ctx = turn_context(activity);
    if (!ctx) return Turn{200, schema::search_response({}), {}};
    return Turn{200, typeahead_.search(ctx->user.actor(), activity.value), {}};
}

void ActivityHandler::welcome(const schema::Activity& activity) {
    const auto ref = schema::make_reference(activity);
    if (!recent_welcomes().first(ref.tenant_id + "\n" + ref.root_conversation_id())) return;
    Reply reply{commands::language_for_locale(activity.effective_locale()), std::nullopt,
                WelcomeView{activity.conversation.conversation_type == "personal" ||
                            activity.conversation.conversation_type.empty()}};
    auto message = schema::as_proactive(schema::message_with_card(render::to_card(reply, {})), ref);
    connector::OutboundActivity out{ref.service_url, ref.root_conversation_id(), std::nullopt, std::nullopt,
                                    std::move(message), {{"activity_id", activity.id}, {"kind", "welcome"}}};
    auto& metrics = deps_.metrics;
    if (auto q = deps_.sender.enqueue(std::move(out), [&metrics](const connector::SendResult& r) {
            metrics.outbound("welcome", r.response.status);
        });
        !q)
        log::error("welcome not queued", {{"activity_id", activity.id}, {"reason", q.error().message}});
}

void ActivityHandler::installed(const schema::Activity& activity, bool greet) {
    std::optional<crm::RowId> user;
    const auto& type = activity.conversation.conversation_type;
    if (type == "personal" || type.empty())
        if (auto u = deps_.identities.resolve(activity.tenant_id(), activity.from)) user = u->id;
    auto fresh = deps_.conversations.remember(activity, user);
    if (!fresh) {
        log::warn("cannot store the conversation reference", {{"reason", fresh.error().message}});
        return;
    }
    if (greet && *fresh) welcome(activity);
}

void ActivityHandler::uninstalled(const schema::Activity& activity) {
    if (auto r = deps_.conversations.forget(activity); !r)
        log::warn("cannot retire the conversation", {{"reason", r.error().message}});
}

Turn ActivityHandler::on_conversation_update(const schema::Activity& activity) {
    return Turn{200, nullptr, [this, &activity] {
                    if (activity.bot_removed()) return uninstalled(activity);
                    if (activity.bot_added()) return installed(activity, true);
                    // Renames, members joining: keep the reference fresh.
                    if (auto r = deps_.conversations.remember(activity, std::nullopt); !r)
                        log::warn("cannot store the conversation reference", {{"reason", r.error().message}});
                }};
}

Turn ActivityHandler::on_installation_update(const schema::Activity& activity) {
    return Turn{200, nullptr, [this, &activity] {
                    if (activity.action == "remove") return uninstalled(activity);
                    if (activity.action == "remove-upgrade") return;
                    installed(activity, activity.action == "add");
                }};
}

}  // namespace bot::app
