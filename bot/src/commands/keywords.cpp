// The vocabulary of the command parser, as data. To teach the bot a new word,
// add a line here: matching is accent- and case-insensitive (é=e, ü=u, ñ=n,
// ß=ss; German "ue"/"oe" spellings are listed where people use them),
// multi-word phrases are fine, and the longest phrase wins ("dejar de seguir"
// before "seguir").
// Suggestions ("did you mean ...") show the text exactly as written here.
#include "commands/keywords.hpp"

#include "commands/text_fold.hpp"

#include <algorithm>
#include <sstream>

namespace bot::commands::kw {
namespace {

constexpr auto en = Language::en;
constexpr auto es = Language::es;
constexpr auto fr = Language::fr;
constexpr auto de = Language::de;

// ---- Verbs ------------------------------------------------------------------
// The first entry per verb and language is its canonical form.
constexpr Keyword<Verb> kVerbs[] = {
    {"help", Verb::help, en}, {"?", Verb::help, en}, {"commands", Verb::help, en},
    {"ayuda", Verb::help, es}, {"ayúdame", Verb::help, es}, {"comandos", Verb::help, es},
    {"aide", Verb::help, fr}, {"commandes", Verb::help, fr},
    {"hilfe", Verb::help, de}, {"befehle", Verb::help, de},

    {"show", Verb::show, en}, {"view", Verb::show, en}, {"display", Verb::show, en}, {"open", Verb::show, en},
    {"get", Verb::show, en}, {"details", Verb::show, en},
    {"mostrar", Verb::show, es}, {"muestra", Verb::show, es}, {"muéstrame", Verb::show, es}, {"ver", Verb::show, es},
    {"abrir", Verb::show, es},
    {"afficher", Verb::show, fr}, {"affiche", Verb::show, fr}, {"voir", Verb::show, fr}, {"montrer", Verb::show, fr},
    {"montre", Verb::show, fr}, {"ouvrir", Verb::show, fr},
    {"zeigen", Verb::show, de}, {"zeige", Verb::show, de}, {"zeig", Verb::show, de}, {"anzeigen", Verb::show, de},
    {"öffnen", Verb::show, de}, {"oeffnen", Verb::show, de},

    {"list", Verb::list, en},
    {"listar", Verb::list, es}, {"lista", Verb::list, es},
    {"lister", Verb::list, fr}, {"liste", Verb::list, fr},
    {"auflisten", Verb::list, de}, {"liste", Verb::list, de},

    {"create", Verb::create, en}, {"new", Verb::create, en},
    {"crear", Verb::create, es}, {"crea", Verb::create, es}, {"nuevo", Verb::create, es}, {"nueva", Verb::create, es},
    {"créer", Verb::create, fr}, {"crée", Verb::create, fr}, {"nouveau", Verb::create, fr},
    {"nouvelle", Verb::create, fr},
    {"anlegen", Verb::create, de}, {"erstellen", Verb::create, de}, {"erstelle", Verb::create, de},
    {"neu", Verb::create, de}, {"neuer", Verb::create, de}, {"neue", Verb::create, de}, {"neues", Verb::create, de},
    {"erfassen", Verb::create, de},

    // "add" creates ("lead add ...") or adds a participant ("add C-4 to D-7").
    {"add", Verb::add, en},
    {"añadir", Verb::add, es}, {"añade", Verb::add, es}, {"agregar", Verb::add, es}, {"agrega", Verb::add, es},
    {"ajouter", Verb::add, fr}, {"ajoute", Verb::add, fr},
    {"hinzufügen", Verb::add, de}, {"hinzufuegen", Verb::add, de}, {"füge", Verb::add, de},  // "füge C-4 zu D-7 hinzu"
    {"fuege", Verb::add, de},

    {"remove", Verb::remove, en},
    {"quitar", Verb::remove, es}, {"quita", Verb::remove, es}, {"retirar", Verb::remove, es},
    {"retirer", Verb::remove, fr}, {"retire", Verb::remove, fr}, {"enlever", Verb::remove, fr},
    {"entfernen", Verb::remove, de}, {"entferne", Verb::remove, de},

    {"participant", Verb::participant, en}, {"participants", Verb::participant, en},
    {"participante", Verb::participant, es}, {"participantes", Verb::participant, es},
    {"participant", Verb::participant, fr}, {"participants", Verb::participant, fr},
    {"teilnehmer", Verb::participant, de},

    {"search", Verb::search, en}, {"find", Verb::search, en}, {"look up", Verb::search, en},
    {"lookup", Verb::search, en},
    {"buscar", Verb::search, es}, {"busca", Verb::search, es}, {"encontrar", Verb::search, es},
    {"chercher", Verb::search, fr}, {"cherche", Verb::search, fr}, {"rechercher", Verb::search, fr},
    {"recherche", Verb::search, fr}, {"trouver", Verb::search, fr},
    {"suchen", Verb::search, de}, {"suche", Verb::search, de}, {"finden", Verb::search, de},
    {"finde", Verb::search, de},

    {"status", Verb::status, en}, {"set status", Verb::status, en},
    {"estado", Verb::status, es},
    {"statut", Verb::status, fr},
    {"status", Verb::status, de},

    {"qualify", Verb::qualify, en},
    {"calificar", Verb::qualify, es}, {"califica", Verb::qualify, es}, {"cualificar", Verb::qualify, es},
    {"qualifier", Verb::qualify, fr}, {"qualifie", Verb::qualify, fr},
    {"qualifizieren", Verb::qualify, de},

    {"disqualify", Verb::disqualify, en}, {"unqualify", Verb::disqualify, en},
    {"descalificar", Verb::disqualify, es}, {"descalifica", Verb::disqualify, es},
    {"disqualifier", Verb::disqualify, fr}, {"disqualifie", Verb::disqualify, fr},
    {"disqualifizieren", Verb::disqualify, de},

    {"convert", Verb::convert, en},
    {"convertir", Verb::convert, es}, {"convierte", Verb::convert, es},
    {"convertir", Verb::convert, fr}, {"convertis", Verb::convert, fr},
    {"konvertieren", Verb::convert, de}, {"konvertiere", Verb::convert, de}, {"umwandeln", Verb::convert, de},

    {"move", Verb::move, en},
    {"mover", Verb::move, es}, {"mueve", Verb::move, es}, {"pasar", Verb::move, es},
    {"déplacer", Verb::move, fr}, {"déplace", Verb::move, fr}, {"passer", Verb::move, fr},
    {"verschieben", Verb::move, de}, {"verschiebe", Verb::move, de},

    {"mark", Verb::mark, en}, {"set", Verb::mark, en},
    {"marcar", Verb::mark, es}, {"marca", Verb::mark, es},
    {"marquer", Verb::mark, fr}, {"marque", Verb::mark, fr},
    {"markieren", Verb::mark, de}, {"markiere", Verb::mark, de}, {"setzen", Verb::mark, de},
    {"setze", Verb::mark, de},

    {"reopen", Verb::reopen, en}, {"re-open", Verb::reopen, en},
    {"reabrir", Verb::reopen, es}, {"reabre", Verb::reopen, es},
    {"rouvrir", Verb::reopen, fr}, {"rouvre", Verb::reopen, fr}, {"réouvrir", Verb::reopen, fr},
    {"wiedereröffnen", Verb::reopen, de}, {"wiedereroeffnen", Verb::reopen, de}, {"wieder öffnen", Verb::reopen, de},

    {"comment", Verb::comment, en}, {"note", Verb::comment, en}, {"add note", Verb::comment, en},
    {"add comment", Verb::comment, en},
    {"comentar", Verb::comment, es}, {"comenta", Verb::comment, es}, {"comentario", Verb::comment, es},
    {"nota", Verb::comment, es}, {"añadir nota", Verb::comment, es},
    {"commenter", Verb::comment, fr}, {"commente", Verb::comment, fr}, {"commentaire", Verb::comment, fr},
    {"note", Verb::comment, fr}, {"ajouter une note", Verb::comment, fr},
    {"kommentieren", Verb::comment, de}, {"kommentiere", Verb::comment, de}, {"kommentar", Verb::comment, de},
    {"notiz", Verb::comment, de},

    {"primary", Verb::primary, en}, {"primary contact", Verb::primary, en}, {"set primary", Verb::primary, en},
    {"principal", Verb::primary, es}, {"contacto principal", Verb::primary, es},
    {"principal", Verb::primary, fr}, {"contact principal", Verb::primary, fr},
    {"hauptkontakt", Verb::primary, de},

    {"follow", Verb::follow, en}, {"watch", Verb::follow, en}, {"subscribe", Verb::follow, en},
    {"seguir", Verb::follow, es}, {"sigue", Verb::follow, es},
    {"suivre", Verb::follow, fr}, {"suis", Verb::follow, fr},
    {"folgen", Verb::follow, de}, {"folge", Verb::follow, de}, {"abonnieren", Verb::follow, de},

    {"unfollow", Verb::unfollow, en}, {"stop following", Verb::unfollow, en}, {"unwatch", Verb::unfollow, en},
    {"unsubscribe", Verb::unfollow, en},
    {"dejar de seguir", Verb::unfollow, es}, {"deja de seguir", Verb::unfollow, es},
    {"ne plus suivre", Verb::unfollow, fr}, {"arrêter de suivre", Verb::unfollow, fr},
    {"entfolgen", Verb::unfollow, de}, {"nicht mehr folgen", Verb::unfollow, de},

    {"followers", Verb::followers, en}, {"watchers", Verb::followers, en}, {"who follows", Verb::followers, en},
    {"seguidores", Verb::followers, es},
    {"abonnés", Verb::followers, fr},
    {"follower", Verb::followers, de}, {"abonnenten", Verb::followers, de},

    {"pipeline", Verb::pipeline, en}, {"funnel", Verb::pipeline, en},
    {"embudo", Verb::pipeline, es}, {"embudo de ventas", Verb::pipeline, es}, {"pipeline", Verb::pipeline, es},
    {"pipeline", Verb::pipeline, fr}, {"entonnoir", Verb::pipeline, fr},
    {"pipeline", Verb::pipeline, de}, {"vertriebspipeline", Verb::pipeline, de}, {"trichter", Verb::pipeline, de},

    {"timeline", Verb::timeline, en}, {"history", Verb::timeline, en},
    {"historial", Verb::timeline, es}, {"cronología", Verb::timeline, es},
    {"historique", Verb::timeline, fr}, {"chronologie", Verb::timeline, fr},
    {"verlauf", Verb::timeline, de}, {"historie", Verb::timeline, de}, {"chronik", Verb::timeline, de},

    {"notifications", Verb::notifications, en}, {"notification settings", Verb::notifications, en},
    {"notify me", Verb::notifications, en},
    {"notificaciones", Verb::notifications, es}, {"avisos", Verb::notifications, es},
    {"notifications", Verb::notifications, fr}, {"alertes", Verb::notifications, fr},
    {"benachrichtigungen", Verb::notifications, de}, {"mitteilungen", Verb::notifications, de},

    {"quiet hours", Verb::quiet_hours, en}, {"do not disturb", Verb::quiet_hours, en},
    {"horas de silencio", Verb::quiet_hours, es}, {"no molestar", Verb::quiet_hours, es},
    {"heures calmes", Verb::quiet_hours, fr}, {"ne pas déranger", Verb::quiet_hours, fr},
    {"ruhezeiten", Verb::quiet_hours, de}, {"ruhezeit", Verb::quiet_hours, de}, {"nicht stören", Verb::quiet_hours, de},

    {"more", Verb::more, en}, {"next", Verb::more, en},
    {"más", Verb::more, es}, {"siguiente", Verb::more, es},
    {"plus", Verb::more, fr}, {"suivant", Verb::more, fr}, {"la suite", Verb::more, fr},
    {"mehr", Verb::more, de}, {"weiter", Verb::more, de}, {"nächste", Verb::more, de}, {"naechste", Verb::more, de},
};

// ---- Notification levels ("notifications important") ------------------------
constexpr Keyword<crm::NotifyLevel> kNotifyLevels[] = {
    {"all", crm::NotifyLevel::all, en}, {"everything", crm::NotifyLevel::all, en}, {"on", crm::NotifyLevel::all, en},
    {"important", crm::NotifyLevel::important, en}, {"important only", crm::NotifyLevel::important, en},
    {"digest", crm::NotifyLevel::digest, en}, {"daily", crm::NotifyLevel::digest, en},
    {"daily digest", crm::NotifyLevel::digest, en},
    {"off", crm::NotifyLevel::muted, en}, {"none", crm::NotifyLevel::muted, en}, {"mute", crm::NotifyLevel::muted, en},
    {"muted", crm::NotifyLevel::muted, en},
    {"todas", crm::NotifyLevel::all, es}, {"todo", crm::NotifyLevel::all, es},
    {"importantes", crm::NotifyLevel::important, es}, {"solo importantes", crm::NotifyLevel::important, es},
    {"resumen", crm::NotifyLevel::digest, es}, {"resumen diario", crm::NotifyLevel::digest, es},
    {"ninguna", crm::NotifyLevel::muted, es}, {"desactivadas", crm::NotifyLevel::muted, es},
    {"silencio", crm::NotifyLevel::muted, es},
    {"toutes", crm::NotifyLevel::all, fr}, {"tout", crm::NotifyLevel::all, fr},
    {"importantes", crm::NotifyLevel::important, fr}, {"important", crm::NotifyLevel::important, fr},
    {"résumé", crm::NotifyLevel::digest, fr}, {"résumé quotidien", crm::NotifyLevel::digest, fr},
    {"aucune", crm::NotifyLevel::muted, fr}, {"désactivées", crm::NotifyLevel::muted, fr},
    {"alle", crm::NotifyLevel::all, de}, {"wichtige", crm::NotifyLevel::important, de},
    {"nur wichtige", crm::NotifyLevel::important, de}, {"zusammenfassung", crm::NotifyLevel::digest, de},
    {"täglich", crm::NotifyLevel::digest, de}, {"keine", crm::NotifyLevel::muted, de},
    {"stumm", crm::NotifyLevel::muted, de},
};

// ---- Record nouns -----------------------------------------------------------
// The first singular entry per kind and language is its canonical form.
constexpr auto L = crm::RecordKind::lead;
constexpr auto C = crm::RecordKind::contact;
constexpr auto A = crm::RecordKind::account;
constexpr auto D = crm::RecordKind::opportunity;

constexpr Keyword<Noun> kNouns[] = {
    {"lead", {L, false}, en}, {"leads", {L, true}, en},
    {"contact", {C, false}, en}, {"contacts", {C, true}, en},
    {"account", {A, false}, en}, {"accounts", {A, true}, en},
    {"deal", {D, false}, en}, {"deals", {D, true}, en}, {"opportunity", {D, false}, en},
    {"opportunities", {D, true}, en}, {"opp", {D, false}, en}, {"opps", {D, true}, en},

    {"lead", {L, false}, es}, {"leads", {L, true}, es}, {"prospecto", {L, false}, es},
    {"prospectos", {L, true}, es}, {"cliente potencial", {L, false}, es}, {"clientes potenciales", {L, true}, es},
    {"contacto", {C, false}, es}, {"contactos", {C, true}, es},
    {"cuenta", {A, false}, es}, {"cuentas", {A, true}, es}, {"empresa", {A, false}, es},
    {"empresas", {A, true}, es},
    {"oportunidad", {D, false}, es}, {"oportunidades", {D, true}, es}, {"trato", {D, false}, es},
    {"tratos", {D, true}, es}, {"negocio", {D, false}, es}, {"negocios", {D, true}, es},

    {"piste", {L, false}, fr}, {"pistes", {L, true}, fr}, {"prospect", {L, false}, fr},
    {"prospects", {L, true}, fr}, {"lead", {L, false}, fr}, {"leads", {L, true}, fr},
    {"contact", {C, false}, fr}, {"contacts", {C, true}, fr},
    {"compte", {A, false}, fr}, {"comptes", {A, true}, fr}, {"entreprise", {A, false}, fr},
    {"entreprises", {A, true}, fr},
    {"opportunité", {D, false}, fr}, {"opportunités", {D, true}, fr}, {"affaire", {D, false}, fr},
    {"affaires", {D, true}, fr},

    {"Lead", {L, false}, de}, {"Leads", {L, true}, de}, {"Interessent", {L, false}, de},
    {"Interessenten", {L, true}, de},
    {"Kontakt", {C, false}, de}, {"Kontakte", {C, true}, de},
    {"Konto", {A, false}, de}, {"Konten", {A, true}, de}, {"Firma", {A, false}, de}, {"Firmen", {A, true}, de},
    {"Verkaufschance", {D, false}, de}, {"Verkaufschancen", {D, true}, de}, {"Deal", {D, false}, de},
    {"Deals", {D, true}, de}, {"Chance", {D, false}, de}, {"Chancen", {D, true}, de},
};

// ---- Lead statuses ----------------------------------------------------------
constexpr auto New = crm::LeadStatus::new_;
constexpr auto Contacted = crm::LeadStatus::contacted;
constexpr auto Qualified = crm::LeadStatus::qualified;
constexpr auto Unqualified = crm::LeadStatus::unqualified;

constexpr Keyword<crm::LeadStatus> kLeadStatuses[] = {
    {"new", New, en}, {"contacted", Contacted, en}, {"qualified", Qualified, en},
    {"unqualified", Unqualified, en}, {"disqualified", Unqualified, en}, {"not qualified", Unqualified, en},

    {"nuevo", New, es}, {"nueva", New, es}, {"nuevos", New, es}, {"nuevas", New, es},
    {"contactado", Contacted, es}, {"contactada", Contacted, es}, {"contactados", Contacted, es},
    {"calificado", Qualified, es}, {"calificada", Qualified, es}, {"cualificado", Qualified, es},
    {"cualificada", Qualified, es}, {"calificados", Qualified, es},
    {"no calificado", Unqualified, es}, {"no calificada", Unqualified, es}, {"descalificado", Unqualified, es},
    {"descalificada", Unqualified, es}, {"no cualificado", Unqualified, es},

    {"nouveau", New, fr}, {"nouvelle", New, fr}, {"nouveaux", New, fr}, {"nouvelles", New, fr},
    {"contacté", Contacted, fr}, {"contactée", Contacted, fr}, {"contactés", Contacted, fr},
    {"qualifié", Qualified, fr}, {"qualifiée", Qualified, fr}, {"qualifiés", Qualified, fr},
    {"non qualifié", Unqualified, fr}, {"non qualifiée", Unqualified, fr}, {"disqualifié", Unqualified, fr},
    {"disqualifiée", Unqualified, fr},

    {"neu", New, de}, {"neue", New, de}, {"kontaktiert", Contacted, de}, {"qualifiziert", Qualified, de},
    {"unqualifiziert", Unqualified, de}, {"disqualifiziert", Unqualified, de},
    {"nicht qualifiziert", Unqualified, de},
};

// ---- Deal outcomes (closed stages) ------------------------------------------
constexpr auto Won = crm::StageKind::won;
constexpr auto Lost = crm::StageKind::lost;
constexpr auto Unq = crm::StageKind::unqualified;

constexpr Keyword<crm::StageKind> kOutcomes[] = {
    {"won", Won, en}, {"win", Won, en}, {"lost", Lost, en}, {"lose", Lost, en},
    {"unqualified", Unq, en}, {"disqualified", Unq, en}, {"not qualified", Unq, en},
    {"ganado", Won, es}, {"ganada", Won, es}, {"ganados", Won, es}, {"ganadas", Won, es},
    {"perdido", Lost, es}, {"perdida", Lost, es}, {"perdidos", Lost, es}, {"perdidas", Lost, es},
    {"no calificado", Unq, es}, {"no calificada", Unq, es}, {"descalificado", Unq, es}, {"descalificada", Unq, es},
    {"gagné", Won, fr}, {"gagnée", Won, fr}, {"gagnés", Won, fr}, {"gagnées", Won, fr},
    {"perdu", Lost, fr}, {"perdue", Lost, fr}, {"perdus", Lost, fr}, {"perdues", Lost, fr},
    {"non qualifié", Unq, fr}, {"non qualifiée", Unq, fr}, {"disqualifié", Unq, fr}, {"disqualifiée", Unq, fr},
    {"gewonnen", Won, de}, {"verloren", Lost, de}, {"unqualifiziert", Unq, de}, {"disqualifiziert", Unq, de},
    {"nicht qualifiziert", Unq, de},
};

// ---- Markers ----------------------------------------------------------------
constexpr Keyword<Marker> kMarkers[] = {
    {"mine", Marker::mine, en}, {"my", Marker::mine, en}, {"own", Marker::mine, en},
    {"mis", Marker::mine, es}, {"mi", Marker::mine, es}, {"míos", Marker::mine, es}, {"mías", Marker::mine, es},
    {"mes", Marker::mine, fr}, {"mon", Marker::mine, fr}, {"ma", Marker::mine, fr}, {"à moi", Marker::mine, fr},
    {"meine", Marker::mine, de}, {"mein", Marker::mine, de}, {"meins", Marker::mine, de},

    {"open", Marker::open, en},
    {"abiertos", Marker::open, es}, {"abiertas", Marker::open, es}, {"abierto", Marker::open, es},
    {"abierta", Marker::open, es},
    {"ouverts", Marker::open, fr}, {"ouvertes", Marker::open, fr}, {"ouvert", Marker::open, fr},
    {"ouverte", Marker::open, fr}, {"en cours", Marker::open, fr},
    {"offen", Marker::open, de}, {"offene", Marker::open, de}, {"offenen", Marker::open, de},

    {"stage", Marker::stage, en}, {"phase", Marker::stage, en},
    {"etapa", Marker::stage, es}, {"fase", Marker::stage, es},
    {"étape", Marker::stage, fr}, {"phase", Marker::stage, fr},
    {"Phase", Marker::stage, de}, {"Stufe", Marker::stage, de},

    {"page", Marker::page, en}, {"página", Marker::page, es}, {"page", Marker::page, fr}, {"Seite", Marker::page, de},

    {"to", Marker::to, en}, {"into", Marker::to, en},
    {"a", Marker::to, es}, {"al", Marker::to, es}, {"hacia", Marker::to, es}, {"en", Marker::to, es},
    {"à", Marker::to, fr}, {"au", Marker::to, fr}, {"vers", Marker::to, fr}, {"en", Marker::to, fr},
    {"dans", Marker::to, fr},
    {"nach", Marker::to, de}, {"zu", Marker::to, de}, {"in", Marker::to, de}, {"auf", Marker::to, de},

    {"from", Marker::from, en}, {"of", Marker::from, en},
    {"de", Marker::from, es}, {"del", Marker::from, es},
    {"de", Marker::from, fr}, {"du", Marker::from, fr}, {"des", Marker::from, fr}, {"d'", Marker::from, fr},
    {"von", Marker::from, de}, {"aus", Marker::from, de},

    {"with", Marker::with, en}, {"con", Marker::with, es}, {"avec", Marker::with, fr}, {"mit", Marker::with, de},

    {"without", Marker::without, en}, {"no", Marker::without, en},
    {"sin", Marker::without, es}, {"sans", Marker::without, fr}, {"ohne", Marker::without, de},

    {"as", Marker::as, en}, {"como", Marker::as, es}, {"comme", Marker::as, fr}, {"en tant que", Marker::as, fr},
    {"als", Marker::as, de},

    {"for", Marker::for_user, en}, {"and", Marker::for_user, en}, {"notify", Marker::for_user, en},
    {"cc", Marker::for_user, en},
    {"para", Marker::for_user, es}, {"y", Marker::for_user, es}, {"avisar", Marker::for_user, es},
    {"avisa a", Marker::for_user, es}, {"notificar", Marker::for_user, es},
    {"pour", Marker::for_user, fr}, {"et", Marker::for_user, fr}, {"prévenir", Marker::for_user, fr},
    {"notifier", Marker::for_user, fr},
    {"für", Marker::for_user, de}, {"fuer", Marker::for_user, de}, {"und", Marker::for_user, de}, {"benachrichtigen", Marker::for_user, de},

    {"here", Marker::here, en}, {"in this channel", Marker::here, en}, {"in this chat", Marker::here, en},
    {"aquí", Marker::here, es}, {"en este canal", Marker::here, es},
    {"ici", Marker::here, fr}, {"dans ce canal", Marker::here, fr},
    {"hier", Marker::here, de}, {"in diesem Kanal", Marker::here, de},

    {"important", Marker::important, en}, {"important only", Marker::important, en},
    {"only important", Marker::important, en}, {"important changes", Marker::important, en},
    {"importante", Marker::important, es}, {"solo importante", Marker::important, es},
    {"lo importante", Marker::important, es},
    {"important", Marker::important, fr}, {"l'important", Marker::important, fr},
    {"seulement l'important", Marker::important, fr},
    {"wichtig", Marker::important, de}, {"nur wichtiges", Marker::important, de}, {"nur wichtig", Marker::important, de},
    {"wichtiges", Marker::important, de},

    {"on", Marker::on, en}, {"about", Marker::on, en},
    {"sobre", Marker::on, es}, {"sur", Marker::on, fr}, {"über", Marker::on, de}, {"an", Marker::on, de},

    {"the", Marker::article, en}, {"a", Marker::article, en}, {"an", Marker::article, en},
    {"el", Marker::article, es}, {"la", Marker::article, es}, {"los", Marker::article, es},
    {"las", Marker::article, es}, {"un", Marker::article, es}, {"una", Marker::article, es},
    {"le", Marker::article, fr}, {"la", Marker::article, fr}, {"les", Marker::article, fr},
    {"l'", Marker::article, fr}, {"un", Marker::article, fr}, {"une", Marker::article, fr},
    {"der", Marker::article, de}, {"die", Marker::article, de}, {"das", Marker::article, de},
    {"den", Marker::article, de}, {"dem", Marker::article, de}, {"ein", Marker::article, de},
    {"eine", Marker::article, de}, {"einen", Marker::article, de},

    {"please", Marker::filler, en}, {"pls", Marker::filler, en}, {"plz", Marker::filler, en},
    {"me", Marker::filler, en}, {"can you", Marker::filler, en}, {"could you", Marker::filler, en},
    {"i want to", Marker::filler, en}, {"i'd like to", Marker::filler, en},
    {"por favor", Marker::filler, es}, {"porfa", Marker::filler, es}, {"quiero", Marker::filler, es},
    {"puedes", Marker::filler, es}, {"me", Marker::filler, es},
    {"s'il te plaît", Marker::filler, fr}, {"s'il vous plaît", Marker::filler, fr}, {"svp", Marker::filler, fr},
    {"stp", Marker::filler, fr}, {"moi", Marker::filler, fr}, {"je veux", Marker::filler, fr},
    {"peux-tu", Marker::filler, fr},
    {"bitte", Marker::filler, de}, {"mir", Marker::filler, de}, {"ich will", Marker::filler, de},
    {"kannst du", Marker::filler, de},
    {"hinzu", Marker::filler, de},  // the particle of "füge ... hinzu"

    {"closing", Marker::closing, en}, {"that close", Marker::closing, en}, {"due", Marker::closing, en},
    {"que cierran", Marker::closing, es}, {"con cierre", Marker::closing, es},
    {"qui se terminent", Marker::closing, fr}, {"qui closent", Marker::closing, fr},
    {"avec clôture", Marker::closing, fr},
    {"mit Abschluss", Marker::closing, de}, {"Abschluss", Marker::closing, de},
};

// ---- Expected close windows -------------------------------------------------
constexpr Keyword<ClosingPeriod> kPeriods[] = {
    {"this week", ClosingPeriod::this_week, en}, {"this month", ClosingPeriod::this_month, en},
    {"next month", ClosingPeriod::next_month, en}, {"this quarter", ClosingPeriod::this_quarter, en},
    {"this year", ClosingPeriod::this_year, en},
    {"esta semana", ClosingPeriod::this_week, es}, {"este mes", ClosingPeriod::this_month, es},
    {"el próximo mes", ClosingPeriod::next_month, es}, {"próximo mes", ClosingPeriod::next_month, es},
    {"el mes que viene", ClosingPeriod::next_month, es}, {"este trimestre", ClosingPeriod::this_quarter, es},
    {"este año", ClosingPeriod::this_year, es},
    {"cette semaine", ClosingPeriod::this_week, fr}, {"ce mois", ClosingPeriod::this_month, fr},
    {"ce mois-ci", ClosingPeriod::this_month, fr}, {"le mois prochain", ClosingPeriod::next_month, fr},
    {"mois prochain", ClosingPeriod::next_month, fr}, {"ce trimestre", ClosingPeriod::this_quarter, fr},
    {"cette année", ClosingPeriod::this_year, fr},
    {"diese Woche", ClosingPeriod::this_week, de}, {"diesen Monat", ClosingPeriod::this_month, de},
    {"diesem Monat", ClosingPeriod::this_month, de}, {"nächsten Monat", ClosingPeriod::next_month, de},
    {"nächstem Monat", ClosingPeriod::next_month, de}, {"naechsten Monat", ClosingPeriod::next_month, de}, {"dieses Quartal", ClosingPeriod::this_quarter, de},
    {"diesem Quartal", ClosingPeriod::this_quarter, de}, {"dieses Jahr", ClosingPeriod::this_year, de},
    {"diesem Jahr", ClosingPeriod::this_year, de},
};

// ---- Field names (create commands: "email: ada@example.com") -----------------
constexpr Keyword<Field> kFields[] = {
    {"name", Field::name, en}, {"first name", Field::first_name, en}, {"firstname", Field::first_name, en},
    {"first", Field::first_name, en}, {"last name", Field::last_name, en}, {"lastname", Field::last_name, en},
    {"surname", Field::last_name, en}, {"last", Field::last_name, en},
    {"company", Field::company, en}, {"organization", Field::company, en}, {"organisation", Field::company, en},
    {"email", Field::email, en}, {"e-mail", Field::email, en}, {"mail", Field::email, en},
    {"phone", Field::phone, en}, {"tel", Field::phone, en}, {"telephone", Field::phone, en},
    {"mobile", Field::phone, en}, {"cell", Field::phone, en},
    {"title", Field::title, en}, {"job title", Field::title, en}, {"position", Field::title, en},
    {"source", Field::source, en}, {"origin", Field::source, en},
    {"account", Field::account, en}, {"contact", Field::contact, en}, {"primary contact", Field::contact, en},
    {"amount", Field::amount, en}, {"value", Field::amount, en},
    {"close", Field::close, en}, {"closing", Field::close, en}, {"close date", Field::close, en},
    {"expected close", Field::close, en},
    {"stage", Field::stage, en},
    {"domain", Field::domain, en}, {"website", Field::website, en}, {"web", Field::website, en},
    {"url", Field::website, en}, {"industry", Field::industry, en}, {"sector", Field::industry, en},

    {"nombre", Field::name, es}, {"apellido", Field::last_name, es}, {"apellidos", Field::last_name, es},
    {"empresa", Field::company, es}, {"compañía", Field::company, es},
    {"correo", Field::email, es}, {"correo electrónico", Field::email, es},
    {"teléfono", Field::phone, es}, {"móvil", Field::phone, es}, {"celular", Field::phone, es},
    {"cargo", Field::title, es}, {"puesto", Field::title, es}, {"título", Field::title, es},
    {"origen", Field::source, es}, {"fuente", Field::source, es},
    {"cuenta", Field::account, es}, {"contacto", Field::contact, es},
    {"importe", Field::amount, es}, {"monto", Field::amount, es}, {"valor", Field::amount, es},
    {"cierre", Field::close, es}, {"fecha de cierre", Field::close, es},
    {"etapa", Field::stage, es}, {"fase", Field::stage, es},
    {"dominio", Field::domain, es}, {"sitio web", Field::website, es}, {"industria", Field::industry, es},

    {"nom", Field::name, fr}, {"prénom", Field::first_name, fr}, {"nom de famille", Field::last_name, fr},
    {"société", Field::company, fr}, {"entreprise", Field::company, fr},
    {"courriel", Field::email, fr}, {"téléphone", Field::phone, fr}, {"tél", Field::phone, fr},
    {"portable", Field::phone, fr},
    {"titre", Field::title, fr}, {"poste", Field::title, fr}, {"fonction", Field::title, fr},
    {"origine", Field::source, fr},
    {"compte", Field::account, fr},
    {"montant", Field::amount, fr}, {"valeur", Field::amount, fr},
    {"clôture", Field::close, fr}, {"date de clôture", Field::close, fr},
    {"étape", Field::stage, fr}, {"phase", Field::stage, fr},
    {"domaine", Field::domain, fr}, {"site web", Field::website, fr}, {"site", Field::website, fr},
    {"secteur", Field::industry, fr}, {"industrie", Field::industry, fr},

    {"Name", Field::name, de}, {"Vorname", Field::first_name, de}, {"Nachname", Field::last_name, de},
    {"Firma", Field::company, de}, {"Unternehmen", Field::company, de},
    {"Telefon", Field::phone, de}, {"Handy", Field::phone, de}, {"Mobil", Field::phone, de},
    {"Titel", Field::title, de}, {"Funktion", Field::title, de},
    {"Quelle", Field::source, de}, {"Herkunft", Field::source, de},
    {"Konto", Field::account, de}, {"Kontakt", Field::contact, de},
    {"Betrag", Field::amount, de}, {"Wert", Field::amount, de}, {"Summe", Field::amount, de},
    {"Abschluss", Field::close, de}, {"Abschlussdatum", Field::close, de},
    {"Phase", Field::stage, de}, {"Stufe", Field::stage, de},
    {"Domäne", Field::domain, de}, {"Webseite", Field::website, de}, {"Branche", Field::industry, de},
};

// ---- Currencies -------------------------------------------------------------
constexpr std::string_view kCurrencies[] = {
    "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK",
    "HUF", "RON", "BGN", "ISK", "TRY", "INR", "BRL", "MXN", "ARS", "CLP", "COP", "PEN", "ZAR", "SGD",
    "HKD", "KRW", "TWD", "THB", "MYR", "IDR", "PHP", "AED", "SAR", "ILS", "EGP", "MAD", "NGN", "KES",
};

struct CurrencySymbol {
    std::string_view symbol, code;
};
constexpr CurrencySymbol kCurrencySymbols[] = {
    {"€", "EUR"}, {"$", "USD"}, {"US$", "USD"}, {"£", "GBP"}, {"¥", "JPY"}, {"CHF", "CHF"}, {"Fr.", "CHF"},
};

template <class V, std::size_t N>
std::vector<Phrase<V>> build(const Keyword<V> (&table)[N]) {
    std::vector<Phrase<V>> out;
    out.reserve(N);
    for (const auto& k : table) {
        Phrase<V> p{{}, k.value, k.language, k.text};
        std::istringstream words(text::fold(k.text));
        for (std::string w; words >> w;) p.words.push_back(w);
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace

const std::vector<Phrase<Verb>>& verbs() {
    static const auto table = build(kVerbs);
    return table;
}
const std::vector<Phrase<Noun>>& nouns() {
    static const auto table = build(kNouns);
    return table;
}
const std::vector<Phrase<crm::LeadStatus>>& lead_statuses() {
    static const auto table = build(kLeadStatuses);
    return table;
}
const std::vector<Phrase<crm::StageKind>>& outcomes() {
    static const auto table = build(kOutcomes);
    return table;
}
const std::vector<Phrase<Marker>>& markers() {
    static const auto table = build(kMarkers);
    return table;
}
const std::vector<Phrase<ClosingPeriod>>& periods() {
    static const auto table = build(kPeriods);
    return table;
}
const std::vector<Phrase<Field>>& fields() {
    static const auto table = build(kFields);
    return table;
}
const std::vector<Phrase<crm::NotifyLevel>>& notify_levels() {
    static const auto table = build(kNotifyLevels);
    return table;
}

bool is_known_currency(std::string_view code) {
    return std::find(std::begin(kCurrencies), std::end(kCurrencies), code) != std::end(kCurrencies);
}

std::optional<std::string_view> currency_for_symbol(std::string_view symbol) {
    for (const auto& s : kCurrencySymbols)
        if (s.symbol == symbol) return s.code;
    return std::nullopt;
}

}  // namespace bot::commands::kw
