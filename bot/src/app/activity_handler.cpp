#include "app/activity_handler.hpp"

#include "commands/command_parser.hpp"
#include "commands/message_text.hpp"
#include "log/log.hpp"
#include "render/text_renderer.hpp"
#include "schema/invoke_response.hpp"
#include "schema/outbound.hpp"

#include <mutex>
#include <set>

namespace bot::app {

namespace {
// Card buttons (Action.Execute verbs, or Action.Submit data from older clients)
// are the same commands a user could type: translate verb + data into that text.
std::optional<std::string> command_for_card_action(std::string_view verb, const nlohmann::json& data) {
    auto field = [&](const char* name) -> std::string {
        if (data.is_object() && data.contains(name) && data[name].is_string()) return data[name].get<std::string>();
        return {};
    };
    const std::string record = !field("dealId").empty() ? field("dealId") : field("recordId");
    if (verb == "command" && !field("text").empty()) return field("text");
    if (record.empty()) return std::nullopt;
    if (verb == "followDeal" || verb == "follow") return "follow " + record;
    if (verb == "unfollowDeal" || verb == "unfollow") return "unfollow " + record;
    if (verb == "moveStage" && !field("stage").empty()) return "move " + record + " to " + field("stage");
    if (verb == "markWon") return "won " + record;
    if (verb == "markLost") return "lost " + record;
    if (verb == "reopen") return "reopen " + record;
    if (verb == "show") return "show " + record;
    if ((verb == "comment" || verb == "logCall") && !field("text").empty()) return "comment " + record + " " + field("text");
    if (verb == "logCall" && !field("callNotes").empty()) return "comment " + record + " " + field("callNotes");
    return std::nullopt;
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

ActivityHandler::ActivityHandler(ActivityHandlerDependencies deps) : deps_(deps) {
    invoke_handlers_ = {
        {"adaptiveCard/action", &ActivityHandler::on_adaptive_card_action},
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

Reply ActivityHandler::run_command(const schema::Activity& activity, const std::string& text,
                                   const std::vector<commands::MentionedUser>& mentions) {
    const auto language = commands::language_for_locale(activity.effective_locale());
    auto user = deps_.identities.resolve(activity.tenant_id(), activity.from);
    if (!user) {
        log::warn("cannot resolve the sender", {{"activity_id", activity.id}, {"reason", user.error().message}});
        return CommandExecutor::parse_error(
            {commands::ParseError::Kind::invalid_argument,
             user.error().code == crm::ErrorCode::unavailable
                 ? "The CRM database cannot be reached right now. Please try again in a moment."
                 : "Sorry, I could not identify you: " + user.error().message,
             {}, {}, {}},
            language);
    }
    const bool personal = activity.conversation.conversation_type == "personal";
    if (auto r = deps_.conversations.remember(activity, personal ? std::optional(user->id) : std::nullopt); !r)
        log::warn("cannot store the conversation reference", {{"activity_id", activity.id}, {"reason", r.error().message}});

    auto parsed = commands::parse(text, activity.effective_locale(), mentions);
    if (!parsed.ok()) return CommandExecutor::parse_error(parsed.error(), parsed.language);
    TurnContext ctx{*user, activity.conversation.id, activity.conversation.conversation_type,
                    activity.conversation.name, activity.effective_locale()};
    if (log::enabled(spdlog::level::debug))
        log::debug("command", {{"activity_id", activity.id}, {"action", commands::action_name(parsed.command().action)}});
    return deps_.executor.execute(ctx, parsed.command());
}

void ActivityHandler::send_reply(const schema::Activity& activity, const Reply& reply) {
    auto message = schema::message_text(activity, render::to_markdown(reply));
    connector::OutboundActivity out{activity.service_url, activity.conversation.id, activity.id, std::nullopt,
                                    std::move(message), {{"activity_id", activity.id}}};
    auto& metrics = deps_.metrics;
    auto queued = deps_.sender.enqueue(std::move(out), [&metrics](const connector::SendResult& r) {
        metrics.outbound("reply", r.response.status);
    });
    if (!queued)
        log::error("reply not queued", {{"activity_id", activity.id},
                                        {"conversation_id", activity.conversation.id},
                                        {"reason", queued.error().message}});
}

Turn ActivityHandler::on_message(const schema::Activity& activity) {
    return Turn{200, nullptr, [this, &activity] {
                    auto clean = commands::clean_text(activity);
                    std::string text = clean.text;
                    // Action.Submit from older clients: a message with a value and no text.
                    if (text.empty() && activity.value.is_object()) {
                        std::string verb;
                        for (const char* key : {"verb", "action"})
                            if (activity.value.contains(key) && activity.value[key].is_string())
                                verb = activity.value[key].get<std::string>();
                        text = command_for_card_action(verb, activity.value).value_or("");
                    }
                    if (text.empty()) return;  // e.g. only a mention of the bot, or an unknown submit
                    send_reply(activity, run_command(activity, text, clean.mentions));
                }};
}

Turn ActivityHandler::on_adaptive_card_action(const schema::Activity& activity) {
    const auto& action = activity.value.is_object() && activity.value.contains("action") ? activity.value["action"]
                                                                                         : nlohmann::json();
    std::string verb = action.is_object() && action.contains("verb") && action["verb"].is_string()
                           ? action["verb"].get<std::string>()
                           : "";
    auto text = command_for_card_action(verb, action.is_object() && action.contains("data") ? action["data"]
                                                                                           : nlohmann::json());
    if (!text)
        return Turn{200, schema::card_action_error(400, "unknown_action", "This button is not supported: " + verb), {}};
    Reply reply = run_command(activity, *text, {});
    if (reply.notice && reply.notice->kind == Notice::Kind::error && std::holds_alternative<std::monostate>(reply.body))
        return Turn{200, schema::card_action_error(400, "rejected", reply.notice->text), {}};
    return Turn{200, schema::card_action_message(render::to_markdown(reply)), {}};
}

void ActivityHandler::welcome(const schema::Activity& activity) {
    const auto ref = schema::make_reference(activity);
    if (!recent_welcomes().first(ref.tenant_id + "\n" + ref.root_conversation_id())) return;
    Reply reply{commands::language_for_locale(activity.effective_locale()), std::nullopt,
                WelcomeView{activity.conversation.conversation_type == "personal" ||
                            activity.conversation.conversation_type.empty()}};
    auto message = schema::as_proactive(schema::message_text(render::to_markdown(reply)), ref);
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
