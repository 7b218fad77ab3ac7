#pragma once
// Deal cards the bot posted into conversations, kept "live": every change to the
// deal updates them in place (the database queues one outbox row per live card;
// see migrations/0007_live_cards.sql). Bounded: a deal keeps only its newest
// cards live, and only for a while.
#include <crm_core/database.hpp>
#include <crm_core/ids.hpp>
#include <crm_core/result.hpp>
#include <crm_core/values.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace crm {

// Where a deal card was posted: the Bot Connector's coordinates of the message.
struct PostedCard {
    std::int32_t deal_number = 0;
    std::string service_url;
    std::string conversation_id;  // as posted to (a channel thread's id included)
    std::string activity_id;      // the id the connector answered
    std::string refresh_user_id;  // refresh.userIds of the card ('' for none)
    std::string language = "en";  // en, es, fr, de
};

struct LiveCard {
    RowId id = 0;
    RecordRef deal{RecordKind::opportunity, 0};
    std::string service_url, conversation_id, activity_id, refresh_user_id, language;
    Timestamp posted_at;
};

struct LiveCardLimits {
    std::int32_t per_deal = 20;                               // the newest cards of a deal stay live
    std::chrono::hours live_for{std::chrono::hours(24 * 30)};  // older cards are left alone
};

class LiveCards {
public:
    explicit LiveCards(Database& db) : db_(db) {}

    // Remembers a posted card (again: the same message is one card) and drops the
    // deal's cards beyond the limits. not_found when the deal is not there.
    Result<LiveCard> record(const TenantId& tenant, const PostedCard& card, const LiveCardLimits& limits = {});
    // The message is gone or out of reach (deleted, bot removed): stop updating it;
    // its pending updates go with it.
    Status retire(const TenantId& tenant, RowId id);
    // A deal's live cards, newest first.
    Result<std::vector<LiveCard>> for_deal(const TenantId& tenant, std::int32_t deal_number);

private:
    Database& db_;
};

}  // namespace crm
