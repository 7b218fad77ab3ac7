#include "app/card_actions.hpp"

#include "commands/command_parser.hpp"

#include <adaptive_cards/forms.hpp>
#include <adaptive_cards/verbs.hpp>

#include <random>

namespace bot::app {

namespace {
namespace verbs = cards::verbs;
namespace field = cards::field;
using commands::RecordSelector;
using crm::RecordKind;

constexpr std::int32_t kChoices = 50;  // accounts or contacts offered in a form's drop-down

// A value of the card's data as text: inputs arrive as strings, numbers from
// older clients as numbers.
std::string text(const nlohmann::json& data, std::string_view key) {
    if (!data.is_object()) return {};
    auto it = data.find(std::string(key));
    if (it == data.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
    if (it->is_number()) return it->dump();
    return {};
}

std::optional<std::string> given(const nlohmann::json& data, std::string_view key) {
    if (!data.is_object() || !data.contains(std::string(key))) return std::nullopt;
    return text(data, key);
}

std::optional<std::string> non_empty(std::string value) {
    if (value.empty()) return std::nullopt;
    return value;
}

std::optional<crm::RecordRef> ref_of(const nlohmann::json& data, std::string_view key, RecordKind kind) {
    auto ref = crm::RecordRef::parse(text(data, key));
    if (!ref || ref->kind != kind) return std::nullopt;
    return ref;
}

// The form that a submit verb comes from.
std::string_view form_of(std::string_view verb) {
    if (verb == verbs::kCreateLead) return cards::forms::kCreateLead;
    if (verb == verbs::kEditLead) return cards::forms::kEditLead;
    if (verb == verbs::kConvertLead) return cards::forms::kConvertLead;
    if (verb == verbs::kCreateDeal) return cards::forms::kCreateDeal;
    if (verb == verbs::kAddComment || verb == verbs::kComment) return cards::forms::kAddComment;
    if (verb == verbs::kAddParticipant) return cards::forms::kAddParticipant;
    if (verb == verbs::kSetPrimaryContact) return cards::forms::kSetPrimaryContact;
    if (verb == verbs::kMoveStage) return cards::forms::kMoveStage;
    return {};
}

// The input that shows a core validation error about `core_field`.
std::string input_for(std::string_view core_field, std::string_view verb) {
    static const std::pair<std::string_view, std::string_view> kInputs[] = {
        {"first_name", field::kFirstName}, {"last_name", field::kLastName}, {"company", field::kCompany},
        {"email", field::kEmail},          {"phone", field::kPhone},        {"title", field::kTitle},
        {"source", field::kSource},        {"account_name", field::kNewAccountName},
        {"opportunity_name", field::kDealName}, {"expected_close", field::kExpectedClose},
        {"stage", field::kStage},          {"body", field::kText},          {"contact", field::kContact},
        {"role", field::kRole},            {"name", field::kName},          {"account", field::kAccount},
    };
    if (core_field == "amount" || core_field == "currency")
        return std::string(verb == verbs::kConvertLead ? (core_field == "amount" ? field::kDealAmount : field::kDealCurrency)
                                                        : (core_field == "amount" ? field::kAmount : field::kCurrency));
    for (auto [core, input] : kInputs)
        if (core == core_field) return std::string(input);
    return {};
}

std::optional<crm::Money> money_of(const std::string& amount, const std::string& currency) {
    auto cents = crm::Money::parse_amount(amount);
    if (!cents) return std::nullopt;
    return crm::Money{*cents, currency};
}

// The record a reply shows, if any: what a completed form produced.
std::optional<crm::RecordRef> shown_record(const Reply& reply) {
    if (auto* v = std::get_if<LeadView>(&reply.body)) return v->lead.ref();
    if (auto* v = std::get_if<DealView>(&reply.body)) return v->deal.ref();
    if (auto* v = std::get_if<ContactView>(&reply.body)) return v->contact.ref();
    if (auto* v = std::get_if<AccountView>(&reply.body)) return v->account.ref();
    return std::nullopt;
}

bool failed(const Reply& reply) { return reply.notice && reply.notice->kind == Notice::Kind::error; }

Reply error_reply(commands::Language language, std::string message) {
    return Reply{language, Notice{Notice::Kind::error, std::move(message), {}}, {}};
}
}  // namespace

std::string new_form_id() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                  static_cast<unsigned long long>(rng()));
    return buf;
}

std::optional<Reply> CardActions::handle(const TurnContext& turn, commands::Language language, std::string_view verb,
                                         const nlohmann::json& data) {
    auto run = [&](commands::Action action) { return executor_.execute(turn, {std::move(action), language}); };
    auto record_selector = [&]() -> std::optional<RecordSelector> {
        auto ref = crm::RecordRef::parse(text(data, "record"));
        if (!ref) return std::nullopt;
        return RecordSelector::of(*ref);
    };

    if (verb == verbs::kShow || verb == verbs::kRefreshCard) {
        auto ref = crm::RecordRef::parse(text(data, "record"));
        if (!ref) return error_reply(language, "This card does not say which record it shows.");
        return executor_.show(turn, language, *ref);
    }
    if (verb == verbs::kFollow || verb == verbs::kUnfollow) {
        std::optional<RecordSelector> record;
        if (text(data, "record") != "pipeline") {
            record = record_selector();
            if (!record) return error_reply(language, "This card does not say what to follow.");
        }
        if (verb == verbs::kFollow) return run(commands::Follow{record, {}, false});
        return run(commands::Unfollow{record, {}, false});
    }
    if (verb == verbs::kMarkWon || verb == verbs::kMarkLost || verb == verbs::kReopen) {
        auto deal = record_selector();
        if (!deal) return error_reply(language, "This card does not say which deal.");
        if (verb == verbs::kReopen) return run(commands::ReopenDeal{*deal, std::nullopt});
        return run(commands::CloseDeal{*deal, verb == verbs::kMarkWon ? crm::StageKind::won : crm::StageKind::lost});
    }
    if (verb == verbs::kCommand) {
        auto parsed = commands::parse(text(data, "text"), std::string_view{});
        if (!parsed.ok()) return CommandExecutor::parse_error(parsed.error(), language);
        return executor_.execute(turn, parsed.command());
    }
    if (verb == verbs::kMore) {
        auto page = std::atoi(text(data, "page").c_str());
        return run(commands::MoreResults{page > 0 ? std::optional(page) : std::nullopt});
    }
    if (verb == verbs::kOpenForm) {
        std::string form = text(data, "form");
        if (form_of(form).empty() && form != cards::forms::kCreateLead)
            return error_reply(language, "This form is not known: " + form);
        return open_form(turn, language, form, crm::RecordRef::parse(text(data, "record")));
    }
    if (!form_of(verb).empty()) return submit(turn, language, verb, data);
    return std::nullopt;
}

Reply CardActions::submit(const TurnContext& turn, commands::Language language, std::string_view verb,
                          const nlohmann::json& data) {
    // Check what the core cannot (references, numbers, dates), and build the command.
    std::map<std::string, std::string> errors;
    auto need = [&](std::string_view input, bool ok, std::string message) {
        if (!ok && !errors.contains(std::string(input))) errors[std::string(input)] = std::move(message);
    };
    std::optional<commands::Action> action;
    auto record = crm::RecordRef::parse(text(data, "record"));

    if (verb == verbs::kCreateLead) {
        action = commands::CreateLead{text(data, field::kFirstName), text(data, field::kLastName),
                                      text(data, field::kCompany),   text(data, field::kEmail),
                                      text(data, field::kPhone),     text(data, field::kTitle),
                                      text(data, field::kSource)};
    } else if (verb == verbs::kEditLead) {
        need("", record && record->kind == RecordKind::lead, "This form does not say which lead.");
        if (record)
            action = commands::EditLead{RecordSelector::of(*record), given(data, field::kFirstName),
                                        given(data, field::kLastName), given(data, field::kCompany),
                                        given(data, field::kEmail),     given(data, field::kPhone),
                                        given(data, field::kTitle),     given(data, field::kSource)};
    } else if (verb == verbs::kConvertLead) {
        need("", record && record->kind == RecordKind::lead, "This form does not say which lead.");
        commands::ConvertLead c{RecordSelector::of(record.value_or(crm::RecordRef{})), {}, {}, {}, {}, {}};
        std::string account = text(data, field::kAccount);
        if (account == field::kNewAccount || account.empty()) {
            c.new_account_name = non_empty(text(data, field::kNewAccountName));
            need(field::kNewAccountName, account.empty() || c.new_account_name.has_value(),
                 "Name the new account, or choose an existing one.");
        } else {
            auto a = crm::RecordRef::parse(account);
            need(field::kAccount, a && a->kind == RecordKind::account, "Choose an account from the list.");
            if (a) c.account = RecordSelector::of(*a);
        }
        c.deal_name = non_empty(text(data, field::kDealName));
        if (auto amount = text(data, field::kDealAmount); !amount.empty()) {
            c.deal_amount = money_of(amount, text(data, field::kDealCurrency));
            need(field::kDealAmount, c.deal_amount.has_value(), "Enter an amount such as 25000 or 25000.50.");
        }
        if (c.deal_name || c.deal_amount) c.create_deal = true;
        action = std::move(c);
    } else if (verb == verbs::kCreateDeal) {
        commands::CreateDeal c;
        c.name = text(data, field::kName);
        need(field::kName, !c.name.empty(), "Give the deal a name.");
        auto account = ref_of(data, field::kAccount, RecordKind::account);
        need(field::kAccount, account.has_value(), "Choose the deal's account: every deal belongs to one.");
        if (account) c.account = RecordSelector::of(*account);
        if (auto contact = text(data, field::kPrimaryContact); !contact.empty()) {
            auto ref = ref_of(data, field::kPrimaryContact, RecordKind::contact);
            need(field::kPrimaryContact, ref.has_value(), "Choose a contact from the list.");
            if (ref) c.primary_contact = RecordSelector::of(*ref);
        }
        if (auto amount = text(data, field::kAmount); !amount.empty()) {
            c.amount = money_of(amount, text(data, field::kCurrency));
            need(field::kAmount, c.amount.has_value(), "Enter an amount such as 25000 or 25000.50.");
        }
        if (auto close = text(data, field::kExpectedClose); !close.empty()) {
            c.expected_close = crm::parse_date(close);
            need(field::kExpectedClose, c.expected_close.has_value(), "Pick a date.");
        }
        c.stage = non_empty(text(data, field::kStage));
        action = std::move(c);
    } else if (verb == verbs::kAddComment || verb == verbs::kComment) {
        need("", record.has_value(), "This form does not say which record.");
        std::string body = text(data, field::kText);
        need(field::kText, body.find_first_not_of(" \t\r\n") != std::string::npos, "Write the comment first.");
        if (record) action = commands::AddComment{RecordSelector::of(*record), body};
    } else if (verb == verbs::kAddParticipant || verb == verbs::kSetPrimaryContact) {
        need("", record.has_value(), "This form does not say which record.");
        auto contact = ref_of(data, field::kContact, RecordKind::contact);
        need(field::kContact, contact.has_value(), "Choose a contact from the list.");
        if (record && contact) {
            if (verb == verbs::kAddParticipant)
                action = commands::AddParticipant{RecordSelector::of(*record), RecordSelector::of(*contact),
                                                  text(data, field::kRole)};
            else
                action = commands::SetPrimaryContact{RecordSelector::of(*record), RecordSelector::of(*contact)};
        }
    } else if (verb == verbs::kMoveStage) {
        need("", record && record->kind == RecordKind::opportunity, "This card does not say which deal.");
        std::string stage = text(data, field::kStage);
        need(field::kStage, !stage.empty(), "Choose a stage.");
        if (record) action = commands::MoveDeal{RecordSelector::of(*record), stage};
    }
    if (errors.contains("")) return error_reply(language, errors[""]);
    if (!errors.empty() || !action) return form_again(turn, language, verb, data, std::move(errors));

    // Buttons without a form (a stage button on the deal card) carry no form id;
    // moving to the same stage twice is harmless anyway.
    const std::string form_id = text(data, "formId");
    const std::string key = std::string(verb) + ":" + form_id;
    const auto actor = turn.user.actor();
    if (!form_id.empty()) {
        auto claim = crm_.request_keys.claim(actor, key);
        if (!claim) return error_reply(language, claim.error().message);
        if (claim->state == crm::RequestClaim::State::in_progress)
            return Reply{language, Notice{Notice::Kind::info, "This form is being saved; one moment.", {}}, {}};
        if (claim->state == crm::RequestClaim::State::done) {
            Notice already{Notice::Kind::info, "This form was already saved.", {}};
            if (claim->record) return executor_.show(turn, language, *claim->record, std::move(already));
            return Reply{language, std::move(already), {}};
        }
    }
    Reply reply = executor_.execute(turn, {std::move(*action), language});
    if (failed(reply)) {
        if (!form_id.empty()) (void)crm_.request_keys.release(actor, key);
        std::string input = input_for(reply.notice->field, verb);
        if (!input.empty()) return form_again(turn, language, verb, data, {{input, reply.notice->text}});
        return form_again(turn, language, verb, data, {}, reply.notice);
    }
    if (!form_id.empty()) (void)crm_.request_keys.complete(actor, key, shown_record(reply));
    return reply;
}

Reply CardActions::form_again(const TurnContext& turn, commands::Language language, std::string_view verb,
                              const nlohmann::json& data, std::map<std::string, std::string> errors,
                              std::optional<Notice> notice) {
    FormView form;
    form.form = std::string(form_of(verb));
    form.form_id = text(data, "formId");
    if (form.form_id.empty()) form.form_id = new_form_id();
    if (data.is_object())
        for (const auto& [key, value] : data.items())
            if (key != "formId" && key != "record" && key != "verb" && key != "action" && value.is_string())
                form.values[key] = value.get<std::string>();
    form.errors = std::move(errors);
    if (auto ref = crm::RecordRef::parse(text(data, "record"))) form.record = *ref;
    Reply reply = fill_form(turn, language, std::move(form));
    if (notice && !failed(reply)) reply.notice = std::move(notice);
    return reply;
}

Reply CardActions::open_form(const TurnContext& turn, commands::Language language, std::string_view form,
                             std::optional<crm::RecordRef> record) {
    FormView view;
    view.form = std::string(form);
    view.form_id = new_form_id();
    if (record) view.record = *record;
    return fill_form(turn, language, std::move(view));
}

// Loads what the form shows besides the user's input: the record, the stages,
// the accounts and contacts to choose from.
Reply CardActions::fill_form(const TurnContext& turn, commands::Language language, FormView form) {
    namespace forms = cards::forms;
    const auto actor = turn.user.actor();
    auto fail = [&](const crm::Error& e) { return error_reply(language, e.message); };
    form.default_currency = default_currency(turn.locale);
    const bool about_lead = form.form == forms::kEditLead || form.form == forms::kConvertLead;
    const bool about_deal = form.form == forms::kMoveStage || form.form == forms::kAddParticipant ||
                            form.form == forms::kSetPrimaryContact;
    if ((about_lead && form.record.kind != RecordKind::lead) ||
        (about_deal && form.record.kind != RecordKind::opportunity) ||
        ((about_lead || about_deal || form.form == forms::kAddComment) && form.record.number <= 0))
        return error_reply(language, "This form needs a record to work on.");

    if (about_lead || (form.form == forms::kAddComment && form.record.kind == RecordKind::lead)) {
        auto lead = crm_.leads.get(actor, form.record.number);
        if (!lead) return fail(lead.error());
        form.record_name = lead->display_name();
        form.lead = std::move(lead).value();
    }
    if (about_deal || (form.form == forms::kAddComment && form.record.kind == RecordKind::opportunity)) {
        auto deal = crm_.opportunities.get(actor, form.record.number);
        if (!deal) return fail(deal.error());
        form.record_name = deal->name;
        form.deal = std::move(deal).value();
    }
    if (form.form == forms::kAddComment && form.record_name.empty()) form.record_name = form.record.display();
    if (form.form == forms::kMoveStage || form.form == forms::kCreateDeal) {
        auto stages = crm_.pipeline.stages(actor);
        if (!stages) return fail(stages.error());
        form.pipeline = std::move(stages).value();
    }
    if (form.form == forms::kConvertLead || form.form == forms::kCreateDeal) {
        auto accounts = crm_.accounts.list(actor, {{}, {}, {0, kChoices}});
        if (!accounts) return fail(accounts.error());
        for (const auto& a : accounts->items) form.accounts.push_back({a.ref(), a.name, {}});
    }
    if (form.deal && (form.form == forms::kAddParticipant || form.form == forms::kSetPrimaryContact)) {
        auto contacts = crm_.contacts.list(actor, {{}, form.deal->account.ref.number, {}, {0, kChoices}});
        if (!contacts) return fail(contacts.error());
        for (const auto& c : contacts->items) form.contacts.push_back({c.ref(), c.full_name(), c.email});
    }
    return Reply{language, std::nullopt, std::move(form)};
}

}  // namespace bot::app
