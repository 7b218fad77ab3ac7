#pragma once
// One HTTP/1.1 connection: one stream, one buffer, one parser, one request in
// flight at a time (no pipelining). Every step is a do_x/on_x pair on the
// connection's strand, kept alive by shared_from_this(); errors are error_codes,
// end_of_stream is a clean close, everything else goes to fail().
//
// Limits: the body limit (413), the header limit (431), a read timeout per
// request (headers and body), a longer idle timeout between keep-alive requests,
// and a write timeout. A connection that is closed after an error reply first
// drains what the client is still sending (bounded), so that the reply is not
// lost to a TCP reset.
#include "http/handler.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace bot::http {

struct SessionOptions {
    std::size_t max_body_bytes = 256 * 1024;
    std::size_t max_header_bytes = 16 * 1024;
    std::chrono::milliseconds request_timeout{10'000};  // to read a request's header, then again its body
    std::chrono::milliseconds idle_timeout{30'000};     // keep-alive wait for the next request
    std::chrono::milliseconds write_timeout{10'000};
    std::chrono::milliseconds linger_timeout{2'000};    // draining a connection we close
};

// Shared by the server, the listener and every session.
struct SessionContext {
    Handler handler;
    SessionOptions options;
    std::atomic<std::size_t> in_flight{0};  // requests read and not yet answered
    std::atomic<bool> draining{false};      // shutting down: answer with Connection: close
    std::atomic<bool> closed{false};        // I/O stopped: responses can no longer be posted
};

namespace detail {
class Responder;
}

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<SessionContext> context);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void run();

private:
    friend class detail::Responder;

    void do_read();
    void on_idle_data(boost::beast::error_code ec, std::size_t bytes);
    void do_read_header();
    void on_read_header(boost::beast::error_code ec, std::size_t bytes);
    void on_continue(boost::beast::error_code ec, std::size_t bytes);
    void do_read_body();
    void on_read(boost::beast::error_code ec, std::size_t bytes);
    void handle_request();

    // From any thread: hands the handler's response to the strand.
    void post_response(Response res);
    void respond(Response res);
    void reply_and_close(Status status, std::string_view message);
    void do_write(Response res, bool keep_alive);
    void on_write(bool keep_alive, boost::beast::error_code ec, std::size_t bytes);

    void do_close();
    void on_linger(boost::beast::error_code ec, std::size_t bytes);

    // Read errors: answers protocol errors (413, 431, 400), closes otherwise.
    void on_read_error(boost::beast::error_code ec, const char* what);
    void fail(boost::beast::error_code ec, const char* what);
    void acquire_in_flight();
    void release_in_flight();

    boost::beast::tcp_stream stream_;
    boost::asio::any_io_executor executor_;  // the connection's strand
    boost::beast::flat_buffer buffer_;
    std::shared_ptr<SessionContext> ctx_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    std::optional<boost::beast::http::response<boost::beast::http::empty_body>> continue_;
    Request req_;
    std::optional<Response> res_;
    std::string remote_;
    std::chrono::steady_clock::time_point started_;
    bool first_request_ = true;
    bool awaiting_response_ = false;
    bool in_flight_ = false;
    std::size_t lingered_bytes_ = 0;
};

}  // namespace bot::http
