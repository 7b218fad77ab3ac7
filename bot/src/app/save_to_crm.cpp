#include "app/save_to_crm.hpp"

#include "commands/message_text.hpp"
#include "log/log.hpp"
#include "render/card_renderer.hpp"
#include "schema/invoke_response.hpp"
#include "schema/json_fields.hpp"

#include <adaptive_cards/forms.hpp>

#include <random>

namespace bot::app {

namespace {
using nlohmann::json;

// What a Teams message payload says about the message (value.messagePayload).
struct ChatMessage {
    std::string id, author, url, text;
    std::optional<crm::Timestamp> sent_at;
};

std::optional<ChatMessage> message_of(const json& value) {
    if (!value.is_object() || !value.contains("messagePayload") || !value["messagePayload"].is_object())
        return std::nullopt;
    const json& p = value["messagePayload"];
    ChatMessage m;
    m.id = schema::string_member(p, "id");
    if (m.id.empty()) return std::nullopt;
    if (p.contains("from") && p["from"].is_object())
        for (const char* who : {"user", "application"})
            if (m.author.empty() && p["from"].contains(who)) m.author = schema::string_member(p["from"][who], "displayName");
    m.sent_at = crm::parse_iso8601(schema::string_member(p, "createdDateTime"));
    // Only a web link: anything else would not open, or worse.
    m.url = schema::string_member(p, "linkToMessage");
    if (m.url.rfind("https://", 0) != 0) m.url.clear();
    if (p.contains("body") && p["body"].is_object()) {
        const std::string content = schema::string_member(p["body"], "content");
        m.text = schema::string_member(p["body"], "contentType") == "text" ? content : commands::html_to_text(content);
    }
    if (const std::string subject = commands::html_to_text(schema::string_member(p, "subject")); !subject.empty())
        m.text = m.text.empty() ? subject : subject + "\n" + m.text;
    // Files and cards are not copied, but the note says they were there.
    if (p.contains("attachments") && p["attachments"].is_array())
        for (const auto& a : p["attachments"])
            if (const std::string name = schema::string_member(a, "name"); !name.empty()) {
                if (!m.text.empty()) m.text += '\n';
                m.text.append("📎 ").append(name);
            }
    return m;
}

std::string new_form_id() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    return "save-" + std::to_string(random());
}

cards::CardContext card_context(const crm::Actor& actor, commands::Language language) {
    cards::CardContext ctx;
    ctx.locale = render::card_locale(language);
    ctx.viewer_id = actor.user_id;
    return ctx;
}

std::string_view say(commands::Language language, std::string_view en, std::string_view es, std::string_view fr,
                     std::string_view de) {
    switch (language) {
        case commands::Language::es: return es;
        case commands::Language::fr: return fr;
        case commands::Language::de: return de;
        default: return en;
    }
}
}  // namespace

namespace {
json dialog(const cards::SaveMessageFormData& data, const cards::FormState& state, const cards::CardContext& ctx,
            commands::Language language) {
    return schema::task_continue({std::string(say(language, "Save to CRM", "Guardar en el CRM", "Enregistrer dans le CRM",
                                                  "Im CRM speichern")),
                                  cards::save_message_form(data, state, ctx), json("medium"), json("medium")});
}

std::string no_message(commands::Language language) {
    return std::string(say(language, "Teams did not send the message to save. Please try again from the message's menu.",
                           "Teams no envió el mensaje a guardar. Inténtalo de nuevo desde el menú del mensaje.",
                           "Teams n'a pas transmis le message à enregistrer. Réessayez depuis le menu du message.",
                           "Teams hat die Nachricht nicht übermittelt. Bitte erneut über das Menü der Nachricht versuchen."));
}

std::string unavailable(commands::Language language) {
    return std::string(say(language, "The CRM cannot be reached right now. Nothing was saved; please try again in a moment.",
                           "No se puede acceder al CRM ahora. No se guardó nada; inténtalo de nuevo en un momento.",
                           "Le CRM est injoignable pour le moment. Rien n'a été enregistré ; réessayez dans un instant.",
                           "Das CRM ist gerade nicht erreichbar. Nichts wurde gespeichert; bitte gleich noch einmal versuchen."));
}
}  // namespace

json SaveToCrm::fetch_task(const crm::Actor& actor, commands::Language language, const std::string&,
                           const json& value) {
    auto message = message_of(value);
    if (!message) return schema::task_message(no_message(language));
    auto recent = typeahead_.find(actor, {});
    if (!recent) {
        log::warn("Save to CRM: cannot list recent records", {{"reason", recent.error().message}});
        if (recent.error().code == crm::ErrorCode::unavailable) return schema::task_message(unavailable(language));
    }
    const cards::SaveMessageFormData data{message->author, message->sent_at, message->text,
                                          recent ? *recent : std::vector<crm::RecordSummary>{}};
    return dialog(data, {new_form_id(), {}, {}}, card_context(actor, language), language);
}

json SaveToCrm::submit(const crm::Actor& actor, commands::Language language, const std::string& conversation_id,
                       const json& value) {
    auto message = message_of(value);
    if (!message) return schema::task_message(no_message(language));
    const json data = value.is_object() && value.contains("data") && value["data"].is_object() ? value["data"] : json::object();
    const std::string picked = schema::string_member(data, cards::field::kRecord);
    const std::string remark = schema::string_member(data, cards::field::kRemark);
    const auto ctx = card_context(actor, language);

    // The dialog again, with what the user entered and the error under the picker.
    auto again = [&](std::string error) {
        auto recent = typeahead_.find(actor, {});
        cards::FormState state{schema::string_member(data, "formId"), {{std::string(cards::field::kRemark), remark}},
                               {{std::string(cards::field::kRecord), std::move(error)}}};
        if (state.form_id.empty()) state.form_id = new_form_id();
        return dialog({message->author, message->sent_at, message->text, recent ? *recent : std::vector<crm::RecordSummary>{}},
                      state, ctx, language);
    };
    auto ref = crm::RecordRef::parse(picked);
    if (!ref || (ref->kind != crm::RecordKind::lead && ref->kind != crm::RecordKind::opportunity))
        return again(std::string(say(language, "Choose a lead or a deal.", "Elige un lead o una oportunidad.",
                                     "Choisissez une piste ou une affaire.", "Wähle einen Lead oder eine Verkaufschance.")));

    const std::string body = commands::html_to_text(remark).empty() ? message->text
                                                                    : remark + "\n\n" + message->text;
    if (commands::html_to_text(body).empty())
        return schema::task_message(std::string(say(language, "This message has no text to save.",
                                                    "Este mensaje no tiene texto que guardar.",
                                                    "Ce message n'a pas de texte à enregistrer.",
                                                    "Diese Nachricht hat keinen Text zum Speichern.")));
    // The message's identity: its id within its conversation.
    const crm::NoteSource source{conversation_id + "/" + message->id, message->author, message->sent_at, message->url};
    auto saved = crm_.notes.save_message(actor, *ref, body, source);
    if (!saved) {
        const auto& e = saved.error();
        if (e.code == crm::ErrorCode::unavailable) return schema::task_message(unavailable(language));
        if (e.code == crm::ErrorCode::not_found || e.code == crm::ErrorCode::forbidden) return again(e.message);
        log::warn("Save to CRM refused", {{"record", ref->display()}, {"reason", e.message}});
        return schema::task_message(e.message);
    }
    std::string name;
    if (ref->kind == crm::RecordKind::lead) {
        if (auto l = crm_.leads.get(actor, ref->number)) name = l->display_name();
    } else if (auto o = crm_.opportunities.get(actor, ref->number)) {
        name = o->name;
    }
    return schema::task_message(cards::message_saved_text(*ref, name, saved->already_saved, ctx));
}

}  // namespace bot::app
