#pragma once
// The notification outbox, for the dispatcher that delivers it (the bot). Rows
// are written by the database in the transaction of each change (one per
// recipient; see migrations/0005_notifications.sql); a dispatcher claims what is
// due, delivers it, then marks it delivered, to retry, or dead. Claims use
// FOR UPDATE SKIP LOCKED, so several dispatchers on one database deliver each row
// once; a claim is a lease, so the rows of a dispatcher that died are delivered
// by another after the lease runs out.
#include <crm_core/collaboration.hpp>
#include <crm_core/database.hpp>
#include <crm_core/ids.hpp>
#include <crm_core/live_cards.hpp>
#include <crm_core/result.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace crm {

// One record's changes, in a digest.
struct RecordChanges {
    RecordRef record;
    std::string record_name;
    std::vector<Event> events;  // oldest first
};

// One notification to deliver: every claimed change of one record for one
// recipient, coalesced; or a user's daily digest of every record that changed.
struct Notification {
    TenantId tenant;
    std::vector<RowId> outbox_ids;
    std::int32_t attempts = 0;  // deliveries tried so far, this one included
    // The recipient: a user (reached in their 1:1 chat), a conversation, or a
    // live card (updated in place with the record's current card).
    std::optional<UserSummary> user;
    std::string user_teams_id;  // the user's channel account id, when known
    std::optional<Conversation> conversation;
    // A user's active 1:1 chat as it was when claimed (nullopt: none then; the
    // dispatcher looks again before starting one, as another delivery may have).
    std::optional<Conversation> personal_chat;
    std::optional<LiveCard> live_card;
    RecordRef record;
    std::string record_name;
    bool important = false;     // any of the changes is
    std::vector<Event> events;  // oldest first
    // A daily digest: one entry per record, in the order of `events` (then
    // `record` and `record_name` are the first entry's, `events` all of them).
    std::vector<RecordChanges> digest;
    std::string language = "en";  // the user's, for the card (en, es, fr, de)
};

struct ClaimOptions {
    std::int32_t max_rows = 200;
    // Changes wait this long, so that a burst of changes to one record reaches
    // each recipient as one notification.
    std::chrono::milliseconds coalesce{std::chrono::seconds(3)};
    std::chrono::seconds lease{std::chrono::seconds(60)};
    // Only this tenant's rows (a dispatcher dedicated to one tenant; tests).
    std::optional<TenantId> tenant;
};

struct DeadLetter {
    TenantId tenant;
    RowId id = 0;
    std::string recipient;  // user or conversation name
    RecordRef record;
    std::int32_t attempts = 0;
    std::string error;
    Timestamp created_at;
};

struct OutboxStatus {
    std::int64_t pending = 0, due = 0, sending = 0, sent = 0, dead = 0;
    std::optional<Timestamp> next_due;  // the earliest pending row
    std::vector<DeadLetter> dead_letters;  // the newest few
};

class Outbox {
public:
    explicit Outbox(Database& db) : db_(db) {}

    Result<std::vector<Notification>> claim(const ClaimOptions& options = {});
    Status delivered(const TenantId& tenant, const std::vector<RowId>& ids);
    // Several notifications' rows in one round trip (a dispatcher records its
    // deliveries in batches).
    struct Delivered {
        TenantId tenant;
        std::vector<RowId> ids;
    };
    Status delivered(const std::vector<Delivered>& rows);
    // Back to pending until `not_before` (a Retry-After, a backoff). `failed`:
    // false when the row was only handed back (our own rate limit), which does
    // not count as an attempt.
    Status retry_later(const TenantId& tenant, const std::vector<RowId>& ids, Timestamp not_before,
                       const std::string& error, bool failed = true);
    Status dead(const TenantId& tenant, const std::vector<RowId>& ids, const std::string& error);

    Result<OutboxStatus> status(std::int32_t dead_letters = 20);
    // Dead letters become pending again; returns how many.
    Result<std::int64_t> retry_dead();
    // When the next pending row becomes due (nullopt: nothing waits).
    Result<std::optional<Timestamp>> next_due(const ClaimOptions& options = {});

private:
    Database& db_;
};

// LISTEN crm_outbox on a connection of its own: wakes a dispatcher when a change
// with notifications commits, instead of polling.
class OutboxListener {
public:
    explicit OutboxListener(std::string url);
    ~OutboxListener();
    OutboxListener(const OutboxListener&) = delete;
    OutboxListener& operator=(const OutboxListener&) = delete;

    // Waits up to `timeout` for a notification; true when one came. A lost
    // connection is reopened on the next call (and reported as false).
    bool wait(std::chrono::milliseconds timeout);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace crm
