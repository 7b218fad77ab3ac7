#pragma once
// A small synchronous HTTP/1.1 client for tests, over real TCP to 127.0.0.1.
// Every call has a deadline (it runs Beast's async operations on its own
// io_context with tcp_stream timeouts), so a misbehaving server fails a test
// instead of hanging it. Errors throw boost::system::system_error.
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace test::http {

using Verb = boost::beast::http::verb;
using Response = boost::beast::http::response<boost::beast::http::string_body>;
using Headers = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::chrono::seconds kDefaultTimeout{15};

// One connection, reused for several requests (keep-alive).
class Connection {
public:
    explicit Connection(std::uint16_t port, std::chrono::milliseconds timeout = kDefaultTimeout);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Sends one request and reads its response. Adds Host, and Content-Length
    // when there is a body; `headers` may override either (or add Connection: close).
    Response request(Verb method, const std::string& target, const std::string& body = {},
                     const Headers& headers = {});

    // Has the server closed the connection? Waits up to `wait` for EOF.
    bool closed_by_server(std::chrono::milliseconds wait = std::chrono::milliseconds(2000));

private:
    std::uint16_t port_;
    std::chrono::milliseconds timeout_;
    boost::asio::io_context ioc_;
    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
};

// One request on a fresh connection.
Response request(Verb method, std::uint16_t port, const std::string& target, const std::string& body = {},
                 const Headers& headers = {});

}  // namespace test::http
