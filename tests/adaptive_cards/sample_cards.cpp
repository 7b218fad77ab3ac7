#include "sample_cards.hpp"

#include <algorithm>

namespace cards::samples {

using nlohmann::json;

crm::Timestamp at(int year, unsigned month, unsigned day, int hour, int minute) {
    using namespace std::chrono;
    return sys_days{std::chrono::year{year} / month / day} + hours{hour} + minutes{minute};
}

std::vector<crm::Stage> pipeline() {
    using K = crm::StageKind;
    return {
        {1, 1, "Prospecting", K::open, 10},  {2, 2, "Qualification", K::open, 25}, {3, 3, "Proposal", K::open, 50},
        {4, 4, "Negotiation", K::open, 75},  {5, 5, "Won", K::won, 100},           {6, 6, "Lost", K::lost, 0},
        {7, 7, "Unqualified", K::unqualified, 0},
    };
}

crm::Stage stage(const std::string& name) {
    auto all = pipeline();
    return *std::find_if(all.begin(), all.end(), [&](const auto& s) { return s.name == name; });
}

namespace {
crm::UserSummary sam() { return {1, "Sam Rivera"}; }
crm::UserSummary dana() { return {2, "Dana Weber"}; }
crm::RecordSummary contoso() { return {{crm::RecordKind::account, 3}, "Contoso", ""}; }
crm::RecordSummary grace() { return {{crm::RecordKind::contact, 3}, "Grace Hopper", "grace.hopper@contoso.com"}; }
}  // namespace

crm::Lead lead() {
    crm::Lead l;
    l.id = 112;
    l.number = 12;
    l.first_name = "Ada";
    l.last_name = "Lovelace";
    l.company = "Analytical Engines";
    l.email = "ada@analytical.example";
    l.phone = "+44 20 7946 0018";
    l.title = "Founder";
    l.source = "Web form";
    l.status = crm::LeadStatus::contacted;
    l.owner = sam();
    l.version = 3;
    l.created_at = at(2026, 11, 2, 9, 30);
    l.updated_at = at(2026, 11, 20, 16, 5);
    return l;
}

crm::Lead converted_lead() {
    crm::Lead l = lead();
    l.id = 109;
    l.number = 9;
    l.first_name = "Grace";
    l.last_name = "Hopper";
    l.company = "Contoso";
    l.email = "grace.hopper@contoso.com";
    l.status = crm::LeadStatus::qualified;
    l.converted_at = at(2026, 11, 18, 11, 0);
    l.converted_contact = grace();
    l.converted_account = contoso();
    l.converted_opportunity = crm::RecordSummary{{crm::RecordKind::opportunity, 7}, "Contoso renewal 2027", ""};
    return l;
}

crm::Contact contact() {
    crm::Contact c;
    c.id = 203;
    c.number = 3;
    c.first_name = "Grace";
    c.last_name = "Hopper";
    c.email = "grace.hopper@contoso.com";
    c.phone = "+1 425 555 0100";
    c.title = "CTO";
    c.account = contoso();
    c.owner = sam();
    c.version = 1;
    c.created_at = at(2026, 11, 18, 11, 0);
    c.updated_at = c.created_at;
    c.from_lead = crm::RecordRef{crm::RecordKind::lead, 9};
    return c;
}

crm::Account account() {
    crm::Account a;
    a.id = 303;
    a.number = 3;
    a.name = "Contoso";
    a.domain = "contoso.com";
    a.website = "https://www.contoso.com";
    a.industry = "Manufacturing";
    a.phone = "+1 425 555 0199";
    a.owner = sam();
    a.version = 2;
    a.created_at = at(2026, 11, 18, 11, 0);
    a.updated_at = a.created_at;
    return a;
}

crm::Opportunity deal() {
    crm::Opportunity o;
    o.id = 407;
    o.number = 7;
    o.name = "Contoso renewal 2027";
    o.account = contoso();
    o.primary_contact = grace();
    o.amount = crm::Money{1'250'000, "EUR"};
    o.expected_close = crm::Date{std::chrono::year{2026} / 12 / 3};
    o.stage = stage("Proposal");
    o.probability = 50;
    o.owner = sam();
    o.version = 5;
    o.created_at = at(2026, 11, 18, 11, 0);
    o.updated_at = at(2026, 11, 23, 10, 15);
    o.from_lead = crm::RecordRef{crm::RecordKind::lead, 9};
    return o;
}

std::vector<crm::Participant> participants() {
    return {
        {grace(), "CTO", at(2026, 11, 18, 11, 0)},  // the primary contact: not repeated
        {{{crm::RecordKind::contact, 4}, "Alan Turing", "alan.turing@contoso.com"}, "CFO", at(2026, 11, 19, 9, 0)},
        {{{crm::RecordKind::contact, 5}, "Edsger Dijkstra", "e.dijkstra+deals@contoso.com"}, "", at(2026, 11, 20, 9, 0)},
    };
}

std::vector<crm::Event> deal_events() {
    std::vector<crm::Event> events;
    // As the core logs them: a move also logs the stage's kind and the new probability.
    events.push_back({903, at(2026, 11, 23, 10, 15), sam(), "opportunity", 7, "stage_moved",
                      {{"stage", "Qualification", "Proposal"}, {"stage_kind", "open", "open"}, {"probability", "40", "50"}}});
    events.push_back({902, at(2026, 11, 21, 14, 40), dana(), "opportunity", 7, "updated",
                      {{"amount", "10000.00", "12500.00"}, {"expected_close", "2026-12-31", "2026-12-03"},
                       {"probability", "25", "40"}}});
    events.push_back({901, at(2026, 11, 18, 11, 0), std::nullopt, "opportunity", 7, "created", {}});
    return events;
}

CardContext context(Locale locale) { return {locale, 1, {"29:1sam-teams-id", "29:2dana-teams-id"}}; }

DealCardData deal_data() {
    return {deal(), pipeline(), contact(), participants(), {2, false}, deal_events()};
}

LeadCardData lead_data() {
    return {lead(), {1, true},
            {{801, at(2026, 11, 20, 16, 5), sam(), "lead", 12, "status_changed", {{"status", "New", "Contacted"}}}}};
}

namespace {

std::vector<crm::Lead> many_leads(int n, int first) {
    std::vector<crm::Lead> out;
    const char* names[] = {"Ada Lovelace", "Charles Babbage", "Hedy Lamarr", "Katherine Johnson", "Alan Kay"};
    for (int i = 0; i < n; ++i) {
        crm::Lead l = lead();
        l.number = first + i;
        std::string name = names[i % 5];
        l.first_name = name.substr(0, name.find(' '));
        l.last_name = name.substr(name.find(' ') + 1);
        l.status = static_cast<crm::LeadStatus>(i % 4);
        out.push_back(l);
    }
    return out;
}

std::vector<crm::Opportunity> some_deals() {
    crm::Opportunity a = deal();
    crm::Opportunity b = deal();
    b.number = 8;
    b.name = "Fabrikam *pilot* [phase 2]";  // Markdown in a name must show as typed
    b.account = {{crm::RecordKind::account, 5}, "Fabrikam", ""};
    b.amount = crm::Money{480'000, "USD"};
    b.stage = stage("Won");
    b.expected_close = std::nullopt;
    return {a, b};
}

crm::StageTotals totals(const std::string& name, int count, std::vector<crm::Money> total) {
    crm::StageTotals t{stage(name), count, total, {}};
    for (const auto& m : total) t.weighted.push_back({m.cents * t.stage.probability / 100, m.currency});
    return t;
}

}  // namespace

std::vector<std::pair<std::string, json>> all_cards(Locale locale) {
    const CardContext ctx = context(locale);
    std::vector<std::pair<std::string, json>> out;
    auto put = [&](std::string name, json card) { out.emplace_back(std::move(name), std::move(card)); };

    // Records
    crm::Lead new_lead = lead();
    new_lead.status = crm::LeadStatus::new_;
    put("lead_new", lead_card({new_lead, {}, {}}, ctx));
    crm::Lead qualified = lead();
    qualified.status = crm::LeadStatus::qualified;
    put("lead_qualified", lead_card({qualified, {1, true}, lead_data().recent_events}, ctx));
    put("lead_contacted", lead_card(lead_data(), ctx));
    put("lead_converted", lead_card({converted_lead(), {2, false}, {}}, ctx));
    put("contact", contact_card({contact(), {deal()}}, ctx));
    put("account", account_card({account(), {3, true}, {contact()}, {deal()}}, ctx));
    put("deal_open", deal_card(deal_data(), ctx));
    DealCardData won = deal_data();
    won.deal.stage = stage("Won");
    won.deal.probability = 100;
    won.deal.closed_at = at(2026, 11, 25, 17, 0);
    won.followers = {3, true};
    put("deal_won", deal_card(won, ctx));
    DealCardData lost = deal_data();
    lost.deal.stage = stage("Lost");
    lost.deal.probability = 0;
    lost.deal.closed_at = at(2026, 11, 25, 17, 0);
    lost.primary_contact = std::nullopt;
    lost.deal.primary_contact = std::nullopt;
    lost.participants.clear();
    lost.recent_events.clear();
    put("deal_lost", deal_card(lost, ctx));

    // Lists
    put("list_leads", list_card({many_leads(10, 1), 1, 0, true, "leads mine", "mine"}, ctx));
    put("list_deals", list_card({some_deals(), 2, 10, false, "deals open", "open"}, ctx));
    put("list_contacts_empty", list_card({std::vector<crm::Contact>{}, 1, 0, false, "", "account A-9"}, ctx));
    put("list_accounts", list_card({std::vector<crm::Account>{account()}, 1, 0, false, "", ""}, ctx));
    put("search", search_card({"conto", {converted_lead()}, {contact()}, {account()}, some_deals()}, ctx));
    put("pipeline", pipeline_card({{totals("Prospecting", 4, {{2'000'000, "EUR"}}),
                                    totals("Qualification", 3, {{1'500'000, "EUR"}, {480'000, "USD"}}),
                                    totals("Proposal", 2, {{2'500'000, "EUR"}}), totals("Negotiation", 0, {}),
                                    totals("Won", 5, {{9'000'000, "EUR"}}), totals("Lost", 2, {{700'000, "EUR"}}),
                                    totals("Unqualified", 1, {})},
                                   false,
                                   {4, false}},
                                  ctx));

    // Messages
    put("help", help_card(ctx));
    put("welcome_personal", welcome_card({true}, ctx));
    put("welcome_channel", welcome_card({false}, ctx));
    put("notification_stage_moved",
        notification_card({deal().ref(), deal().name, "Dana Weber", ChangeKind::stage_moved,
                           {{"stage", "Qualification", "Proposal"}, {"probability", "25", "50"}}, "",
                           at(2026, 11, 23, 10, 15)},
                          ctx));
    put("notification_won", notification_card({deal().ref(), deal().name, "Sam Rivera", ChangeKind::won,
                                                {{"stage", "Negotiation", "Won"}}, "", at(2026, 11, 25, 17, 0)},
                                               ctx));
    put("notification_comment",
        notification_card({lead().ref(), lead().display_name(), "Sam Rivera", ChangeKind::comment, {},
                           "Called her: **very** interested, wants a demo on Dec 3.", at(2026, 11, 24, 8, 45)},
                          ctx));
    put("notification_saved_message",
        notification_card({deal().ref(), deal().name, "Dana Weber", ChangeKind::comment,
                           {{"message_from", std::nullopt, "Sam Rivera"},
                            {"message_link", std::nullopt, "https://teams.microsoft.com/l/message/19:abc@thread.tacv2/1764003000123"}},
                           "Contoso confirmed the budget for Q1.", at(2026, 11, 24, 9, 5),
                           "https://teams.microsoft.com/l/message/19:abc@thread.tacv2/1764003000123"},
                          ctx));
    {
        DigestEntry moved{deal().ref(), deal().name, ChangeKind::stage_moved, "Negotiation", 3, 0};
        DigestEntry won{{crm::RecordKind::opportunity, 11}, "Fabrikam pilot", ChangeKind::won, "", 0, 1};
        DigestEntry commented{lead().ref(), lead().display_name(), ChangeKind::updated, "", 1, 2};
        put("digest", digest_card({{moved, won, commented}, at(2026, 11, 26, 8, 0)}, ctx));
    }
    put("notice_error", notice_card(NoticeKind::error, "I don't know the command \"dael\".", {"deal D-7", "deals mine"}, ctx));

    // Forms
    put("form_create_lead", create_lead_form({"f-create-lead-1", {}, {}}, ctx));
    put("form_create_lead_errors",
        create_lead_form({"f-create-lead-2",
                          {{"firstName", "Ada"}, {"lastName", ""}, {"company", "Analytical Engines"}, {"email", "ada@"}},
                          {{"lastName", "A lead needs a name or a company."}, {"email", "\"ada@\" is not an email address."}}},
                         ctx));
    put("form_edit_lead", edit_lead_form(lead(), {"f-edit-lead-1", {{"title", "Chief Engineer"}}, {}}, ctx));
    put("form_convert_lead", convert_lead_form({lead(), {{{crm::RecordKind::account, 3}, "Contoso", ""},
                                                          {{crm::RecordKind::account, 8}, "Analytical Engines Ltd", ""}},
                                                "EUR"},
                                               {"f-convert-1", {}, {}}, ctx));
    put("form_create_deal",
        create_deal_form({{contoso()}, {grace()}, pipeline(), "EUR"}, {"f-create-deal-1", {}, {}}, ctx));
    put("form_move_stage", move_stage_form(deal(), pipeline(), {"f-move-1", {}, {}}, ctx));
    put("form_add_comment", add_comment_form(deal().ref(), deal().name, {"f-comment-1", {}, {}}, ctx));
    put("form_add_participant",
        add_participant_form(deal(), {{{crm::RecordKind::contact, 4}, "Alan Turing", ""}}, {"f-part-1", {}, {}}, ctx));
    put("form_set_primary_contact",
        set_primary_contact_form(deal(), {grace(), {{crm::RecordKind::contact, 4}, "Alan Turing", ""}},
                                 {"f-primary-1", {}, {}}, ctx));
    const SaveMessageFormData message{"Sam Lee", at(2026, 11, 23, 10, 42),
                                      "Contoso confirmed the budget for Q1. *Legal* wants the DPA before signing.",
                                      {{{crm::RecordKind::opportunity, 7}, "Contoso renewal 2027", ""},
                                       {{crm::RecordKind::lead, 12}, "Ada Lovelace", ""}}};
    put("form_save_message", save_message_form(message, {"f-save-1", {}, {}}, ctx));
    put("form_save_message_errors",
        save_message_form(message, {"f-save-2", {{"remark", "Budget!"}}, {{"record", "Choose a lead or a deal."}}}, ctx));
    return out;
}

}  // namespace cards::samples
