#pragma once
// Client-side send limits, so the bot stays under Teams' throttling before a
// 429 happens (protocol doc §5):
//  - per conversation (this bot sending to one thread): at most 7 sends in any
//    1 s, 8 in any 2 s, 60 in any 30 s and 1,800 in any 3,600 s;
//  - per app per tenant: at most 50 requests in any 1 s, all conversations of
//    the tenant together.
//
//   bot::connector::RateLimiter limiter;  // the documented limits
//   auto now = RateLimiter::Clock::now();
//   if (limiter.try_acquire(tenant, conversation, now)) send();
//   else reschedule_at(limiter.earliest(tenant, conversation, now));
//   ...
//   // on a 429 with Retry-After:
//   limiter.penalize(tenant, conversation, now + retry_after);
//
// Pure bookkeeping: no threads, no sleeping, no I/O; the caller passes `now`
// (steady_clock by default), so tests drive a fake clock. Thread-safe: every
// call takes one mutex for a short critical section that allocates only when
// a conversation or tenant is first seen or its ring grows; once every
// `prune_interval` one try_acquire also walks all entries (prune).
//
// "At most k in any window of length L" counts the sends s with x - L < s <= x
// for every x. A send at t is allowed when, for each window, the k-th most
// recent send s_k satisfies s_k + L <= t (or there are fewer than k sends), so
// only the newest max(k) timestamps need to be kept, and only those younger
// than the longest window.
//
// Memory: per active conversation a ring of 8-byte timestamps holding its
// sends of the last hour, at most 1,800 with the default limits: 14.4 KB at
// most (the ring grows by doubling from 4 slots up to that cap, so it has at
// most twice the slots it uses, and prune() shrinks it again), plus about
// 120 bytes of map node and bookkeeping and the conversation id. Per active
// tenant: at most 50 timestamps (400 bytes) plus its map and id. A conversation with no send in the last hour and
// no penalty running is forgotten by prune(), which try_acquire also runs by
// itself every `prune_interval`; a tenant is forgotten once it has no
// conversations, no recent sends and no penalty.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace bot::connector {

struct RateWindow {
    std::chrono::steady_clock::duration length{};
    std::size_t max_sends = 0;  // at most this many sends in any `length`
};

struct RateLimits {
    // Windows with a non-positive length are ignored; max_sends is at least 1.
    std::vector<RateWindow> per_conversation{
        {std::chrono::seconds(1), 7},
        {std::chrono::seconds(2), 8},
        {std::chrono::seconds(30), 60},
        {std::chrono::seconds(3'600), 1'800},
    };
    std::vector<RateWindow> per_tenant{
        {std::chrono::seconds(1), 50},
    };
    // try_acquire prunes idle entries at most this often.
    std::chrono::steady_clock::duration prune_interval{std::chrono::minutes(1)};
};

enum class PenaltyScope {
    conversation,  // the 429 concerned this conversation only
    tenant,        // the 429 concerned every conversation of the tenant
};

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    explicit RateLimiter(RateLimits limits = {});
    RateLimiter(const RateLimiter&) = delete;
    RateLimiter& operator=(const RateLimiter&) = delete;

    // The earliest time, not before `now`, at which a send to this
    // conversation keeps every window and penalty; == now when allowed now.
    // Exact: try_acquire at the answer succeeds (if nothing else was acquired
    // in between), 1 ns before it fails.
    Clock::time_point earliest(const std::string& tenant, const std::string& conversation,
                               Clock::time_point now) const;

    // Records a send at `now` and returns true when earliest(...) == now;
    // otherwise records nothing and returns false. If calls from several
    // threads pass slightly out-of-order times, a send is recorded at the
    // latest time seen so far (never earlier), which keeps the limits.
    bool try_acquire(const std::string& tenant, const std::string& conversation, Clock::time_point now);

    // After a 429: nothing goes to this conversation (scope conversation) or
    // to any conversation of the tenant (scope tenant) before `until`. A
    // shorter penalty never shortens a running one.
    void penalize(const std::string& tenant, const std::string& conversation, Clock::time_point until,
                  PenaltyScope scope = PenaltyScope::conversation);

    // Forgets conversations whose newest send is at least the longest
    // conversation window old and that are not penalized at `now`, then
    // tenants left without conversations, recent sends or penalty. Sends
    // acquired afterwards are recorded at `now` or later (see try_acquire).
    void prune(Clock::time_point now);

    std::size_t conversation_count() const;  // conversations tracked
    std::size_t tenant_count() const;        // tenants tracked

private:
    // The newest sends, oldest first: at most `cap` of them.
    class SendRing {
    public:
        void push(Clock::time_point t, std::size_t cap);
        // Drops the sends at or before `t`.
        void drop_until(Clock::time_point t);
        // The k-th most recent send, 1-based; k <= size().
        Clock::time_point nth_newest(std::size_t k) const {
            return slots_[(start_ + size_ - k) % slots_.size()];
        }
        std::size_t size() const { return size_; }
        bool empty() const { return size_ == 0; }
        Clock::time_point newest() const { return nth_newest(1); }
        // Gives back memory when far fewer sends are kept than there is room for.
        void shrink();

    private:
        void reallocate(std::size_t capacity);

        std::vector<Clock::time_point> slots_;
        std::size_t start_ = 0;  // index of the oldest
        std::size_t size_ = 0;
    };

    struct Conversation {
        SendRing sends;
        Clock::time_point blocked_until = Clock::time_point::min();
    };
    struct Tenant {
        SendRing sends;
        Clock::time_point blocked_until = Clock::time_point::min();
        std::unordered_map<std::string, Conversation> conversations;
    };
    // The windows of one level, normalised, with what follows from them.
    struct Level {
        std::vector<RateWindow> windows;
        std::size_t keep = 0;             // timestamps kept: the largest max_sends
        Clock::duration longest{};        // the longest window
    };

    static Level make_level(std::vector<RateWindow> windows);
    // The earliest time not before `t` that the windows of `level` allow, given `sends`.
    static Clock::time_point allowed_from(const Level& level, const SendRing& sends, Clock::time_point t);
    Clock::time_point earliest_locked(const Tenant* tenant, const Conversation* conversation,
                                      Clock::time_point now) const;
    void prune_locked(Clock::time_point now);

    const Level conversation_level_;
    const Level tenant_level_;
    const Clock::duration prune_interval_;

    mutable std::mutex mutex_;
    std::unordered_map<std::string, Tenant> tenants_;
    std::size_t conversation_count_ = 0;
    // The latest time passed to try_acquire (when it succeeded) or prune:
    // sends are recorded no earlier than this.
    Clock::time_point latest_ = Clock::time_point::min();
    Clock::time_point next_prune_ = Clock::time_point::min();
};

}  // namespace bot::connector
