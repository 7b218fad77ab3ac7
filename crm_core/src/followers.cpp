#include <crm_core/followers.hpp>

#include "event_log.hpp"
#include "pg/database_impl.hpp"
#include "rows/rows.hpp"

namespace crm {

namespace {
struct ResolvedTarget {
    std::string kind;  // followers.target_kind and events.record_kind
    std::optional<RowId> lead_id, opportunity_id, account_id;
    std::optional<RowId> record_id;
    std::optional<std::int32_t> number;
    std::optional<RowId> owner_id;
};

// The record kind of a lead, deal or account target (not the pipeline).
RecordKind record_kind(FollowTarget::Kind kind) {
    using K = FollowTarget::Kind;
    return kind == K::lead ? RecordKind::lead : kind == K::opportunity ? RecordKind::opportunity : RecordKind::account;
}

ResolvedTarget resolve(pg::Tx& tx, const TenantId& tenant, FollowTarget target) {
    using K = FollowTarget::Kind;
    static const pg::Sql kLead{"follow_target_lead", "select id, owner_id from leads where tenant_id = $1 and number = $2"};
    static const pg::Sql kDeal{"follow_target_opportunity",
                               "select id, owner_id from opportunities where tenant_id = $1 and number = $2"};
    static const pg::Sql kAccount{"follow_target_account",
                                  "select id, owner_id from accounts where tenant_id = $1 and number = $2"};
    if (target.kind == K::pipeline) return {"pipeline", {}, {}, {}, {}, {}, {}};
    const auto& q = target.kind == K::lead ? kLead : target.kind == K::opportunity ? kDeal : kAccount;
    const RecordKind kind = record_kind(target.kind);
    auto row = tx.maybe_row(q, tenant, target.number);
    if (!row) fail(ErrorCode::not_found, RecordRef{kind, target.number}.display() + " not found");
    RowId id = (*row)[0].as<RowId>();
    ResolvedTarget r{std::string(to_string(kind)), {}, {}, {}, id, target.number, (*row)[1].as<RowId>()};
    if (target.kind == K::lead) r.lead_id = id;
    else if (target.kind == K::opportunity) r.opportunity_id = id;
    else r.account_id = id;
    return r;
}

// Followers are told about a record without taking part: anyone may follow
// themselves; making someone else follow takes the record's owner or a manager.
void check_may_enrol(const Actor& actor, const ResolvedTarget& t, RowId user_id) {
    if (user_id == actor.user_id || actor.role != Role::rep) return;
    if (t.owner_id && *t.owner_id == actor.user_id) return;
    fail(ErrorCode::forbidden, "only the owner of the record or a manager can add other followers");
}

const std::string kFollowerSelect =
    "select f.target_kind, coalesce(l.number, o.number, a.number, 0), f.user_id, u.display_name,"
    " f.conversation_id, c.external_id, c.kind, c.name, f.filter, crm_micros(f.created_at)"
    " from followers f"
    " left join leads l on l.tenant_id = f.tenant_id and l.id = f.lead_id"
    " left join opportunities o on o.tenant_id = f.tenant_id and o.id = f.opportunity_id"
    " left join accounts a on a.tenant_id = f.tenant_id and a.id = f.account_id"
    " left join users u on u.tenant_id = f.tenant_id and u.id = f.user_id"
    " left join conversations c on c.tenant_id = f.tenant_id and c.id = f.conversation_id ";

FollowTarget::Kind kind_from(const std::string& k) {
    if (k == "lead") return FollowTarget::Kind::lead;
    if (k == "opportunity") return FollowTarget::Kind::opportunity;
    if (k == "account") return FollowTarget::Kind::account;
    return FollowTarget::Kind::pipeline;
}

Follower follower_from_row(const pqxx::row& r) {
    Follower f;
    f.target = {kind_from(r[0].as<std::string>()), r[1].as<std::int32_t>()};
    if (!r[2].is_null()) f.user = UserSummary{r[2].as<RowId>(), r[3].as<std::string>()};
    if (!r[4].is_null())
        f.conversation = Conversation{r[4].as<RowId>(), r[5].as<std::string>(), r[6].as<std::string>(),
                                      r[7].as<std::string>(), {}, true, std::nullopt};
    f.filter = follow_filter_from_string(r[8].as<std::string>()).value_or(FollowFilter::all);
    f.since = pg::from_micros(r[9].as<long long>());
    return f;
}

struct Upserted {
    RowId id = 0;
    bool changed = false;  // inserted, or its filter changed
    Timestamp since;
};

// Inserts the follower, or changes its filter, and logs the event when anything
// changed, in one statement.
Upserted upsert(pg::Tx& tx, const Actor& actor, const ResolvedTarget& t, std::optional<RowId> user_id,
                std::optional<RowId> conversation_id, FollowFilter filter, const std::string& follower_name) {
    auto make = [](std::string_view kind) {
        return pg::Sql{"follower_upsert_" + std::string(kind),
            "with up as (insert into followers (tenant_id, target_kind, lead_id, opportunity_id, account_id,"
            " user_id, conversation_id, filter, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            " on conflict (tenant_id, target_kind, coalesce(lead_id, opportunity_id, account_id, 0),"
            " coalesce(user_id, 0), coalesce(conversation_id, 0))"
            " do update set filter = excluded.filter where followers.filter <> excluded.filter"
            " returning id, created_at),"
            " changed as (select $10::bigint as id, $11::integer as number from up), " +
            event_cte(kind, "changed", 12) + " select id, crm_micros(created_at) from up"};
    };
    static const pg::Sql kLead = make("lead"), kOpportunity = make("opportunity"), kAccount = make("account"),
                         kPipeline = make("pipeline");
    const pg::Sql& q = t.kind == "lead" ? kLead : t.kind == "opportunity" ? kOpportunity
                     : t.kind == "account" ? kAccount : kPipeline;
    Changes changes;
    changes.after("follower", follower_name);
    changes.after("filter", std::string(to_string(filter)));
    auto event = event_params(actor, "followed", changes);
    auto row = tx.maybe_row(q, actor.tenant, t.kind, t.lead_id, t.opportunity_id, t.account_id, user_id,
                            conversation_id, std::string(to_string(filter)), actor.user_id, t.record_id, t.number,
                            event.actor_id, event.action, event.before, event.after);
    if (row) return {(*row)[0].as<RowId>(), true, pg::from_micros((*row)[1].as<long long>())};
    static const pg::Sql kFind{"follower_find",
        "select id, crm_micros(created_at) from followers where tenant_id = $1 and target_kind = $2"
        " and coalesce(lead_id, opportunity_id, account_id, 0) = coalesce($3, $4, $5, 0)"
        " and coalesce(user_id, 0) = coalesce($6, 0) and coalesce(conversation_id, 0) = coalesce($7, 0)"};
    auto found = tx.row(kFind, actor.tenant, t.kind, t.lead_id, t.opportunity_id, t.account_id, user_id,
                        conversation_id);
    return {found[0].as<RowId>(), false, pg::from_micros(found[1].as<long long>())};
}

// A user following a lead, deal or account themselves (the usual "follow D-7"):
// the record, the user's name, the follower row (inserted, or its filter changed)
// and the event, in one statement that runs without BEGIN and COMMIT. The same
// outcome as resolve + user_label + upsert, which take four round trips.
Follower follow_self(pg::Tx& tx, const Actor& actor, FollowTarget target, FollowFilter filter) {
    using K = FollowTarget::Kind;
    auto make = [](std::string_view kind, std::string_view table, std::string_view column) {
        const std::string k(kind), c(column);
        const std::string same_target = "f.tenant_id = $1 and f.target_kind = '" + k +
                                        "' and coalesce(f.lead_id, f.opportunity_id, f.account_id, 0) = t.id";
        return pg::Sql{"follow_self_" + k,
            "with t as (select id from " + std::string(table) + " where tenant_id = $1 and number = $2),"
            " u as (select display_name from users where tenant_id = $1 and id = $3),"
            " up as (insert into followers (tenant_id, target_kind, " + c + ", user_id, filter, created_by)"
            "  select $1, '" + k + "', t.id, $3, $4, $3 from t, u"
            "  on conflict (tenant_id, target_kind, coalesce(lead_id, opportunity_id, account_id, 0),"
            "  coalesce(user_id, 0), coalesce(conversation_id, 0))"
            "  do update set filter = excluded.filter where followers.filter <> excluded.filter"
            "  returning id, created_at),"
            " event as (insert into events (tenant_id, actor_id, record_kind, record_id, record_number, action,"
            "  before, after, fanout) select $1, $5::bigint, '" + k + "', t.id, $2, 'followed', '{}',"
            "  jsonb_build_object('follower', u.display_name, 'filter', $4::text), " +
            audience_sql(k, "t.id", "$5::bigint", "'followed'") + " from up, t, u)"
            " select t.id, u.display_name, coalesce(up.id, f.id), crm_micros(coalesce(up.created_at, f.created_at))"
            " from (select) one left join t on true left join u on true left join up on true"
            " left join followers f on up.id is null and " + same_target +
            "  and coalesce(f.user_id, 0) = $3 and coalesce(f.conversation_id, 0) = 0"};
    };
    static const pg::Sql kLead = make("lead", "leads", "lead_id"),
                         kOpportunity = make("opportunity", "opportunities", "opportunity_id"),
                         kAccount = make("account", "accounts", "account_id");
    const pg::Sql& q = target.kind == K::lead ? kLead : target.kind == K::opportunity ? kOpportunity : kAccount;
    const auto filter_text = std::string(to_string(filter));
    auto r = tx.row(q, actor.tenant, target.number, actor.user_id, filter_text, event_actor(actor));
    if (r[0].is_null())
        fail(ErrorCode::not_found, RecordRef{record_kind(target.kind), target.number}.display() + " not found");
    if (r[1].is_null()) fail_validation("user", "no such user in this organization");
    // Neither inserted nor found: another request followed it in the meantime.
    if (r[2].is_null()) fail(ErrorCode::conflict, "the follow collided with another change; try again");
    Follower f;
    f.target = {target.kind, target.number};
    f.user = UserSummary{actor.user_id, r[1].as<std::string>()};
    f.filter = filter;
    f.since = pg::from_micros(r[3].as<long long>());
    return f;
}

Follower load_follower(pg::Tx& tx, const TenantId& tenant, RowId id) {
    static const pg::Sql kGet{"follower_get", kFollowerSelect + "where f.tenant_id = $1 and f.id = $2"};
    return follower_from_row(tx.row(kGet, tenant, id));
}

bool remove(pg::Tx& tx, const Actor& actor, const ResolvedTarget& t, std::optional<RowId> user_id,
            std::optional<RowId> conversation_id) {
    static const pg::Sql kDelete{"follower_delete",
        "delete from followers where tenant_id = $1 and target_kind = $2"
        " and coalesce(lead_id, opportunity_id, account_id, 0) = coalesce($3, $4, $5, 0)"
        " and coalesce(user_id, 0) = coalesce($6, 0) and coalesce(conversation_id, 0) = coalesce($7, 0)"
        " returning id"};
    return !tx.exec(kDelete, actor.tenant, t.kind, t.lead_id, t.opportunity_id, t.account_id, user_id,
                    conversation_id).empty();
}

std::string conversation_label(pg::Tx& tx, const TenantId& tenant, RowId conversation_id) {
    static const pg::Sql kConv{"conversation_get",
                               "select coalesce(nullif(name, ''), kind) from conversations where tenant_id = $1 and id = $2"};
    auto row = tx.maybe_row(kConv, tenant, conversation_id);
    if (!row) fail_validation("conversation", "no such conversation in this organization");
    return (*row)[0].as<std::string>();
}

std::string user_label(pg::Tx& tx, const TenantId& tenant, RowId user_id) {
    static const pg::Sql kUser{"user_name", "select display_name from users where tenant_id = $1 and id = $2"};
    auto row = tx.maybe_row(kUser, tenant, user_id);
    if (!row) fail_validation("user", "no such user in this organization");
    return (*row)[0].as<std::string>();
}
}  // namespace

Result<Follower> Followers::follow(const Actor& actor, FollowTarget target, std::optional<RowId> user_id,
                                   FollowFilter filter) {
    if (target.kind != FollowTarget::Kind::pipeline && user_id.value_or(actor.user_id) == actor.user_id) {
        for (int attempt = 1;; ++attempt) {
            auto followed = db_.impl().single([&](pg::Tx& tx) { return follow_self(tx, actor, target, filter); });
            // A follow of the same target committed after this statement's snapshot
            // (and nothing was written): the next statement sees it.
            if (followed || followed.error().code != ErrorCode::conflict || attempt == 3) return followed;
        }
    }
    return db_.impl().run([&](pg::Tx& tx) {
        auto t = resolve(tx, actor.tenant, target);
        RowId user = user_id.value_or(actor.user_id);
        check_may_enrol(actor, t, user);
        std::string name = user_label(tx, actor.tenant, user);
        auto up = upsert(tx, actor, t, user, std::nullopt, filter, name);
        Follower f;
        f.target = {target.kind, target.kind == FollowTarget::Kind::pipeline ? 0 : target.number};
        f.user = UserSummary{user, name};
        f.filter = filter;
        f.since = up.since;
        return f;
    });
}

Status Followers::unfollow(const Actor& actor, FollowTarget target, std::optional<RowId> user_id) {
    return db_.impl().run([&](pg::Tx& tx) {
        auto t = resolve(tx, actor.tenant, target);
        RowId user = user_id.value_or(actor.user_id);
        check_may_enrol(actor, t, user);
        std::string name = user_label(tx, actor.tenant, user);
        if (remove(tx, actor, t, user, std::nullopt)) {
            Changes changes;
            changes.add("follower", name, std::nullopt);
            record_event(tx, actor, {t.kind, t.record_id, t.number}, "unfollowed", changes);
        }
        return Done{};
    });
}

Result<Follower> Followers::follow_in_conversation(const Actor& actor, RowId conversation_id, FollowTarget target,
                                                   FollowFilter filter) {
    return db_.impl().run([&](pg::Tx& tx) {
        auto t = resolve(tx, actor.tenant, target);
        std::string name = conversation_label(tx, actor.tenant, conversation_id);
        auto up = upsert(tx, actor, t, std::nullopt, conversation_id, filter, name);
        return load_follower(tx, actor.tenant, up.id);
    });
}

Status Followers::unfollow_in_conversation(const Actor& actor, RowId conversation_id, FollowTarget target) {
    return db_.impl().run([&](pg::Tx& tx) {
        auto t = resolve(tx, actor.tenant, target);
        std::string name = conversation_label(tx, actor.tenant, conversation_id);
        if (remove(tx, actor, t, std::nullopt, conversation_id)) {
            Changes changes;
            changes.add("follower", name, std::nullopt);
            record_event(tx, actor, {t.kind, t.record_id, t.number}, "unfollowed", changes);
        }
        return Done{};
    });
}

Result<std::vector<Follower>> Followers::list(const Actor& actor, FollowTarget target) {
    return db_.impl().read([&](pg::Tx& tx) {
        auto t = resolve(tx, actor.tenant, target);
        static const pg::Sql kList{"follower_list", kFollowerSelect +
            "where f.tenant_id = $1 and f.target_kind = $2"
            " and coalesce(f.lead_id, f.opportunity_id, f.account_id, 0) = coalesce($3, $4, $5, 0) order by f.id"};
        std::vector<Follower> out;
        for (const auto& r : tx.exec(kList, actor.tenant, t.kind, t.lead_id, t.opportunity_id, t.account_id))
            out.push_back(follower_from_row(r));
        return out;
    });
}

Result<bool> Followers::is_following(const Actor& actor, FollowTarget target) {
    return db_.impl().read([&](pg::Tx& tx) {
        auto t = resolve(tx, actor.tenant, target);
        static const pg::Sql kIs{"follower_is",
            "select 1 from followers where tenant_id = $1 and target_kind = $2"
            " and coalesce(lead_id, opportunity_id, account_id, 0) = coalesce($3, $4, $5, 0) and user_id = $6"};
        return tx.maybe_row(kIs, actor.tenant, t.kind, t.lead_id, t.opportunity_id, t.account_id, actor.user_id)
            .has_value();
    });
}

Result<FollowSummary> Followers::summary(const Actor& actor, FollowTarget target) {
    return db_.impl().read([&](pg::Tx& tx) {
        // One round trip: the record's id and its followers (a card is drawn on
        // every read). A statement per kind of target, each with its own plan.
        using K = FollowTarget::Kind;
        auto make = [](std::string_view kind, std::string id) {
            return pg::Sql{"follower_summary_" + std::string(kind),
                "select t.id, count(f.id)::integer, coalesce(bool_or(f.user_id = $4), false)"
                " from (select " + id + " as id) t"
                " left join followers f on f.tenant_id = $1 and f.target_kind = $2"
                "  and coalesce(f.lead_id, f.opportunity_id, f.account_id, 0) = t.id"
                " group by t.id"};
        };
        // $3 is the number ($2 the kind, for the followers' target_kind).
        static const pg::Sql kLead = make("lead", rows::record_id_sql(RecordKind::lead, 3)),
                             kDeal = make("opportunity", rows::record_id_sql(RecordKind::opportunity, 3)),
                             kAccount = make("account", rows::record_id_sql(RecordKind::account, 3)),
                             kPipeline = make("pipeline", "(select 0::bigint where $3::integer is not null)");
        const pg::Sql& kSummary = target.kind == K::lead          ? kLead
                                  : target.kind == K::opportunity ? kDeal
                                  : target.kind == K::account     ? kAccount
                                                                  : kPipeline;
        const std::string_view kind = target.kind == K::lead          ? "lead"
                                      : target.kind == K::opportunity ? "opportunity"
                                      : target.kind == K::account     ? "account"
                                                                      : "pipeline";
        auto r = tx.row(kSummary, actor.tenant, std::string(kind), target.number, actor.user_id);
        if (r[0].is_null())
            fail(ErrorCode::not_found,
                 (target.kind == K::account ? RecordRef{RecordKind::account, target.number}.display() : target.display()) +
                     " not found");
        return FollowSummary{r[1].as<std::int32_t>(), r[2].as<bool>()};
    });
}

}  // namespace crm
