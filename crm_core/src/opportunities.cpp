#include <crm_core/opportunities.hpp>

#include "event_log.hpp"
#include "pg/database_impl.hpp"
#include "rows/rows.hpp"
#include "validation.hpp"

namespace crm {

namespace {
std::optional<std::string> money_text(const std::optional<Money>& m) {
    if (!m) return std::nullopt;
    return m->amount_text() + " " + m->currency;
}
std::optional<std::string> date_text(const std::optional<Date>& d) {
    if (!d) return std::nullopt;
    return to_iso(*d);
}
std::optional<std::string> contact_text(const std::optional<RecordSummary>& c) {
    if (!c) return std::nullopt;
    return c->ref.display();
}

// Moves the locked deal and returns it as it now is (no reload: we know every change).
Opportunity move(pg::Tx& tx, const Actor& actor, Opportunity o, const Stage& to, const char* action) {
    Changes changes;
    changes.add("stage", o.stage.name, to.name);
    changes.add("stage_kind", std::string(to_string(o.stage.kind)), std::string(to_string(to.kind)));
    changes.add("probability", std::to_string(o.probability), std::to_string(to.probability));
    auto event = event_params(actor, action, changes);
    // The move, its stage history row and its event in one statement.
    static const pg::Sql kMove{"opportunity_move",
        "with moved as (update opportunities set stage_id = $3, probability = $4,"
        " closed_at = case when $5 then now() end, version = version + 1, updated_at = now()"
        " where tenant_id = $1 and id = $2 returning id, number, version, updated_at, closed_at),"
        " history as (insert into stage_history (tenant_id, opportunity_id, from_stage_id, to_stage_id, changed_by)"
        " select $1, id, $6, $3, $7 from moved), " + event_cte("opportunity", "moved", 8) +
        " select version, crm_micros(updated_at), crm_micros(closed_at) from moved"};
    auto r = tx.row(kMove, actor.tenant, o.id, to.id, to.probability, to.closed(), o.stage.id, actor.user_id,
                    event.actor_id, event.action, event.before, event.after);
    o.stage = to;
    o.probability = to.probability;
    o.version = r[0].as<std::int32_t>();
    o.updated_at = pg::from_micros(r[1].as<long long>());
    o.closed_at = pg::optional_time(r[2]);
    return o;
}
}  // namespace

Result<Opportunity> Opportunities::create(const Actor& actor, const OpportunityDraft& draft) {
    return db_.impl().run([&](pg::Tx& tx) {
        rows::NewOpportunity o;
        o.name = draft.name;
        validate::clean(o.name, "name");
        if (o.name.empty()) fail_validation("name", "a deal needs a name");
        if (!draft.account_number) fail_validation("account", "every deal belongs to an account: choose one");
        o.amount = draft.amount;
        validate::money(o.amount);
        o.account_id = rows::record_id(tx, actor.tenant, {RecordKind::account, *draft.account_number});
        if (draft.primary_contact_number)
            o.primary_contact_id = rows::record_id(tx, actor.tenant, {RecordKind::contact, *draft.primary_contact_number});
        o.expected_close = draft.expected_close;
        o.stage = draft.stage ? rows::find_stage(tx, actor.tenant, *draft.stage)
                              : rows::first_open_stage(tx, actor.tenant);
        o.owner_id = draft.owner_id.value_or(actor.user_id);
        if (draft.owner_id) rows::require_user(tx, actor.tenant, o.owner_id);
        RowId id = rows::insert_opportunity(tx, actor, o).id;
        Opportunity created = rows::load_opportunity_by_id(tx, actor.tenant, id);
        Changes changes;
        changes.after("name", created.name);
        changes.after("account", created.account.ref.display());
        changes.after("stage", created.stage.name);
        if (auto m = money_text(created.amount)) changes.after("amount", *m);
        if (auto c = contact_text(created.primary_contact)) changes.after("primary_contact", *c);
        record_event(tx, actor, {"opportunity", id, created.number}, "created", changes);
        return created;
    });
}

Result<Opportunity> Opportunities::get(const Actor& actor, std::int32_t number) {
    return db_.impl().read([&](pg::Tx& tx) { return rows::load_opportunity(tx, actor.tenant, number); });
}

Result<OpportunityOverview> Opportunities::overview(const Actor& actor, std::int32_t number, std::int32_t recent_events) {
    return db_.impl().read(
        [&](pg::Tx& tx) { return rows::load_opportunity_overview(tx, actor, number, recent_events); });
}

Result<Page<Opportunity>> Opportunities::list(const Actor& actor, const OpportunityFilter& filter) {
    return db_.impl().read([&](pg::Tx& tx) {
        return rows::make_page(rows::list_opportunities(tx, actor.tenant, filter), filter.page);
    });
}

Result<Opportunity> Opportunities::update(const Actor& actor, std::int32_t number, const OpportunityPatch& patch,
                                          std::optional<std::int32_t> expected_version) {
    return db_.impl().run([&](pg::Tx& tx) {
        Opportunity o = rows::lock_opportunity(tx, actor.tenant, number);
        rows::check_version({o.id, o.version}, expected_version, o.ref());
        std::string name = patch.name.value_or(o.name);
        validate::clean(name, "name");
        if (name.empty()) fail_validation("name", "a deal needs a name");
        std::optional<Money> amount = patch.amount ? patch.amount : o.amount;
        validate::money(amount);
        std::optional<Date> close = patch.expected_close ? patch.expected_close : o.expected_close;
        std::int32_t probability = patch.probability.value_or(o.probability);
        if (probability < 0 || probability > 100) fail_validation("probability", "the probability is a percentage, 0 to 100");
        RowId owner = patch.owner_id.value_or(o.owner.id);
        if (owner != o.owner.id) rows::require_user(tx, actor.tenant, owner);
        Changes changes;
        changes.diff("name", o.name, name);
        if (money_text(o.amount) != money_text(amount)) changes.add("amount", money_text(o.amount), money_text(amount));
        if (date_text(o.expected_close) != date_text(close))
            changes.add("expected_close", date_text(o.expected_close), date_text(close));
        changes.diff("probability", std::to_string(o.probability), std::to_string(probability));
        changes.diff("owner_id", std::to_string(o.owner.id), std::to_string(owner));
        if (changes.empty()) return o;
        static const pg::Sql kUpdate{"opportunity_update",
            "update opportunities set name = $3, amount = $4::numeric, currency = $5, expected_close = $6::date,"
            " probability = $7, owner_id = $8, version = version + 1, updated_at = now()"
            " where tenant_id = $1 and id = $2"};
        std::optional<std::string> amount_text, currency;
        if (amount) {
            amount_text = amount->amount_text();
            currency = amount->currency;
        }
        tx.exec(kUpdate, actor.tenant, o.id, name, amount_text, currency, date_text(close), probability, owner);
        record_event(tx, actor, {"opportunity", o.id, o.number}, "updated", changes);
        return rows::load_opportunity_by_id(tx, actor.tenant, o.id);
    });
}

Result<Opportunity> Opportunities::move_stage(const Actor& actor, std::int32_t number, const std::string& stage,
                                              std::optional<std::int32_t> expected_version) {
    // The usual case, an allowed move, is one statement that also reads the deal
    // back; anything else reads the deal to say why nothing moved.
    return db_.impl().single([&](pg::Tx& tx) {
        if (auto moved = rows::move_open_opportunity(tx, actor, number, stage, expected_version)) return *moved;
        auto [o, target] = rows::lock_opportunity_with_stage(tx, actor.tenant, number, stage);
        rows::check_version({o.id, o.version}, expected_version, o.ref());
        if (o.stage.closed())
            fail(ErrorCode::invalid_transition,
                 o.ref().display() + " is closed (" + o.stage.name + "); reopen it before moving it");
        Stage to = target ? *target : rows::find_stage(tx, actor.tenant, stage);  // the latter fails, naming the stages
        if (to.id == o.stage.id) return o;
        fail(ErrorCode::conflict, o.ref().display() + " was changed by someone else; reload it and try again");
    });
}

Result<Opportunity> Opportunities::reopen(const Actor& actor, std::int32_t number, std::optional<std::string> stage,
                                          std::optional<std::int32_t> expected_version) {
    return db_.impl().run([&](pg::Tx& tx) {
        Opportunity o = rows::lock_opportunity(tx, actor.tenant, number);
        rows::check_version({o.id, o.version}, expected_version, o.ref());
        if (!o.stage.closed())
            fail(ErrorCode::invalid_transition, o.ref().display() + " is open (" + o.stage.name + "); nothing to reopen");
        Stage to;
        if (stage) {
            to = rows::find_stage(tx, actor.tenant, *stage);
            if (to.closed()) fail_validation("stage", "a deal reopens into an open stage, not " + to.name);
        } else {
            // Back to where it was before it closed.
            static const pg::Sql kBefore{"opportunity_stage_before_close",
                "select s.name from stage_history h join pipeline_stages s"
                " on s.tenant_id = h.tenant_id and s.id = h.from_stage_id"
                " where h.tenant_id = $1 and h.opportunity_id = $2 and h.to_stage_id = $3 and s.kind = 'open'"
                " order by h.id desc limit 1"};
            auto row = tx.maybe_row(kBefore, actor.tenant, o.id, o.stage.id);
            to = row ? rows::find_stage(tx, actor.tenant, (*row)[0].as<std::string>())
                     : rows::first_open_stage(tx, actor.tenant);
        }
        return move(tx, actor, std::move(o), to, "reopened");
    });
}

Result<Opportunity> Opportunities::set_primary_contact(const Actor& actor, std::int32_t number,
                                                       std::int32_t contact_number,
                                                       std::optional<std::int32_t> expected_version) {
    return db_.impl().run([&](pg::Tx& tx) {
        Opportunity o = rows::lock_opportunity(tx, actor.tenant, number);
        rows::check_version({o.id, o.version}, expected_version, o.ref());
        RecordRef contact{RecordKind::contact, contact_number};
        RowId contact_id = rows::record_id(tx, actor.tenant, contact);
        if (o.primary_contact && o.primary_contact->ref == contact) return o;
        static const pg::Sql kSet{"opportunity_primary_contact",
            "update opportunities set primary_contact_id = $3, version = version + 1, updated_at = now()"
            " where tenant_id = $1 and id = $2"};
        tx.exec(kSet, actor.tenant, o.id, contact_id);
        Changes changes;
        changes.add("primary_contact", contact_text(o.primary_contact), contact.display());
        record_event(tx, actor, {"opportunity", o.id, o.number}, "primary_contact_set", changes);
        return rows::load_opportunity_by_id(tx, actor.tenant, o.id);
    });
}

Result<std::vector<StageChange>> Opportunities::stage_history(const Actor& actor, std::int32_t number) {
    return db_.impl().read([&](pg::Tx& tx) {
        RowId id = rows::record_id(tx, actor.tenant, {RecordKind::opportunity, number});
        static const pg::Sql kHistory{"stage_history_list",
            "select f.name, t.name, u.id, u.display_name, crm_micros(h.changed_at) from stage_history h"
            " join pipeline_stages t on t.tenant_id = h.tenant_id and t.id = h.to_stage_id"
            " left join pipeline_stages f on f.tenant_id = h.tenant_id and f.id = h.from_stage_id"
            " join users u on u.tenant_id = h.tenant_id and u.id = h.changed_by"
            " where h.tenant_id = $1 and h.opportunity_id = $2 order by h.id"};
        std::vector<StageChange> out;
        for (const auto& r : tx.exec(kHistory, actor.tenant, id))
            out.push_back({pg::optional_text(r[0]), r[1].as<std::string>(), {r[2].as<RowId>(), r[3].as<std::string>()},
                           pg::from_micros(r[4].as<long long>())});
        return out;
    });
}

}  // namespace crm
