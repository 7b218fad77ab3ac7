#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/format.hpp>
#include <adaptive_cards/verbs.hpp>
#include <adaptive_cards/record_cards.hpp>
#include <adaptive_cards/text.hpp>

namespace cards {

using nlohmann::json;

namespace {

inline constexpr std::size_t kMaxParticipants = 10;

// The primary contact: name, title, email, phone (from the full record when the
// caller has it, else from the deal's summary).
json contact_section(const DealCardData& data, Locale locale) {
    json items = json::array({heading(std::string(tr(S::primary_contact, locale)))});
    if (data.primary_contact) {
        const auto& c = *data.primary_contact;
        std::string line = c.ref().display() + " " + user_text(c.full_name());
        if (!c.title.empty()) line += " · " + user_text(c.title);
        items.push_back(tight(text_block(std::move(line))));
        if (json f = fact_set({{std::string(tr(S::email, locale)), user_text(c.email)},
                               {std::string(tr(S::phone, locale)), user_text(c.phone)}});
            !f.is_null())
            items.push_back(tight(std::move(f)));
    } else if (data.deal.primary_contact) {
        const auto& c = *data.deal.primary_contact;
        items.push_back(tight(text_block(ref_and_name(c) + (c.email.empty() ? "" : " · " + user_text(c.email)))));
    } else {
        json none = text_block(std::string(tr(S::no_contact, locale)));
        none["isSubtle"] = true;
        items.push_back(tight(std::move(none)));
    }
    return container(std::move(items));
}

std::optional<crm::RecordRef> primary_ref(const DealCardData& data) {
    if (data.primary_contact) return data.primary_contact->ref();
    if (data.deal.primary_contact) return data.deal.primary_contact->ref;
    return std::nullopt;
}

json participants_section(const DealCardData& data, Locale locale) {
    const auto primary = primary_ref(data);
    json items = json::array();
    std::size_t shown = 0;
    for (const auto& p : data.participants) {
        if (primary && p.contact.ref == *primary) continue;
        if (shown++ == kMaxParticipants) break;
        std::string line = ref_and_name(p.contact);
        if (!p.role.empty()) line += " · " + user_text(p.role, 60);
        items.push_back(tight(text_block(std::move(line))));
    }
    if (items.empty()) return nullptr;
    items.insert(items.begin(), heading(std::string(tr(S::other_participants, locale))));
    return container(std::move(items));
}

// Email the primary contact with the other participants on cc; the subject is the deal's name.
std::string email_url(const DealCardData& data) {
    std::string to;
    if (data.primary_contact) to = data.primary_contact->email;
    else if (data.deal.primary_contact) to = data.deal.primary_contact->email;
    std::vector<std::string> cc;
    for (const auto& p : data.participants) cc.push_back(p.contact.email);
    if (to.empty()) return {};  // cc only would mail the wrong person first
    return mailto_url(to, cc, data.deal.name);
}

std::vector<json> deal_actions(const DealCardData& data, const std::string& ref, Locale locale) {
    std::vector<json> actions;
    const bool closed = data.deal.stage.closed();
    if (closed) {
        actions.push_back(execute_action(std::string(tr(S::reopen, locale)), verbs::kReopen, {{"record", ref}}));
    } else {
        actions.push_back(open_form_action(std::string(tr(S::move_stage, locale)), forms::kMoveStage, ref));
        actions.push_back(execute_action(std::string(tr(S::mark_won, locale)), verbs::kMarkWon, {{"record", ref}}));
        actions.push_back(execute_action(std::string(tr(S::mark_lost, locale)), verbs::kMarkLost, {{"record", ref}}));
    }
    if (auto url = email_url(data); !url.empty())
        actions.push_back(open_url_action(std::string(tr(S::email_action, locale)), std::move(url)));
    actions.push_back(open_form_action(std::string(tr(S::comment, locale)), forms::kAddComment, ref));
    actions.push_back(follow_action(ref, data.followers, locale));
    actions.push_back(open_form_action(std::string(tr(S::add_participant, locale)), forms::kAddParticipant, ref));
    actions.push_back(open_form_action(std::string(tr(S::set_primary, locale)), forms::kSetPrimaryContact, ref));
    actions.push_back(command_action(std::string(tr(S::timeline, locale)), "timeline " + ref));
    return actions;
}

}  // namespace

json deal_card(const DealCardData& data, const CardContext& context) {
    const auto& deal = data.deal;
    const Locale locale = context.locale;
    const std::string ref = deal.ref().display();

    json card = viewer_card(ref, context);
    add(card, record_header(deal.ref(), deal.name, locale));
    add(card, tight(text_block(ref_and_name(deal.account))));
    add(card, pipeline_strip(data.pipeline, deal.stage, locale));
    add(card, fact_set({
                  {std::string(tr(S::amount, locale)), deal.amount ? format_money(*deal.amount, locale) : ""},
                  {std::string(tr(S::probability, locale)), format_percent(deal.probability, locale)},
                  {std::string(tr(S::expected_close, locale)), deal.expected_close ? format_date(*deal.expected_close, locale) : ""},
                  {std::string(tr(S::closed_on, locale)),
                   deal.closed_at ? format_day(*deal.closed_at, locale) : ""},
                  {std::string(tr(S::owner, locale)), user_text(deal.owner.name)},
                  {std::string(tr(S::followers, locale)), followers_text(data.followers, locale)},
              }));
    add(card, contact_section(data, locale));
    add(card, participants_section(data, locale));
    add(card, recent_events(data.recent_events, locale, deal.amount ? std::string_view(deal.amount->currency) : ""));
    set_actions(card, deal_actions(data, ref, locale));
    return card;
}

}  // namespace cards
