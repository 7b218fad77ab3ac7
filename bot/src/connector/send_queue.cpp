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
    options_.workers = std::max<std::size_t>(1, options_.workers);
    options_.max_attempts = std::max<std::size_t>(1, options_.max_attempts);
    options_.capacity = std::max<std::size_t>(1, options_.capacity);
    options_.jitter = std::clamp(options_.jitter, 0.0, 0.9);
    workers_.reserve(options_.workers);
    for (std::size_t i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { run_worker(); });
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
        const bool schedule = lane.items.empty() && !lane.busy;
        lane.items.push_back(Item{std::move(activity), std::move(on_done), 0, bytes});
        ++size_;
        bytes_ += bytes;
        if (schedule) schedule_.emplace(std::chrono::steady_clock::now(), std::move(key));
    }
    cv_.notify_one();
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
    for (auto& worker : workers_) {
        if (worker.joinable()) worker.join();
    }

    // What the drain did not get to.
    std::vector<Item> left;
    {
        std::lock_guard lock(mutex_);
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

ConnectorResponse SendQueue::dispatch(const OutboundActivity& a) {
    const JsonBody& body = *a.activity_json;  // set by enqueue
    if (a.update_activity_id) return client_->update_activity(a.service_url, a.conversation_id, *a.update_activity_id, body);
    if (a.reply_to_id) return client_->reply_to_activity(a.service_url, a.conversation_id, *a.reply_to_id, body);
    return client_->send_to_conversation(a.service_url, a.conversation_id, body);
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

void SendQueue::run_worker() {
    std::unique_lock lock(mutex_);
    for (;;) {
        const auto now = std::chrono::steady_clock::now();
        if (stopping_ && (size_ == 0 || now >= deadline_)) return;
        if (schedule_.empty()) {
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
            // A copy: wait_until re-reads its argument after waking, and another
            // worker may erase this schedule entry while the lock is released.
            const SteadyTime wake_at = stopping_ ? std::min(next->first, deadline_) : next->first;
            cv_.wait_until(lock, wake_at);
            continue;
        }

        const std::string key = next->second;
        schedule_.erase(next);
        Lane& lane = lanes_.at(key);  // references into an unordered_map survive rehashing
        lane.busy = true;
        Item item = std::move(lane.items.front());
        lane.items.pop_front();
        lock.unlock();

        // --- no lock held: the network call ---
        ConnectorResponse response = dispatch(item.activity);
        ++item.attempts;
        const auto next_delay = response.ok() ? std::nullopt : retry_delay(response, item.attempts);
        const bool retry = next_delay.has_value();
        const std::chrono::milliseconds delay = next_delay.value_or(std::chrono::milliseconds(0));
        const auto& a = item.activity;
        const std::string op(operation(a));

        SendResult result;
        if (response.ok()) {
            result.status = SendStatus::sent;
            spdlog::debug("connector: {} to conversation {} sent (HTTP {}, attempt {})", op, a.conversation_id,
                          response.status, item.attempts);
        } else if (retry) {
            spdlog::info("connector: {} to conversation {} will be retried in {} ms (attempt {}/{}): {} context={}",
                         op, a.conversation_id, delay.count(), item.attempts, options_.max_attempts,
                         response.message, context_text(a.log_context));
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
                spdlog::warn("connector: {} to conversation {} refused, not sent: {} context={}", op,
                             a.conversation_id, why, context_text(a.log_context));
            } else {
                spdlog::warn("connector: {} to conversation {} {} after {} attempt(s): {} context={}", op,
                             a.conversation_id, result.status == SendStatus::failed ? "failed" : "given up",
                             item.attempts, why, context_text(a.log_context));
            }
        }

        lock.lock();
        Lane& same_lane = lanes_.at(key);
        same_lane.busy = false;
        const auto after = std::chrono::steady_clock::now();
        if (retry) {
            same_lane.items.push_front(std::move(item));
            schedule_.emplace(after + delay, key);
            cv_.notify_all();  // a waiting worker may need to wake earlier
            continue;
        }
        --size_;
        bytes_ -= std::min(bytes_, item.bytes);
        if (!crowded()) room_cv_.notify_all();
        if (same_lane.items.empty()) {
            lanes_.erase(key);
        } else {
            schedule_.emplace(after, key);
        }
        cv_.notify_all();  // next in this lane, or stop() waiting for the drain

        result.attempts = item.attempts;
        result.response = std::move(response);
        lock.unlock();
        notify(item.on_done, result, item.activity);
        lock.lock();
    }
}

}  // namespace bot::connector
