#include "card_walk.hpp"
#include "sample_cards.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

using namespace cards;
using cards::testing::all_actions;
using cards::testing::all_text;
using cards::testing::find_action;
using nlohmann::json;

namespace {
// The strip's columns, with the text of each.
std::vector<json> strip_columns(const json& strip) { return strip["columns"].get<std::vector<json>>(); }
std::string column_text(const json& column) { return column["items"][0]["text"]; }
}  // namespace

TEST_CASE("every card is an Adaptive Card 1.5 with the schema", "[cards]") {
    for (auto locale : kAllLocales)
        for (const auto& [name, card] : samples::all_cards(locale)) {
            INFO(name);
            CHECK(card["type"] == "AdaptiveCard");
            CHECK(card["version"] == "1.5");
            CHECK(card["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json");
            CHECK(!card["body"].empty());
        }
}

TEST_CASE("record cards, lists and the pipeline are full width", "[cards]") {
    for (const auto& [name, card] : samples::all_cards(Locale::en)) {
        const bool wide = name.rfind("lead", 0) == 0 || name.rfind("deal", 0) == 0 || name.rfind("list", 0) == 0 ||
                          name == "contact" || name == "account" || name == "pipeline" || name == "search";
        if (!wide) continue;
        INFO(name);
        CHECK(card["msteams"]["width"] == "Full");
    }
}

TEST_CASE("no card has more than six primary actions", "[cards]") {
    for (auto locale : kAllLocales)
        for (const auto& [name, card] : samples::all_cards(locale)) {
            INFO(name);
            CHECK(testing::primary_actions(card) <= kMaxPrimaryActions);
        }
    // The open deal has more than six buttons: the rest go to the overflow menu.
    const json deal = deal_card(samples::deal_data(), samples::context(Locale::en));
    REQUIRE(deal["actions"].size() > 6);
    CHECK(deal["actions"][6]["mode"] == "secondary");
    CHECK(testing::primary_actions(deal) == 6);
}

TEST_CASE("every verb a card uses is in verbs.hpp, and record verbs carry the record", "[cards][verbs]") {
    for (auto locale : kAllLocales)
        for (const auto& [name, card] : samples::all_cards(locale))
            for (const auto& action : all_actions(card)) {
                INFO(name << ": " << action.dump());
                const std::string type = action["type"];
                // Dialogs (Save to CRM) submit with Action.Submit; every other card uses Universal Actions.
                const bool dialog = name.rfind("form_save_message", 0) == 0;
                CHECK((type == "Action.Execute" || type == "Action.OpenUrl" || (dialog && type == "Action.Submit")));
                if (type == "Action.Submit") CHECK(action["data"]["formId"].is_string());
                if (type != "Action.Execute") continue;
                const std::string verb = action["verb"];
                CHECK(std::find(verbs::kAll.begin(), verbs::kAll.end(), verb) != verbs::kAll.end());
                const json data = action.value("data", json::object());
                for (auto v : {verbs::kFollow, verbs::kUnfollow, verbs::kMarkWon, verbs::kMarkLost, verbs::kReopen,
                               verbs::kShow, verbs::kMoveStage, verbs::kRefreshCard, verbs::kEditLead,
                               verbs::kConvertLead, verbs::kAddComment, verbs::kAddParticipant, verbs::kSetPrimaryContact})
                    if (verb == v) CHECK(data.contains("record"));
                if (verb == verbs::kCommand) CHECK(data["text"].is_string());
                if (verb == verbs::kOpenForm) CHECK(data["form"].is_string());
                if (verb == verbs::kMore) CHECK((data.contains("list") && data.contains("page") && data.contains("offset")));
            }
}

TEST_CASE("the pipeline strip marks the current open stage", "[cards][pipeline]") {
    const auto columns = strip_columns(pipeline_strip(samples::pipeline(), samples::stage("Proposal"), Locale::en));
    REQUIRE(columns.size() == 4);  // the open stages only, left to right
    CHECK(column_text(columns[0]) == "✓ Prospecting");
    CHECK(column_text(columns[1]) == "✓ Qualification");
    CHECK(column_text(columns[2]) == "● Proposal");
    CHECK(columns[2]["style"] == "accent");
    CHECK(columns[2]["items"][0]["weight"] == "bolder");
    CHECK(column_text(columns[3]) == "Negotiation");
    CHECK(columns[3]["style"] == "emphasis");
}

TEST_CASE("the pipeline strip shows the closed outcome in its colour", "[cards][pipeline]") {
    struct Case {
        const char* stage;
        const char* color;
    };
    for (auto c : {Case{"Won", "good"}, Case{"Lost", "attention"}, Case{"Unqualified", "warning"}}) {
        INFO(c.stage);
        const auto columns = strip_columns(pipeline_strip(samples::pipeline(), samples::stage(c.stage), Locale::en));
        // The open stages as one line (it wraps between names, never inside one), then the outcome.
        REQUIRE(columns.size() == 2);
        CHECK(column_text(columns[0]) == "Prospecting › Qualification › Proposal › Negotiation");
        CHECK(columns[0]["style"] == "emphasis");
        CHECK(columns[0]["width"] == "stretch");
        CHECK(column_text(columns[1]) == c.stage);
        CHECK(columns[1]["style"] == c.color);
        CHECK(columns[1]["width"] == "auto");
        CHECK(columns[1]["items"][0]["color"] == c.color);
    }
}

TEST_CASE("pipeline stages are ordered by position, not by input order", "[cards][pipeline]") {
    auto stages = samples::pipeline();
    std::reverse(stages.begin(), stages.end());
    const auto columns = strip_columns(pipeline_strip(stages, samples::stage("Prospecting"), Locale::en));
    CHECK(column_text(columns[0]) == "● Prospecting");
    CHECK(column_text(columns[3]) == "Negotiation");
}

TEST_CASE("the viewer sees Follow or Unfollow", "[cards][follow]") {
    auto data = samples::deal_data();
    data.followers = {2, false};
    json card = deal_card(data, samples::context(Locale::en));
    CHECK(find_action(card, "follow") != nullptr);
    CHECK(find_action(card, "unfollow") == nullptr);
    CHECK((*find_action(card, "follow"))["data"]["record"] == "D-7");

    data.followers = {3, true};
    card = deal_card(data, samples::context(Locale::en));
    CHECK(find_action(card, "follow") == nullptr);
    CHECK(find_action(card, "unfollow") != nullptr);
    CHECK(all_text(card).find("3, including you") != std::string::npos);

    auto lead = samples::lead_data();
    lead.followers.viewer_follows = false;
    CHECK(find_action(lead_card(lead, samples::context(Locale::en)), "follow") != nullptr);
}

TEST_CASE("viewer-dependent cards refresh for at most 60 users", "[cards][follow]") {
    CardContext ctx = samples::context(Locale::en);
    ctx.refresh_user_ids.clear();
    for (int i = 0; i < 100; ++i) ctx.refresh_user_ids.push_back("29:user" + std::to_string(i));
    const json card = deal_card(samples::deal_data(), ctx);
    CHECK(card["refresh"]["action"]["type"] == "Action.Execute");
    CHECK(card["refresh"]["action"]["verb"] == "refreshCard");
    CHECK(card["refresh"]["action"]["data"]["record"] == "D-7");
    CHECK(card["refresh"]["userIds"].size() == 60);
    CHECK(card["refresh"]["userIds"][0] == "29:user0");
    CHECK(lead_card(samples::lead_data(), ctx)["refresh"]["userIds"].size() == 60);
}

TEST_CASE("a converted lead is read-only", "[cards][lead]") {
    const json card = lead_card({samples::converted_lead(), {}, {}}, samples::context(Locale::en));
    for (const auto& action : all_actions(card)) {
        INFO(action.dump());
        const std::string verb = action.value("verb", "");
        const json data = action.value("data", json::object());
        CHECK(data.value("form", "") != "editLead");
        CHECK(data.value("form", "") != "convertLead");
        CHECK(data.value("form", "") != "addComment");
        const std::string text = data.value("text", "");
        CHECK(text.find("qualify") == std::string::npos);
        CHECK(text.find("contacted") == std::string::npos);
    }
    // Where it went instead.
    CHECK(find_action(card, "show") != nullptr);
    CHECK(all_text(card).find("D-7 Contoso renewal 2027") != std::string::npos);
    CHECK(all_text(card).find("Converted on Nov 18, 2026") != std::string::npos);

    const json open = lead_card(samples::lead_data(), samples::context(Locale::en));
    const auto* edit = find_action(open, "openForm");
    REQUIRE(edit != nullptr);
}

TEST_CASE("only a qualified lead offers Convert", "[cards][lead]") {
    auto data = samples::lead_data();
    auto forms_of = [&] {
        std::vector<std::string> forms;
        const json card = lead_card(data, samples::context(Locale::en));
        for (const auto& a : card["actions"])
            if (a.value("verb", "") == "openForm") forms.push_back(a["data"]["form"]);
        return forms;
    };
    const auto contacted = forms_of();
    CHECK(std::count(contacted.begin(), contacted.end(), "convertLead") == 0);
    data.lead.status = crm::LeadStatus::qualified;
    const auto qualified = forms_of();
    CHECK(std::count(qualified.begin(), qualified.end(), "convertLead") == 1);
}

TEST_CASE("the deal's Email button mails the contact with the others on cc", "[cards][deal]") {
    const json card = deal_card(samples::deal_data(), samples::context(Locale::en));
    const json* email = nullptr;
    for (const auto& a : card["actions"])
        if (a["type"] == "Action.OpenUrl") email = &a;
    REQUIRE(email != nullptr);
    CHECK((*email)["title"] == "Email");
    CHECK((*email)["url"] ==
          "mailto:grace.hopper@contoso.com?cc=alan.turing@contoso.com,e.dijkstra%2Bdeals@contoso.com"
          "&subject=Contoso%20renewal%202027");
    // The primary contact is shown once, not again among the other participants.
    const std::string text = all_text(card);
    CHECK(text.find("C-3 Grace Hopper") != std::string::npos);
    CHECK(text.find("C-4 Alan Turing · CFO") != std::string::npos);
    CHECK(text.find("€12,500.00") != std::string::npos);
    CHECK(text.find("Dec 3, 2026") != std::string::npos);
}

TEST_CASE("a closed deal offers Reopen instead of moving", "[cards][deal]") {
    auto data = samples::deal_data();
    data.deal.stage = samples::stage("Lost");
    const json card = deal_card(data, samples::context(Locale::en));
    CHECK(find_action(card, "reopen") != nullptr);
    CHECK(find_action(card, "markWon") == nullptr);
    CHECK(find_action(card, "markLost") == nullptr);
}

TEST_CASE("user-entered Markdown cannot change the layout", "[cards][text]") {
    auto data = samples::deal_data();
    data.deal.name = "**Big** [deal](http://x.example)";
    const std::string text = all_text(deal_card(data, samples::context(Locale::en)));
    CHECK(text.find("\\*\\*Big\\*\\* \\[deal\\]\\(http://x.example\\)") != std::string::npos);
    CHECK(text.find("**Big**") == std::string::npos);
}

TEST_CASE("cards speak the viewer's language", "[cards][locale]") {
    const std::string de = all_text(deal_card(samples::deal_data(), samples::context(Locale::de)));
    CHECK(de.find("12.500,00\u00A0€") != std::string::npos);
    CHECK(de.find("3. Dez. 2026") != std::string::npos);
    CHECK(de.find("Verkaufschance · D-7") != std::string::npos);
    const json es = deal_card(samples::deal_data(), samples::context(Locale::es));
    CHECK(testing::action_titles(es)[0] == "Cambiar etapa");
    const json fr = lead_card(samples::lead_data(), samples::context(Locale::fr));
    CHECK(all_text(fr).find("Contacté") != std::string::npos);
}

TEST_CASE("lists page instead of growing", "[cards][list][size]") {
    std::vector<crm::Lead> leads;
    for (int i = 1; i <= 1000; ++i) {
        crm::Lead l = samples::lead();
        l.number = i;
        leads.push_back(l);
    }
    const json card = list_card({leads, 1, 0, true, "leads mine", "mine"}, samples::context(Locale::en));
    CHECK(card.dump().size() <= kMaxCardBytes);
    const auto* more = find_action(card, "more");
    REQUIRE(more != nullptr);
    CHECK((*more)["data"]["list"] == "leads");
    CHECK((*more)["data"]["page"] == 2);
    CHECK((*more)["data"]["offset"] == static_cast<int>(kMaxListItems));
    CHECK((*more)["data"]["filter"] == "leads mine");
}

TEST_CASE("huge field values still give cards under 80 KB", "[cards][size]") {
    const std::string huge(5000, 'x');
    const std::string huge_md = std::string(2500, '*') + std::string(2500, '_');  // doubles when escaped
    crm::Lead lead = samples::lead();
    lead.first_name = lead.last_name = lead.company = lead.title = lead.source = huge;
    lead.email = huge + "@example.com";
    lead.phone = huge_md;
    const CardContext ctx = samples::context(Locale::en);
    CHECK(lead_card({lead, {}, {}}, ctx).dump().size() <= kMaxCardBytes);
    CHECK(edit_lead_form(lead, {"f", {}, {}}, ctx).dump().size() <= kMaxCardBytes);

    std::vector<crm::Lead> leads(1000, lead);
    const json list = list_card({leads, 1, 0, false, "", huge}, ctx);
    CHECK(list.dump().size() <= kMaxCardBytes);
    CHECK(find_action(list, "more") != nullptr);  // what did not fit is on the next page

    auto deal = samples::deal_data();
    deal.deal.name = huge_md;
    deal.deal.stage.name = huge;
    for (auto& s : deal.pipeline) s.name = huge_md;
    for (int i = 0; i < 200; ++i) deal.participants.push_back({{{crm::RecordKind::contact, 100 + i}, huge, huge}, huge, {}});
    for (auto& e : deal.recent_events) e.changes.assign(50, {huge, huge, huge});
    for (int i = 0; i < 100; ++i) deal.recent_events.push_back(deal.recent_events.front());
    CHECK(deal_card(deal, ctx).dump().size() <= kMaxCardBytes);

    std::vector<crm::FieldChange> changes(500, {huge, huge_md, huge_md});
    CHECK(notification_card({{crm::RecordKind::opportunity, 7}, huge, huge, ChangeKind::comment, changes, huge + huge, {}},
                            ctx)
              .dump()
              .size() <= kMaxCardBytes);

    SearchCardData search{huge, leads, {}, {}, {}};
    CHECK(search_card(search, ctx).dump().size() <= kMaxCardBytes);
}

TEST_CASE("every sample card is under 80 KB", "[cards][size]") {
    for (auto locale : kAllLocales)
        for (const auto& [name, card] : samples::all_cards(locale)) {
            INFO(name);
            CHECK(card.dump().size() <= kMaxCardBytes);
        }
}

namespace {
std::string activity(const std::vector<crm::Event>& events, Locale locale, std::optional<crm::Money> amount = crm::Money{0, "EUR"}) {
    auto data = samples::deal_data();
    data.deal.amount = amount;
    data.recent_events = events;
    return all_text(deal_card(data, samples::context(locale)));
}
crm::Event event(std::string action, std::vector<crm::FieldChange> changes) {
    return {1, samples::at(2026, 11, 21, 14, 40), crm::UserSummary{2, "Dana Weber"}, "opportunity", 7, std::move(action),
            std::move(changes)};
}
}  // namespace

TEST_CASE("recent activity writes amounts, dates and percentages as the reader does", "[cards][activity]") {
    const std::string en = all_text(deal_card(samples::deal_data(), samples::context(Locale::en)));
    CHECK(en.find("updated: Amount €10,000.00 → €12,500.00; Expected close Dec 31, 2026 → Dec 3, 2026; "
                  "Probability 25% → 40%") != std::string::npos);
    CHECK(en.find("10000.00") == std::string::npos);
    CHECK(en.find("2026-12") == std::string::npos);
    const std::string de = all_text(deal_card(samples::deal_data(), samples::context(Locale::de)));
    CHECK(de.find("Betrag 10.000,00\u00A0€ → 12.500,00\u00A0€; Voraussichtlicher Abschluss 31. Dez. 2026 → 3. Dez. 2026; "
                  "Wahrscheinlichkeit 25\u00A0% → 40\u00A0%") != std::string::npos);

    // The event's own currency wins over the deal's, and is not repeated as a change of its own.
    const std::string switched = activity({event("updated", {{"amount", "10000.00", "12500.00"}, {"currency", "EUR", "USD"}})},
                                          Locale::en);
    CHECK(switched.find("updated: Amount €10,000.00 → $12,500.00\n") != std::string::npos);
    CHECK(switched.find("Currency") == std::string::npos);
    // An amount logged with its currency; one without any, on a deal without an amount: a plain number.
    CHECK(activity({event("created", {{"amount", std::nullopt, "12500.00 USD"}})}, Locale::fr, std::nullopt)
              .find("créé: Montant 12\u202F500,00\u00A0$US") != std::string::npos);
    CHECK(activity({event("updated", {{"amount", "10000.00", "12500.5"}})}, Locale::en, std::nullopt)
              .find("Amount 10,000.00 → 12,500.50") != std::string::npos);
}

TEST_CASE("recent activity hides what only repeats or means nothing to a reader", "[cards][activity]") {
    // stage_kind repeats the stage; owner ids show as "Owner" only.
    const std::string text = activity({event("updated", {{"owner_id", "1", "2"}, {"name", "A", "B"}}),
                                       event("stage_moved", {{"stage", "Proposal", "Won"}, {"stage_kind", "open", "won"}})},
                                      Locale::en);
    CHECK(text.find("stage_kind") == std::string::npos);
    CHECK(text.find("won") == std::string::npos);
    CHECK(text.find("updated: Owner; Name A → B") != std::string::npos);
    CHECK(text.find("1 → 2") == std::string::npos);
}

TEST_CASE("recent activity does not name the field the action already names", "[cards][activity]") {
    const std::string en = all_text(deal_card(samples::deal_data(), samples::context(Locale::en)));
    CHECK(en.find("stage moved: Qualification → Proposal; Probability 40% → 50%") != std::string::npos);
    const std::string lead = all_text(lead_card(samples::lead_data(), samples::context(Locale::en)));
    CHECK(lead.find("status changed: New → Contacted") != std::string::npos);
    const std::string es = all_text(lead_card(samples::lead_data(), samples::context(Locale::es)));
    CHECK(es.find("estado cambiado: Nuevo → Contactado") != std::string::npos);
    CHECK(activity({event("reopened", {{"stage", "Lost", "Proposal"}})}, Locale::de).find("wieder geöffnet: Lost → Proposal") !=
          std::string::npos);
    // Another field first keeps every name.
    CHECK(activity({event("stage_moved", {{"probability", "40", "50"}, {"stage", "A", "B"}})}, Locale::en)
              .find("stage moved: Probability 40% → 50%; Stage A → B") != std::string::npos);
}

TEST_CASE("notifications format their changes like the activity lines", "[cards][activity]") {
    const std::string text = all_text(notification_card(
        {samples::deal().ref(), samples::deal().name, "Dana Weber", ChangeKind::stage_moved,
         {{"stage", "Qualification", "Proposal"}, {"stage_kind", "open", "open"}, {"probability", "25", "50"}, {"owner_id", "1", "2"}},
         "", samples::at(2026, 11, 23, 10, 15)},
        samples::context(Locale::en)));
    CHECK(text.find("25% → **50%**") != std::string::npos);
    CHECK(text.find("stage_kind") == std::string::npos);
    CHECK(text.find("Owner\n(changed)") != std::string::npos);
}

TEST_CASE("list rows give the number a fixed width so the names line up", "[cards][list]") {
    for (const auto& name : {"list_leads", "list_deals", "search"})
        for (const auto& [sample, card] : samples::all_cards(Locale::en)) {
            if (sample != name) continue;
            INFO(name);
            int rows = 0;
            for (const auto& e : card["body"])
                if (e.contains("selectAction")) {
                    ++rows;
                    CHECK(e["columns"][0]["width"] == "64px");
                }
            CHECK(rows > 1);
        }
}

TEST_CASE("no card text has backticks: Teams shows no inline code", "[cards][text]") {
    for (auto locale : kAllLocales)
        for (const auto& [name, card] : samples::all_cards(locale)) {
            INFO(name);
            CHECK(all_text(card).find('`') == std::string::npos);
        }
    // Commands in the help card are monospace lines.
    const json help = help_card(samples::context(Locale::en));
    int monospace = 0;
    testing::each_object(help, [&](const json& o) {
        if (o.value("fontType", "") == "Monospace") ++monospace;
    });
    CHECK(monospace > 10);
    CHECK(all_text(help).find("move D-7 to Proposal\n") != std::string::npos);
    // The bot's notices may quote commands as code.
    const json notice = notice_card(NoticeKind::info, "Type `help` or ``deal `D-7` ``.", {}, samples::context(Locale::en));
    CHECK(all_text(notice) == "Type **help** or **deal \\`D-7\\`**.\n");
    json card = help_card(samples::context(Locale::en));
    prepend_notice(card, NoticeKind::success, "Done: `won D-7`");
    CHECK(card["body"][0]["text"] == "Done: **won D-7**");
}
