#include "commands/command_parser.hpp"
#include "describe.hpp"

#include <catch2/catch.hpp>

using bot::commands::Language;
using bot::commands::parse;

namespace {

struct Case {
    const char* locale;
    const char* input;
    const char* expected;  // test::describe of the command
};

// Inputs as users type them, in the four languages, with the command each must give.
const Case kCases[] = {
    // ---- help ---------------------------------------------------------------
    {"en-US", "help", "help"},
    {"en-US", "?", "help"},
    {"en-US", "Help deals", "help topic=deals"},
    {"es-ES", "ayuda", "help"},
    {"fr-FR", "aide", "help"},
    {"de-DE", "Hilfe", "help"},

    // ---- show ---------------------------------------------------------------
    {"en-US", "lead 42", "show L-42"},
    {"en-US", "L-12", "show L-12"},
    {"en-US", "l12", "show L-12"},
    {"en-US", "show L-12", "show L-12"},
    {"en-US", "Show D-7.", "show D-7"},
    {"en-US", "show lead Ada", "show lead:Ada"},
    {"en-US", "show deal Acme renewal", "show deal:'Acme renewal'"},
    {"en-US", "show Acme", "show any:Acme"},
    {"en-US", "deal #7", "show D-7"},
    {"en-US", "please show the deal 7", "show D-7"},
    {"en-US", "open D-7", "show D-7"},
    {"es-ES", "mostrar L-12", "show L-12"},
    {"es-ES", "ver oportunidad Renovación Acme", "show deal:'Renovación Acme'"},
    {"es-ES", "muéstrame el contacto 3", "show C-3"},
    {"fr-FR", "afficher l'opportunité D-7", "show D-7"},
    {"fr-FR", "voir compte L'Oréal", "show account:L'Oréal"},
    {"de-DE", "zeige L-12", "show L-12"},
    {"de-DE", "Kontakt 5 anzeigen", "show C-5"},

    // ---- create -------------------------------------------------------------
    {"en-US", "lead add Ada Lovelace, Analytical Engines, ada@ae.example, +44 20 1234",
     "create_lead first=Ada last=Lovelace company='Analytical Engines' email=ada@ae.example phone='+44 20 1234'"},
    {"en-US", "new lead Ada Lovelace, email: ada@ae.example, title: Countess, source=Webinar",
     "create_lead first=Ada last=Lovelace email=ada@ae.example title=Countess source=Webinar"},
    {"en-US", "add lead company: Contoso, phone: 555 0100 200",
     "create_lead company=Contoso phone='555 0100 200'"},
    {"en-US", "lead add ada@ae.example Ada Lovelace", "create_lead first=Ada last=Lovelace email=ada@ae.example"},
    {"en-US", "contact add Grace Hopper, A-3, grace@navy.example",
     "create_contact first=Grace last=Hopper email=grace@navy.example account=A-3"},
    {"en-US", "contact add Grace Hopper, US Navy, Rear Admiral",
     "create_contact first=Grace last=Hopper title='Rear Admiral' account=account:'US Navy'"},
    {"en-US", "account add Contoso, contoso.com", "create_account name=Contoso domain=contoso.com"},
    {"en-US", "account add Fabrikam, https://fabrikam.example, Manufacturing, +1 425 555 0100",
     "create_account name=Fabrikam website=https://fabrikam.example industry=Manufacturing phone='+1 425 555 0100'"},
    {"en-US", "deal add Renewal 2027, A-3, 50000 EUR, close 2026-12-31, stage Proposal",
     "create_deal name='Renewal 2027' account=A-3 amount='50000.00 EUR' close=2026-12-31 stage=Proposal"},
    {"en-US", "deal add Upsell, A-3, C-9, $1,200.50",
     "create_deal name=Upsell account=A-3 contact=C-9 amount='1200.50 USD'"},
    {"es-ES", "crear lead José Núñez, Café Olé S.L., jose@cafeole.example",
     "create_lead first=José last=Núñez company='Café Olé S.L.' email=jose@cafeole.example"},
    {"es-ES", "nuevo contacto María José García López, A-4",
     "create_contact first=María last='José García López' account=A-4"},
    {"es-ES", "añadir cuenta Telefónica, telefonica.es", "create_account name=Telefónica domain=telefonica.es"},
    {"es-ES", "crear oportunidad Renovación, A-3, importe: 50.000,50 EUR, cierre: 2026-12-31",
     "create_deal name=Renovación account=A-3 amount='50000.50 EUR' close=2026-12-31"},
    {"fr-FR", "créer piste Émile Zola, Les Éditions, titre: Écrivain",
     "create_lead first=Émile last=Zola company='Les Éditions' title=Écrivain"},
    {"fr-FR", "nouveau compte Société Générale, societegenerale.fr",
     "create_account name='Société Générale' domain=societegenerale.fr"},
    {"fr-FR", "ajouter une opportunité Renouvellement, A-2, 25 000 €",
     "create_deal name=Renouvellement account=A-2 amount='25000.00 EUR'"},
    {"de-DE", "Lead anlegen Jürgen Müller, Bäckerei Groß GmbH, juergen@example.de",
     "create_lead first=Jürgen last=Müller company='Bäckerei Groß GmbH' email=juergen@example.de"},
    {"de-DE", "neuer Kontakt Anna Schmidt, A-1, Telefon: +49 30 123456",
     "create_contact first=Anna last=Schmidt phone='+49 30 123456' account=A-1"},
    {"de-DE", "Deal anlegen Verlängerung, A-3, 50.000,50 EUR, Abschluss 2027-01-15, Phase Angebot",
     "create_deal name=Verlängerung account=A-3 amount='50000.50 EUR' close=2027-01-15 stage=Angebot"},

    // ---- lists --------------------------------------------------------------
    {"en-US", "leads", "list kind=lead"},
    {"en-US", "leads mine", "list kind=lead mine"},
    {"en-US", "my leads", "list kind=lead mine"},
    {"en-US", "leads status contacted", "list kind=lead status=Contacted"},
    {"en-US", "qualified leads", "list kind=lead status=Qualified"},
    {"en-US", "new leads", "list kind=lead status=New"},
    {"en-US", "deals mine stage proposal", "list kind=deal mine stage=proposal"},
    {"en-US", "deals stage Needs Analysis mine", "list kind=deal mine stage='Needs Analysis'"},
    {"en-US", "deals open", "list kind=deal open"},
    {"en-US", "open deals", "list kind=deal open"},
    {"en-US", "won deals", "list kind=deal closed=won"},
    {"en-US", "deals closing this month", "list kind=deal closing=this_month"},
    {"en-US", "deals A-3", "list kind=deal account=A-3"},
    {"en-US", "contacts", "list kind=contact"},
    {"en-US", "contacts of account 3", "list kind=contact account=A-3"},
    {"en-US", "accounts", "list kind=account"},
    {"en-US", "leads page 2", "list kind=lead page=2"},
    {"en-US", "leads acme", "list kind=lead text=acme"},
    {"en-US", "list deals mine", "list kind=deal mine"},
    {"en-US", "more", "more"},
    {"en-US", "page 3", "more page=3"},
    {"es-ES", "mis oportunidades abiertas", "list kind=deal mine open"},
    {"es-ES", "leads estado contactado", "list kind=lead status=Contacted"},
    {"es-ES", "oportunidades que cierran este mes", "list kind=deal closing=this_month"},
    {"es-ES", "más", "more"},
    {"es-ES", "cuentas", "list kind=account"},
    {"fr-FR", "mes affaires ouvertes", "list kind=deal mine open"},
    {"fr-FR", "pistes statut contacté", "list kind=lead status=Contacted"},
    {"fr-FR", "opportunités étape Proposition", "list kind=deal stage=Proposition"},
    {"fr-FR", "plus", "more"},
    {"de-DE", "meine Deals", "list kind=deal mine"},
    {"de-DE", "Leads Status kontaktiert", "list kind=lead status=Contacted"},
    {"de-DE", "Verkaufschancen offen nächsten Monat", "list kind=deal open closing=next_month"},
    {"de-DE", "Kontakte", "list kind=contact"},
    {"de-DE", "mehr", "more"},

    // ---- search -------------------------------------------------------------
    {"en-US", "search acme", "search text=acme"},
    {"en-US", "find deal acme", "search text=acme kind=deal"},
    {"en-US", "search for Acme Corp", "search text='Acme Corp'"},
    {"es-ES", "buscar contactos García", "search text=García kind=contact"},
    {"fr-FR", "rechercher Société Générale", "search text='Société Générale'"},
    {"de-DE", "suchen Müller", "search text=Müller"},

    // ---- lead status --------------------------------------------------------
    {"en-US", "L-12 contacted", "status L-12 Contacted"},
    {"en-US", "status L-12 qualified", "status L-12 Qualified"},
    {"en-US", "qualify L-12", "status L-12 Qualified"},
    {"en-US", "disqualify L-12", "status L-12 Unqualified"},
    {"en-US", "mark L-3 as contacted", "status L-3 Contacted"},
    {"en-US", "lead 4 new", "status L-4 New"},
    {"es-ES", "L-12 contactado", "status L-12 Contacted"},
    {"es-ES", "estado L-12 calificado", "status L-12 Qualified"},
    {"es-ES", "nuevo L-12", "status L-12 New"},
    {"fr-FR", "L-12 qualifié", "status L-12 Qualified"},
    {"fr-FR", "qualifier L-12", "status L-12 Qualified"},
    {"de-DE", "L-12 kontaktiert", "status L-12 Contacted"},
    {"de-DE", "Status L-12 nicht qualifiziert", "status L-12 Unqualified"},

    // ---- convert ------------------------------------------------------------
    {"en-US", "convert L-12", "convert L-12"},
    {"en-US", "convert 12", "convert L-12"},
    {"en-US", "convert L-12 to A-3", "convert L-12 account=A-3"},
    {"en-US", "convert L-12 to Analytical Ltd", "convert L-12 new_account='Analytical Ltd'"},
    {"en-US", "convert L-12 with deal 25000 EUR", "convert L-12 deal=yes amount='25000.00 EUR'"},
    {"en-US", "convert L-12 with deal", "convert L-12 deal=yes"},
    {"en-US", "convert L-12 without deal", "convert L-12 deal=no"},
    {"en-US", "convert L-12 to account 3 with a deal of 25k", "convert L-12 account=A-3 deal=yes amount=25000.00"},
    {"es-ES", "convertir L-12 a A-3 con oportunidad de 25.000 EUR",
     "convert L-12 account=A-3 deal=yes amount='25000.00 EUR'"},
    {"es-ES", "convertir L-12 sin oportunidad", "convert L-12 deal=no"},
    {"fr-FR", "convertir L-12 vers A-3 sans affaire", "convert L-12 account=A-3 deal=no"},
    {"de-DE", "umwandeln L-12 mit Deal 25.000 €", "convert L-12 deal=yes amount='25000.00 EUR'"},
    {"de-DE", "L-12 konvertieren", "convert L-12"},

    // ---- pipeline moves -----------------------------------------------------
    {"en-US", "move D-7 to Proposal", "move D-7 stage=Proposal"},
    {"en-US", "D-7 stage negotiation", "move D-7 stage=negotiation"},
    {"en-US", "move deal Acme renewal to Needs Analysis", "move deal:'Acme renewal' stage='Needs Analysis'"},
    {"en-US", "move D-7 to the Proposal stage", "move D-7 stage=Proposal"},
    {"en-US", "move D-7 to won", "close D-7 won"},
    {"en-US", "won D-7", "close D-7 won"},
    {"en-US", "D-7 won", "close D-7 won"},
    {"en-US", "won 7", "close D-7 won"},
    {"en-US", "lost D-7", "close D-7 lost"},
    {"en-US", "unqualified D-7", "close D-7 unqualified"},
    {"en-US", "unqualified L-7", "status L-7 Unqualified"},
    {"en-US", "mark D-7 as lost", "close D-7 lost"},
    {"en-US", "reopen D-7", "reopen D-7"},
    {"en-US", "reopen D-7 to Proposal", "reopen D-7 stage=Proposal"},
    {"es-ES", "mover D-7 a Propuesta", "move D-7 stage=Propuesta"},
    {"es-ES", "ganada D-7", "close D-7 won"},
    {"es-ES", "D-7 perdido", "close D-7 lost"},
    {"es-ES", "reabrir D-7 a Negociación", "reopen D-7 stage=Negociación"},
    {"fr-FR", "déplacer D-7 vers Proposition", "move D-7 stage=Proposition"},
    {"fr-FR", "deplacer D-7 à Négociation", "move D-7 stage=Négociation"},
    {"fr-FR", "gagné D-7", "close D-7 won"},
    {"fr-FR", "D-7 perdue", "close D-7 lost"},
    {"fr-FR", "rouvrir D-7", "reopen D-7"},
    {"de-DE", "verschieben D-7 nach Angebot", "move D-7 stage=Angebot"},
    {"de-DE", "D-7 nach Verhandlung verschieben", "move D-7 stage=Verhandlung"},
    {"de-DE", "D-7 gewonnen", "close D-7 won"},
    {"de-DE", "verloren D-7", "close D-7 lost"},
    {"de-DE", "D-7 als verloren markieren", "close D-7 lost"},
    {"de-DE", "wiedereröffnen D-7 nach Angebot", "reopen D-7 stage=Angebot"},
    {"de-DE", "WIEDERERÖFFNEN d7", "reopen D-7"},
    {"de-DE", "wiedereroeffnen D-7", "reopen D-7"},

    // ---- comments -----------------------------------------------------------
    {"en-US", "comment D-7 Called the CFO, sending the quote", "comment D-7 'Called the CFO, sending the quote'"},
    {"en-US", "note L-3 Met at the fair; wants a demo.", "comment L-3 'Met at the fair; wants a demo.'"},
    {"en-US", "comment on D-7: budget approved", "comment D-7 'budget approved'"},
    {"en-US", "D-7 comment \"ask @Sam Lee about budget\"", "comment D-7 '\"ask @Sam Lee about budget\"'"},
    {"en-US", "comment deal Acme renewal: legal review next week", "comment deal:'Acme renewal' 'legal review next week'"},
    {"es-ES", "comentar D-7 Llamé al director financiero", "comment D-7 'Llamé al director financiero'"},
    {"fr-FR", "commenter D-7 Appelé le DAF", "comment D-7 'Appelé le DAF'"},
    {"de-DE", "Notiz L-3 Rückruf am Montag", "comment L-3 'Rückruf am Montag'"},

    // ---- primary contact and participants -----------------------------------
    {"en-US", "primary D-7 C-3", "primary D-7 C-3"},
    {"en-US", "contact D-7 C-3", "primary D-7 C-3"},
    {"en-US", "set primary contact of D-7 to C-3", "primary D-7 C-3"},
    {"en-US", "primary C-3 D-7", "primary D-7 C-3"},
    {"es-ES", "contacto principal D-7 C-3", "primary D-7 C-3"},
    {"de-DE", "Hauptkontakt D-7 C-3", "primary D-7 C-3"},
    {"en-US", "add C-4 to D-7 as CFO", "participant_add D-7 C-4 role=CFO"},
    {"en-US", "participant add D-7 C-4 CFO", "participant_add D-7 C-4 role=CFO"},
    {"en-US", "add C-4 to L-9", "participant_add L-9 C-4"},
    {"en-US", "add Grace Hopper to D-7 as IT director", "participant_add D-7 contact:'Grace Hopper' role='IT director'"},
    {"en-US", "remove C-4 from D-7", "participant_remove D-7 C-4"},
    {"es-ES", "añadir C-4 a D-7 como director financiero", "participant_add D-7 C-4 role='director financiero'"},
    {"es-ES", "quitar C-4 de D-7", "participant_remove D-7 C-4"},
    {"fr-FR", "ajouter C-4 à D-7 en tant que DAF", "participant_add D-7 C-4 role=DAF"},
    {"fr-FR", "retirer C-4 de D-7", "participant_remove D-7 C-4"},
    {"de-DE", "hinzufügen C-4 zu D-7 als Finanzchef", "participant_add D-7 C-4 role=Finanzchef"},
    {"de-DE", "entfernen C-4 von D-7", "participant_remove D-7 C-4"},

    // ---- following ----------------------------------------------------------
    {"en-US", "follow D-7", "follow target=D-7"},
    {"en-US", "follow D-7 for @Sam", "follow target=D-7 users=Sam"},
    {"en-US", "follow D-7 for @Sam Lee and @Dana", "follow target=D-7 users='Sam Lee,Dana'"},
    {"en-US", "follow deal D-1042 and notify Sam Lee", "follow target=D-1042 users='Sam Lee'"},
    {"en-US", "follow A-3", "follow target=A-3"},
    {"en-US", "follow Acme renewal", "follow target=any:'Acme renewal'"},
    {"en-US", "follow D-7 here", "follow target=D-7 here"},
    {"en-US", "follow pipeline here important only", "follow target=pipeline here important"},
    {"en-US", "follow D-7 important", "follow target=D-7 important"},
    {"en-US", "notifications", "notifications"},
    {"en-US", "notifications important", "notifications level=important"},
    {"en-US", "notifications off", "notifications level=muted"},
    {"en-US", "notifications daily digest Europe/Berlin", "notifications level=digest zone=Europe/Berlin"},
    {"en-US", "quiet hours 22:00-07:00 Europe/Berlin", "notifications quiet=1320-420 zone=Europe/Berlin"},
    {"en-US", "quiet hours 22-7", "notifications quiet=1320-420"},
    {"en-US", "quiet hours off", "notifications quiet_off"},
    {"es-ES", "notificaciones importantes", "notifications level=important"},
    {"es-ES", "horas de silencio 22:00 a 07:30 Europe/Madrid", "notifications quiet=1320-450 zone=Europe/Madrid"},
    {"fr-FR", "notifications aucune", "notifications level=muted"},
    {"fr-FR", "heures calmes 22h00 à 7h00", "notifications quiet=1320-420"},
    {"de-DE", "Benachrichtigungen wichtige", "notifications level=important"},
    {"de-DE", "Ruhezeiten 22:00 bis 07:00 Europe/Berlin", "notifications quiet=1320-420 zone=Europe/Berlin"},
    {"es-ES", "seguir embudo aquí solo importante", "follow target=pipeline here important"},
    {"fr-FR", "suivre le pipeline ici seulement l'important", "follow target=pipeline here important"},
    {"de-DE", "folgen Pipeline hier nur wichtig", "follow target=pipeline here important"},
    {"en-US", "unfollow D-7", "unfollow target=D-7"},
    {"en-US", "stop following the pipeline", "unfollow target=pipeline"},
    {"en-US", "follow pipeline", "follow target=pipeline"},
    {"en-US", "followers D-7", "followers D-7"},
    {"en-US", "followers pipeline", "followers pipeline"},
    {"en-US", "D-7 follow", "follow target=D-7"},
    {"es-ES", "seguir D-7 para @Sam", "follow target=D-7 users=Sam"},
    {"es-ES", "dejar de seguir D-7", "unfollow target=D-7"},
    {"es-ES", "seguir embudo", "follow target=pipeline"},
    {"es-ES", "seguidores D-7", "followers D-7"},
    {"fr-FR", "suivre D-7", "follow target=D-7"},
    {"fr-FR", "ne plus suivre D-7", "unfollow target=D-7"},
    {"fr-FR", "abonnés D-7", "followers D-7"},
    {"fr-FR", "suivre le pipeline ici", "follow target=pipeline here"},
    {"de-DE", "folgen D-7", "follow target=D-7"},
    {"de-DE", "D-7 folgen", "follow target=D-7"},
    {"de-DE", "entfolgen D-7", "unfollow target=D-7"},
    {"de-DE", "nicht mehr folgen D-7", "unfollow target=D-7"},
    {"de-DE", "Pipeline folgen", "follow target=pipeline"},
    {"de-DE", "Follower D-7", "followers D-7"},

    // ---- pipeline and timeline ----------------------------------------------
    {"en-US", "pipeline", "pipeline"},
    {"en-US", "my pipeline", "pipeline mine"},
    {"en-US", "pipeline mine", "pipeline mine"},
    {"en-US", "show pipeline", "pipeline"},
    {"en-US", "timeline D-7", "timeline D-7"},
    {"en-US", "history of D-7", "timeline D-7"},
    {"en-US", "D-7 history", "timeline D-7"},
    {"en-US", "timeline lead Ada Lovelace", "timeline lead:'Ada Lovelace'"},
    {"es-ES", "embudo", "pipeline"},
    {"es-ES", "mi embudo", "pipeline mine"},
    {"es-ES", "historial de D-7", "timeline D-7"},
    {"fr-FR", "historique D-7", "timeline D-7"},
    {"de-DE", "Verlauf D-7", "timeline D-7"},
    {"de-DE", "Pipeline", "pipeline"},

    // ---- word order and small words ------------------------------------------
    {"en-US", "my open deals", "list kind=deal mine open"},
    {"en-US", "the deals", "list kind=deal"},
    {"en-US", "can you show L-12", "show L-12"},
    {"en-US", "D-7 to Proposal", "move D-7 stage=Proposal"},
    {"en-US", "L-12 convert to A-3", "convert L-12 account=A-3"},
    {"en-US", "lead add \"Lovelace, Ada\", Analytical", "create_lead first=Ada last=Lovelace company=Analytical"},
    {"es-ES", "quiero ver L-12", "show L-12"},
    {"es-ES", "D-7 a Propuesta", "move D-7 stage=Propuesta"},
    {"es-ES", "agrega el contacto C-4 a la oportunidad 7 como CFO", "participant_add D-7 C-4 role=CFO"},
    {"fr-FR", "ajoute le contact C-4 à l'affaire 7 comme DAF", "participant_add D-7 C-4 role=DAF"},
    {"fr-FR", "convertir la piste 12 vers le compte 3 avec une affaire de 10 000 €",
     "convert L-12 account=A-3 deal=yes amount='10000.00 EUR'"},
    {"de-DE", "zeige meine offenen Deals", "list kind=deal mine open"},
    {"de-DE", "offene Deals", "list kind=deal open"},
    {"de-DE", "D-7 auf gewonnen setzen", "close D-7 won"},
    {"de-DE", "D-7 auf Angebot setzen", "move D-7 stage=Angebot"},
    {"de-DE", "Kontakt C-4 zu D-7 hinzufügen als CFO", "participant_add D-7 C-4 role=CFO"},
    {"de-DE", "füge C-4 zu D-7 hinzu", "participant_add D-7 C-4"},
    {"de-DE", "L-12 in Konto A-3 umwandeln", "convert L-12 account=A-3"},

    // ---- languages mixed, case and accents ignored --------------------------
    {"en-US", "mostrar L-12", "show L-12"},
    {"de-DE", "move D-7 to Proposal", "move D-7 stage=Proposal"},
    {"fr-FR", "FOLLOW d-7", "follow target=D-7"},
    {"es-ES", "deplacer D-7 vers Proposition", "move D-7 stage=Proposition"},
    {"en-US", "  show    L-12  ", "show L-12"},
    {"en-US", "Créer lead Ada", "create_lead last=Ada"},
};

}  // namespace

TEST_CASE("the grammar, table-driven across en, es, fr and de", "[parser]") {
    REQUIRE(std::size(kCases) >= 80);
    for (const auto& c : kCases) {
        INFO(c.locale << " | " << c.input);
        const auto result = parse(c.input, c.locale);
        if (!result.ok()) FAIL_CHECK("error: " << result.error().message);
        else CHECK(test::describe(result.command().action) == c.expected);
    }
}

TEST_CASE("`lead 42` shows lead L-42", "[parser]") {
    const auto result = parse("lead 42", "en-US");
    REQUIRE(result.ok());
    const auto* show = result.get<bot::commands::ShowRecord>();
    REQUIRE(show);
    REQUIRE(show->record.ref);
    CHECK(*show->record.ref == crm::RecordRef{crm::RecordKind::lead, 42});
    CHECK(bot::commands::action_name(result.command().action) == "show_record");
}

TEST_CASE("the answer language follows the locale, keywords do not", "[parser]") {
    using bot::commands::language_for_locale;
    CHECK(language_for_locale("es-ES") == Language::es);
    CHECK(language_for_locale("es-MX") == Language::es);
    CHECK(language_for_locale("fr-CA") == Language::fr);
    CHECK(language_for_locale("de-DE") == Language::de);
    CHECK(language_for_locale("de_AT") == Language::de);
    CHECK(language_for_locale("FR") == Language::fr);
    CHECK(language_for_locale("en-GB") == Language::en);
    CHECK(language_for_locale("it-IT") == Language::en);
    CHECK(language_for_locale("") == Language::en);

    // Spanish keywords from a German user: answered in German.
    const auto result = parse("mostrar L-12", "de-DE");
    REQUIRE(result.ok());
    CHECK(result.command().language == Language::de);
    CHECK(result.language == Language::de);
}

TEST_CASE("names keep their accents and case as typed", "[parser]") {
    const auto result = parse("crear lead Ñandú Ötzi-Ærøskøbing, Crème Brûlée & Cie", "es-ES");
    REQUIRE(result.ok());
    const auto* lead = result.get<bot::commands::CreateLead>();
    REQUIRE(lead);
    CHECK(lead->first_name == "Ñandú");
    CHECK(lead->last_name == "Ötzi-Ærøskøbing");
    CHECK(lead->company == "Crème Brûlée & Cie");

    const auto show = parse("show account Straße & Söhne", "de-DE");
    REQUIRE(show.get<bot::commands::ShowRecord>());
    CHECK(show.get<bot::commands::ShowRecord>()->record.name == "Straße & Söhne");
}

TEST_CASE("amounts in every notation become cents", "[parser]") {
    const std::pair<const char*, std::int64_t> amounts[] = {
        {"50000", 5'000'000},     {"50,000", 5'000'000},    {"50.000,50", 5'000'050}, {"50,000.50", 5'000'050},
        {"50000.5", 5'000'050},   {"50 000", 5'000'000},    {"12k", 1'200'000},       {"0.99", 99},
    };
    for (const auto& [text, cents] : amounts) {
        INFO(text);
        const auto result = parse(std::string("deal add Upsell, A-3, ") + text + " EUR", "de-DE");
        REQUIRE(result.ok());
        const auto* deal = result.get<bot::commands::CreateDeal>();
        REQUIRE(deal);
        REQUIRE(deal->amount);
        CHECK(deal->amount->cents == cents);
        CHECK(deal->amount->currency == "EUR");
    }
    // Without a currency the executor applies the tenant's default.
    const auto bare = parse("deal add Upsell, A-3, 50000", "en-US");
    REQUIRE(bare.get<bot::commands::CreateDeal>());
    CHECK(bare.get<bot::commands::CreateDeal>()->amount == crm::Money{5'000'000, ""});
}

TEST_CASE("expected close dates are calendar dates", "[parser]") {
    const auto result = parse("deal add Renewal, A-3, close: 2026-2-3", "en-US");
    REQUIRE(result.ok());
    const auto* deal = result.get<bot::commands::CreateDeal>();
    REQUIRE(deal);
    REQUIRE(deal->expected_close);
    CHECK(crm::to_iso(*deal->expected_close) == "2026-02-03");

    const auto leap = parse("deal add Renewal, A-3, 2028-02-29", "en-US");
    REQUIRE(leap.get<bot::commands::CreateDeal>());
    CHECK(crm::to_iso(*leap.get<bot::commands::CreateDeal>()->expected_close) == "2028-02-29");
}

TEST_CASE("known mentions keep their ids, typed ones only a name", "[parser]") {
    const std::vector<bot::commands::MentionedUser> mentions = {{"29:sam", "Sam Lee"}, {"29:dana", "Dana Park"}};
    const auto result = parse("follow D-7 for @Sam Lee and @Dana Park", "en-US", mentions);
    REQUIRE(result.ok());
    const auto* follow = result.get<bot::commands::Follow>();
    REQUIRE(follow);
    CHECK(follow->users == mentions);

    const auto typed = parse("follow D-7 for @Sam", "en-US");
    REQUIRE(typed.get<bot::commands::Follow>());
    CHECK(typed.get<bot::commands::Follow>()->users == std::vector<bot::commands::MentionedUser>{{"", "Sam"}});
}
