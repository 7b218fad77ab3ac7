#include "commands/messages.hpp"

#include <array>

namespace bot::commands::msg {
namespace {

// One text per language, in the order en, es, fr, de.
using Texts = std::array<std::string_view, 4>;

std::size_t index(Language language) { return static_cast<std::size_t>(language); }

Texts texts(Id id) {
    switch (id) {
        case Id::empty:
            return {"Tell me what to do, for example **help**.", "Dime qué hacer, por ejemplo **ayuda**.",
                    "Dites-moi quoi faire, par exemple **aide**.", "Sag mir, was ich tun soll, zum Beispiel **hilfe**."};
        case Id::unknown_command:
            return {"I don't know the command \"{}\".", "No conozco el comando «{}».",
                    "Je ne connais pas la commande « {} ».", "Den Befehl „{}“ kenne ich nicht."};
        case Id::did_you_mean:
            return {"Did you mean {}?", "¿Quisiste decir {}?", "Vouliez-vous dire {} ?", "Meintest du {}?"};
        case Id::see_help:
            return {"Type **help** to see what I can do.", "Escribe **ayuda** para ver lo que puedo hacer.",
                    "Tapez **aide** pour voir ce que je sais faire.", "Schreib **hilfe**, um zu sehen, was ich kann."};
        case Id::ambiguous:
            return {"\"{}\" can mean several things:", "«{}» puede significar varias cosas:",
                    "« {} » peut vouloir dire plusieurs choses :", "„{}“ kann mehreres bedeuten:"};
        case Id::which_record:
            return {"Which record? Give its number or its name.", "¿Qué registro? Indica su número o su nombre.",
                    "Quel enregistrement ? Donnez son numéro ou son nom.",
                    "Welcher Datensatz? Gib seine Nummer oder seinen Namen an."};
        case Id::which_contact:
            return {"Which contact? Give its number, e.g. C-4.", "¿Qué contacto? Indica su número, p. ej. C-4.",
                    "Quel contact ? Donnez son numéro, par ex. C-4.", "Welcher Kontakt? Gib seine Nummer an, z. B. C-4."};
        case Id::wrong_kind:
            return {"This works with {} only, not with {}.", "Esto solo funciona con {}, no con {}.",
                    "Cela ne fonctionne qu'avec des {}, pas avec {}.", "Das geht nur mit {}, nicht mit {}."};
        case Id::which_level:
            return {"Which notifications? Say all, important, digest or off (and a time zone such as Europe/Berlin).",
                    "¿Qué notificaciones? Di todas, importantes, resumen o ninguna (y una zona horaria como Europe/Madrid).",
                    "Quelles notifications ? Dites toutes, importantes, résumé ou aucune (et un fuseau comme Europe/Paris).",
                    "Welche Benachrichtigungen? Sag alle, wichtige, zusammenfassung oder keine (und eine Zeitzone wie Europe/Berlin)."};
        case Id::which_hours:
            return {"Which hours? For example 22:00-07:00, or off.", "¿Qué horas? Por ejemplo 22:00-07:00, o ninguna.",
                    "Quelles heures ? Par exemple 22:00-07:00, ou aucune.", "Welche Zeiten? Zum Beispiel 22:00-07:00, oder keine."};
        case Id::which_stage:
            return {"To which stage?", "¿A qué etapa?", "Vers quelle étape ?", "In welche Phase?"};
        case Id::which_status:
            return {"Which status? {}.", "¿Qué estado? {}.", "Quel statut ? {}.", "Welcher Status? {}."};
        case Id::bad_status:
            return {"\"{}\" is not a lead status ({}).", "«{}» no es un estado de lead ({}).",
                    "« {} » n'est pas un statut de piste ({}).", "„{}“ ist kein Lead-Status ({})."};
        case Id::what_search:
            return {"What should I search for?", "¿Qué busco?", "Que dois-je chercher ?", "Wonach soll ich suchen?"};
        case Id::what_comment:
            return {"What is the comment?", "¿Cuál es el comentario?", "Quel est le commentaire ?",
                    "Wie lautet der Kommentar?"};
        case Id::what_name:
            return {"What is the name?", "¿Cuál es el nombre?", "Quel est le nom ?", "Wie lautet der Name?"};
        case Id::what_kind:
            return {"What should I create: a lead, a contact, an account or a deal?",
                    "¿Qué creo: un lead, un contacto, una cuenta o una oportunidad?",
                    "Que dois-je créer : une piste, un contact, un compte ou une opportunité ?",
                    "Was soll ich anlegen: einen Lead, einen Kontakt, ein Konto oder eine Verkaufschance?"};
        case Id::bad_amount:
            return {"\"{}\" is not an amount I understand (e.g. 50000 EUR).",
                    "«{}» no es un importe que entienda (p. ej. 50000 EUR).",
                    "« {} » n'est pas un montant que je comprends (par ex. 50000 EUR).",
                    "„{}“ ist kein Betrag, den ich verstehe (z. B. 50000 EUR)."};
        case Id::bad_date:
            return {"\"{}\" is not a date; write it as YYYY-MM-DD.", "«{}» no es una fecha; escríbela como AAAA-MM-DD.",
                    "« {} » n'est pas une date ; écrivez-la AAAA-MM-JJ.",
                    "„{}“ ist kein Datum; schreib es als JJJJ-MM-TT."};
        case Id::unclear_part:
            return {"I can't tell what \"{}\" is; write it as field: value (e.g. title: CTO).",
                    "No sé qué es «{}»; escríbelo como campo: valor (p. ej. cargo: CTO).",
                    "Je ne sais pas ce qu'est « {} » ; écrivez-le champ : valeur (par ex. titre: CTO).",
                    "Ich weiß nicht, was „{}“ ist; schreib es als Feld: Wert (z. B. Titel: CTO)."};
        case Id::bad_page:
            return {"\"{}\" is not a page number.", "«{}» no es un número de página.",
                    "« {} » n'est pas un numéro de page.", "„{}“ ist keine Seitenzahl."};
        case Id::unknown_after_record:
            return {"I don't know what to do with \"{}\" after {}.", "No sé qué hacer con «{}» después de {}.",
                    "Je ne sais pas quoi faire de « {} » après {}.", "Ich weiß nicht, was „{}“ nach {} bedeuten soll."};
        case Id::for_example:
            return {"For example: `{}`", "Por ejemplo: `{}`", "Par exemple : `{}`", "Zum Beispiel: `{}`"};
    }
    return {"", "", "", ""};
}

Texts usage_texts(Usage usage) {
    switch (usage) {
        case Usage::help: return {"help", "ayuda", "aide", "hilfe"};
        case Usage::show: return {"show L-12", "mostrar L-12", "afficher L-12", "zeige L-12"};
        case Usage::list: return {"deals mine stage Proposal", "mis oportunidades abiertas", "mes affaires ouvertes",
                                  "meine Deals offen"};
        case Usage::create_lead:
            return {"lead add Ada Lovelace, Analytical Engines, ada@ae.example",
                    "crear lead Ada Lovelace, Analytical Engines, ada@ae.example",
                    "créer piste Ada Lovelace, Analytical Engines, ada@ae.example",
                    "Lead anlegen Ada Lovelace, Analytical Engines, ada@ae.example"};
        case Usage::create_contact:
            return {"contact add Grace Hopper, A-3, grace@navy.example",
                    "crear contacto Grace Hopper, A-3, grace@navy.example",
                    "créer contact Grace Hopper, A-3, grace@navy.example",
                    "Kontakt anlegen Grace Hopper, A-3, grace@navy.example"};
        case Usage::create_account:
            return {"account add Contoso, contoso.com", "crear cuenta Contoso, contoso.com",
                    "créer compte Contoso, contoso.com", "Konto anlegen Contoso, contoso.com"};
        case Usage::create_deal:
            return {"deal add Renewal 2027, A-3, 50000 EUR, close 2026-12-31, stage Proposal",
                    "crear oportunidad Renovación 2027, A-3, 50000 EUR, cierre 2026-12-31",
                    "créer opportunité Renouvellement 2027, A-3, 50000 EUR, clôture 2026-12-31",
                    "Deal anlegen Verlängerung 2027, A-3, 50.000 EUR, Abschluss 2026-12-31"};
        case Usage::search: return {"search acme", "buscar acme", "chercher acme", "suchen acme"};
        case Usage::status:
            return {"status L-12 qualified", "estado L-12 calificado", "statut L-12 qualifié",
                    "status L-12 qualifiziert"};
        case Usage::convert:
            return {"convert L-12 to A-3 with deal 25000 EUR", "convertir L-12 a A-3 con oportunidad 25000 EUR",
                    "convertir L-12 vers A-3 avec opportunité 25000 EUR", "konvertieren L-12 nach A-3 mit Deal 25000 EUR"};
        case Usage::move:
            return {"move D-7 to Proposal", "mover D-7 a Proposal", "déplacer D-7 vers Proposal",
                    "verschieben D-7 nach Proposal"};
        case Usage::close: return {"won D-7", "ganada D-7", "gagné D-7", "D-7 gewonnen"};
        case Usage::reopen:
            return {"reopen D-7 to Proposal", "reabrir D-7 a Proposal", "rouvrir D-7 vers Proposal",
                    "wiedereröffnen D-7 nach Proposal"};
        case Usage::comment:
            return {"comment D-7 Called the CFO", "comentar D-7 Llamé al director financiero",
                    "commenter D-7 Appelé le directeur financier", "kommentieren D-7 Finanzchef angerufen"};
        case Usage::primary:
            return {"primary D-7 C-3", "contacto principal D-7 C-3", "contact principal D-7 C-3", "hauptkontakt D-7 C-3"};
        case Usage::add_participant:
            return {"add C-4 to D-7 as CFO", "añadir C-4 a D-7 como CFO", "ajouter C-4 à D-7 comme CFO",
                    "hinzufügen C-4 zu D-7 als CFO"};
        case Usage::remove_participant:
            return {"remove C-4 from D-7", "quitar C-4 de D-7", "retirer C-4 de D-7", "entfernen C-4 von D-7"};
        case Usage::follow:
            return {"follow D-7 for @Sam", "seguir D-7 para @Sam", "suivre D-7 pour @Sam", "folgen D-7 für @Sam"};
        case Usage::unfollow: return {"unfollow D-7", "dejar de seguir D-7", "ne plus suivre D-7", "entfolgen D-7"};
        case Usage::followers: return {"followers D-7", "seguidores D-7", "abonnés D-7", "follower D-7"};
        case Usage::timeline: return {"timeline D-7", "historial D-7", "historique D-7", "verlauf D-7"};
        case Usage::pipeline: return {"pipeline", "embudo", "pipeline", "pipeline"};
        case Usage::more: return {"more", "más", "plus", "mehr"};
        case Usage::notifications:
            return {"notifications important", "notificaciones importantes", "notifications importantes",
                    "benachrichtigungen wichtige"};
        case Usage::quiet_hours:
            return {"quiet hours 22:00-07:00 Europe/Berlin", "horas de silencio 22:00-07:00 Europe/Madrid",
                    "heures calmes 22:00-07:00 Europe/Paris", "ruhezeiten 22:00-07:00 Europe/Berlin"};
    }
    return {"", "", "", ""};
}

}  // namespace

std::string format(Id id, Language language, std::initializer_list<std::string_view> args) {
    const std::string_view tmpl = texts(id)[index(language)];
    std::string out;
    auto arg = args.begin();
    for (std::size_t i = 0; i < tmpl.size(); ++i) {
        if (tmpl.compare(i, 2, "{}") == 0 && arg != args.end()) {
            out += *arg++;
            ++i;
        } else {
            out += tmpl[i];
        }
    }
    return out;
}

std::string_view usage(Usage usage, Language language) { return usage_texts(usage)[index(language)]; }

std::string_view kind_name(crm::RecordKind kind, Language language, bool plural) {
    static constexpr std::array<std::array<Texts, 2>, 4> kNames = {{
        {{{"lead", "lead", "piste", "Lead"}, {"leads", "leads", "pistes", "Leads"}}},
        {{{"contact", "contacto", "contact", "Kontakt"}, {"contacts", "contactos", "contacts", "Kontakten"}}},
        {{{"account", "cuenta", "compte", "Konto"}, {"accounts", "cuentas", "comptes", "Konten"}}},
        {{{"deal", "oportunidad", "opportunité", "Verkaufschance"},
          {"deals", "oportunidades", "opportunités", "Verkaufschancen"}}},
    }};
    return kNames[static_cast<std::size_t>(kind)][plural ? 1 : 0][index(language)];
}

std::string lead_status_names(Language language) {
    static constexpr Texts kNames = {"New, Contacted, Qualified or Unqualified",
                                     "Nuevo, Contactado, Calificado o No calificado",
                                     "Nouveau, Contacté, Qualifié ou Non qualifié",
                                     "Neu, Kontaktiert, Qualifiziert oder Unqualifiziert"};
    return std::string(kNames[index(language)]);
}

std::string join_or(const std::vector<std::string>& items, Language language) {
    static constexpr Texts kOr = {" or ", " o ", " ou ", " oder "};
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? std::string(kOr[index(language)]) : std::string(", ");
        out += items[i];
    }
    return out;
}

}  // namespace bot::commands::msg
