#include "http/session.hpp"

#include "http/response.hpp"
#include "http/router.hpp"
#include "log/log.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace bot::http {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace detail {

// The state behind one request's Respond callbacks: the first response wins, and
// a request nobody answered gets a 500 when the last callback goes away.
class Responder {
public:
    explicit Responder(std::shared_ptr<Session> session)
        : session_(std::move(session)), path_(Router::path_of(session_->req_.target())) {}
    Responder(const Responder&) = delete;
    Responder& operator=(const Responder&) = delete;

    ~Responder() {
        if (!done_.exchange(true)) {
            log::error("handler did not respond", {{"path", path_}});
            session_->post_response(
                error_response(Status::internal_server_error, "internal", "the request was not answered"));
        }
    }

    // False when a response was already sent.
    bool send(Response res) {
        if (done_.exchange(true)) return false;
        session_->post_response(std::move(res));
        return true;
    }

private:
    std::shared_ptr<Session> session_;
    std::string path_;
    std::atomic<bool> done_{false};
};

}  // namespace detail

Session::Session(tcp::socket&& socket, std::shared_ptr<SessionContext> context)
    : stream_(std::move(socket)), executor_(stream_.get_executor()), ctx_(std::move(context)) {
    beast::error_code ec;
    const auto remote = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = remote.address().to_string() + ":" + std::to_string(remote.port());
}

Session::~Session() { release_in_flight(); }

void Session::run() {
    // Start on the connection's strand: the socket was accepted on it.
    net::dispatch(executor_, beast::bind_front_handler(&Session::do_read, shared_from_this()));
}

void Session::do_read() {
    if (first_request_ || buffer_.size() > 0) {
        do_read_header();
        return;
    }
    // Keep-alive: wait (long) for the first byte of the next request, then give the
    // request itself the (short) request timeout.
    stream_.expires_after(ctx_->options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            beast::bind_front_handler(&Session::on_idle_data, shared_from_this()));
}

void Session::on_idle_data(beast::error_code ec, std::size_t bytes) {
    if (ec == net::error::eof) {
        do_close();  // the client closed an idle connection: clean
        return;
    }
    if (ec == beast::error::timeout) {
        log::debug("idle connection timed out", {{"remote", remote_}});
        do_close();
        return;
    }
    if (ec) return fail(ec, "idle read");
    buffer_.commit(bytes);
    do_read_header();
}

void Session::do_read_header() {
    parser_.emplace();
    parser_->body_limit(ctx_->options.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(ctx_->options.max_header_bytes));
    stream_.expires_after(ctx_->options.request_timeout);
    beast::http::async_read_header(stream_, buffer_, *parser_,
                                   beast::bind_front_handler(&Session::on_read_header, shared_from_this()));
}

void Session::on_read_header(beast::error_code ec, std::size_t) {
    if (ec) return on_read_error(ec, "read header");

    const auto& req = parser_->get();
    if (!parser_->is_done() && beast::iequals(req[beast::http::field::expect], "100-continue")) {
        // The body fits (the parser checked Content-Length): ask the client for it.
        continue_.emplace(beast::http::status::continue_, req.version());
        stream_.expires_after(ctx_->options.write_timeout);
        beast::http::async_write(stream_, *continue_,
                                 beast::bind_front_handler(&Session::on_continue, shared_from_this()));
        return;
    }
    do_read_body();
}

void Session::on_continue(beast::error_code ec, std::size_t) {
    continue_.reset();
    if (ec) return fail(ec, "write 100-continue");
    do_read_body();
}

void Session::do_read_body() {
    if (parser_->is_done()) {
        on_read({}, 0);
        return;
    }
    stream_.expires_after(ctx_->options.request_timeout);
    beast::http::async_read(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_read, shared_from_this()));
}

void Session::on_read(beast::error_code ec, std::size_t) {
    if (ec) return on_read_error(ec, "read body");
    req_ = parser_->release();
    parser_.reset();
    handle_request();
}

void Session::handle_request() {
    acquire_in_flight();
    awaiting_response_ = true;
    started_ = std::chrono::steady_clock::now();

    auto responder = std::make_shared<detail::Responder>(shared_from_this());
    Respond respond = [responder](Response res) {
        if (!responder->send(std::move(res))) log::warn("response already sent; extra response ignored");
    };
    try {
        ctx_->handler(req_, std::move(respond));
    } catch (const std::exception& e) {
        log::error("handler threw", {{"path", std::string(Router::path_of(req_.target()))}, {"error", e.what()}});
        responder->send(error_response(Status::internal_server_error, "internal", "internal error"));
    } catch (...) {
        log::error("handler threw", {{"path", std::string(Router::path_of(req_.target()))}});
        responder->send(error_response(Status::internal_server_error, "internal", "internal error"));
    }
}

void Session::post_response(Response res) {
    if (ctx_->closed.load()) return;  // the server is gone: nobody would write it
    net::post(executor_, [self = shared_from_this(), res = std::move(res)]() mutable {
        self->respond(std::move(res));
    });
}

void Session::respond(Response res) {
    if (!awaiting_response_) {
        log::error("response without a pending request; dropped");
        return;
    }
    awaiting_response_ = false;
    // A handler may ask to close (Connection: close); draining always closes.
    const bool keep_alive = req_.keep_alive() && res.keep_alive() && !ctx_->draining.load();
    res.version(req_.version());

    const auto status = res.result_int();
    if (log::enabled(spdlog::level::debug) || status >= 500) {
        const auto elapsed = std::chrono::steady_clock::now() - started_;
        log::write(status >= 500 ? spdlog::level::warn : spdlog::level::debug, "request",
                   {{"method", std::string(req_.method_string())},
                    {"path", std::string(Router::path_of(req_.target()))},
                    {"status", status},
                    {"duration_ms", std::chrono::duration<double, std::milli>(elapsed).count()},
                    {"remote", remote_}});
    }
    do_write(std::move(res), keep_alive);
}

void Session::reply_and_close(Status status, std::string_view message) {
    acquire_in_flight();
    auto res = error_response(status, error_code_for(status), message);
    res.version(11);
    log::debug("request rejected", {{"status", static_cast<unsigned>(status)}, {"reason", message}, {"remote", remote_}});
    do_write(std::move(res), false);
}

void Session::do_write(Response res, bool keep_alive) {
    res.keep_alive(keep_alive);
    res.set(beast::http::field::server, "crmbot/" CRMBOT_VERSION);
    res.prepare_payload();
    res_.emplace(std::move(res));
    keep_alive = !res_->need_eof();
    stream_.expires_after(ctx_->options.write_timeout);
    beast::http::async_write(stream_, *res_,
                             beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive));
}

void Session::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    res_.reset();
    release_in_flight();
    if (ec) return fail(ec, "write");
    if (!keep_alive) {
        do_close();
        return;
    }
    first_request_ = false;
    do_read();
}

void Session::do_close() {
    // Send FIN, then read and discard what the client still sends until it closes
    // too (bounded in time and bytes): closing with unread data would send a TCP
    // reset, which can destroy the reply we just wrote before the client reads it.
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return;  // not connected any more
    buffer_.clear();
    lingered_bytes_ = 0;
    stream_.expires_after(ctx_->options.linger_timeout);
    stream_.async_read_some(buffer_.prepare(16 * 1024),
                            beast::bind_front_handler(&Session::on_linger, shared_from_this()));
}

void Session::on_linger(beast::error_code ec, std::size_t bytes) {
    constexpr std::size_t kMaxLingerBytes = 4 * 1024 * 1024;
    lingered_bytes_ += bytes;
    if (ec || lingered_bytes_ > kMaxLingerBytes) return;  // EOF, timeout or enough: the socket closes with us
    stream_.async_read_some(buffer_.prepare(16 * 1024),
                            beast::bind_front_handler(&Session::on_linger, shared_from_this()));
}

void Session::on_read_error(beast::error_code ec, const char* what) {
    using he = beast::http::error;
    if (ec == he::end_of_stream) {
        do_close();  // the client closed between requests: clean
        return;
    }
    if (ec == he::body_limit) {
        return reply_and_close(Status::payload_too_large,
                               "request body exceeds " + std::to_string(ctx_->options.max_body_bytes) + " bytes");
    }
    if (ec == he::header_limit) {
        return reply_and_close(Status::request_header_fields_too_large,
                               "request header exceeds " + std::to_string(ctx_->options.max_header_bytes) + " bytes");
    }
    if (ec.category() == beast::http::make_error_code(he::bad_target).category() && ec != he::partial_message &&
        ec != he::need_more && ec != he::need_buffer) {
        return reply_and_close(Status::bad_request, "malformed HTTP request: " + ec.message());
    }
    fail(ec, what);
}

void Session::fail(beast::error_code ec, const char* what) {
    if (ec == net::error::operation_aborted) return;
    log::debug("connection closed on error", {{"op", what}, {"error", ec.message()}, {"remote", remote_}});
    beast::error_code ignored;
    stream_.socket().close(ignored);
}

void Session::acquire_in_flight() {
    if (in_flight_) return;
    in_flight_ = true;
    ctx_->in_flight.fetch_add(1);
}

void Session::release_in_flight() {
    if (!in_flight_) return;
    in_flight_ = false;
    ctx_->in_flight.fetch_sub(1);
}

}  // namespace bot::http
