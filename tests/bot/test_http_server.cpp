// The HTTP server end to end: a real Server on 127.0.0.1 (ephemeral port), real
// TCP, a real PostgreSQL behind /readyz.
#include "http/health_routes.hpp"
#include "http/response.hpp"
#include "http/server.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using bot::http::Request;
using bot::http::Respond;
using bot::http::Status;
using test::http::Verb;
namespace field = boost::beast::http;

namespace {

constexpr std::size_t kMaxBody = 4096;

bot::http::ServerOptions test_options() {
    bot::http::ServerOptions o;
    o.address = "127.0.0.1";
    o.port = 0;
    o.io_threads = 2;
    o.workers = 2;
    o.session.max_body_bytes = kMaxBody;
    o.drain_timeout = 5s;
    return o;
}

// A server with the health routes on `database`; tests may add routes, then start().
struct TestServer {
    explicit TestServer(crm::Database& database, bot::http::ServerOptions options = test_options())
        : server(options) {
        bot::http::add_health_routes(server.router(), server.workers(), database, {test::database_url()});
    }
    std::uint16_t start() {
        const auto ec = server.start();
        REQUIRE_FALSE(ec);
        REQUIRE(server.port() != 0);
        return server.port();
    }
    bot::http::Server server;
};

nlohmann::json body_of(const test::http::Response& res) { return nlohmann::json::parse(res.body()); }

}  // namespace

TEST_CASE("GET /healthz answers 200 ok without the database", "[http]") {
    // A database that does not exist: /healthz must not touch it.
    crm::Database nowhere({.url = "postgresql://postgres@127.0.0.1:1/none?connect_timeout=2", .pool_size = 1});
    TestServer t(nowhere);
    const auto port = t.start();

    auto res = test::http::request(Verb::get, port, "/healthz");
    CHECK(res.result() == Status::ok);
    CHECK(res[field::field::content_type] == "application/json");
    CHECK(body_of(res) == nlohmann::json{{"status", "ok"}});
    CHECK(res[field::field::server].starts_with("crmbot/"));

    // The query string does not matter.
    CHECK(test::http::request(Verb::get, port, "/healthz?probe=k8s").result() == Status::ok);
}

TEST_CASE("GET /readyz answers 200 when the database answers", "[http][db]") {
    TestServer t(test::database());
    const auto port = t.start();

    auto res = test::http::request(Verb::get, port, "/readyz");
    CHECK(res.result() == Status::ok);
    CHECK(body_of(res) == nlohmann::json{{"status", "ready"}});
}

TEST_CASE("GET /readyz answers 503 with a reason when the database is unreachable", "[http][db]") {
    const std::string url = "postgresql://postgres:hunter2@127.0.0.1:1/none?connect_timeout=2";
    crm::Database unreachable({.url = url, .pool_size = 1, .acquire_timeout = 3000ms});
    bot::http::Server server(test_options());
    bot::http::add_health_routes(server.router(), server.workers(), unreachable, {url, "hunter2"});
    REQUIRE_FALSE(server.start());

    auto res = test::http::request(Verb::get, server.port(), "/readyz");
    CHECK(res.result() == Status::service_unavailable);
    const auto body = body_of(res);
    CHECK(body["status"] == "unavailable");
    REQUIRE(body["reason"].is_string());
    const auto reason = body["reason"].get<std::string>();
    INFO("reason: " << reason);
    CHECK_FALSE(reason.empty());
    CHECK(reason.find("hunter2") == std::string::npos);
    CHECK(reason.find(url) == std::string::npos);
    CHECK(reason.back() != '\n');
}

TEST_CASE("concurrent /readyz probes are all answered", "[http][db]") {
    TestServer t(test::database());
    const auto port = t.start();

    std::vector<std::future<test::http::Response>> probes;
    for (int i = 0; i < 8; ++i) {
        probes.push_back(std::async(std::launch::async, [port] { return test::http::request(Verb::get, port, "/readyz"); }));
    }
    for (auto& p : probes) {
        auto res = p.get();
        CHECK(res.result() == Status::ok);
        CHECK(body_of(res)["status"] == "ready");
    }
}

TEST_CASE("an unknown path gets 404, a wrong method 405 with Allow", "[http]") {
    TestServer t(test::database());
    const auto port = t.start();

    auto missing = test::http::request(Verb::get, port, "/nope");
    CHECK(missing.result() == Status::not_found);
    CHECK(body_of(missing)["error"]["code"] == "not_found");

    auto wrong = test::http::request(Verb::post, port, "/healthz", "{}");
    CHECK(wrong.result() == Status::method_not_allowed);
    CHECK(wrong[field::field::allow] == "GET");
    CHECK(body_of(wrong)["error"]["code"] == "method_not_allowed");
}

TEST_CASE("a body over the limit gets 413 with a JSON error", "[http]") {
    TestServer t(test::database());
    t.server.router().post("/echo", [](const Request& req, Respond respond) {
        respond(bot::http::json_response(Status::ok, {{"bytes", req.body().size()}}));
    });
    const auto port = t.start();

    SECTION("a body exactly at the limit is accepted") {
        auto res = test::http::request(Verb::post, port, "/echo", std::string(kMaxBody, 'a'));
        CHECK(res.result() == Status::ok);
        CHECK(body_of(res)["bytes"] == kMaxBody);
    }
    SECTION("Content-Length over the limit is refused before the body is read") {
        test::http::Connection c(port);
        auto res = c.request(Verb::post, "/echo", std::string(kMaxBody + 1, 'a'));
        CHECK(res.result() == Status::payload_too_large);
        CHECK(body_of(res)["error"]["code"] == "payload_too_large");
        CHECK_FALSE(res.keep_alive());
        CHECK(c.closed_by_server());
    }
    SECTION("a much larger body is refused too") {
        auto res = test::http::request(Verb::post, port, "/echo", std::string(1024 * 1024, 'a'));
        CHECK(res.result() == Status::payload_too_large);
    }
    SECTION("a chunked body over the limit is refused") {
        test::http::Connection c(port);
        auto res = c.request(Verb::post, "/echo", std::string(kMaxBody * 2, 'a'),
                             {{"Transfer-Encoding", "chunked"}});
        // No Content-Length: the limit is found while reading the chunks.
        CHECK(res.result() == Status::payload_too_large);
    }
}

TEST_CASE("two requests on one keep-alive connection are both answered", "[http][db]") {
    TestServer t(test::database());
    const auto port = t.start();

    test::http::Connection c(port);
    auto first = c.request(Verb::get, "/healthz");
    CHECK(first.result() == Status::ok);
    CHECK(first.keep_alive());
    auto second = c.request(Verb::get, "/readyz");
    CHECK(second.result() == Status::ok);
    CHECK(body_of(second)["status"] == "ready");
    auto third = c.request(Verb::get, "/nope");
    CHECK(third.result() == Status::not_found);
    CHECK(third.keep_alive());
}

TEST_CASE("handlers answer later from the worker pool without blocking I/O", "[http]") {
    auto options = test_options();
    options.io_threads = 1;  // a blocked I/O thread would stall /healthz below
    TestServer t(test::database(), options);
    std::promise<void> entered;
    std::atomic<bool> entered_once{false};
    t.server.router().get("/slow", [&](const Request&, Respond respond) {
        t.server.workers().post([&, respond] {
            if (!entered_once.exchange(true)) entered.set_value();
            std::this_thread::sleep_for(600ms);
            respond(bot::http::json_response(Status::ok, {{"slow", true}}));
        });
    });
    const auto port = t.start();

    auto slow = std::async(std::launch::async, [port] { return test::http::request(Verb::get, port, "/slow"); });
    REQUIRE(entered.get_future().wait_for(5s) == std::future_status::ready);
    CHECK(t.server.in_flight() == 1);

    const auto before = std::chrono::steady_clock::now();
    CHECK(test::http::request(Verb::get, port, "/healthz").result() == Status::ok);
    CHECK(std::chrono::steady_clock::now() - before < 400ms);

    auto res = slow.get();
    CHECK(res.result() == Status::ok);
    CHECK(body_of(res)["slow"] == true);
}

TEST_CASE("a handler that throws or never responds yields 500", "[http]") {
    TestServer t(test::database());
    t.server.router().get("/throws", [](const Request&, Respond) { throw std::runtime_error("boom"); });
    t.server.router().get("/drops", [&](const Request&, Respond respond) {
        t.server.workers().post([respond] { /* forgets to respond */ });
    });
    t.server.router().get("/twice", [](const Request&, Respond respond) {
        respond(bot::http::json_response(Status::ok, {{"n", 1}}));
        respond(bot::http::json_response(Status::ok, {{"n", 2}}));
    });
    const auto port = t.start();

    test::http::Connection c(port);
    auto thrown = c.request(Verb::get, "/throws");
    CHECK(thrown.result() == Status::internal_server_error);
    CHECK(body_of(thrown)["error"]["code"] == "internal");
    CHECK(body_of(thrown)["error"]["message"] == "internal error");  // never the exception text

    auto dropped = c.request(Verb::get, "/drops");
    CHECK(dropped.result() == Status::internal_server_error);

    auto twice = c.request(Verb::get, "/twice");
    CHECK(body_of(twice)["n"] == 1);
    // The connection is still in step: the extra response was dropped.
    CHECK(c.request(Verb::get, "/healthz").result() == Status::ok);
}

TEST_CASE("stop() drains requests in flight, then refuses connections", "[http]") {
    TestServer t(test::database());
    std::promise<void> entered;
    t.server.router().get("/slow", [&](const Request&, Respond respond) {
        t.server.workers().post([&, respond] {
            entered.set_value();
            std::this_thread::sleep_for(500ms);
            respond(bot::http::json_response(Status::ok, {{"finished", true}}));
        });
    });
    const auto port = t.start();

    auto slow = std::async(std::launch::async, [port] { return test::http::request(Verb::get, port, "/slow"); });
    REQUIRE(entered.get_future().wait_for(5s) == std::future_status::ready);

    const auto before = std::chrono::steady_clock::now();
    t.server.stop();
    t.server.wait();
    CHECK(std::chrono::steady_clock::now() - before < 4s);  // drained, not timed out

    auto res = slow.get();
    CHECK(res.result() == Status::ok);
    CHECK(body_of(res)["finished"] == true);
    CHECK_FALSE(res.keep_alive());  // draining: Connection: close
    CHECK(t.server.in_flight() == 0);

    CHECK_THROWS(test::http::request(Verb::get, port, "/healthz"));
}

TEST_CASE("the drain is bounded by drain_timeout", "[http]") {
    auto options = test_options();
    options.drain_timeout = 300ms;
    TestServer t(test::database(), options);
    std::mutex mutex;
    std::optional<Respond> held;  // a request that never gets its answer
    std::promise<void> entered;
    t.server.router().get("/stuck", [&](const Request&, Respond respond) {
        std::lock_guard lock(mutex);
        held = std::move(respond);
        entered.set_value();
    });
    const auto port = t.start();

    auto stuck = std::async(std::launch::async, [port] {
        try {
            test::http::request(Verb::get, port, "/stuck");
            return true;
        } catch (const std::exception&) {
            return false;
        }
    });
    REQUIRE(entered.get_future().wait_for(5s) == std::future_status::ready);
    CHECK(t.server.in_flight() == 1);

    const auto before = std::chrono::steady_clock::now();
    t.server.stop();
    t.server.wait();
    const auto took = std::chrono::steady_clock::now() - before;
    CHECK(took >= 300ms);
    CHECK(took < 3s);

    {
        std::lock_guard lock(mutex);
        held.reset();  // the server is gone: dropping it answers nothing, closes the connection
    }
    CHECK_FALSE(stuck.get());
}
