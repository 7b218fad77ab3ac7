#include "connector/send_queue.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <random>

namespace bot::connector {
namespace {

std::string lane_key(const OutboundActivity& a) { return a.service_url + '\n' + a.conversation_id; }

std::string_view operation(const OutboundActivity& a) {
    if (a.update_activity_id) return "update";
    if (a.reply_to_id) return "reply";
    return "send";
}

std::string context_text(const nlohmann::json& context) {
    if (context.is_null()) return "{}";
    return context.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Uniform in [1 - jitter, 1 + jitter]; one generator per thread, no locking.
double jitter_factor(double jitter) {
    if (jitter <= 0) return 1.0;
    thread_local std::mt19937 rng{std::random_device{}()};
    std::uniform_real_distribution<double> dist(1.0 - jitter, 1.0 + jitter);
    return dist(rng);
}

}  // namespace

std::string_view to_string(SendStatus status) {
    switch (status) {
        case SendStatus::sent: return "sent";
        case SendStatus::failed: return "failed";
        case SendStatus::gave_up: return "gave_up";
        case SendStatus::refused: return "refused";
        case SendStatus::cancelled: return "cancelled";
    }
    return "unknown";
}

SendQueue::SendQueue(std::shared_ptr<ConnectorClient> client, SendQueueOptions options)
    : client_(std::move(client)), options_(options) {
    options_.max_in_flight = std::max<std::size_t>(1, options_.max_in_flight);
    options_.max_attempts = std::max<std::size_t>(1, options_.max_attempts);
    options_.capacity = std::max<std::size_t>(1, options_.capacity);
    options_.jitter = std::clamp(options_.jitter, 0.0, 0.9);
    scheduler_ = std::thread([this] { run_scheduler(); });
}

SendQueue::~SendQueue() { stop(std::chrono::milliseconds(0)); }

std::size_t SendQueue::pending() const {
    std::lock_guard lock(mutex_);
    return size_;
}

bool SendQueue::saturated() const {
    std::lock_guard lock(mutex_);
    return size_ * 4 >= options_.capacity * 3 || bytes_ * 4 >= options_.capacity_bytes * 3;
}

bool SendQueue::crowded() const {
    constexpr std::size_t kMinBacklog = 64;
    return !stopping_ && size_ >= kMinBacklog && (size_ * 4 >= options_.capacity || bytes_ * 4 >= options_.capacity_bytes);
}

void SendQueue::wait_for_room(std::chrono::milliseconds max_wait) const {
    std::unique_lock lock(mutex_);
    room_cv_.wait_for(lock, max_wait, [this] { return !crowded(); });
}

crm::Status SendQueue::enqueue(OutboundActivity activity, SendCallback on_done) {
    if (activity.service_url.empty() || activity.conversation_id.empty()) {
        return crm::Error{crm::ErrorCode::validation, "an outbound activity needs a service URL and a conversation id",
                          activity.service_url.empty() ? "service_url" : "conversation_id"};
    }
    if (activity.reply_to_id && activity.update_activity_id) {
        return crm::Error{crm::ErrorCode::validation, "an outbound activity is a reply or an update, not both",
                          "update_activity_id"};
    }
    if (!activity.activity_json) {
        activity.activity_json = to_json_body(activity.activity);
        if (!activity.activity_json)
            return crm::Error{crm::ErrorCode::validation, "the activity has invalid UTF-8", "activity"};
    }
    activity.activity = nullptr;  // the text is what goes out
    std::string key = lane_key(activity);
    const std::size_t bytes = activity.activity_json->text.size();
    std::shared_ptr<Item> now_item;
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return crm::Error{crm::ErrorCode::unavailable, "the send queue is stopped", {}};
        if (size_ >= options_.capacity || bytes_ + bytes > options_.capacity_bytes) {
            return crm::Error{crm::ErrorCode::unavailable,
                              "the send queue is full (" + std::to_string(size_) + " activities, " +
                                  std::to_string(bytes_) + " bytes)",
                              {}};
        }
        auto& lane = lanes_[key];
        const bool idle = lane.items.empty() && !lane.busy;
        lane.items.push_back(Item{std::move(activity), std::move(on_done), 0, bytes});
        ++size_;
        bytes_ += bytes;
        if (!idle) return crm::Done{};  // its turn comes after the activities before it
        const auto now = std::chrono::steady_clock::now();
        const bool others_due = !schedule_.empty() && schedule_.begin()->first <= now;
        if (in_flight_ < options_.max_in_flight && !others_due) {
            now_item = take(key);  // straight out, no hand-over to another thread
        } else {
            schedule_.emplace(now, key);
        }
    }
    if (now_item) {
        start(key, std::move(now_item));
    } else {
        cv_.notify_one();
    }
    return crm::Done{};
}

void SendQueue::stop(std::chrono::milliseconds drain_timeout) {
    std::lock_guard stop_lock(stop_mutex_);
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            stopping_ = true;
            deadline_ = std::chrono::steady_clock::now() + drain_timeout;
        }
    }
    cv_.notify_all();
    room_cv_.notify_all();
    if (scheduler_.joinable()) scheduler_.join();

    // What the drain did not get to; sends in flight finish first (their
    // callbacks use this queue).
    std::vector<Item> left;
    {
        std::unique_lock lock(mutex_);
        idle_cv_.wait(lock, [this] { return in_flight_ == 0 && callbacks_running_ == 0; });
        for (auto& [key, lane] : lanes_) {
            for (auto& item : lane.items) left.push_back(std::move(item));
        }
        lanes_.clear();
        schedule_.clear();
        size_ = 0;
        bytes_ = 0;
    }
    if (!left.empty()) {
        spdlog::warn("connector: send queue stopped with {} activity(ies) unsent", left.size());
    }
    for (auto& item : left) {
        SendResult result;
        result.status = SendStatus::cancelled;
        result.attempts = item.attempts;
        result.response.outcome = ConnectorOutcome::refused;
        result.response.message = "send queue stopped";
        notify(item.on_done, result, item.activity);
    }
}

std::shared_ptr<SendQueue::Item> SendQueue::take(const std::string& key) {
    Lane& lane = lanes_.at(key);  // references into an unordered_map survive rehashing
    lane.busy = true;
    ++in_flight_;
    auto item = std::make_shared<Item>(std::move(lane.items.front()));
    lane.items.pop_front();
    return item;
}

void SendQueue::start(const std::string& key, std::shared_ptr<Item> item) {
    const OutboundActivity& a = item->activity;
    const char* method = a.update_activity_id ? "PUT" : "POST";
    std::optional<std::string_view> activity_id;
    if (a.update_activity_id) {
        activity_id = *a.update_activity_id;
    } else if (a.reply_to_id) {
        activity_id = *a.reply_to_id;
    }
    const std::string path = activities_path(a.conversation_id, activity_id);
    const JsonBody* body = &*a.activity_json;  // set by enqueue; lives in *item until finished()
    client_->request_async(method, a.service_url, path, body,
                           [this, key, item](ConnectorResponse response) { finished(key, item, std::move(response)); });
}

std::optional<std::chrono::milliseconds> SendQueue::retry_delay(const ConnectorResponse& response,
                                                                std::size_t attempts_made) const {
    if (!response.retryable || attempts_made >= options_.max_attempts) return std::nullopt;
    if (response.retry_after) {
        // The server said when: never earlier; jitter only ever adds.
        if (*response.retry_after > options_.max_retry_after) return std::nullopt;
        const double extra = std::max(0.0, jitter_factor(options_.jitter) - 1.0);
        return *response.retry_after +
               std::chrono::milliseconds(static_cast<long long>(std::llround(response.retry_after->count() * extra)));
    }
    // initial * 2^(n-1), capped, then ±jitter.
    double base = static_cast<double>(options_.initial_backoff.count());
    for (std::size_t i = 1; i < attempts_made && base < options_.max_backoff.count(); ++i) base *= 2;
    base = std::min(base, static_cast<double>(options_.max_backoff.count()));
    return std::chrono::milliseconds(static_cast<long long>(std::llround(base * jitter_factor(options_.jitter))));
}

void SendQueue::notify(const SendCallback& on_done, const SendResult& result, const OutboundActivity& activity) {
    if (!on_done) return;
    try {
        on_done(result);
    } catch (const std::exception& e) {
        spdlog::error("connector: completion callback for conversation {} threw: {}", activity.conversation_id,
                      e.what());
    } catch (...) {
        spdlog::error("connector: completion callback for conversation {} threw", activity.conversation_id);
    }
}

void SendQueue::finished(const std::string& key, const std::shared_ptr<Item>& item, ConnectorResponse response) {
    ++item->attempts;
    std::optional<std::chrono::milliseconds> next_delay;
    if (!response.ok()) {
        // A 401 may mean the token was revoked or rotated: once, at once, with a new one.
        if (response.status == 401 && !item->token_renewed && item->attempts < options_.max_attempts) {
            item->token_renewed = true;
            next_delay = std::chrono::milliseconds(0);
        } else {
            next_delay = retry_delay(response, item->attempts);
        }
    }
    const bool retry = next_delay.has_value();
    const std::chrono::milliseconds delay = next_delay.value_or(std::chrono::milliseconds(0));
    const auto& a = item->activity;
    const std::string op(operation(a));

    SendResult result;
    if (response.ok()) {
        result.status = SendStatus::sent;
        spdlog::debug("connector: {} to conversation {} sent (HTTP {}, attempt {})", op, a.conversation_id,
                      response.status, item->attempts);
    } else if (retry) {
        spdlog::info("connector: {} to conversation {} will be retried in {} ms (attempt {}/{}): {} context={}", op,
                     a.conversation_id, delay.count(), item->attempts, options_.max_attempts, response.message,
                     context_text(a.log_context));
    } else {
        result.status = response.outcome == ConnectorOutcome::refused ? SendStatus::refused
                        : response.retryable                          ? SendStatus::gave_up
                                                                      : SendStatus::failed;
        // The one log line for this failure.
        std::string why = response.message;
        if (result.status == SendStatus::gave_up && response.retry_after &&
            *response.retry_after > options_.max_retry_after) {
            why += " (Retry-After " + std::to_string(response.retry_after->count()) + " ms is beyond the " +
                   std::to_string(options_.max_retry_after.count()) + " ms limit)";
        }
        if (result.status == SendStatus::refused) {
            spdlog::warn("connector: {} to conversation {} refused, not sent: {} context={}", op, a.conversation_id,
                         why, context_text(a.log_context));
        } else {
            spdlog::warn("connector: {} to conversation {} {} after {} attempt(s): {} context={}", op,
                         a.conversation_id, result.status == SendStatus::failed ? "failed" : "given up",
                         item->attempts, why, context_text(a.log_context));
        }
    }

    {
        std::lock_guard lock(mutex_);
        Lane& lane = lanes_.at(key);
        lane.busy = false;
        --in_flight_;
        const auto now = std::chrono::steady_clock::now();
        if (retry) {
            lane.items.push_front(std::move(*item));
            schedule_.emplace(now + delay, key);
        } else {
            --size_;
            bytes_ -= std::min(bytes_, item->bytes);
            if (lane.items.empty()) {
                lanes_.erase(key);
            } else {
                schedule_.emplace(now, key);
            }
            if (!crowded()) room_cv_.notify_all();
            ++callbacks_running_;
        }
        // The scheduler starts what is due (it may wait for a token; this thread must not).
        if (!schedule_.empty() || stopping_) cv_.notify_one();
        if (in_flight_ == 0 && callbacks_running_ == 0) idle_cv_.notify_all();
    }
    if (retry) return;
    result.attempts = item->attempts;
    result.response = std::move(response);
    notify(item->on_done, result, item->activity);
    std::lock_guard lock(mutex_);
    // stop() returns only after the last callback: what they use may go with the queue.
    if (--callbacks_running_ == 0 && in_flight_ == 0) idle_cv_.notify_all();
}

void SendQueue::run_scheduler() {
    std::unique_lock lock(mutex_);
    for (;;) {
        const auto now = std::chrono::steady_clock::now();
        if (stopping_ && (size_ == 0 || now >= deadline_)) return;
        if (schedule_.empty() || in_flight_ >= options_.max_in_flight) {
            if (stopping_) {
                const SteadyTime wake_at = deadline_;
                cv_.wait_until(lock, wake_at);
            } else {
                cv_.wait(lock);
            }
            continue;
        }
        const auto next = schedule_.begin();
        if (next->first > now) {
            // A copy: wait_until re-reads its argument after waking, and the entry
            // may be erased while the lock is released.
            const SteadyTime wake_at = stopping_ ? std::min(next->first, deadline_) : next->first;
            cv_.wait_until(lock, wake_at);
            continue;
        }
        const std::string key = next->second;
        schedule_.erase(next);
        auto item = take(key);
        lock.unlock();
        start(key, std::move(item));
        lock.lock();
    }
}

}  // namespace bot::connector
