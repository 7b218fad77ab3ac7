#include "card_walk.hpp"
#include "sample_cards.hpp"

#include <catch2/catch.hpp>

using namespace cards;
using nlohmann::json;

namespace {

std::vector<json> inputs(const json& card) {
    std::vector<json> out;
    testing::each_object(card, [&](const json& o) {
        if (o.value("type", "").rfind("Input.", 0) == 0) out.push_back(o);
    });
    return out;
}

// The body element right after the input with this id.
const json* after_input(const json& card, const std::string& id) {
    const auto& body = card["body"];
    for (std::size_t i = 0; i + 1 < body.size(); ++i)
        if (body[i].value("id", "") == id) return &body[i + 1];
    return nullptr;
}

const json& input(const json& card, const std::string& id) {
    for (const auto& e : card["body"])
        if (e.value("id", "") == id) return e;
    throw std::runtime_error("no input " + id);
}

}  // namespace

TEST_CASE("every form input has an id and a label, required ones say why", "[forms]") {
    for (auto locale : kAllLocales)
        for (const auto& [name, card] : samples::all_cards(locale)) {
            if (name.rfind("form_", 0) != 0) continue;
            INFO(name);
            const auto list = inputs(card);
            CHECK(!list.empty());
            for (const auto& in : list) {
                INFO(in.dump());
                CHECK(!in.value("id", "").empty());
                CHECK(!in.value("label", "").empty());
                if (in.value("isRequired", false)) CHECK(!in.value("errorMessage", "").empty());
            }
        }
}

TEST_CASE("every drop-down says what to choose while empty", "[forms]") {
    for (auto locale : kAllLocales)
        for (const auto& [name, card] : samples::all_cards(locale))
            for (const auto& in : inputs(card)) {
                if (in["type"] != "Input.ChoiceSet") continue;
                INFO(name << ": " << in.dump());
                CHECK(!in.value("placeholder", "").empty());
            }
    const CardContext de = samples::context(Locale::de);
    CHECK(input(move_stage_form(samples::deal(), samples::pipeline(), {"m", {}, {}}, de), "stage")["placeholder"] ==
          "Phase auswählen");
    const json deal = create_deal_form({{}, {{{crm::RecordKind::contact, 3}, "Grace Hopper", ""}}, samples::pipeline(), "EUR"},
                                       {"d", {}, {}}, samples::context(Locale::en));
    CHECK(input(deal, "primaryContact")["placeholder"] == "Choose a contact (optional)");
    CHECK(input(create_lead_form({"l", {}, {}}, samples::context(Locale::fr)), "email")["placeholder"] == "nom@entreprise.fr");
}

TEST_CASE("forms carry their idempotency key and record in the submit data", "[forms]") {
    const CardContext ctx = samples::context(Locale::en);
    const json edit = edit_lead_form(samples::lead(), {"form-123", {}, {}}, ctx);
    REQUIRE(edit["actions"].size() == 1);
    CHECK(edit["actions"][0]["type"] == "Action.Execute");
    CHECK(edit["actions"][0]["verb"] == "editLead");
    CHECK(edit["actions"][0]["data"] == json{{"formId", "form-123"}, {"record", "L-12"}});
    const json create = create_lead_form({"form-9", {}, {}}, ctx);
    CHECK(create["actions"][0]["data"] == json{{"formId", "form-9"}});
    const json move = move_stage_form(samples::deal(), samples::pipeline(), {"m-1", {}, {}}, ctx);
    CHECK(move["actions"][0]["verb"] == "moveStage");  // the bot's existing verb: data.stage comes from the input
    CHECK(input(move, "stage")["isRequired"] == true);
}

TEST_CASE("a form shows each error under its own field and keeps the input", "[forms]") {
    const json card = create_lead_form({"f-2",
                                        {{"firstName", "Ada"}, {"company", "Analytical **Engines**"}, {"email", "ada@"}},
                                        {{"lastName", "A lead needs a name."}, {"email", "Not an email address."}}},
                                       samples::context(Locale::en));
    // Kept input, exactly as typed (inputs are plain text, not Markdown).
    CHECK(input(card, "firstName")["value"] == "Ada");
    CHECK(input(card, "company")["value"] == "Analytical **Engines**");
    CHECK(input(card, "email")["value"] == "ada@");
    CHECK(!input(card, "lastName").contains("value"));

    const json* last = after_input(card, "lastName");
    REQUIRE(last != nullptr);
    CHECK((*last)["type"] == "TextBlock");
    CHECK((*last)["color"] == "attention");
    CHECK((*last)["text"] == "A lead needs a name.");
    const json* email = after_input(card, "email");
    REQUIRE(email != nullptr);
    CHECK((*email)["text"] == "Not an email address.");
    // Fields without an error are followed by the next input, not by an error.
    CHECK(after_input(card, "firstName")->value("type", "") == "Input.Text");
    // And a line at the top says something is wrong.
    CHECK(card["body"][1]["color"] == "attention");
}

TEST_CASE("kept input wins over the record's values when editing", "[forms]") {
    const json card = edit_lead_form(samples::lead(), {"f", {{"title", "Chief Engineer"}}, {}}, samples::context(Locale::en));
    CHECK(input(card, "title")["value"] == "Chief Engineer");
    CHECK(input(card, "lastName")["value"] == "Lovelace");
}

TEST_CASE("the convert form offers the candidate accounts or a new one", "[forms]") {
    const json card = convert_lead_form({samples::lead(), {{{crm::RecordKind::account, 3}, "Contoso", ""}}, "EUR"},
                                        {"f", {{"dealAmount", "25000"}, {"account", "new"}}, {}},
                                        samples::context(Locale::en));
    const json& account = input(card, "account");
    CHECK(account["type"] == "Input.ChoiceSet");
    REQUIRE(account["choices"].size() == 2);
    CHECK(account["choices"][0] == json{{"title", "A-3 Contoso"}, {"value", "A-3"}});
    CHECK(account["choices"][1]["value"] == "new");
    CHECK(account["value"] == "new");  // kept
    CHECK(input(card, "newAccountName")["value"] == "Analytical Engines");
    CHECK(input(card, "dealAmount")["value"] == 25000.0);
    CHECK(input(card, "dealCurrency")["value"] == "EUR");
}

TEST_CASE("a kept value that is not valid for the input is dropped, not shown wrong", "[forms]") {
    const CreateDealFormData data{{}, {}, samples::pipeline(), "EUR"};
    const json card = create_deal_form(
        data, {"f", {{"amount", "lots"}, {"expectedClose", "tomorrow"}, {"stage", "Nowhere"}}, {{"amount", "Not a number."}}},
        samples::context(Locale::en));
    CHECK(!input(card, "amount").contains("value"));
    CHECK(!input(card, "expectedClose").contains("value"));
    CHECK(input(card, "stage")["value"] == "Prospecting");  // the default, not the unknown stage
    CHECK((*after_input(card, "amount"))["text"] == "Not a number.");
    // Only open stages are offered for a new deal.
    CHECK(input(card, "stage")["choices"].size() == 4);
}

TEST_CASE("the move form offers every stage but the current one", "[forms]") {
    const json card = move_stage_form(samples::deal(), samples::pipeline(), {"f", {}, {}}, samples::context(Locale::en));
    const auto& choices = input(card, "stage")["choices"];
    CHECK(choices.size() == 6);
    for (const auto& c : choices) CHECK(c["value"] != "Proposal");
}
