#pragma once
// Delivers the core's notification outbox through the Bot Connector: to a user in
// their 1:1 chat with the bot (created once when they have none), to a channel or
// group chat through its stored conversation reference. Worker threads claim due
// rows (several crmbot processes may share the database: each row goes to one),
// wake on NOTIFY crm_outbox rather than polling, and keep every conversation and
// tenant under Teams' send limits before any 429; a 429 is honoured, transient
// failures back off with jitter, permanent ones become dead letters with the
// reason (and a user who blocked the bot retires that chat's reference).
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
    // Teams counts sends as they arrive, and arrival lags the send by a varying
    // delay: every window is kept this much longer than Teams' own, so no window
    // of arrivals ever holds more than the limit (50 a second per tenant then
    // sustains 45.5 a second).
    std::chrono::milliseconds window_margin{100};
    // Stored conversation references were written from authenticated activities,
    // so their service URLs may be posted to, also by a process that has not seen
    // an activity since it started.
    std::function<void(const std::string&)> trust_service_url;
};

class NotificationDispatcher {
public:
    NotificationDispatcher(crm::Crm& crm, std::shared_ptr<connector::ConnectorClient> connector,
                           metrics::Metrics& metrics, DispatcherOptions options);
    ~NotificationDispatcher();

    void start();
    // Finishes the deliveries in hand, then stops; what was not claimed stays in
    // the outbox for the next start (or another process).
    void stop();

    // One delivery of a notification claimed at `claimed_at`, outcome recorded in
    // the outbox (public for tests).
    void deliver(const crm::Notification& n, std::chrono::steady_clock::time_point claimed_at);

private:
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
    void settle(const crm::Notification& n, const connector::ConnectorResponse& r,
                const std::string& conversation_key = {});

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
