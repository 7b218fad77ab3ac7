#pragma once
// The HTTP server: an io_context run by N I/O threads, a listener, the router,
// and a WorkerPool for blocking work. Graceful shutdown (stop(), or SIGINT/
// SIGTERM when handle_signals is set): stop accepting, let the requests in flight
// finish (bounded by drain_timeout), then stop the I/O threads and the workers.
//
//   bot::http::Server server(options);
//   server.router().get("/healthz", handler);   // register routes first
//   if (auto ec = server.start()) { ... }       // binds; port() is now known
//   server.wait();                              // until stop() or a signal
#include "http/handler.hpp"
#include "http/router.hpp"
#include "http/session.hpp"
#include "http/worker_pool.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/error.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace bot::http {

class Listener;

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 0;  // 0: an ephemeral port, see Server::port()
    std::size_t io_threads = 1;
    std::size_t workers = 4;
    SessionOptions session;  // body/header limits and timeouts
    std::chrono::milliseconds drain_timeout{10'000};
    bool handle_signals = false;  // stop on SIGINT/SIGTERM (the crmbot process; not tests)
};

class Server {
public:
    explicit Server(ServerOptions options);
    ~Server();  // stop() and wait()
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Routes and the pool their handlers post blocking work to. Add routes before start().
    Router& router() { return *router_; }
    WorkerPool& workers() { return workers_; }

    // Binds, listens and starts the I/O threads. An error (bad address, port in
    // use) leaves the server stopped. Call once.
    boost::beast::error_code start();

    boost::asio::ip::tcp::endpoint endpoint() const { return endpoint_; }
    std::uint16_t port() const { return endpoint_.port(); }

    // Graceful shutdown; returns at once, from any thread, any number of times.
    void stop();
    // Blocks until the server has stopped and every worker task has finished.
    // Never call it from an I/O thread or a worker.
    void wait();

    std::size_t in_flight() const { return ctx_->in_flight.load(); }
    bool draining() const { return ctx_->draining.load(); }

private:
    void wait_for_signal();
    void begin_shutdown(const std::string& reason);
    void poll_drain();
    void finish();

    ServerOptions options_;
    boost::asio::io_context ioc_;
    boost::asio::strand<boost::asio::io_context::executor_type> control_;  // shutdown state
    boost::asio::signal_set signals_;
    boost::asio::steady_timer drain_timer_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
    std::shared_ptr<Router> router_;
    std::shared_ptr<SessionContext> ctx_;
    std::shared_ptr<Listener> listener_;
    boost::asio::ip::tcp::endpoint endpoint_;
    std::vector<std::thread> threads_;
    std::chrono::steady_clock::time_point drain_deadline_;
    bool stopping_ = false;  // on control_
    std::mutex wait_mutex_;
    // Declared last: destroyed (joined) first, while the io_context its tasks post to still exists.
    WorkerPool workers_;
};

}  // namespace bot::http
