#include <crm_core/live_cards.hpp>

#include "pg/database_impl.hpp"

#include <algorithm>

namespace crm {

namespace {
const std::string kColumns =
    "c.id, o.number, c.service_url, c.conversation_id, c.activity_id, c.refresh_user_id, c.language,"
    " crm_micros(c.posted_at) ";

LiveCard live_card_from_row(const pqxx::row& r) {
    LiveCard c;
    c.id = r[0].as<RowId>();
    c.deal = {RecordKind::opportunity, r[1].as<std::int32_t>()};
    c.service_url = r[2].as<std::string>();
    c.conversation_id = r[3].as<std::string>();
    c.activity_id = r[4].as<std::string>();
    c.refresh_user_id = r[5].as<std::string>();
    c.language = r[6].as<std::string>();
    c.posted_at = pg::from_micros(r[7].as<long long>());
    return c;
}
}  // namespace

Result<LiveCard> LiveCards::record(const TenantId& tenant, const PostedCard& card, const LiveCardLimits& limits) {
    return db_.impl().run_bookkeeping([&](pg::Tx& tx) {
        if (card.service_url.empty() || card.conversation_id.empty() || card.activity_id.empty())
            fail_validation("activity_id", "a live card needs a service URL, a conversation id and an activity id");
        static const pg::Sql kRecord{"live_card_record",
            "with c as (insert into live_cards (tenant_id, opportunity_id, service_url, conversation_id, activity_id,"
            "  refresh_user_id, language, live_until)"
            "  select $1, o.id, $3, $4, $5, $6, $7, now() + make_interval(secs => $8)"
            "  from opportunities o where o.tenant_id = $1 and o.number = $2"
            "  on conflict (tenant_id, conversation_id, activity_id) do update set"
            "  opportunity_id = excluded.opportunity_id, service_url = excluded.service_url,"
            "  refresh_user_id = excluded.refresh_user_id, language = excluded.language, posted_at = now(),"
            "  live_until = excluded.live_until returning *)"
            " select " + kColumns + ", c.opportunity_id from c"
            " join opportunities o on o.tenant_id = c.tenant_id and o.id = c.opportunity_id"};
        auto row = tx.maybe_row(kRecord, tenant, card.deal_number, card.service_url, card.conversation_id,
                                card.activity_id, card.refresh_user_id, card.language,
                                static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(limits.live_for).count()));
        if (!row) fail(ErrorCode::not_found, "no such deal");
        // The deal's cards beyond the newest `per_deal`, and those past their time.
        static const pg::Sql kPrune{"live_card_prune",
            "delete from live_cards c where c.tenant_id = $1 and c.opportunity_id = $2"
            " and (c.live_until <= now() or c.id not in (select k.id from live_cards k"
            "  where k.tenant_id = $1 and k.opportunity_id = $2 order by k.posted_at desc, k.id desc limit $3))"};
        tx.exec(kPrune, tenant, (*row)[8].as<RowId>(), std::max(limits.per_deal, 1));
        return live_card_from_row(*row);
    });
}

Status LiveCards::retire(const TenantId& tenant, RowId id) {
    return db_.impl().single_bookkeeping([&](pg::Tx& tx) {
        static const pg::Sql kRetire{"live_card_retire", "delete from live_cards where tenant_id = $1 and id = $2"};
        tx.exec(kRetire, tenant, id);
        return Done{};
    });
}

Result<std::vector<LiveCard>> LiveCards::for_deal(const TenantId& tenant, std::int32_t deal_number) {
    return db_.impl().read([&](pg::Tx& tx) {
        static const pg::Sql kList{"live_cards_for_deal",
            "select " + kColumns + " from live_cards c"
            " join opportunities o on o.tenant_id = c.tenant_id and o.id = c.opportunity_id"
            " where c.tenant_id = $1 and o.number = $2 and c.live_until > now()"
            " order by c.posted_at desc, c.id desc"};
        std::vector<LiveCard> out;
        for (const auto& r : tx.exec(kList, tenant, deal_number)) out.push_back(live_card_from_row(r));
        return out;
    });
}

}  // namespace crm
