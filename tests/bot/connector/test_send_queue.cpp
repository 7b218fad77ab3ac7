// The retrying send queue with the real cpprestsdk client against the fake
// channel's mock connector. Timings are measured where the requests arrive.
#include "connector/connector_client.hpp"
#include "connector/send_queue.hpp"
#include "support/fake_channel.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <thread>
#include <mutex>
#include <vector>

using namespace std::chrono_literals;
using bot::connector::OutboundActivity;
using bot::connector::SendQueue;
using bot::connector::SendQueueOptions;
using bot::connector::SendResult;
using bot::connector::SendStatus;

namespace {

// Fast timings so the tests take milliseconds, not the production seconds.
SendQueueOptions fast_options() {
    SendQueueOptions o;
    o.max_in_flight = 2;
    o.initial_backoff = 50ms;
    o.max_backoff = 400ms;
    o.max_attempts = 5;
    o.jitter = 0.2;
    o.max_retry_after = 5s;
    return o;
}

// Collects completion callbacks and lets the test wait for them.
class Results {
public:
    bot::connector::SendCallback callback() {
        return [this](const SendResult& r) {
            std::lock_guard lock(mutex_);
            results_.push_back(r);
            cv_.notify_all();
        };
    }
    bool wait_for(std::size_t n, std::chrono::milliseconds timeout = 10s) {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, timeout, [&] { return results_.size() >= n; });
    }
    std::vector<SendResult> all() {
        std::lock_guard lock(mutex_);
        return results_;
    }
    SendResult first() { return all().at(0); }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<SendResult> results_;
};

struct Fixture {
    explicit Fixture(SendQueueOptions options = fast_options()) {
        channel.start();
        policy = std::make_shared<bot::connector::ServiceUrlPolicy>(
            bot::connector::ServiceUrlPolicyOptions{.allowed_hosts = {}});
        policy->trust(channel.service_url());
        bot::connector::ClientCredentialsConfig config;
        config.app_id = channel.app_id();
        config.app_password = "test-client-secret";
        config.login_url = channel.login_url();
        auto tokens = bot::connector::ClientCredentialsTokenProvider::create(config).value();
        bot::connector::CppRestConnectorOptions client_options;
        client_options.timeout = 5s;
        client = bot::connector::CppRestConnectorClient::create(tokens, policy, client_options).value();
        queue = std::make_unique<SendQueue>(client, options);
    }

    OutboundActivity reply(std::string conversation = "a:1", std::string text = "hello") const {
        OutboundActivity a;
        a.service_url = channel.service_url();
        a.conversation_id = std::move(conversation);
        a.reply_to_id = "1700000000000";
        a.activity = {{"type", "message"}, {"text", std::move(text)}};
        a.log_context = {{"command", "lead"}, {"test", true}};
        return a;
    }

    test::FakeChannel channel;
    std::shared_ptr<bot::connector::ServiceUrlPolicy> policy;
    std::shared_ptr<bot::connector::CppRestConnectorClient> client;
    std::unique_ptr<SendQueue> queue;
};

std::chrono::milliseconds between(const test::RecordedRequest& a, const test::RecordedRequest& b) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(b.received_at - a.received_at);
}

}  // namespace

TEST_CASE("an enqueued reply is sent and its new activity id reported", "[connector][queue]") {
    Fixture f;
    Results results;
    REQUIRE(f.queue->enqueue(f.reply(), results.callback()).ok());
    REQUIRE(results.wait_for(1));
    const auto r = results.first();
    CHECK(r.status == SendStatus::sent);
    CHECK(r.attempts == 1);
    CHECK(r.response.id.starts_with("1:mock-"));
    const auto sent = f.channel.connector_requests().at(0);
    CHECK(sent.path == "/v3/conversations/a%3A1/activities/1700000000000");
    CHECK(sent.json.at("text") == "hello");
    CHECK(sent.header("Authorization").starts_with("Bearer fake-access-token-"));
    CHECK(f.queue->pending() == 0);
}

TEST_CASE("send and update activities go to their endpoints", "[connector][queue]") {
    Fixture f;
    Results results;
    auto send = f.reply();
    send.reply_to_id.reset();
    REQUIRE(f.queue->enqueue(send, results.callback()).ok());
    auto update = f.reply();
    update.reply_to_id.reset();
    update.update_activity_id = "1:mock-1";
    REQUIRE(f.queue->enqueue(update, results.callback()).ok());
    REQUIRE(results.wait_for(2));
    const auto requests = f.channel.connector_requests();
    CHECK(requests.at(0).method == "POST");
    CHECK(requests.at(0).path == "/v3/conversations/a%3A1/activities");
    CHECK(requests.at(1).method == "PUT");
    CHECK(requests.at(1).path == "/v3/conversations/a%3A1/activities/1%3Amock-1");

    auto both = f.reply();
    both.update_activity_id = "x";
    CHECK(f.queue->enqueue(both).error().code == crm::ErrorCode::validation);
    auto nowhere = f.reply();
    nowhere.service_url.clear();
    CHECK(f.queue->enqueue(nowhere).error().code == crm::ErrorCode::validation);
}

TEST_CASE("429: the retry is not sent before Retry-After has elapsed", "[connector][queue]") {
    Fixture f;
    Results results;
    f.channel.push_fault(test::ConnectorFault::throttled("1"));
    REQUIRE(f.queue->enqueue(f.reply(), results.callback()).ok());
    REQUIRE(results.wait_for(1));
    const auto r = results.first();
    CHECK(r.status == SendStatus::sent);
    CHECK(r.attempts == 2);

    const auto requests = f.channel.connector_requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].status == 429);
    CHECK(requests[1].status == 200);
    CHECK(between(requests[0], requests[1]) >= 1000ms);
    CHECK(between(requests[0], requests[1]) < 1000ms * 1.2 + 500ms);  // jitter adds at most 20 %
}

TEST_CASE("429 without Retry-After backs off exponentially", "[connector][queue]") {
    auto options = fast_options();
    options.jitter = 0;  // exact delays: 50, 100, 200 ms
    Fixture f(options);
    Results results;
    f.channel.push_fault(test::ConnectorFault::throttled(std::nullopt), 3);
    REQUIRE(f.queue->enqueue(f.reply(), results.callback()).ok());
    REQUIRE(results.wait_for(1));
    CHECK(results.first().status == SendStatus::sent);
    const auto requests = f.channel.connector_requests();
    REQUIRE(requests.size() == 4);
    CHECK(between(requests[0], requests[1]) >= 50ms);
    CHECK(between(requests[1], requests[2]) >= 100ms);
    CHECK(between(requests[2], requests[3]) >= 200ms);
}

TEST_CASE("500 then success: retried and delivered", "[connector][queue]") {
    Fixture f;
    Results results;
    f.channel.push_fault(test::ConnectorFault::server_error(500));
    REQUIRE(f.queue->enqueue(f.reply(), results.callback()).ok());
    REQUIRE(results.wait_for(1));
    CHECK(results.first().status == SendStatus::sent);
    CHECK(results.first().attempts == 2);
    const auto requests = f.channel.connector_requests();
    REQUIRE(requests.size() == 2);
    CHECK(between(requests[0], requests[1]) >= 40ms);  // 50 ms backoff - 20 % jitter
    CHECK(requests[0].json == requests[1].json);
}

TEST_CASE("502, 503, 504 and 412 are retried the same way", "[connector][queue]") {
    Fixture f;
    Results results;
    for (const int status : {502, 503, 504, 412}) f.channel.push_fault(test::ConnectorFault::server_error(status));
    REQUIRE(f.queue->enqueue(f.reply(), results.callback()).ok());
    REQUIRE(results.wait_for(1));
    CHECK(results.first().status == SendStatus::sent);
    CHECK(results.first().attempts == 5);
}

TEST_CASE("403 MessageWritesBlocked is permanent: reported, never retried", "[connector][queue]") {
    Fixture f;
    Results results;
    f.channel.push_fault(test::ConnectorFault::forbidden("MessageWritesBlocked"));
    REQUIRE(f.queue->enqueue(f.reply(), results.callback()).ok());
    REQUIRE(results.wait_for(1));
    const auto r = results.first();
    CHECK(r.status == SendStatus::failed);
    CHECK(r.attempts == 1);
    CHECK(r.response.status == 403);
    CHECK(r.response.error_sub_code == "MessageWritesBlocked");
    std::this_thread::sleep_for(300ms);  // longer than any backoff
    CHECK(f.channel.connector_request_count() == 1);
}

TEST_CASE("404 is permanent too", "[connector][queue]") {
    Fixture f;
    Results results;
    f.channel.push_fault(test::ConnectorFault::not_found());
    REQUIRE(f.queue->enqueue(f.reply(), results.callback()).ok());
    REQUIRE(results.wait_for(1));
    CHECK(results.first().status == SendStatus::failed);
    CHECK(results.first().response.status == 404);
    CHECK(f.channel.connector_request_count() == 1);
}

TEST_CASE("persistent failure gives up after max_attempts", "[connector][queue]") {
    Fixture f;
    Results results;
    f.channel.push_fault(test::ConnectorFault::server_error(503), 10);
    REQUIRE(f.queue->enqueue(f.reply(), results.callback()).ok());
    REQUIRE(results.wait_for(1));
    CHECK(results.first().status == SendStatus::gave_up);
    CHECK(results.first().attempts == 5);
    CHECK(f.channel.connector_request_count() == 5);
}

TEST_CASE("a Retry-After beyond max_retry_after is not waited for", "[connector][queue]") {
    Fixture f;
    Results results;
    f.channel.push_fault(test::ConnectorFault::throttled("3600"));
    REQUIRE(f.queue->enqueue(f.reply(), results.callback()).ok());
    REQUIRE(results.wait_for(1, 3s));
    CHECK(results.first().status == SendStatus::gave_up);
    CHECK(f.channel.connector_request_count() == 1);
}

TEST_CASE("an untrusted service URL is refused without any request", "[connector][queue]") {
    Fixture f;
    Results results;
    auto a = f.reply();
    a.service_url = "https://attacker.example/";
    REQUIRE(f.queue->enqueue(a, results.callback()).ok());
    REQUIRE(results.wait_for(1));
    CHECK(results.first().status == SendStatus::refused);
    CHECK(results.first().attempts == 1);
    CHECK(f.channel.requests().empty());
}

TEST_CASE("a slow connector does not block enqueue", "[connector][queue]") {
    Fixture f;
    Results results;
    f.channel.set_connector_delay(1500ms);
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 20; ++i) {
        REQUIRE(f.queue->enqueue(f.reply("a:" + std::to_string(i % 4)), results.callback()).ok());
    }
    CHECK(std::chrono::steady_clock::now() - started < 200ms);
    CHECK(f.queue->pending() == 20);
    f.channel.set_connector_delay(0ms);
    REQUIRE(results.wait_for(20, 20s));
    for (const auto& r : results.all()) CHECK(r.status == SendStatus::sent);
}

TEST_CASE("activities of one conversation keep their order across retries", "[connector][queue]") {
    Fixture f;
    Results results;
    f.channel.push_fault(test::ConnectorFault::server_error(503));
    for (int i = 0; i < 5; ++i) REQUIRE(f.queue->enqueue(f.reply("a:same", std::to_string(i)), results.callback()).ok());
    REQUIRE(results.wait_for(5));
    std::vector<std::string> delivered;
    for (const auto& r : f.channel.connector_requests()) {
        if (r.status == 200) delivered.push_back(r.json.at("text").get<std::string>());
    }
    CHECK(delivered == std::vector<std::string>{"0", "1", "2", "3", "4"});
}

TEST_CASE("a throttled conversation does not hold up the others", "[connector][queue]") {
    Fixture f;
    Results results;
    f.channel.push_fault(test::ConnectorFault::throttled("2"));
    REQUIRE(f.queue->enqueue(f.reply("a:throttled"), results.callback()).ok());
    REQUIRE(f.channel.wait_for_connector_requests(1, 5s));
    for (int i = 0; i < 4; ++i) REQUIRE(f.queue->enqueue(f.reply("a:other" + std::to_string(i)), results.callback()).ok());
    REQUIRE(results.wait_for(4, 1500ms));  // well before the 2 s Retry-After
    for (const auto& r : results.all()) CHECK(r.status == SendStatus::sent);
    REQUIRE(results.wait_for(5, 5s));
}

TEST_CASE("the queue is bounded", "[connector][queue]") {
    auto options = fast_options();
    options.capacity = 2;
    options.max_in_flight = 1;
    Fixture f(options);
    f.channel.set_connector_delay(500ms);
    CHECK(f.queue->enqueue(f.reply("a:1")).ok());
    CHECK(f.queue->enqueue(f.reply("a:2")).ok());
    const auto full = f.queue->enqueue(f.reply("a:3"));
    REQUIRE_FALSE(full.ok());
    CHECK(full.error().code == crm::ErrorCode::unavailable);
    CHECK(f.queue->saturated());
}

TEST_CASE("the queue is bounded by bytes too, and says when it is nearly full", "[connector][queue]") {
    auto options = fast_options();
    options.capacity_bytes = 4000;  // about three 1 KB activities
    options.max_in_flight = 1;
    Fixture f(options);
    f.channel.set_connector_delay(500ms);
    Results results;
    const std::string kilobyte(1000, 'x');
    CHECK_FALSE(f.queue->saturated());
    CHECK(f.queue->enqueue(f.reply("a:1", kilobyte), results.callback()).ok());
    CHECK(f.queue->enqueue(f.reply("a:2", kilobyte), results.callback()).ok());
    CHECK_FALSE(f.queue->saturated());
    CHECK(f.queue->enqueue(f.reply("a:3", kilobyte), results.callback()).ok());
    CHECK(f.queue->saturated());  // three quarters of the bytes
    const auto full = f.queue->enqueue(f.reply("a:4", kilobyte));
    REQUIRE_FALSE(full.ok());
    CHECK(full.error().code == crm::ErrorCode::unavailable);
    // Once sent, the bytes are free again.
    REQUIRE(results.wait_for(3, 10s));
    CHECK_FALSE(f.queue->saturated());
    CHECK(f.queue->enqueue(f.reply("a:5", kilobyte)).ok());
}

TEST_CASE("with a backlog, wait_for_room holds a producer until the sending catches up", "[connector][queue]") {
    auto options = fast_options();
    options.capacity = 400;  // crowded from 100 pending (a quarter)
    options.max_in_flight = 4;
    Fixture f(options);
    // Nothing pending: no wait at all.
    auto started = std::chrono::steady_clock::now();
    f.queue->wait_for_room(5s);
    CHECK(std::chrono::steady_clock::now() - started < 100ms);

    f.channel.set_connector_delay(20ms);  // 4 workers: about 200 a second
    Results results;
    for (int i = 0; i < 120; ++i) REQUIRE(f.queue->enqueue(f.reply("a:" + std::to_string(i)), results.callback()).ok());
    CHECK(f.queue->pending() >= 100);
    started = std::chrono::steady_clock::now();
    f.queue->wait_for_room(5s);
    const auto waited = std::chrono::steady_clock::now() - started;
    CHECK(f.queue->pending() < 100);
    CHECK(waited >= 20ms);   // it did wait for sends...
    CHECK(waited < 4s);      // ...only until there was room, not the whole 5 s
    REQUIRE(results.wait_for(120, 20s));
}

TEST_CASE("stop drains what it can, then cancels the rest", "[connector][queue]") {
    SECTION("everything delivered within the drain time") {
        Fixture f;
        Results results;
        for (int i = 0; i < 6; ++i) REQUIRE(f.queue->enqueue(f.reply("a:" + std::to_string(i)), results.callback()).ok());
        f.queue->stop(10s);
        REQUIRE(results.wait_for(6, 0ms));
        for (const auto& r : results.all()) CHECK(r.status == SendStatus::sent);
        CHECK(f.channel.connector_request_count() == 6);
        CHECK(f.queue->enqueue(f.reply()).error().code == crm::ErrorCode::unavailable);
    }
    SECTION("what the deadline does not allow is cancelled") {
        auto options = fast_options();
        options.max_in_flight = 1;
        Fixture f(options);
        Results results;
        f.channel.set_connector_delay(400ms);
        for (int i = 0; i < 5; ++i) REQUIRE(f.queue->enqueue(f.reply("a:" + std::to_string(i)), results.callback()).ok());
        const auto started = std::chrono::steady_clock::now();
        f.queue->stop(100ms);
        CHECK(std::chrono::steady_clock::now() - started < 2s);
        REQUIRE(results.wait_for(5, 0ms));
        std::size_t sent = 0, cancelled = 0;
        for (const auto& r : results.all()) {
            if (r.status == SendStatus::sent) ++sent;
            if (r.status == SendStatus::cancelled) ++cancelled;
        }
        CHECK(sent >= 1);  // the one in flight at the deadline completes
        CHECK(sent + cancelled == 5);
        CHECK(cancelled >= 3);
        f.queue->stop(1s);  // idempotent
    }
}

TEST_CASE("a throwing callback does not kill the worker", "[connector][queue]") {
    Fixture f;
    Results results;
    REQUIRE(f.queue->enqueue(f.reply(), [](const SendResult&) { throw std::runtime_error("boom"); }).ok());
    REQUIRE(f.queue->enqueue(f.reply(), results.callback()).ok());
    REQUIRE(results.wait_for(1));
    CHECK(results.first().status == SendStatus::sent);
}

TEST_CASE("many threads enqueueing at once: everything delivered, each conversation in order", "[connector][queue]") {
    auto options = fast_options();
    options.max_in_flight = 4;
    Fixture f(options);
    Results results;
    f.channel.push_fault(test::ConnectorFault::server_error(503), 5);  // some retries in the mix
    constexpr int kThreads = 4, kPerThread = 50, kConversations = 10;
    std::atomic<int> refused{0};  // Catch2 assertions are not thread-safe: count, check after
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                // Conversation (t, i % kConversations) gets sequence numbers in order from this thread.
                const auto conversation = "a:" + std::to_string(t) + "-" + std::to_string(i % kConversations);
                if (!f.queue->enqueue(f.reply(conversation, std::to_string(i)), results.callback()).ok()) ++refused;
            }
        });
    }
    for (auto& t : threads) t.join();
    REQUIRE(refused == 0);
    REQUIRE(results.wait_for(kThreads * kPerThread, 30s));
    for (const auto& r : results.all()) CHECK(r.status == SendStatus::sent);

    std::map<std::string, std::vector<int>> delivered;
    for (const auto& r : f.channel.connector_requests()) {
        if (r.status == 200) delivered[r.conversation_id].push_back(std::stoi(r.json.at("text").get<std::string>()));
    }
    CHECK(delivered.size() == kThreads * kConversations);
    for (const auto& [conversation, sequence] : delivered) {
        INFO(conversation);
        CHECK(std::is_sorted(sequence.begin(), sequence.end()));
        CHECK(sequence.size() == kPerThread / kConversations);
    }
    CHECK(f.queue->pending() == 0);
}
