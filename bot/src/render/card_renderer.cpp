#include "render/card_renderer.hpp"

#include "render/text_renderer.hpp"

#include <adaptive_cards/cards.hpp>

namespace bot::render {

namespace {
using namespace bot::app;

cards::NoticeKind notice_kind(Notice::Kind kind) {
    switch (kind) {
        case Notice::Kind::success: return cards::NoticeKind::success;
        case Notice::Kind::error: return cards::NoticeKind::error;
        case Notice::Kind::info: break;
    }
    return cards::NoticeKind::info;
}

cards::FollowInfo follow_info(const FollowInfo& f) { return {f.count, f.viewer_follows}; }

cards::FormState form_state(const FormView& v) { return {v.form_id, v.values, v.errors}; }

nlohmann::json form_card(const FormView& v, const cards::CardContext& ctx) {
    namespace forms = cards::forms;
    const auto state = form_state(v);
    if (v.form == forms::kEditLead && v.lead) return cards::edit_lead_form(*v.lead, state, ctx);
    if (v.form == forms::kConvertLead && v.lead)
        return cards::convert_lead_form({*v.lead, v.accounts, v.default_currency}, state, ctx);
    if (v.form == forms::kCreateDeal)
        return cards::create_deal_form({v.accounts, v.contacts, v.pipeline, v.default_currency}, state, ctx);
    if (v.form == forms::kMoveStage && v.deal) return cards::move_stage_form(*v.deal, v.pipeline, state, ctx);
    if (v.form == forms::kAddComment) return cards::add_comment_form(v.record, v.record_name, state, ctx);
    if (v.form == forms::kAddParticipant && v.deal) return cards::add_participant_form(*v.deal, v.contacts, state, ctx);
    if (v.form == forms::kSetPrimaryContact && v.deal)
        return cards::set_primary_contact_form(*v.deal, v.contacts, state, ctx);
    return cards::create_lead_form(state, ctx);
}

struct CardBuilder {
    const Reply& reply;
    const cards::CardContext& ctx;

    // Views without a card of their own (timeline, followers, participants): their
    // Markdown in a notice card.
    nlohmann::json as_notice() const {
        return cards::notice_card(cards::NoticeKind::info, to_markdown(Reply{reply.language, std::nullopt, reply.body}),
                                  {}, ctx);
    }

    nlohmann::json operator()(const std::monostate&) const {
        return cards::notice_card(cards::NoticeKind::info, "", {}, ctx);
    }
    nlohmann::json operator()(const LeadView& v) const {
        return cards::lead_card({v.lead, follow_info(v.followers), v.recent_events}, ctx);
    }
    nlohmann::json operator()(const ContactView& v) const { return cards::contact_card({v.contact, v.deals}, ctx); }
    nlohmann::json operator()(const AccountView& v) const {
        return cards::account_card({v.account, follow_info(v.followers), v.contacts, v.deals}, ctx);
    }
    nlohmann::json operator()(const DealView& v) const {
        return cards::deal_card(
            {v.deal, v.pipeline, v.primary_contact, v.participants, follow_info(v.followers), v.recent_events}, ctx);
    }
    nlohmann::json operator()(const ListView& v) const {
        cards::ListCardData data;
        std::visit([&](const auto& items) { data.items = items; }, v.items);
        data.page = v.page;
        data.offset = 0;
        std::visit([&](const auto& items) { data.offset = (v.page - 1) * static_cast<std::int32_t>(items.size()); },
                   v.items);
        data.has_more = v.has_more;
        data.filter_summary = v.filter_summary;
        return cards::list_card(data, ctx);
    }
    nlohmann::json operator()(const SearchView& v) const {
        return cards::search_card({v.text, v.leads, v.contacts, v.accounts, v.deals}, ctx);
    }
    nlohmann::json operator()(const PipelineView& v) const { return cards::pipeline_card({v.stages, v.mine, {}}, ctx); }
    nlohmann::json operator()(const TimelineView&) const { return as_notice(); }
    nlohmann::json operator()(const FollowersView&) const { return as_notice(); }
    nlohmann::json operator()(const ParticipantsView&) const { return as_notice(); }
    nlohmann::json operator()(const HelpView&) const { return cards::help_card(ctx); }
    nlohmann::json operator()(const WelcomeView& v) const { return cards::welcome_card({v.personal}, ctx); }
    nlohmann::json operator()(const FormView& v) const { return form_card(v, ctx); }
};
}  // namespace

cards::Locale card_locale(commands::Language language) {
    switch (language) {
        case commands::Language::es: return cards::Locale::es;
        case commands::Language::fr: return cards::Locale::fr;
        case commands::Language::de: return cards::Locale::de;
        case commands::Language::en: break;
    }
    return cards::Locale::en;
}

nlohmann::json to_card(const Reply& reply, const CardViewer& viewer) {
    cards::CardContext ctx;
    ctx.locale = card_locale(reply.language);
    ctx.viewer_id = viewer.user_id;
    if (!viewer.teams_user_id.empty()) ctx.refresh_user_ids.push_back(viewer.teams_user_id);

    if (std::holds_alternative<std::monostate>(reply.body)) {
        if (!reply.notice) return cards::notice_card(cards::NoticeKind::info, "", {}, ctx);
        return cards::notice_card(notice_kind(reply.notice->kind), reply.notice->text, reply.notice->suggestions, ctx);
    }
    auto card = std::visit(CardBuilder{reply, ctx}, reply.body);
    // A form that comes back with errors shows them under the fields; the notice
    // would repeat them.
    const auto* form = std::get_if<FormView>(&reply.body);
    if (reply.notice && !reply.notice->text.empty() && !(form && !form->errors.empty()))
        cards::prepend_notice(card, notice_kind(reply.notice->kind), reply.notice->text);
    return card;
}

}  // namespace bot::render
