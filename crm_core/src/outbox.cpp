#include <crm_core/outbox.hpp>

#include "event_log.hpp"
#include "pg/database_impl.hpp"

#include <pqxx/pqxx>

#include <algorithm>
#include <map>
#include <thread>
#include <tuple>

namespace crm {

namespace {
// Ids travel as one bigint[] parameter, written as an array literal of integers.
std::string id_array(const std::vector<RowId>& ids) {
    std::string out = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(ids[i]);
    }
    out += '}';
    return out;
}

double seconds(std::chrono::milliseconds ms) { return static_cast<double>(ms.count()) / 1000.0; }

std::optional<RecordKind> kind_of(const std::string& text) { return record_kind_from_string(text); }
}  // namespace

Result<std::vector<Notification>> Outbox::claim(const ClaimOptions& options) {
    return db_.impl().single_bookkeeping([&](pg::Tx& tx) {
        // Due rows (pending, older than the coalescing wait; or a lease that ran out), then
        // the other pending rows of the same recipients and records, so that each
        // recipient gets one notification per record (a digest: one for all records);
        // all marked `sending` under a lease before anything is delivered.
        static const pg::Sql kClaim{"outbox_claim",
            "with picked as (select tenant_id, id from outbox"
            "  where state in ('pending', 'sending') and not_before <= now()"
            "  and (state = 'sending' or created_at <= now() - make_interval(secs => $1))"
            "  and ($4::text is null or tenant_id = $4)"
            "  order by not_before, id limit $2 for update skip locked),"
            " groups as (select distinct o.tenant_id, o.record_kind, o.record_id, o.user_id, o.conversation_id,"
            "  o.live_card_id, o.digest from outbox o join picked p on p.tenant_id = o.tenant_id and p.id = o.id),"
            " siblings as (select o.tenant_id, o.id from outbox o join groups g on g.tenant_id = o.tenant_id"
            "  and g.record_kind = o.record_kind and g.record_id is not distinct from o.record_id"
            "  and g.user_id is not distinct from o.user_id and g.conversation_id is not distinct from o.conversation_id"
            "  and g.live_card_id is not distinct from o.live_card_id where not g.digest and not o.digest"
            "  and o.state = 'pending' and o.not_before <= now() for update of o skip locked),"
            // A digest takes every due digest row of its recipient, whatever the record.
            " digest_siblings as (select o.tenant_id, o.id from outbox o join (select distinct tenant_id, user_id"
            "  from groups where digest) g on g.tenant_id = o.tenant_id and g.user_id = o.user_id where o.digest"
            "  and o.state = 'pending' and o.not_before <= now() for update of o skip locked),"
            " ids as (select tenant_id, id from picked union select tenant_id, id from siblings"
            "  union select tenant_id, id from digest_siblings),"
            " claimed as (update outbox o set state = 'sending', not_before = now() + make_interval(secs => $3),"
            "  attempts = o.attempts + 1 from ids where o.tenant_id = ids.tenant_id and o.id = ids.id"
            "  returning o.tenant_id, o.id, o.event_id, o.user_id, o.conversation_id, o.record_kind, o.record_id,"
            "  o.important, o.attempts, o.live_card_id, o.digest)"
            " select c.tenant_id, c.id, c.user_id, u.display_name, coalesce(u.teams_user_id, ''),"
            "  c.conversation_id, cv.external_id, cv.kind, cv.name, cv.address, cv.active,"
            "  c.record_kind, coalesce(l.number, op.number, a.number, e.record_number, 0),"
            "  coalesce(nullif(trim(l.first_name || ' ' || l.last_name), ''), l.company, op.name, a.name, ''),"
            "  c.important, c.attempts, e.id, crm_micros(e.occurred_at), e.actor_id, au.display_name, e.action,"
            "  e.before::text, e.after::text, pc.id, pc.external_id, pc.name, pc.address,"
            "  c.live_card_id, lc.service_url, lc.conversation_id, lc.activity_id, lc.refresh_user_id, lc.language,"
            "  crm_micros(lc.posted_at), c.digest, coalesce(ns.language, 'en')"
            " from claimed c"
            " join events e on e.tenant_id = c.tenant_id and e.id = c.event_id"
            " left join users au on au.tenant_id = e.tenant_id and au.id = e.actor_id"
            " left join users u on u.tenant_id = c.tenant_id and u.id = c.user_id"
            " left join conversations cv on cv.tenant_id = c.tenant_id and cv.id = c.conversation_id"
            " left join leads l on c.record_kind = 'lead' and l.tenant_id = c.tenant_id and l.id = c.record_id"
            " left join opportunities op on c.record_kind = 'opportunity' and op.tenant_id = c.tenant_id"
            "  and op.id = c.record_id"
            " left join accounts a on c.record_kind = 'account' and a.tenant_id = c.tenant_id and a.id = c.record_id"
            // The user's 1:1 chat, as Directory::personal_conversation finds it.
            " left join lateral (select p.id, p.external_id, p.name, p.address from conversations p"
            "  where p.tenant_id = c.tenant_id and p.user_id = c.user_id and p.kind = 'personal' and p.active"
            "  and p.address <> '' order by p.updated_at desc limit 1) pc on c.user_id is not null"
            " left join live_cards lc on lc.tenant_id = c.tenant_id and lc.id = c.live_card_id"
            " left join notification_settings ns on ns.tenant_id = c.tenant_id and ns.user_id = c.user_id"
            " order by c.tenant_id, c.record_kind, c.record_id, c.user_id, c.conversation_id, c.live_card_id, e.id"};
        auto rows = tx.exec(kClaim, seconds(options.coalesce), std::max(options.max_rows, 1),
                            static_cast<double>(options.lease.count()), options.tenant);
        std::vector<Notification> out;
        using Key = std::tuple<std::string, std::string, std::int32_t, RowId, RowId, RowId>;
        std::map<Key, std::size_t> index;
        for (const auto& r : rows) {
            const RowId user = r[2].is_null() ? 0 : r[2].as<RowId>();
            const RowId conversation = r[5].is_null() ? 0 : r[5].as<RowId>();
            const RowId card = r[27].is_null() ? 0 : r[27].as<RowId>();
            const bool digest = r[34].as<bool>();
            const RecordRef record{kind_of(r[11].as<std::string>()).value_or(RecordKind::opportunity),
                                   r[12].as<std::int32_t>()};
            Key key{r[0].as<std::string>(), digest ? "" : r[11].as<std::string>(), digest ? 0 : record.number, user,
                    conversation, card};
            auto [it, fresh] = index.try_emplace(key, out.size());
            if (fresh) {
                Notification n;
                n.language = r[35].as<std::string>();
                n.tenant = r[0].as<std::string>();
                if (user) n.user = UserSummary{user, r[3].as<std::string>()};
                n.user_teams_id = r[4].as<std::string>();
                if (conversation)
                    n.conversation = Conversation{conversation,         r[6].as<std::string>(), r[7].as<std::string>(),
                                                  r[8].as<std::string>(), r[9].as<std::string>(), r[10].as<bool>(),
                                                  std::nullopt};
                if (user && !r[23].is_null())
                    n.personal_chat = Conversation{r[23].as<RowId>(),      r[24].as<std::string>(), "personal",
                                                   r[25].as<std::string>(), r[26].as<std::string>(), true, user};
                n.record = record;
                if (card && !r[28].is_null())
                    n.live_card = LiveCard{card,                    n.record,
                                           r[28].as<std::string>(), r[29].as<std::string>(),
                                           r[30].as<std::string>(), r[31].as<std::string>(),
                                           r[32].as<std::string>(), pg::from_micros(r[33].as<long long>())};
                n.record_name = r[13].as<std::string>();
                out.push_back(std::move(n));
            }
            Notification& n = out[it->second];
            n.outbox_ids.push_back(r[1].as<RowId>());
            n.important = n.important || r[14].as<bool>();
            n.attempts = std::max(n.attempts, r[15].as<std::int32_t>());
            Event e;
            e.id = r[16].as<RowId>();
            e.at = pg::from_micros(r[17].as<long long>());
            if (!r[18].is_null()) e.actor = UserSummary{r[18].as<RowId>(), r[19].as<std::string>()};
            e.record_kind = r[11].as<std::string>();
            e.record_number = record.number;
            e.action = r[20].as<std::string>();
            e.changes = changes_from_json(r[21].as<std::string>(), r[22].as<std::string>());
            // One event reaches a recipient once, even when it was fanned out twice.
            if (!n.events.empty() && n.events.back().id == e.id) continue;
            if (digest) {  // rows come ordered by record
                if (n.digest.empty() || !(n.digest.back().record == record))
                    n.digest.push_back({record, r[13].as<std::string>(), {}});
                n.digest.back().events.push_back(e);
            }
            n.events.push_back(std::move(e));
        }
        return out;
    });
}

Status Outbox::delivered(const TenantId& tenant, const std::vector<RowId>& ids) {
    return db_.impl().single_bookkeeping([&](pg::Tx& tx) {
        static const pg::Sql kSent{"outbox_sent",
            "update outbox set state = 'sent', sent_at = now(), last_error = ''"
            " where tenant_id = $1 and id = any($2::bigint[])"};
        tx.exec(kSent, tenant, id_array(ids));
        return Done{};
    });
}

Status Outbox::delivered(const std::vector<Delivered>& rows) {
    if (rows.empty()) return Done{};
    for (const auto& d : rows)
        if (d.tenant.empty() || d.tenant.find('\x1f') != std::string::npos) {  // not a Teams tenant id: one by one
            for (const auto& each : rows)
                if (auto s = delivered(each.tenant, each.ids); !s) return s;
            return Done{};
        }
    // Two parallel arrays: tenant ids travel as one text, separated by a byte no
    // tenant id contains.
    std::string tenants;
    std::vector<RowId> ids;
    for (const auto& d : rows)
        for (RowId id : d.ids) {
            if (!ids.empty()) tenants += '\x1f';
            tenants += d.tenant;
            ids.push_back(id);
        }
    return db_.impl().single_bookkeeping([&](pg::Tx& tx) {
        static const pg::Sql kSentMany{"outbox_sent_many",
            "update outbox o set state = 'sent', sent_at = now(), last_error = ''"
            " from unnest(string_to_array($1, chr(31)), $2::bigint[]) as d (tenant_id, id)"
            " where o.tenant_id = d.tenant_id and o.id = d.id"};
        tx.exec(kSentMany, tenants, id_array(ids));
        return Done{};
    });
}

Status Outbox::retry_later(const TenantId& tenant, const std::vector<RowId>& ids, Timestamp not_before,
                           const std::string& error, bool failed) {
    return db_.impl().single_bookkeeping([&](pg::Tx& tx) {
        static const pg::Sql kRetry{"outbox_retry",
            "update outbox set state = 'pending', not_before = to_timestamp($3::double precision / 1000000),"
            " last_error = $4, attempts = case when $5 then attempts else greatest(attempts - 1, 0) end"
            " where tenant_id = $1 and id = any($2::bigint[]) and state = 'sending'"};
        auto micros = std::chrono::duration_cast<std::chrono::microseconds>(not_before.time_since_epoch()).count();
        tx.exec(kRetry, tenant, id_array(ids), static_cast<double>(micros), error, failed);
        return Done{};
    });
}

Status Outbox::dead(const TenantId& tenant, const std::vector<RowId>& ids, const std::string& error) {
    return db_.impl().single_bookkeeping([&](pg::Tx& tx) {
        static const pg::Sql kDead{"outbox_dead",
            "update outbox set state = 'dead', last_error = $3 where tenant_id = $1 and id = any($2::bigint[])"};
        tx.exec(kDead, tenant, id_array(ids), error);
        return Done{};
    });
}

Result<OutboxStatus> Outbox::status(std::int32_t dead_letters) {
    return db_.impl().read([&](pg::Tx& tx) {
        OutboxStatus s;
        static const pg::Sql kCounts{"outbox_counts",
            "select count(*) filter (where state = 'pending'),"
            " count(*) filter (where state = 'pending' and not_before <= now()),"
            " count(*) filter (where state = 'sending'), count(*) filter (where state = 'sent'),"
            " count(*) filter (where state = 'dead'),"
            " crm_micros(min(not_before) filter (where state = 'pending')) from outbox"};
        auto c = tx.row(kCounts);
        s.pending = c[0].as<std::int64_t>();
        s.due = c[1].as<std::int64_t>();
        s.sending = c[2].as<std::int64_t>();
        s.sent = c[3].as<std::int64_t>();
        s.dead = c[4].as<std::int64_t>();
        s.next_due = pg::optional_time(c[5]);
        static const pg::Sql kDead{"outbox_dead_letters",
            "select o.tenant_id, o.id, coalesce(u.display_name, cv.name, cv.external_id,"
            " 'live card ' || o.live_card_id, ''), o.record_kind,"
            " coalesce(l.number, op.number, a.number, 0), o.attempts, o.last_error, crm_micros(o.created_at)"
            " from outbox o"
            " left join users u on u.tenant_id = o.tenant_id and u.id = o.user_id"
            " left join conversations cv on cv.tenant_id = o.tenant_id and cv.id = o.conversation_id"
            " left join leads l on o.record_kind = 'lead' and l.tenant_id = o.tenant_id and l.id = o.record_id"
            " left join opportunities op on o.record_kind = 'opportunity' and op.tenant_id = o.tenant_id"
            "  and op.id = o.record_id"
            " left join accounts a on o.record_kind = 'account' and a.tenant_id = o.tenant_id and a.id = o.record_id"
            " where o.state = 'dead' order by o.id desc limit $1"};
        for (const auto& r : tx.exec(kDead, std::clamp(dead_letters, 0, 1000)))
            s.dead_letters.push_back({r[0].as<std::string>(), r[1].as<RowId>(), r[2].as<std::string>(),
                                      {kind_of(r[3].as<std::string>()).value_or(RecordKind::opportunity),
                                       r[4].as<std::int32_t>()},
                                      r[5].as<std::int32_t>(), r[6].as<std::string>(),
                                      pg::from_micros(r[7].as<long long>())});
        return s;
    });
}

Result<std::int64_t> Outbox::retry_dead() {
    return db_.impl().single_bookkeeping([&](pg::Tx& tx) {
        static const pg::Sql kRevive{"outbox_revive",
            "with revived as (update outbox set state = 'pending', not_before = now(), attempts = 0"
            " where state = 'dead' returning 1), notified as (select pg_notify('crm_outbox', '')"
            " where exists (select 1 from revived)) select count(*) from revived, (select count(*) from notified) n"};
        return tx.row(kRevive)[0].as<std::int64_t>();
    });
}

Result<std::optional<Timestamp>> Outbox::next_due(const ClaimOptions& options) {
    return db_.impl().read([&](pg::Tx& tx) {
        static const pg::Sql kNext{"outbox_next_due",
            "select crm_micros(min(greatest(not_before, created_at + make_interval(secs => $1)))) from outbox"
            " where state in ('pending', 'sending') and ($2::text is null or tenant_id = $2)"};
        return pg::optional_time(tx.row(kNext, seconds(options.coalesce), options.tenant)[0]);
    });
}

// ---- LISTEN ------------------------------------------------------------------

struct OutboxListener::Impl {
    struct Receiver : pqxx::notification_receiver {
        Receiver(pqxx::connection_base& c, int& count) : pqxx::notification_receiver(c, "crm_outbox"), count(count) {}
        void operator()(const std::string&, int) override { ++count; }
        int& count;
    };
    std::string url;
    std::unique_ptr<pqxx::connection> conn;
    std::unique_ptr<Receiver> receiver;
    int count = 0;

    void open() {
        receiver.reset();
        conn = std::make_unique<pqxx::connection>(url);
        receiver = std::make_unique<Receiver>(*conn, count);
    }
};

OutboxListener::OutboxListener(std::string url) : impl_(std::make_unique<Impl>()) { impl_->url = std::move(url); }
OutboxListener::~OutboxListener() = default;

bool OutboxListener::wait(std::chrono::milliseconds timeout) {
    try {
        if (!impl_->conn || !impl_->conn->is_open()) impl_->open();
        impl_->count = 0;
        auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::max(timeout, std::chrono::milliseconds(0)));
        impl_->conn->await_notification(static_cast<long>(us.count() / 1000000), static_cast<long>(us.count() % 1000000));
        return impl_->count > 0;
    } catch (const std::exception&) {
        // The database went away: the caller polls on its timeout until it is back.
        impl_->receiver.reset();
        impl_->conn.reset();
        std::this_thread::sleep_for(std::min(timeout, std::chrono::milliseconds(1000)));
        return false;
    }
}

}  // namespace crm
