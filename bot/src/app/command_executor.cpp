#include "app/command_executor.hpp"

#include "app/record_views.hpp"

#include <chrono>

namespace bot::app {

using commands::RecordSelector;
using crm::RecordKind;

struct CommandExecutor::Turn {
    const TurnContext& ctx;
    commands::Language language;
    crm::Actor actor;

    Reply reply(std::optional<Notice> notice = {}, Body body = {}) const {
        return Reply{language, std::move(notice), std::move(body)};
    }
    Reply fail(const crm::Error& e) const;
    Reply done(std::string text, Body body = {}) const {
        return reply(Notice{Notice::Kind::success, std::move(text), {}}, std::move(body));
    }
};

namespace {
constexpr std::int32_t kPageSize = 10;

std::string user_facing(const crm::Error& e) {
    switch (e.code) {
        case crm::ErrorCode::unavailable:
            return "The CRM database cannot be reached right now, so nothing was changed. Please try again in a moment.";
        case crm::ErrorCode::internal:
            return "Something went wrong on our side and nothing was changed. Please try again.";
        default: return e.message;
    }
}

// A Money whose currency the user left out gets the locale's.
std::optional<crm::Money> with_currency(std::optional<crm::Money> m, const std::string& locale) {
    if (m && m->currency.empty()) m->currency = default_currency(locale);
    return m;
}

crm::FollowTarget::Kind follow_kind(RecordKind kind) {
    switch (kind) {
        case RecordKind::lead: return crm::FollowTarget::Kind::lead;
        case RecordKind::account: return crm::FollowTarget::Kind::account;
        default: return crm::FollowTarget::Kind::opportunity;
    }
}

crm::RecordRef record_ref(crm::FollowTarget target) {
    switch (target.kind) {
        case crm::FollowTarget::Kind::lead: return {RecordKind::lead, target.number};
        case crm::FollowTarget::Kind::account: return {RecordKind::account, target.number};
        default: return {RecordKind::opportunity, target.number};
    }
}

// Expected-close windows, in UTC days.
std::pair<crm::Date, crm::Date> closing_window(commands::ClosingPeriod period) {
    using namespace std::chrono;
    const auto today_days = floor<days>(system_clock::now());
    const year_month_day today{today_days};
    switch (period) {
        case commands::ClosingPeriod::this_week: {
            const weekday wd{today_days};
            auto monday = today_days - days((wd.c_encoding() + 6) % 7);
            return {year_month_day{monday}, year_month_day{monday + days(6)}};
        }
        case commands::ClosingPeriod::this_month:
            return {today.year() / today.month() / 1, year_month_day{today.year() / today.month() / last}};
        case commands::ClosingPeriod::next_month: {
            auto next = year_month{today.year() / today.month()} + months(1);
            return {next / 1, year_month_day{next / last}};
        }
        case commands::ClosingPeriod::this_quarter: {
            unsigned first = (static_cast<unsigned>(today.month()) - 1) / 3 * 3 + 1;
            auto start = today.year() / month(first);
            return {start / 1, year_month_day{(start + months(2)) / last}};
        }
        case commands::ClosingPeriod::this_year:
            return {today.year() / January / 1, today.year() / December / 31};
    }
    return {today, today};
}
}  // namespace

std::string default_currency(std::string_view locale) {
    static const std::pair<std::string_view, std::string_view> kByRegion[] = {
        {"-US", "USD"}, {"-GB", "GBP"}, {"-CA", "CAD"}, {"-AU", "AUD"}, {"-NZ", "NZD"}, {"-IN", "INR"},
        {"-MX", "MXN"}, {"-CH", "CHF"}, {"-AR", "ARS"}, {"-CO", "COP"}, {"-CL", "CLP"}, {"-JP", "JPY"},
    };
    for (auto [region, currency] : kByRegion)
        if (locale.size() >= region.size() && locale.substr(locale.size() - region.size()) == region)
            return std::string(currency);
    if (locale.starts_with("es") || locale.starts_with("fr") || locale.starts_with("de")) return "EUR";
    return "USD";
}

Reply CommandExecutor::Turn::fail(const crm::Error& e) const {
    Notice n{Notice::Kind::error, user_facing(e), {}};
    n.field = e.field;
    return reply(std::move(n));
}

Reply CommandExecutor::parse_error(const commands::ParseError& error, commands::Language language) {
    Notice n{Notice::Kind::error, error.message, error.suggestions};
    return Reply{language, std::move(n), {}};
}

Reply CommandExecutor::execute(const TurnContext& ctx, const commands::Command& command) {
    Turn t{ctx, command.language, ctx.user.actor()};
    return std::visit([&](const auto& action) { return run(t, action); }, command.action);
}

// ---- reading ------------------------------------------------------------------

namespace {
constexpr std::int32_t kRelated = 5;  // contacts and deals on an account or contact card

std::vector<crm::Opportunity> account_deals(crm::Crm& crm, const crm::Actor& actor, std::int32_t account) {
    crm::OpportunityFilter f;
    f.account_number = account;
    f.page = {0, kRelated};
    auto r = crm.opportunities.list(actor, f);
    return r ? std::move(r->items) : std::vector<crm::Opportunity>{};
}
}  // namespace

Reply CommandExecutor::show(const TurnContext& ctx, commands::Language language, crm::RecordRef ref,
                            std::optional<Notice> notice) {
    Turn t{ctx, language, ctx.user.actor()};
    return show(t, ref, std::move(notice));
}

Reply CommandExecutor::show(Turn& t, crm::RecordRef ref, std::optional<Notice> notice) {
    switch (ref.kind) {
        case RecordKind::lead: {
            auto v = lead_view(crm_, t.actor, ref.number);
            if (!v) return t.fail(v.error());
            return t.reply(std::move(notice), std::move(v).value());
        }
        case RecordKind::contact: {
            auto r = crm_.contacts.get(t.actor, ref.number);
            if (!r) return t.fail(r.error());
            ContactView v{std::move(r).value()};
            v.deals = account_deals(crm_, t.actor, v.contact.account.ref.number);
            return t.reply(std::move(notice), std::move(v));
        }
        case RecordKind::account: {
            auto r = crm_.accounts.get(t.actor, ref.number);
            if (!r) return t.fail(r.error());
            AccountView v{std::move(r).value()};
            v.followers = follow_info(crm_, t.actor, {crm::FollowTarget::Kind::account, ref.number});
            if (auto c = crm_.contacts.list(t.actor, {{}, ref.number, {}, {0, kRelated}})) v.contacts = std::move(c->items);
            v.deals = account_deals(crm_, t.actor, ref.number);
            return t.reply(std::move(notice), std::move(v));
        }
        case RecordKind::opportunity: {
            auto v = deal_view(crm_, t.actor, ref.number);
            if (!v) return t.fail(v.error());
            return t.reply(std::move(notice), std::move(v).value());
        }
    }
    return t.reply();
}

Reply CommandExecutor::run(Turn& t, const commands::Help& c) { return t.reply({}, HelpView{c.topic}); }

Reply CommandExecutor::run(Turn& t, const commands::ShowRecord& c) {
    auto ref = resolver_.resolve(t.actor, c.record,
                                 {RecordKind::lead, RecordKind::contact, RecordKind::account, RecordKind::opportunity});
    if (!ref) return t.fail(ref.error());
    return show(t, *ref);
}

Reply CommandExecutor::run(Turn& t, const commands::ListRecords& c) {
    ListView view{c.kind, {}, c.page, false, {}};
    crm::PageRequest page{(c.page - 1) * kPageSize, kPageSize};
    std::optional<crm::RowId> owner;
    if (c.mine) {
        owner = t.actor.user_id;
        view.filter_summary = "mine";
    }
    auto note = [&](const std::string& s) { view.filter_summary += (view.filter_summary.empty() ? "" : ", ") + s; };
    if (!c.text.empty()) note("\"" + c.text + "\"");
    switch (c.kind) {
        case RecordKind::lead: {
            if (c.lead_status) note(std::string(crm::to_string(*c.lead_status)));
            auto r = crm_.leads.list(t.actor, {owner, c.lead_status, c.text, false, page});
            if (!r) return t.fail(r.error());
            view.has_more = r->has_more;
            view.items = std::move(r->items);
            break;
        }
        case RecordKind::contact: {
            crm::ContactFilter f{owner, {}, c.text, page};
            if (c.account) f.account_number = c.account->number, note(c.account->display());
            auto r = crm_.contacts.list(t.actor, f);
            if (!r) return t.fail(r.error());
            view.has_more = r->has_more;
            view.items = std::move(r->items);
            break;
        }
        case RecordKind::account: {
            auto r = crm_.accounts.list(t.actor, {owner, c.text, page});
            if (!r) return t.fail(r.error());
            view.has_more = r->has_more;
            view.items = std::move(r->items);
            break;
        }
        case RecordKind::opportunity: {
            crm::OpportunityFilter f;
            f.owner_id = owner;
            f.text = c.text;
            f.page = page;
            f.open_only = c.open_only;
            if (c.open_only) note("open");
            if (c.stage) f.stage = *c.stage, note("stage " + *c.stage);
            if (c.closed_as) {
                auto stages = crm_.pipeline.stages(t.actor);
                if (!stages) return t.fail(stages.error());
                for (const auto& s : *stages)
                    if (s.kind == *c.closed_as) f.stage = s.name, note(s.name);
            }
            if (c.account) f.account_number = c.account->number, note(c.account->display());
            if (c.closing) {
                auto [from, to] = closing_window(*c.closing);
                f.close_from = from;
                f.close_to = to;
                note("closing " + crm::to_iso(from) + " to " + crm::to_iso(to));
            }
            auto r = crm_.opportunities.list(t.actor, f);
            if (!r) return t.fail(r.error());
            view.has_more = r->has_more;
            view.items = std::move(r->items);
            break;
        }
    }
    lists_.remember(t.actor.tenant, t.ctx.conversation_id, t.actor.user_id, c);
    return t.reply({}, std::move(view));
}

Reply CommandExecutor::run(Turn& t, const commands::MoreResults& c) {
    auto last = lists_.recall(t.actor.tenant, t.ctx.conversation_id, t.actor.user_id);
    if (!last)
        return t.reply(Notice{Notice::Kind::info, "There is no list to continue. Try `leads` or `deals mine`.", {}});
    last->page = c.page.value_or(last->page + 1);
    if (last->page < 1) last->page = 1;
    return run(t, *last);
}

Reply CommandExecutor::run(Turn& t, const commands::Search& c) {
    SearchView view{c.text, {}, {}, {}, {}};
    crm::PageRequest page{0, 5};
    auto wants = [&](RecordKind k) { return !c.kind || *c.kind == k; };
    if (wants(RecordKind::lead)) {
        auto r = crm_.leads.list(t.actor, {{}, {}, c.text, false, page});
        if (!r) return t.fail(r.error());
        view.leads = std::move(r->items);
    }
    if (wants(RecordKind::contact)) {
        auto r = crm_.contacts.list(t.actor, {{}, {}, c.text, page});
        if (!r) return t.fail(r.error());
        view.contacts = std::move(r->items);
    }
    if (wants(RecordKind::account)) {
        auto r = crm_.accounts.list(t.actor, {{}, c.text, page});
        if (!r) return t.fail(r.error());
        view.accounts = std::move(r->items);
    }
    if (wants(RecordKind::opportunity)) {
        crm::OpportunityFilter f;
        f.text = c.text;
        f.page = page;
        auto r = crm_.opportunities.list(t.actor, f);
        if (!r) return t.fail(r.error());
        view.deals = std::move(r->items);
    }
    return t.reply({}, std::move(view));
}

Reply CommandExecutor::run(Turn& t, const commands::ShowPipeline& c) {
    std::optional<crm::RowId> owner;
    if (c.mine) owner = t.actor.user_id;
    auto r = crm_.pipeline.summary(t.actor, owner);
    if (!r) return t.fail(r.error());
    return t.reply({}, PipelineView{std::move(r).value(), c.mine});
}

Reply CommandExecutor::run(Turn& t, const commands::ShowTimeline& c) {
    auto ref = resolver_.resolve(t.actor, c.record,
                                 {RecordKind::lead, RecordKind::contact, RecordKind::account, RecordKind::opportunity});
    if (!ref) return t.fail(ref.error());
    auto r = crm_.timeline.for_record(t.actor, *ref, 15);
    if (!r) return t.fail(r.error());
    return t.reply({}, TimelineView{*ref, std::move(r).value()});
}

Reply CommandExecutor::run(Turn& t, const commands::ListFollowers& c) {
    auto target = follow_target(t, c.record);
    if (!target) return t.fail(target.error());
    auto r = crm_.followers.list(t.actor, *target);
    if (!r) return t.fail(r.error());
    return t.reply({}, FollowersView{target->display(), std::move(r).value()});
}

// ---- creating -------------------------------------------------------------------

Reply CommandExecutor::run(Turn& t, const commands::CreateLead& c) {
    auto r = crm_.leads.create(t.actor, {c.first_name, c.last_name, c.company, c.email, c.phone, c.title, c.source, {}});
    if (!r) return t.fail(r.error());
    return t.done("Created lead **" + r->ref().display() + "**.", LeadView{std::move(r).value(), {}, {}});
}

Reply CommandExecutor::run(Turn& t, const commands::CreateContact& c) {
    crm::ContactDraft d{c.first_name, c.last_name, c.email, c.phone, c.title, {}, {}};
    if (c.account) {
        auto account = resolver_.resolve(t.actor, *c.account, {RecordKind::account});
        if (!account) return t.fail(account.error());
        d.account_number = account->number;
    }
    auto r = crm_.contacts.create(t.actor, d);
    if (!r) return t.fail(r.error());
    return t.done("Created contact **" + r->ref().display() + "**.", ContactView{std::move(r).value(), {}});
}

Reply CommandExecutor::run(Turn& t, const commands::CreateAccount& c) {
    auto r = crm_.accounts.create(t.actor, {c.name, c.domain, c.website, c.industry, c.phone, {}});
    if (!r) return t.fail(r.error());
    return t.done("Created account **" + r->ref().display() + "**.", AccountView{std::move(r).value(), {}, {}, {}});
}

Reply CommandExecutor::run(Turn& t, const commands::CreateDeal& c) {
    crm::OpportunityDraft d;
    d.name = c.name;
    if (c.account) {
        auto account = resolver_.resolve(t.actor, *c.account, {RecordKind::account});
        if (!account) return t.fail(account.error());
        d.account_number = account->number;
    }
    if (c.primary_contact) {
        auto contact = resolver_.resolve(t.actor, *c.primary_contact, {RecordKind::contact});
        if (!contact) return t.fail(contact.error());
        d.primary_contact_number = contact->number;
    }
    d.amount = with_currency(c.amount, t.ctx.locale);
    d.expected_close = c.expected_close;
    d.stage = c.stage;
    auto r = crm_.opportunities.create(t.actor, d);
    if (!r) return t.fail(r.error());
    auto ref = r->ref();
    return show(t, ref, Notice{Notice::Kind::success, "Created deal **" + ref.display() + "**.", {}});
}

// ---- changing -------------------------------------------------------------------

Reply CommandExecutor::run(Turn& t, const commands::ChangeLeadStatus& c) {
    auto lead = resolver_.resolve(t.actor, c.lead, {RecordKind::lead});
    if (!lead) return t.fail(lead.error());
    auto r = crm_.leads.change_status(t.actor, lead->number, c.status);
    if (!r) return t.fail(r.error());
    return show(t, *lead,
                Notice{Notice::Kind::success,
                       "**" + lead->display() + "** is now " + std::string(crm::to_string(c.status)) + ".", {}});
}

Reply CommandExecutor::run(Turn& t, const commands::ConvertLead& c) {
    auto lead = resolver_.resolve(t.actor, c.lead, {RecordKind::lead});
    if (!lead) return t.fail(lead.error());
    crm::LeadConversion options;
    if (c.account) {
        auto account = resolver_.resolve(t.actor, *c.account, {RecordKind::account});
        if (!account) return t.fail(account.error());
        options.account_number = account->number;
    }
    options.account_name = c.new_account_name;
    options.create_opportunity = c.create_deal.value_or(c.deal_amount.has_value() || c.deal_name.has_value());
    options.opportunity_name = c.deal_name;
    options.amount = with_currency(c.deal_amount, t.ctx.locale);
    auto r = crm_.leads.convert(t.actor, lead->number, options);
    if (!r) {
        if (r.error().code == crm::ErrorCode::invalid_transition && r.error().message.find("Qualified") != std::string::npos)
            return t.reply(Notice{Notice::Kind::error,
                                  r.error().message + " Qualify it first: `qualify " + lead->display() + "`.",
                                  {"qualify " + lead->display()}});
        return t.fail(r.error());
    }
    std::string text = "Converted **" + lead->display() + "** into contact **" + r->contact.ref().display() + "** at " +
                       (r->account_matched ? "the existing account **" : "the new account **") +
                       r->account.ref().display() + " " + r->account.name + "**";
    if (r->opportunity) {
        text += " and deal **" + r->opportunity->ref().display() + "**";
        return show(t, r->opportunity->ref(), Notice{Notice::Kind::success, text + ".", {}});
    }
    return t.done(text + ".", ContactView{r->contact, {}});
}

Reply CommandExecutor::run(Turn& t, const commands::MoveDeal& c) {
    auto deal = resolver_.resolve(t.actor, c.deal, {RecordKind::opportunity});
    if (!deal) return t.fail(deal.error());
    auto r = crm_.opportunities.move_stage(t.actor, deal->number, c.stage);
    if (!r) return t.fail(r.error());
    return show(t, *deal, Notice{Notice::Kind::success, "**" + deal->display() + "** is now in " + r->stage.name + ".", {}});
}

Reply CommandExecutor::run(Turn& t, const commands::CloseDeal& c) {
    auto deal = resolver_.resolve(t.actor, c.deal, {RecordKind::opportunity});
    if (!deal) return t.fail(deal.error());
    auto stages = crm_.pipeline.stages(t.actor);
    if (!stages) return t.fail(stages.error());
    std::string stage;
    for (const auto& s : *stages)
        if (s.kind == c.outcome) stage = s.name;
    auto r = crm_.opportunities.move_stage(t.actor, deal->number, stage);
    if (!r) return t.fail(r.error());
    return show(t, *deal, Notice{Notice::Kind::success, "**" + deal->display() + "** is " + r->stage.name + ".", {}});
}

Reply CommandExecutor::run(Turn& t, const commands::ReopenDeal& c) {
    auto deal = resolver_.resolve(t.actor, c.deal, {RecordKind::opportunity});
    if (!deal) return t.fail(deal.error());
    auto r = crm_.opportunities.reopen(t.actor, deal->number, c.stage);
    if (!r) return t.fail(r.error());
    return show(t, *deal,
                Notice{Notice::Kind::success, "Reopened **" + deal->display() + "** in " + r->stage.name + ".", {}});
}

Reply CommandExecutor::run(Turn& t, const commands::AddComment& c) {
    auto ref = resolver_.resolve(t.actor, c.record,
                                 {RecordKind::lead, RecordKind::contact, RecordKind::account, RecordKind::opportunity});
    if (!ref) return t.fail(ref.error());
    auto r = crm_.notes.add(t.actor, *ref, c.text);
    if (!r) return t.fail(r.error());
    return show(t, *ref, Notice{Notice::Kind::success, "Comment added to **" + ref->display() + "**.", {}});
}

Reply CommandExecutor::run(Turn& t, const commands::SetPrimaryContact& c) {
    auto deal = resolver_.resolve(t.actor, c.deal, {RecordKind::opportunity});
    if (!deal) return t.fail(deal.error());
    auto contact = resolver_.resolve(t.actor, c.contact, {RecordKind::contact});
    if (!contact) return t.fail(contact.error());
    auto r = crm_.opportunities.set_primary_contact(t.actor, deal->number, contact->number);
    if (!r) return t.fail(r.error());
    return show(t, *deal,
                Notice{Notice::Kind::success,
                       "**" + contact->display() + "** is the primary contact of **" + deal->display() + "**.", {}});
}

Reply CommandExecutor::run(Turn& t, const commands::AddParticipant& c) {
    auto record = resolver_.resolve(t.actor, c.record, {RecordKind::lead, RecordKind::opportunity});
    if (!record) return t.fail(record.error());
    auto contact = resolver_.resolve(t.actor, c.contact, {RecordKind::contact});
    if (!contact) return t.fail(contact.error());
    auto r = crm_.participants.add(t.actor, *record, contact->number, c.role);
    if (!r) return t.fail(r.error());
    return show(t, *record,
                Notice{Notice::Kind::success,
                       "**" + contact->display() + "** " + r->contact.name + " now takes part in **" +
                           record->display() + "**" + (c.role.empty() ? "" : " as " + c.role) + ".",
                       {}});
}

Reply CommandExecutor::run(Turn& t, const commands::RemoveParticipant& c) {
    auto record = resolver_.resolve(t.actor, c.record, {RecordKind::lead, RecordKind::opportunity});
    if (!record) return t.fail(record.error());
    auto contact = resolver_.resolve(t.actor, c.contact, {RecordKind::contact});
    if (!contact) return t.fail(contact.error());
    auto r = crm_.participants.remove(t.actor, *record, contact->number);
    if (!r) return t.fail(r.error());
    return show(t, *record,
                Notice{Notice::Kind::success,
                       "**" + contact->display() + "** no longer takes part in **" + record->display() + "**.", {}});
}

// ---- following -------------------------------------------------------------------

crm::Result<crm::FollowTarget> CommandExecutor::follow_target(Turn& t,
                                                              const std::optional<RecordSelector>& record) {
    if (!record) return crm::FollowTarget::pipeline();
    auto ref = resolver_.resolve(t.actor, *record, {RecordKind::lead, RecordKind::opportunity, RecordKind::account});
    if (!ref) return ref.error();
    return crm::FollowTarget{follow_kind(ref->kind), ref->number};
}

crm::Result<crm::RowId> CommandExecutor::this_conversation(Turn& t) {
    auto c = crm_.directory.ensure_conversation(
        t.actor.tenant, {t.ctx.conversation_id, t.ctx.conversation_type, t.ctx.conversation_name, {}, {}});
    if (!c) return c.error();
    return c->id;
}

// Follow and unfollow share their shape: the conversation itself, the sender, or
// the users they @mentioned.
template <class Change>
Reply CommandExecutor::change_following(Turn& t, const Change& c, bool follow) {
    auto target = follow_target(t, c.record);
    if (!target) return t.fail(target.error());
    const crm::FollowFilter filter = c.important_only ? crm::FollowFilter::important : crm::FollowFilter::all;
    const std::string what = "**" + target->display() + "**" +
                             (follow && c.important_only ? " (stage moves, won/lost and comments only)" : "");
    if (c.in_conversation) {
        auto conversation = this_conversation(t);
        if (!conversation) return t.fail(conversation.error());
        auto r = follow ? crm_.followers.follow_in_conversation(t.actor, *conversation, *target, filter).status()
                        : crm_.followers.unfollow_in_conversation(t.actor, *conversation, *target).status();
        if (!r) return t.fail(r.error());
        return t.done("This conversation " + (follow ? std::string("now follows ") : "no longer follows ") + what + ".");
    }
    std::vector<std::optional<crm::RowId>> users;
    std::string names;
    if (c.users.empty()) users.push_back(std::nullopt);
    for (const auto& mentioned : c.users) {
        auto user = crm_.directory.find_by_teams_user_id(t.actor, mentioned.id);
        if (!user)
            return t.fail({user.error().code, mentioned.name + " has not used the CRM bot yet; ask them to say hello to it first.", {}});
        users.push_back(user->id);
        names += (names.empty() ? "" : ", ") + user->name;
    }
    for (const auto& user : users) {
        auto r = follow ? crm_.followers.follow(t.actor, *target, user, filter).status()
                        : crm_.followers.unfollow(t.actor, *target, user);
        if (!r) return t.fail(r.error());
    }
    const bool one = c.users.size() == 1;
    std::string text = c.users.empty()
                           ? (follow ? "You now follow " + what + ": you will hear about its changes."
                                     : "You no longer follow " + what + ".")
                           : names + (follow ? (one ? " now follows " : " now follow ")
                                             : (one ? " no longer follows " : " no longer follow ")) + what + ".";
    // A record's card shows its followers: answer with it, so a Follow button
    // turns into Unfollow in place.
    if (target->kind == crm::FollowTarget::Kind::pipeline) return t.done(std::move(text));
    return show(t, record_ref(*target), Notice{Notice::Kind::success, std::move(text), {}});
}

Reply CommandExecutor::run(Turn& t, const commands::EditLead& c) {
    auto lead = resolver_.resolve(t.actor, c.lead, {RecordKind::lead});
    if (!lead) return t.fail(lead.error());
    crm::LeadPatch patch{c.first_name, c.last_name, c.company, c.email, c.phone, c.title, c.source, {}};
    auto r = crm_.leads.update(t.actor, lead->number, patch);
    if (!r) return t.fail(r.error());
    return show(t, *lead, Notice{Notice::Kind::success, "Saved **" + lead->display() + "**.", {}});
}

namespace {
std::string clock_time(std::int32_t minutes) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}

std::string describe(const crm::NotificationSettings& s) {
    std::string text;
    switch (s.level) {
        case crm::NotifyLevel::all: text = "You hear about every change to what you follow."; break;
        case crm::NotifyLevel::important:
            text = "You hear about important changes only: stage moves, won or lost, reopened, comments, conversions.";
            break;
        case crm::NotifyLevel::digest:
            text = "Your notifications wait for a daily digest at " + clock_time(s.digest_at) + ".";
            break;
        case crm::NotifyLevel::muted: text = "Your notifications are off."; break;
    }
    if (s.quiet_from && s.quiet_to)
        text += " Quiet hours: " + clock_time(*s.quiet_from) + "–" + clock_time(*s.quiet_to) + " (" + s.time_zone +
                "), notifications wait until they end.";
    else
        text += " No quiet hours (time zone " + s.time_zone + ").";
    return text + "\n\nChange it with `notifications all|important|digest|off` or `quiet hours 22:00-07:00 Europe/Berlin`.";
}
}  // namespace

Reply CommandExecutor::run(Turn& t, const commands::NotificationSettings& c) {
    auto current = crm_.notification_settings.get(t.actor);
    if (!current) return t.fail(current.error());
    crm::NotificationSettings s = *current;
    const bool change = c.level || c.quiet || c.quiet_off || c.time_zone;
    if (c.level) s.level = *c.level;
    if (c.quiet) s.quiet_from = c.quiet->first, s.quiet_to = c.quiet->second;
    if (c.quiet_off) s.quiet_from.reset(), s.quiet_to.reset();
    if (c.time_zone) s.time_zone = *c.time_zone;
    if (!change) return t.reply(Notice{Notice::Kind::info, describe(s), {}});
    s.language = std::string(commands::to_string(t.language));  // the cards speak it from now on
    auto saved = crm_.notification_settings.set(t.actor, s);
    if (!saved) return t.fail(saved.error());
    return t.done("Saved. " + describe(*saved));
}

Reply CommandExecutor::run(Turn& t, const commands::Follow& c) { return change_following(t, c, true); }
Reply CommandExecutor::run(Turn& t, const commands::Unfollow& c) { return change_following(t, c, false); }

}  // namespace bot::app
