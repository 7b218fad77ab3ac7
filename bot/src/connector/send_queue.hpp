#pragma once
// Asynchronous, retrying sender of outbound activities, so that the answer to
// an inbound request never waits on the Bot Connector (protocol doc §3: 200 at
// once, post results via REST).
//
//   bot::connector::SendQueue queue(client, {});
//   queue.enqueue({.service_url = ..., .conversation_id = ..., .reply_to_id = activity.id,
//                  .activity = card_reply, .log_context = {{"command", "lead"}}},
//                 [](const bot::connector::SendResult& r) { if (r.ok()) remember(r.response.id); });
//   ...
//   queue.stop(std::chrono::seconds(10));  // at shutdown: drain, then cancel the rest
//
// Delivery rules (protocol doc §5):
//  - 429: wait for Retry-After (seconds or HTTP-date) before the next attempt;
//    without it, exponential backoff (initial, 2x, 4x ... capped) with ±jitter;
//  - 412, 500, 502, 503, 504, transport errors (refused, reset, timeout) and
//    transient token failures: retried the same way;
//  - any other 4xx (403 MessageWritesBlocked, 404, 413 ...), refused service
//    URLs and rejected credentials: permanent, logged once with the
//    conversation id and the reason, never retried;
//  - at most `max_attempts` attempts in all.
// Activities to one conversation go out one at a time and in the order they
// were queued (Teams throttles per conversation, and a reply overtaking an
// earlier one reads wrong); different conversations proceed in parallel, up to
// `max_in_flight` HTTP exchanges at once. A conversation waiting out a
// Retry-After does not hold up the others.
//
// No thread waits for an HTTP answer: a send starts at once on the enqueueing
// thread when its conversation is idle and there is room in flight, else on the
// queue's scheduler thread when its turn comes; answers are handled on the
// HTTP client's threads.
#include "connector/connector_client.hpp"

#include <crm_core/result.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace bot::connector {

struct OutboundActivity {
    std::string service_url;
    std::string conversation_id;
    // Set: POST .../activities/{reply_to_id} (a reply in the thread of that activity).
    std::optional<std::string> reply_to_id;
    // Set: PUT .../activities/{update_activity_id} (replace that activity, e.g. a card).
    // At most one of reply_to_id and update_activity_id.
    std::optional<std::string> update_activity_id;
    nlohmann::json activity;     // the Activity to send, unless activity_json is set
    nlohmann::json log_context;  // extra fields for log lines about it (no secrets, no message text)
    // The Activity already serialized (e.g. around a cached card): sent as is.
    std::optional<JsonBody> activity_json = {};
};

enum class SendStatus {
    sent,       // 2xx; response.id is the new activity's id
    failed,     // permanent failure (4xx other than 412/429, credentials refused)
    gave_up,    // still failing after max_attempts, or Retry-After beyond max_retry_after
    refused,    // never sent: service URL not allowed or bad arguments
    cancelled,  // the queue stopped before it could be sent
};

std::string_view to_string(SendStatus status);

struct SendResult {
    SendStatus status = SendStatus::cancelled;
    ConnectorResponse response;  // the last answer; default when never sent
    std::size_t attempts = 0;    // HTTP exchanges tried

    bool ok() const { return status == SendStatus::sent; }
};

// Called once per enqueued activity, on an HTTP client thread (or the thread that
// started the send, when it was refused before going out; or the thread calling
// stop(), for cancelled ones). Must not block for long; exceptions are caught and
// logged.
using SendCallback = std::function<void(const SendResult&)>;

struct SendQueueOptions {
    // HTTP exchanges in flight at once (different conversations).
    std::size_t max_in_flight = 32;
    std::size_t capacity = 10'000;  // activities queued, in flight or waiting to retry
    // ...and their serialized size: a burst of large cards must not grow memory
    // without bound while the connector is slow.
    std::size_t capacity_bytes = 16u << 20;
    std::size_t max_attempts = 5;
    std::chrono::milliseconds initial_backoff{1'000};
    std::chrono::milliseconds max_backoff{30'000};
    double jitter = 0.2;  // each backoff is scaled by a random factor in [1 - jitter, 1 + jitter]
    // A Retry-After longer than this is not waited for: the activity is given up.
    std::chrono::milliseconds max_retry_after{std::chrono::minutes(2)};
};

class SendQueue {
public:
    SendQueue(std::shared_ptr<ConnectorClient> client, SendQueueOptions options = {});
    ~SendQueue();  // stop(0): in-flight requests finish, the rest is cancelled
    SendQueue(const SendQueue&) = delete;
    SendQueue& operator=(const SendQueue&) = delete;

    // Never waits for an HTTP answer (it may fetch an access token first when none
    // is cached, which the connector needs anyway). Errors (on_done is then not called):
    // ErrorCode::validation (no service URL / conversation id, both reply_to_id
    // and update_activity_id, invalid UTF-8 in the activity), ErrorCode::unavailable
    // (queue full or stopped). The activity is serialized here, once.
    crm::Status enqueue(OutboundActivity activity, SendCallback on_done = {});

    // Stops accepting, keeps sending for up to `drain_timeout`, then waits for the
    // requests in flight (bounded by the client's timeout) and cancels what is
    // left (callbacks get SendStatus::cancelled). Idempotent; not from a callback.
    void stop(std::chrono::milliseconds drain_timeout);

    std::size_t pending() const;  // queued + in flight + waiting to retry
    // Three quarters full (by count or bytes): time to refuse new work upstream
    // (the HTTP endpoint answers 503) rather than accept it and drop its replies.
    bool saturated() const;
    // Backpressure before that: while a quarter of the capacity (and at least 64
    // activities) is pending, waits up to `max_wait` for the sending to catch up,
    // so that producers slow down to the sending rate. At once when it is not.
    void wait_for_room(std::chrono::milliseconds max_wait) const;

private:
    using SteadyTime = std::chrono::steady_clock::time_point;

    struct Item {
        OutboundActivity activity;
        SendCallback on_done;
        std::size_t attempts = 0;
        std::size_t bytes = 0;       // serialized size, counted against capacity_bytes
        bool token_renewed = false;  // a 401 was already retried with a new token
    };
    // The activities of one conversation, sent in order, one at a time.
    struct Lane {
        std::deque<Item> items;
        bool busy = false;  // its head is in flight
    };

    void run_scheduler();
    // With mutex_ held: takes the head of lane `key` for sending (lane busy, one more in flight).
    std::shared_ptr<Item> take(const std::string& key);
    // Without the lock: sends it; finished() follows, on whichever thread the answer comes.
    void start(const std::string& key, std::shared_ptr<Item> item);
    void finished(const std::string& key, const std::shared_ptr<Item>& item, ConnectorResponse response);
    // The delay before the next attempt, or nullopt to give up now.
    std::optional<std::chrono::milliseconds> retry_delay(const ConnectorResponse& response,
                                                         std::size_t attempts_made) const;
    static void notify(const SendCallback& on_done, const SendResult& result, const OutboundActivity& activity);
    bool crowded() const;  // wait_for_room's condition, with mutex_ held

    std::shared_ptr<ConnectorClient> client_;
    SendQueueOptions options_;

    mutable std::mutex mutex_;
    std::condition_variable cv_;  // the scheduler: work became due, room in flight, or stop
    mutable std::condition_variable room_cv_;  // wait_for_room() waiters
    std::condition_variable idle_cv_;          // stop(): nothing in flight any more
    std::unordered_map<std::string, Lane> lanes_;  // key: service URL + '\n' + conversation id
    // Lanes that are idle with work, by when their head may go out. A lane is in
    // here exactly once when !busy && !items.empty().
    std::multimap<SteadyTime, std::string> schedule_;
    std::size_t size_ = 0;
    std::size_t bytes_ = 0;
    std::size_t in_flight_ = 0;
    std::size_t callbacks_running_ = 0;  // completion callbacks not yet returned
    bool stopping_ = false;
    SteadyTime deadline_{};

    std::mutex stop_mutex_;  // serialises stop()
    std::thread scheduler_;
};

}  // namespace bot::connector
