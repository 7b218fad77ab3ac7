// The client-side rate limiter, on a fake clock: no sleeping, no timing.
#include "connector/rate_limiter.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace std::chrono_literals;
using bot::connector::PenaltyScope;
using bot::connector::RateLimiter;
using bot::connector::RateLimits;
using bot::connector::RateWindow;

namespace {

using Time = RateLimiter::Clock::time_point;
using Duration = RateLimiter::Clock::duration;

const Time t0 = Time{} + 1000h;  // any fixed point; steady_clock's epoch is arbitrary
const std::string tenant = "tenant-a";
const std::string conversation = "a:1conversation";

// Sends `n` activities to one conversation, `spacing` apart from `start`;
// every one of them must be allowed. Returns the time of the last.
Time send_spaced(RateLimiter& limiter, std::size_t n, Time start, Duration spacing,
                 const std::string& to = conversation) {
    Time t = start;
    for (std::size_t i = 0; i < n; ++i) {
        t = start + static_cast<Duration::rep>(i) * spacing;
        INFO("send " << i);
        REQUIRE(limiter.try_acquire(tenant, to, t));
    }
    return t;
}

// "c<i>"; appended rather than "c" + to_string(i), which trips GCC 12's -Wrestrict (PR 105651).
std::string conv(int i) {
    std::string id = "c";
    id += std::to_string(i);
    return id;
}

// Independent check: the largest number of `times` in any window (x - length, x].
// A window holding the most sends can always end at a send, so only those x are tried.
std::size_t most_in_any_window(std::vector<Time> times, Duration length) {
    std::sort(times.begin(), times.end());
    std::size_t most = 0;
    for (Time x : times) {
        auto end = std::upper_bound(times.begin(), times.end(), x);
        auto begin = std::upper_bound(times.begin(), times.end(), x - length);
        most = std::max(most, static_cast<std::size_t>(end - begin));
    }
    return most;
}

}  // namespace

TEST_CASE("7 sends in 1 s are allowed, the 8th waits until the first leaves the window", "[connector][rate]") {
    RateLimiter limiter;
    Time last = send_spaced(limiter, 7, t0, 100ms);
    CHECK(last == t0 + 600ms);
    CHECK_FALSE(limiter.try_acquire(tenant, conversation, t0 + 700ms));
    CHECK(limiter.earliest(tenant, conversation, t0 + 700ms) == t0 + 1s);
    CHECK_FALSE(limiter.try_acquire(tenant, conversation, t0 + 1s - 1ns));
    CHECK(limiter.try_acquire(tenant, conversation, t0 + 1s));
}

TEST_CASE("earliest is now when allowed, and exact: at it succeeds, 1 ns before fails", "[connector][rate]") {
    RateLimiter limiter;
    CHECK(limiter.earliest(tenant, conversation, t0) == t0);  // never seen
    send_spaced(limiter, 3, t0, 10ms);
    CHECK(limiter.earliest(tenant, conversation, t0 + 30ms) == t0 + 30ms);
    send_spaced(limiter, 4, t0 + 30ms, 1ms);  // 7 within 33 ms

    Time now = t0 + 40ms;
    Time at = limiter.earliest(tenant, conversation, now);
    REQUIRE(at == t0 + 1s);
    CHECK(limiter.earliest(tenant, conversation, at) == at);
    CHECK(limiter.earliest(tenant, conversation, at - 1ns) == at);
    CHECK_FALSE(limiter.try_acquire(tenant, conversation, at - 1ns));
    CHECK(limiter.try_acquire(tenant, conversation, at));
    // A refused attempt records nothing: the 9th is held by the 2 s window only.
    CHECK(limiter.earliest(tenant, conversation, at) == t0 + 2s);
}

TEST_CASE("the 2 s window (8 sends) binds when sends are spread out", "[connector][rate]") {
    RateLimiter limiter;
    send_spaced(limiter, 8, t0, 200ms);  // t0 .. t0+1.4s; never more than 5 in 1 s
    Time now = t0 + 1600ms;
    // The 1 s window would allow it (4 sends in (0.6 s, 1.6 s]), the 2 s window holds 8.
    CHECK_FALSE(limiter.try_acquire(tenant, conversation, now));
    CHECK(limiter.earliest(tenant, conversation, now) == t0 + 2s);
    CHECK_FALSE(limiter.try_acquire(tenant, conversation, t0 + 2s - 1ns));
    CHECK(limiter.try_acquire(tenant, conversation, t0 + 2s));
    CHECK(limiter.earliest(tenant, conversation, t0 + 2s) == t0 + 2200ms);
}

TEST_CASE("at most 60 sends in 30 s", "[connector][rate]") {
    RateLimiter limiter;
    Time last = send_spaced(limiter, 60, t0, 400ms);  // 2.5/s: the 1 s and 2 s windows never bind
    CHECK(last == t0 + 23600ms);
    CHECK_FALSE(limiter.try_acquire(tenant, conversation, last + 400ms));
    CHECK(limiter.earliest(tenant, conversation, last + 400ms) == t0 + 30s);
    CHECK(limiter.try_acquire(tenant, conversation, t0 + 30s));
    CHECK(limiter.earliest(tenant, conversation, t0 + 30s) == t0 + 30400ms);
}

TEST_CASE("at most 1,800 sends in an hour", "[connector][rate]") {
    RateLimiter limiter;

    SECTION("sends every 1.5 s: the 1,801st waits for the first to be an hour old") {
        Time last = send_spaced(limiter, 1800, t0, 1500ms);  // 20 per 30 s
        CHECK(last == t0 + 2698500ms);
        CHECK_FALSE(limiter.try_acquire(tenant, conversation, last + 1500ms));
        CHECK(limiter.earliest(tenant, conversation, last + 1500ms) == t0 + 1h);
        CHECK_FALSE(limiter.try_acquire(tenant, conversation, t0 + 1h - 1ns));
        CHECK(limiter.try_acquire(tenant, conversation, t0 + 1h));
        CHECK(limiter.earliest(tenant, conversation, t0 + 1h) == t0 + 1h + 1500ms);
    }

    SECTION("a greedy sender gets exactly 1,800 an hour for three hours") {
        std::vector<Time> sent;
        Time now = t0;
        while (true) {
            now = limiter.earliest(tenant, conversation, now);
            if (now >= t0 + 3h) break;
            REQUIRE(limiter.try_acquire(tenant, conversation, now));
            sent.push_back(now);
        }
        CHECK(sent.size() == 3 * 1800);
        CHECK(most_in_any_window(sent, 1s) == 7);
        CHECK(most_in_any_window(sent, 2s) == 8);
        CHECK(most_in_any_window(sent, 30s) == 60);
        CHECK(most_in_any_window(sent, 1h) == 1800);
    }
}

TEST_CASE("a tenant gets 50 sends per second across its conversations, another tenant is unaffected",
          "[connector][rate]") {
    RateLimiter limiter;
    for (int i = 0; i < 50; ++i) {
        INFO("conversation " << i);
        REQUIRE(limiter.try_acquire(tenant, conv(i), t0 + i * 1ms));
    }
    // A conversation that never sent is held back by the tenant cap.
    CHECK_FALSE(limiter.try_acquire(tenant, "c50", t0 + 500ms));
    CHECK(limiter.earliest(tenant, "c50", t0 + 500ms) == t0 + 1s);
    CHECK(limiter.earliest(tenant, "c0", t0 + 500ms) == t0 + 1s);

    for (int i = 0; i < 50; ++i) {
        INFO("other tenant, conversation " << i);
        REQUIRE(limiter.try_acquire("tenant-b", conv(i), t0 + 500ms));
    }
    CHECK_FALSE(limiter.try_acquire("tenant-b", "c50", t0 + 500ms));

    CHECK(limiter.try_acquire(tenant, "c50", t0 + 1s));
    CHECK(limiter.earliest(tenant, "c51", t0 + 1s) == t0 + 1s + 1ms);
}

TEST_CASE("penalize blocks a conversation, or a whole tenant, until the given time", "[connector][rate]") {
    RateLimiter limiter;
    REQUIRE(limiter.try_acquire(tenant, conversation, t0));

    SECTION("one conversation") {
        limiter.penalize(tenant, conversation, t0 + 5s);
        CHECK(limiter.earliest(tenant, conversation, t0 + 1s) == t0 + 5s);
        CHECK_FALSE(limiter.try_acquire(tenant, conversation, t0 + 5s - 1ns));
        CHECK(limiter.try_acquire(tenant, "other", t0 + 1s));
        CHECK(limiter.try_acquire(tenant, conversation, t0 + 5s));
    }
    SECTION("a conversation never sent to") {
        limiter.penalize(tenant, "fresh", t0 + 5s);
        CHECK(limiter.earliest(tenant, "fresh", t0) == t0 + 5s);
        CHECK(limiter.try_acquire(tenant, "fresh", t0 + 5s));
    }
    SECTION("a shorter penalty does not shorten a running one") {
        limiter.penalize(tenant, conversation, t0 + 5s);
        limiter.penalize(tenant, conversation, t0 + 2s);
        CHECK(limiter.earliest(tenant, conversation, t0 + 1s) == t0 + 5s);
        limiter.penalize(tenant, conversation, t0 + 8s);
        CHECK(limiter.earliest(tenant, conversation, t0 + 1s) == t0 + 8s);
    }
    SECTION("the whole tenant") {
        limiter.penalize(tenant, conversation, t0 + 5s, PenaltyScope::tenant);
        CHECK(limiter.earliest(tenant, conversation, t0 + 1s) == t0 + 5s);
        CHECK(limiter.earliest(tenant, "other", t0 + 1s) == t0 + 5s);
        CHECK_FALSE(limiter.try_acquire(tenant, "other", t0 + 5s - 1ns));
        CHECK(limiter.try_acquire("tenant-b", conversation, t0 + 1s));
        CHECK(limiter.try_acquire(tenant, "other", t0 + 5s));
    }
}

TEST_CASE("pruning forgets idle conversations and tenants", "[connector][rate]") {
    RateLimiter limiter;
    REQUIRE(limiter.try_acquire("tenant-b", conversation, t0));
    for (int i = 0; i < 100; ++i) {
        REQUIRE(limiter.try_acquire(tenant, conv(i), t0 + i * 25ms));  // 40/s
    }
    limiter.penalize("tenant-c", "", t0 + 2h, PenaltyScope::tenant);
    CHECK(limiter.conversation_count() == 101);
    CHECK(limiter.tenant_count() == 3);

    Time last = t0 + 99 * 25ms;
    limiter.prune(t0 + 1h - 1ns);
    CHECK(limiter.conversation_count() == 101);
    limiter.prune(t0 + 1h);  // c0 and tenant-b's conversation were last used an hour ago
    CHECK(limiter.conversation_count() == 99);
    CHECK(limiter.tenant_count() == 2);
    limiter.prune(last + 1h - 1ns);
    CHECK(limiter.conversation_count() == 1);
    limiter.prune(last + 1h);
    CHECK(limiter.conversation_count() == 0);
    CHECK(limiter.tenant_count() == 1);  // tenant-c is still penalized
    CHECK(limiter.earliest("tenant-c", conversation, last + 1h) == t0 + 2h);
    limiter.prune(t0 + 2h);
    CHECK(limiter.tenant_count() == 0);
    CHECK(limiter.try_acquire(tenant, "c0", t0 + 2h));
}

TEST_CASE("a penalized conversation is kept until its penalty is over", "[connector][rate]") {
    RateLimiter limiter;
    REQUIRE(limiter.try_acquire(tenant, conversation, t0));
    limiter.penalize(tenant, conversation, t0 + 3h);
    limiter.prune(t0 + 2h);
    CHECK(limiter.conversation_count() == 1);
    CHECK(limiter.earliest(tenant, conversation, t0 + 2h) == t0 + 3h);
    limiter.prune(t0 + 3h);
    CHECK(limiter.conversation_count() == 0);
}

TEST_CASE("try_acquire prunes by itself every prune_interval", "[connector][rate]") {
    RateLimits limits;
    limits.prune_interval = 10min;
    RateLimiter limiter(limits);
    for (int i = 0; i < 10; ++i) REQUIRE(limiter.try_acquire(tenant, conv(i), t0));
    CHECK(limiter.conversation_count() == 10);
    // The first try_acquire pruned at t0; the next prune is due: c0..c9 are an hour old.
    REQUIRE(limiter.try_acquire(tenant, "c10", t0 + 1h + 5min));
    CHECK(limiter.conversation_count() == 1);
    // No prune before t0 + 1h15.
    REQUIRE(limiter.try_acquire(tenant, "c11", t0 + 1h + 10min));
    CHECK(limiter.conversation_count() == 2);
    REQUIRE(limiter.try_acquire(tenant, "c12", t0 + 2h + 20min));
    CHECK(limiter.conversation_count() == 1);
}

TEST_CASE("limits are configurable", "[connector][rate]") {
    RateLimits limits;
    limits.per_conversation = {RateWindow{10s, 2}, RateWindow{0s, 1}};  // a zero-length window is ignored
    limits.per_tenant = {};
    RateLimiter limiter(limits);
    REQUIRE(limiter.try_acquire(tenant, conversation, t0));
    REQUIRE(limiter.try_acquire(tenant, conversation, t0));
    CHECK(limiter.earliest(tenant, conversation, t0) == t0 + 10s);
    for (int i = 0; i < 200; ++i) {
        INFO("conversation " << i);
        REQUIRE(limiter.try_acquire(tenant, conv(i), t0));  // no tenant cap
    }
}

TEST_CASE("a send passing an earlier time than one already recorded is recorded at the later time",
          "[connector][rate]") {
    // Threads read the clock before they take the lock, so times can arrive out of order.
    RateLimiter limiter;
    REQUIRE(limiter.try_acquire(tenant, conversation, t0 + 1s));
    send_spaced(limiter, 6, t0, 0s);  // allowed at t0, but counted at t0 + 1s
    CHECK(limiter.earliest(tenant, conversation, t0 + 1s) == t0 + 2s);
}

TEST_CASE("concurrent callers never get more than the limits", "[connector][rate]") {
    RateLimiter limiter;
    std::atomic<int> one_conversation{0};
    std::map<std::string, std::atomic<int>> per_tenant;
    per_tenant["t0"];
    per_tenant["t1"];
    std::vector<std::thread> threads;
    for (int k = 0; k < 4; ++k) {
        threads.emplace_back([&, k] {
            std::string own_tenant = k % 2 == 0 ? std::string("t0") : std::string("t1");
            for (int i = 0; i < 100; ++i) {
                if (limiter.try_acquire("shared", "one", t0)) ++one_conversation;
                if (limiter.try_acquire(own_tenant, conv(i % 20), t0)) ++per_tenant.at(own_tenant);
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(one_conversation == 7);
    // 20 conversations x 7 would allow 140; the tenant cap stops each tenant at 50.
    CHECK(per_tenant["t0"] == 50);
    CHECK(per_tenant["t1"] == 50);
}

TEST_CASE("a greedy sender over 200 conversations of 3 tenants for an hour keeps every window, and uses "
          "the tenant cap",
          "[connector][rate]") {
    RateLimiter limiter;
    const RateLimits limits;
    struct Sender {
        std::string tenant;
        std::size_t conversations;
        std::size_t next_conversation = 0;
        Time next{};
    };
    // The big tenant has enough conversations for the tenant cap to be what binds.
    std::vector<Sender> senders{{"big", 150, 0, t0}, {"mid", 40, 0, t0}, {"small", 10, 0, t0}};
    std::mt19937 rng(20240611);
    auto pick = [&](Sender& s, Time now) {
        s.next_conversation = std::uniform_int_distribution<std::size_t>(0, s.conversations - 1)(rng);
        s.next = limiter.earliest(s.tenant, std::to_string(s.next_conversation), now);
    };
    for (Sender& s : senders) pick(s, t0);

    std::map<std::string, std::vector<Time>> by_tenant;
    std::map<std::pair<std::string, std::size_t>, std::vector<Time>> by_conversation;
    std::size_t refused_at_earliest = 0;
    std::size_t allowed_before_earliest = 0;
    const Time end = t0 + 1h;
    while (true) {
        // The sender due first goes next, so the clock only moves forward.
        auto due = std::min_element(senders.begin(), senders.end(),
                                    [](const Sender& a, const Sender& b) { return a.next < b.next; });
        if (due->next >= end) break;
        const Time now = due->next;
        const std::string conv = std::to_string(due->next_conversation);
        if (limiter.try_acquire(due->tenant, conv, now)) {
            by_tenant[due->tenant].push_back(now);
            by_conversation[{due->tenant, due->next_conversation}].push_back(now);
        } else {
            ++refused_at_earliest;
        }
        pick(*due, now);
        if (due->next > now && limiter.try_acquire(due->tenant, std::to_string(due->next_conversation),
                                                   due->next - 1ns)) {
            ++allowed_before_earliest;
        }
    }
    CHECK(refused_at_earliest == 0);
    CHECK(allowed_before_earliest == 0);

    for (const auto& [key, times] : by_conversation) {
        for (const RateWindow& w : limits.per_conversation) {
            INFO(key.first << "/" << key.second << ", window " << w.length.count() << " ns");
            CHECK(most_in_any_window(times, w.length) <= w.max_sends);
        }
    }
    for (const auto& [name, times] : by_tenant) {
        for (const RateWindow& w : limits.per_tenant) {
            INFO(name << ", window " << w.length.count() << " ns");
            CHECK(most_in_any_window(times, w.length) <= w.max_sends);
        }
    }
    // 50/s for 3,600 s is 180,000: the limiter must not be much more careful than the limits.
    const std::size_t cap = 50 * 3600;
    INFO("big tenant sent " << by_tenant["big"].size() << " of " << cap);
    CHECK(by_tenant["big"].size() * 100 >= cap * 95);
    CHECK(by_conversation.size() == 200);
}
