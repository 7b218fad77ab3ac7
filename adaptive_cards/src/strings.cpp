#include "strings.hpp"

#include <array>

namespace cards {
namespace {

// One text per language, in the order en, es, fr, de.
using Texts = std::array<std::string_view, 4>;

Texts texts(S key) {
    switch (key) {
        case S::lead: return {"Lead", "Lead", "Piste", "Lead"};
        case S::contact: return {"Contact", "Contacto", "Contact", "Kontakt"};
        case S::account: return {"Account", "Cuenta", "Compte", "Konto"};
        case S::deal: return {"Deal", "Oportunidad", "Opportunité", "Verkaufschance"};
        case S::leads: return {"Leads", "Leads", "Pistes", "Leads"};
        case S::contacts: return {"Contacts", "Contactos", "Contacts", "Kontakte"};
        case S::accounts: return {"Accounts", "Cuentas", "Comptes", "Konten"};
        case S::deals: return {"Deals", "Oportunidades", "Opportunités", "Verkaufschancen"};
        case S::status: return {"Status", "Estado", "Statut", "Status"};
        case S::company: return {"Company", "Empresa", "Entreprise", "Firma"};
        case S::title: return {"Job title", "Cargo", "Fonction", "Position"};
        case S::email: return {"Email", "Correo", "E-mail", "E-Mail"};
        case S::phone: return {"Phone", "Teléfono", "Téléphone", "Telefon"};
        case S::source: return {"Source", "Origen", "Source", "Quelle"};
        case S::owner: return {"Owner", "Propietario", "Responsable", "Verantwortlich"};
        case S::followers: return {"Followers", "Seguidores", "Abonnés", "Follower"};
        case S::including_you: return {"including you", "incluido tú", "dont vous", "darunter du"};
        case S::name: return {"Name", "Nombre", "Nom", "Name"};
        case S::domain: return {"Domain", "Dominio", "Domaine", "Domäne"};
        case S::website: return {"Website", "Sitio web", "Site web", "Website"};
        case S::industry: return {"Industry", "Sector", "Secteur", "Branche"};
        case S::amount: return {"Amount", "Importe", "Montant", "Betrag"};
        case S::probability: return {"Probability", "Probabilidad", "Probabilité", "Wahrscheinlichkeit"};
        case S::expected_close: return {"Expected close", "Cierre previsto", "Clôture prévue", "Voraussichtlicher Abschluss"};
        case S::closed_on: return {"Closed on", "Cerrada el", "Clôturée le", "Abgeschlossen am"};
        case S::stage: return {"Stage", "Etapa", "Étape", "Phase"};
        case S::converted_on: return {"Converted on {}: read-only", "Convertido el {}: solo lectura", "Convertie le {} : lecture seule", "Am {} konvertiert: schreibgeschützt"};
        case S::primary_contact: return {"Contact", "Contacto", "Contact", "Kontakt"};
        case S::other_participants: return {"Other participants", "Otros participantes", "Autres participants", "Weitere Beteiligte"};
        case S::recent_activity: return {"Recent activity", "Actividad reciente", "Activité récente", "Letzte Aktivitäten"};
        case S::system_actor: return {"System", "Sistema", "Système", "System"};
        case S::page_n: return {"page {}", "página {}", "page {}", "Seite {}"};
        case S::nothing_found: return {"Nothing found.", "No se encontró nada.", "Aucun résultat.", "Nichts gefunden."};
        case S::more: return {"More", "Más", "Plus", "Mehr"};
        case S::more_not_shown: return {"{} more not shown.", "{} más no mostrados.", "{} autres non affichés.", "{} weitere nicht angezeigt."};
        case S::weighted: return {"Weighted", "Ponderado", "Pondéré", "Gewichtet"};
        case S::total: return {"Total", "Total", "Total", "Summe"};
        case S::count: return {"Deals", "Oport.", "Opp.", "Anzahl"};
        case S::pipeline: return {"Pipeline", "Embudo de ventas", "Pipeline", "Pipeline"};
        case S::pipeline_mine: return {"My pipeline", "Mi embudo de ventas", "Mon pipeline", "Meine Pipeline"};
        case S::open_deals: return {"Open deals", "Oportunidades abiertas", "Opportunités ouvertes", "Offene Verkaufschancen"};
        case S::my_pipeline: return {"Only mine", "Solo las mías", "Seulement les miennes", "Nur meine"};
        case S::whole_pipeline: return {"Everyone's", "De todos", "Toutes", "Alle"};
        case S::no_contact: return {"No contact yet.", "Aún sin contacto.", "Pas encore de contact.", "Noch kein Kontakt."};
        case S::deals_of_contact: return {"Deals", "Oportunidades", "Opportunités", "Verkaufschancen"};
        case S::contacts_of_account: return {"Contacts", "Contactos", "Contacts", "Kontakte"};
        case S::deals_of_account: return {"Deals", "Oportunidades", "Opportunités", "Verkaufschancen"};
        case S::search_title: return {"Search: {}", "Búsqueda: {}", "Recherche : {}", "Suche: {}"};
        case S::removed: return {"(removed)", "(eliminado)", "(supprimé)", "(entfernt)"};
        case S::changed: return {"(changed)", "(modificado)", "(modifié)", "(geändert)"};
        case S::read_only: return {"Converted: read-only", "Convertido: solo lectura", "Convertie : lecture seule", "Konvertiert: schreibgeschützt"};
        case S::follow: return {"Follow", "Seguir", "Suivre", "Folgen"};
        case S::unfollow: return {"Unfollow", "Dejar de seguir", "Ne plus suivre", "Nicht mehr folgen"};
        case S::edit: return {"Edit", "Editar", "Modifier", "Bearbeiten"};
        case S::convert: return {"Convert", "Convertir", "Convertir", "Konvertieren"};
        case S::qualify: return {"Qualify", "Calificar", "Qualifier", "Qualifizieren"};
        case S::mark_contacted: return {"Mark contacted", "Marcar contactado", "Marquer contactée", "Als kontaktiert markieren"};
        case S::disqualify: return {"Disqualify", "Descalificar", "Disqualifier", "Disqualifizieren"};
        case S::comment: return {"Comment", "Comentar", "Commenter", "Kommentieren"};
        case S::email_action: return {"Email", "Enviar correo", "Envoyer un e-mail", "E-Mail senden"};
        case S::timeline: return {"Timeline", "Historial", "Historique", "Verlauf"};
        case S::move_stage: return {"Move stage", "Cambiar etapa", "Changer d'étape", "Phase ändern"};
        case S::mark_won: return {"Won", "Ganada", "Gagnée", "Gewonnen"};
        case S::mark_lost: return {"Lost", "Perdida", "Perdue", "Verloren"};
        case S::reopen: return {"Reopen", "Reabrir", "Rouvrir", "Wieder öffnen"};
        case S::add_participant: return {"Add participant", "Añadir participante", "Ajouter un participant", "Beteiligten hinzufügen"};
        case S::set_primary: return {"Set contact", "Elegir contacto", "Choisir le contact", "Kontakt festlegen"};
        case S::open: return {"Open", "Abrir", "Ouvrir", "Öffnen"};
        case S::new_lead: return {"New lead", "Nuevo lead", "Nouvelle piste", "Neuer Lead"};
        case S::new_deal: return {"New deal", "Nueva oportunidad", "Nouvelle opportunité", "Neue Verkaufschance"};
        case S::my_leads: return {"My leads", "Mis leads", "Mes pistes", "Meine Leads"};
        case S::my_deals: return {"My deals", "Mis oportunidades", "Mes opportunités", "Meine Verkaufschancen"};
        case S::help: return {"Help", "Ayuda", "Aide", "Hilfe"};
        case S::follow_pipeline_here: return {"Follow the pipeline here", "Seguir el embudo aquí", "Suivre le pipeline ici", "Pipeline hier folgen"};
        case S::won: return {"Won", "Ganada", "Gagnée", "Gewonnen"};
        case S::lost: return {"Lost", "Perdida", "Perdue", "Verloren"};
        case S::unqualified: return {"Unqualified", "No calificada", "Non qualifiée", "Unqualifiziert"};
        case S::help_title: return {"What I can do", "Lo que puedo hacer", "Ce que je sais faire", "Was ich kann"};
        case S::help_intro: return {"Use the buttons, or type a command like these.", "Usa los botones o escribe un comando como estos.", "Utilisez les boutons ou tapez une commande comme celles-ci.", "Nutze die Schaltflächen oder schreib einen Befehl wie diese."};
        case S::help_leads: return {"Leads", "Leads", "Pistes", "Leads"};
        case S::help_deals: return {"Deals", "Oportunidades", "Opportunités", "Verkaufschancen"};
        case S::help_people: return {"Contacts, accounts and search", "Contactos, cuentas y búsqueda", "Contacts, comptes et recherche", "Kontakte, Konten und Suche"};
        case S::help_following: return {"Following", "Seguimiento", "Suivi", "Folgen"};
        case S::help_overview: return {"Overview", "Visión general", "Vue d'ensemble", "Überblick"};
        case S::help_languages: return {"I understand English, Spanish, French and German.", "Entiendo inglés, español, francés y alemán.", "Je comprends l'anglais, l'espagnol, le français et l'allemand.", "Ich verstehe Englisch, Spanisch, Französisch und Deutsch."};
        case S::welcome_title: return {"Hello! I am your CRM in Teams.", "¡Hola! Soy tu CRM en Teams.", "Bonjour ! Je suis votre CRM dans Teams.", "Hallo! Ich bin dein CRM in Teams."};
        case S::welcome_personal: return {"Tell me about a lead, look at your deals, or ask for help to see everything I can do.", "Háblame de un lead, mira tus oportunidades o pide ayuda para ver todo lo que puedo hacer.", "Parlez-moi d'une piste, consultez vos opportunités ou demandez de l'aide pour voir tout ce que je sais faire.", "Erzähl mir von einem Lead, sieh dir deine Verkaufschancen an oder frag nach Hilfe, um alles zu sehen, was ich kann."};
        case S::welcome_channel: return {"Mention me with a command, or let this channel follow the pipeline to hear about every deal.", "Menciónname con un comando o haz que este canal siga el embudo para enterarse de cada oportunidad.", "Mentionnez-moi avec une commande, ou faites suivre le pipeline à ce canal pour être informé de chaque opportunité.", "Erwähne mich mit einem Befehl oder lass diesen Kanal der Pipeline folgen, um von jeder Verkaufschance zu erfahren."};
        case S::notify_created: return {"{} created it.", "{} lo creó.", "{} l'a créé.", "{} hat es angelegt."};
        case S::notify_updated: return {"{} changed it.", "{} lo modificó.", "{} l'a modifié.", "{} hat es geändert."};
        case S::notify_stage_moved: return {"{} moved it to another stage.", "{} la pasó a otra etapa.", "{} l'a passée à une autre étape.", "{} hat sie in eine andere Phase verschoben."};
        case S::notify_won: return {"{} marked it as won.", "{} la marcó como ganada.", "{} l'a marquée comme gagnée.", "{} hat sie als gewonnen markiert."};
        case S::notify_lost: return {"{} marked it as lost.", "{} la marcó como perdida.", "{} l'a marquée comme perdue.", "{} hat sie als verloren markiert."};
        case S::notify_reopened: return {"{} reopened it.", "{} la reabrió.", "{} l'a rouverte.", "{} hat sie wieder geöffnet."};
        case S::notify_converted: return {"{} converted it.", "{} lo convirtió.", "{} l'a convertie.", "{} hat ihn konvertiert."};
        case S::notify_comment: return {"{} commented:", "{} comentó:", "{} a commenté :", "{} hat kommentiert:"};
        case S::digest_title: return {"Your daily digest", "Tu resumen diario", "Votre résumé du jour", "Deine tägliche Zusammenfassung"};
        case S::digest_moved_to: return {"moved to {}", "pasó a {}", "passée à {}", "nach {} verschoben"};
        case S::digest_created: return {"created", "creado", "créé", "angelegt"};
        case S::digest_reopened: return {"reopened", "reabierta", "rouverte", "wieder geöffnet"};
        case S::digest_converted: return {"converted", "convertido", "convertie", "konvertiert"};
        case S::digest_comment_one: return {"1 comment", "1 comentario", "1 commentaire", "1 Kommentar"};
        case S::digest_comments: return {"{} comments", "{} comentarios", "{} commentaires", "{} Kommentare"};
        case S::digest_change_one: return {"1 change", "1 cambio", "1 modification", "1 Änderung"};
        case S::digest_changes: return {"{} changes", "{} cambios", "{} modifications", "{} Änderungen"};
        case S::first_name: return {"First name", "Nombre", "Prénom", "Vorname"};
        case S::last_name: return {"Last name", "Apellidos", "Nom", "Nachname"};
        case S::create_lead_title: return {"New lead", "Nuevo lead", "Nouvelle piste", "Neuer Lead"};
        case S::edit_lead_title: return {"Edit lead {}", "Editar lead {}", "Modifier la piste {}", "Lead {} bearbeiten"};
        case S::convert_lead_title: return {"Convert lead {}", "Convertir lead {}", "Convertir la piste {}", "Lead {} konvertieren"};
        case S::convert_account_label: return {"Account", "Cuenta", "Compte", "Konto"};
        case S::convert_new_account: return {"Create a new account", "Crear una cuenta nueva", "Créer un nouveau compte", "Neues Konto anlegen"};
        case S::new_account_name: return {"New account's name", "Nombre de la cuenta nueva", "Nom du nouveau compte", "Name des neuen Kontos"};
        case S::deal_optional: return {"Optionally, open a deal too:", "Opcionalmente, abre también una oportunidad:", "Facultatif : ouvrir aussi une opportunité :", "Optional auch eine Verkaufschance anlegen:"};
        case S::deal_name: return {"Deal name", "Nombre de la oportunidad", "Nom de l'opportunité", "Name der Verkaufschance"};
        case S::deal_amount: return {"Deal amount", "Importe de la oportunidad", "Montant de l'opportunité", "Betrag der Verkaufschance"};
        case S::currency: return {"Currency", "Moneda", "Devise", "Währung"};
        case S::create_deal_title: return {"New deal", "Nueva oportunidad", "Nouvelle opportunité", "Neue Verkaufschance"};
        case S::deal_account: return {"Account", "Cuenta", "Compte", "Konto"};
        case S::move_stage_title: return {"Move {} to another stage", "Pasar {} a otra etapa", "Passer {} à une autre étape", "{} in eine andere Phase verschieben"};
        case S::new_stage: return {"New stage", "Nueva etapa", "Nouvelle étape", "Neue Phase"};
        case S::add_comment_title: return {"Comment on {}", "Comentar {}", "Commenter {}", "{} kommentieren"};
        case S::comment_text: return {"Comment", "Comentario", "Commentaire", "Kommentar"};
        case S::add_participant_title: return {"Add a participant to {}", "Añadir un participante a {}", "Ajouter un participant à {}", "Beteiligten zu {} hinzufügen"};
        case S::participant_role: return {"Role (optional)", "Función (opcional)", "Rôle (facultatif)", "Rolle (optional)"};
        case S::set_primary_title: return {"Contact of {}", "Contacto de {}", "Contact de {}", "Kontakt von {}"};
        case S::choose_contact: return {"Contact", "Contacto", "Contact", "Kontakt"};
        case S::pick_account: return {"Choose an account", "Elige una cuenta", "Choisissez un compte", "Konto auswählen"};
        case S::pick_currency: return {"Choose a currency", "Elige una moneda", "Choisissez une devise", "Währung auswählen"};
        case S::pick_stage: return {"Choose a stage", "Elige una etapa", "Choisissez une étape", "Phase auswählen"};
        case S::pick_contact: return {"Choose a contact", "Elige un contacto", "Choisissez un contact", "Kontakt auswählen"};
        case S::pick_contact_optional: return {"Choose a contact (optional)", "Elige un contacto (opcional)", "Choisissez un contact (facultatif)", "Kontakt auswählen (optional)"};
        case S::hint_email: return {"name@company.com", "nombre@empresa.com", "nom@entreprise.fr", "name@firma.de"};
        case S::hint_phone: return {"+1 425 555 0100", "+34 912 345 678", "+33 1 23 45 67 89", "+49 30 1234567"};
        case S::hint_source: return {"Web form, event, referral…", "Formulario web, evento, recomendación…", "Formulaire web, salon, recommandation…", "Webformular, Messe, Empfehlung…"};
        case S::hint_role: return {"e.g. CFO, decision maker", "p. ej. director financiero", "ex. directeur financier", "z. B. Finanzchef"};
        case S::hint_comment: return {"What happened? What comes next?", "¿Qué pasó? ¿Qué sigue?", "Que s'est-il passé ? Et ensuite ?", "Was ist passiert? Wie geht es weiter?"};
        case S::submit_create: return {"Create", "Crear", "Créer", "Anlegen"};
        case S::submit_save: return {"Save", "Guardar", "Enregistrer", "Speichern"};
        case S::submit_convert: return {"Convert", "Convertir", "Convertir", "Konvertieren"};
        case S::submit_move: return {"Move", "Cambiar", "Déplacer", "Verschieben"};
        case S::submit_add: return {"Add", "Añadir", "Ajouter", "Hinzufügen"};
        case S::submit_set: return {"Set", "Elegir", "Choisir", "Festlegen"};
        case S::required: return {"This field is required.", "Este campo es obligatorio.", "Ce champ est obligatoire.", "Dieses Feld ist erforderlich."};
        case S::save_message_title: return {"Save to CRM", "Guardar en el CRM", "Enregistrer dans le CRM", "Im CRM speichern"};
        case S::save_message_record: return {"Lead or deal", "Lead u oportunidad", "Piste ou affaire", "Lead oder Verkaufschance"};
        case S::pick_lead_or_deal: return {"Type a name or a number such as D-7", "Escribe un nombre o un número como D-7", "Tapez un nom ou un numéro comme D-7", "Name oder Nummer wie D-7 eingeben"};
        case S::save_message_remark: return {"Your note (optional)", "Tu nota (opcional)", "Votre note (facultatif)", "Deine Notiz (optional)"};
        case S::hint_remark: return {"Why does this message matter?", "¿Por qué importa este mensaje?", "Pourquoi ce message compte-t-il ?", "Warum ist diese Nachricht wichtig?"};
        case S::message_by: return {"Message from {}, {}", "Mensaje de {}, {}", "Message de {}, {}", "Nachricht von {}, {}"};
        case S::message_no_text: return {"(no text)", "(sin texto)", "(sans texte)", "(kein Text)"};
        case S::open_message: return {"Open message", "Abrir mensaje", "Ouvrir le message", "Nachricht öffnen"};
        case S::message_saved: return {"Saved as a note on {} {}.", "Guardado como nota en {} {}.", "Enregistré comme note sur {} {}.", "Als Notiz bei {} {} gespeichert."};
        case S::message_saved_before: return {"This message was already saved on {} {}.", "Este mensaje ya estaba guardado en {} {}.", "Ce message est déjà enregistré sur {} {}.", "Diese Nachricht ist bereits bei {} {} gespeichert."};
        case S::fix_errors: return {"Please correct the fields marked below.", "Corrige los campos marcados abajo.", "Veuillez corriger les champs signalés ci-dessous.", "Bitte korrigiere die unten markierten Felder."};
    }
    return {"", "", "", ""};
}

}  // namespace

std::string_view tr(S key, Locale locale) { return texts(key)[static_cast<std::size_t>(locale)]; }

std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args) {
    std::string out;
    auto arg = args.begin();
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 1 < pattern.size() && pattern[i + 1] == '}' && arg != args.end()) {
            out += *arg++;
            ++i;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

std::string_view kind_name(crm::RecordKind kind, Locale locale) {
    switch (kind) {
        case crm::RecordKind::lead: return tr(S::lead, locale);
        case crm::RecordKind::contact: return tr(S::contact, locale);
        case crm::RecordKind::account: return tr(S::account, locale);
        case crm::RecordKind::opportunity: break;
    }
    return tr(S::deal, locale);
}

std::string_view lead_status_name(crm::LeadStatus status, Locale locale) {
    static constexpr std::array<Texts, 4> kStatuses = {{
        {"New", "Nuevo", "Nouveau", "Neu"},
        {"Contacted", "Contactado", "Contacté", "Kontaktiert"},
        {"Qualified", "Calificado", "Qualifié", "Qualifiziert"},
        {"Unqualified", "No calificado", "Non qualifié", "Unqualifiziert"},
    }};
    return kStatuses[static_cast<std::size_t>(status)][static_cast<std::size_t>(locale)];
}

std::string_view outcome_name(crm::StageKind kind, Locale locale) {
    switch (kind) {
        case crm::StageKind::won: return tr(S::won, locale);
        case crm::StageKind::lost: return tr(S::lost, locale);
        case crm::StageKind::unqualified: return tr(S::unqualified, locale);
        case crm::StageKind::open: break;
    }
    return {};
}

namespace {
struct Named {
    std::string_view name;
    Texts text;
};

std::string lookup(const Named* table, std::size_t n, std::string_view name, Locale locale) {
    for (std::size_t i = 0; i < n; ++i)
        if (table[i].name == name) return std::string(table[i].text[static_cast<std::size_t>(locale)]);
    std::string out(name);
    for (char& c : out)
        if (c == '_') c = ' ';
    return out;
}
}  // namespace

std::string field_name(std::string_view field, Locale locale) {
    static const Named kFields[] = {
        {"first_name", {"First name", "Nombre", "Prénom", "Vorname"}},
        {"last_name", {"Last name", "Apellidos", "Nom", "Nachname"}},
        {"company", texts(S::company)}, {"email", texts(S::email)}, {"phone", texts(S::phone)},
        {"title", texts(S::title)}, {"source", texts(S::source)}, {"status", texts(S::status)},
        {"owner", texts(S::owner)}, {"name", texts(S::name)}, {"domain", texts(S::domain)},
        {"website", texts(S::website)}, {"industry", texts(S::industry)}, {"amount", texts(S::amount)},
        {"currency", {"Currency", "Moneda", "Devise", "Währung"}},
        {"probability", texts(S::probability)}, {"expected_close", texts(S::expected_close)},
        {"stage", texts(S::stage)}, {"account", texts(S::account)}, {"primary_contact", texts(S::primary_contact)},
        {"contact", texts(S::contact)}, {"body", {"Comment", "Comentario", "Commentaire", "Kommentar"}},
        {"message_from", {"Message from", "Mensaje de", "Message de", "Nachricht von"}},
    };
    return lookup(kFields, std::size(kFields), field, locale);
}

std::string event_action_name(std::string_view action, Locale locale) {
    static const Named kActions[] = {
        {"created", {"created", "creado", "créé", "angelegt"}},
        {"updated", {"updated", "modificado", "modifié", "geändert"}},
        {"status_changed", {"status changed", "estado cambiado", "statut modifié", "Status geändert"}},
        {"converted", {"converted", "convertido", "converti", "konvertiert"}},
        {"stage_moved", {"stage moved", "etapa cambiada", "étape changée", "Phase geändert"}},
        {"reopened", {"reopened", "reabierto", "rouvert", "wieder geöffnet"}},
        {"commented", {"commented", "comentado", "commenté", "kommentiert"}},
        {"participant_added", {"participant added", "participante añadido", "participant ajouté", "Beteiligter hinzugefügt"}},
        {"participant_removed", {"participant removed", "participante quitado", "participant retiré", "Beteiligter entfernt"}},
        {"primary_contact_set", {"contact set", "contacto elegido", "contact choisi", "Kontakt festgelegt"}},
        {"followed", {"followed", "seguido", "suivi", "gefolgt"}},
        {"unfollowed", {"unfollowed", "dejado de seguir", "plus suivi", "nicht mehr gefolgt"}},
    };
    return lookup(kActions, std::size(kActions), action, locale);
}

}  // namespace cards
