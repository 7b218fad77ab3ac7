#include "http/server.hpp"

#include "http/listener.hpp"
#include "log/log.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>

#include <csignal>

namespace bot::http {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

Server::Server(ServerOptions options)
    : options_(std::move(options)),
      ioc_(static_cast<int>(options_.io_threads == 0 ? 1 : options_.io_threads)),
      control_(net::make_strand(ioc_)),
      signals_(control_),
      drain_timer_(control_),
      router_(std::make_shared<Router>()),
      ctx_(std::make_shared<SessionContext>()),
      workers_(options_.workers) {
    if (options_.io_threads == 0) options_.io_threads = 1;
}

Server::~Server() {
    stop();
    wait();
}

beast::error_code Server::start() {
    if (listener_) return net::error::already_started;
    beast::error_code ec;
    const auto address = net::ip::make_address(options_.address, ec);
    if (ec) return ec;

    ctx_->options = options_.session;
    ctx_->handler = [router = router_](const Request& req, Respond respond) {
        router->dispatch(req, std::move(respond));
    };

    listener_ = std::make_shared<Listener>(ioc_, ctx_);
    if (ec = listener_->open(tcp::endpoint{address, options_.port}); ec) {
        listener_.reset();
        return ec;
    }
    endpoint_ = listener_->local_endpoint();

    if (options_.handle_signals) {
        signals_.add(SIGINT);
        signals_.add(SIGTERM);
        wait_for_signal();
    }
    work_.emplace(ioc_.get_executor());
    listener_->run();
    threads_.reserve(options_.io_threads);
    for (std::size_t i = 0; i < options_.io_threads; ++i) {
        threads_.emplace_back([this] { ioc_.run(); });
    }
    return {};
}

void Server::wait_for_signal() {
    signals_.async_wait([this](beast::error_code ec, int signo) {
        if (ec) return;  // cancelled
        if (!stopping_) {
            begin_shutdown(signo == SIGINT ? "SIGINT" : "SIGTERM");
            wait_for_signal();  // a second signal stops without waiting
        } else {
            log::warn("second signal: stopping without waiting for requests in flight",
                      {{"in_flight", ctx_->in_flight.load()}});
            finish();
        }
    });
}

void Server::stop() {
    net::post(control_, [this] { begin_shutdown("stop requested"); });
}

void Server::begin_shutdown(const std::string& reason) {
    if (stopping_) return;
    stopping_ = true;
    ctx_->draining = true;
    if (listener_) listener_->stop();
    log::info("shutting down: no new connections, draining requests in flight",
              {{"reason", reason}, {"in_flight", ctx_->in_flight.load()},
               {"drain_timeout_ms", options_.drain_timeout.count()}});
    drain_deadline_ = std::chrono::steady_clock::now() + options_.drain_timeout;
    poll_drain();
}

void Server::poll_drain() {
    const auto in_flight = ctx_->in_flight.load();
    if (in_flight == 0) {
        finish();
        return;
    }
    if (std::chrono::steady_clock::now() >= drain_deadline_) {
        log::warn("drain timeout: stopping with requests still in flight", {{"in_flight", in_flight}});
        finish();
        return;
    }
    drain_timer_.expires_after(std::chrono::milliseconds(20));
    drain_timer_.async_wait([this](beast::error_code ec) {
        if (!ec) poll_drain();
    });
}

void Server::finish() {
    beast::error_code ignored;
    signals_.cancel(ignored);
    drain_timer_.cancel();
    work_.reset();
    // Idle keep-alive connections hold pending reads; they are abandoned here and
    // closed when the io_context is destroyed.
    ioc_.stop();
}

void Server::wait() {
    std::lock_guard lock(wait_mutex_);
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
    if (listener_) listener_->close();  // no I/O thread left: safe to close directly
    // Tasks still running (e.g. a slow ping) finish; their responses go nowhere.
    workers_.join();
    ctx_->closed = true;
}

}  // namespace bot::http
