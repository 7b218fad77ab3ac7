#pragma once
// Delivers the core's notification outbox through the Bot Connector: to a user in
// their 1:1 chat with the bot (created once when they have none), to a channel or
// group chat through its stored conversation reference. Worker threads claim due
// rows (several crmbot processes may share the database: each row goes to one),
// wake on NOTIFY crm_outbox rather than polling, and keep every conversation and
// tenant under Teams' send limits before any 429; a 429 is honoured, transient
// failures back off with jitter, permanent ones become dead letters with the
// reason (and a user who blocked the bot retires that chat's reference). Live
// deal cards are updated in place the same way; one whose message is gone is retired.
#include "connector/connector_client.hpp"
#include "connector/rate_limiter.hpp"
#include "metrics/metrics.hpp"
#include "schema/conversation_reference.hpp"

#include <crm_core/crm.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace bot::app {

struct DispatcherOptions {
    std::string database_url;  // for LISTEN
    std::string bot_id;        // "28:<app id>": the bot's account when starting a 1:1 chat
    std::size_t workers = 4;   // concurrent deliveries
    crm::ClaimOptions claim;
    std::int32_t max_attempts = 12;
    std::chrono::milliseconds idle_poll{std::chrono::seconds(5)};  // a safety net under LISTEN
    connector::RateLimits limits;
    // Added to every window of `limits`: the limiter counts a send when it is
    // acquired, Teams when it arrives, and the time in between varies (card
    // rendering, the HTTP client's threads, the network). Without it, a send
    // that arrived late and one that arrived early could fall into one window
    // of Teams' (measured: 54 in a 1 s window at 50/s). It costs throughput:
    // 50 per 1.1 s is 45.5/s.
    std::chrono::milliseconds limit_margin{100};
    // Stored conversation references were written from authenticated activities,
    // so their service URLs may be posted to, also by a process that has not seen
    // an activity since it started.
    std::function<void(const std::string&)> trust_service_url;
};

class NotificationDispatcher {
public:
    // Successful sends a worker holds before recording them in one round trip: what
    // a crash can make it send again, on top of the send in progress.
    static constexpr std::size_t kMaxUnrecordedSends = 64;

    NotificationDispatcher(crm::Crm& crm, std::shared_ptr<connector::ConnectorClient> connector,
                           metrics::Metrics& metrics, DispatcherOptions options);
    ~NotificationDispatcher();

    void start();
    // Finishes the deliveries in hand, then stops; what was not claimed stays in
    // the outbox for the next start (or another process).
    void stop();

    // Deliveries whose `delivered` is not recorded yet: a worker records them in
    // one round trip (after its claimed batch, every kMaxSentBatch deliveries or
    // kMaxSentDelay, and before it sleeps for the rate limiter).
    struct SentBatch {
        std::vector<crm::Outbox::Delivered> rows;
        std::chrono::steady_clock::time_point since;
        // No send may start after this (half the claim's lease): waiting for the
        // rate limiter past it hands the row back instead.
        std::chrono::steady_clock::time_point lease_end = std::chrono::steady_clock::time_point::max();
    };

    // One delivery, outcome recorded in the outbox (public for tests); with
    // `sent`, a success is recorded there and written by flush().
    void deliver(const crm::Notification& n, SentBatch* sent = nullptr);

private:
    void flush(SentBatch& sent);
    void work();
    void listen();
    // Where to post: the stored conversation, or the user's 1:1 chat (created when
    // missing). An error string says why there is none.
    struct Target {
        std::string service_url, conversation_id, conversation_key;
        std::optional<crm::RowId> conversation_row;
        schema::ConversationReference reference;  // for addressing the activity
    };
    std::optional<Target> target_for(const crm::Notification& n);  // nullopt: already settled
    // PUTs a live card's current version in place of the posted one.
    void update_live_card(const crm::Notification& n, SentBatch* sent);
    // Waits for a send under Teams' limits (briefly), or hands the rows back: false.
    bool acquire_send(const crm::Notification& n, const std::string& conversation_key, SentBatch* sent);
    void honour_throttling(const crm::Notification& n, const std::string& conversation_key,
                           const connector::ConnectorResponse& r);
    void settle(const crm::Notification& n, const connector::ConnectorResponse& r,
                const std::string& conversation_key = {}, SentBatch* sent = nullptr);

    crm::Crm& crm_;
    std::shared_ptr<connector::ConnectorClient> connector_;
    metrics::Metrics& metrics_;
    DispatcherOptions options_;
    connector::RateLimiter limiter_;
    std::atomic<bool> running_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::uint64_t wakeups_ = 0;
    std::vector<std::thread> threads_;
};

}  // namespace bot::app
