#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/system/system_error.hpp>

#include <optional>

namespace test::http {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {
void check(const beast::error_code& ec, const std::string& what) {
    if (ec) throw boost::system::system_error(ec, what);
}
}  // namespace

Connection::Connection(std::uint16_t port, std::chrono::milliseconds timeout)
    : port_(port), timeout_(timeout), stream_(ioc_) {
    beast::error_code result = net::error::would_block;
    stream_.expires_after(timeout_);
    stream_.async_connect(tcp::endpoint{net::ip::make_address("127.0.0.1"), port_},
                          [&](beast::error_code ec) { result = ec; });
    ioc_.run();
    check(result, "connect to 127.0.0.1:" + std::to_string(port_));
}

Connection::~Connection() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
}

Response Connection::request(Verb method, const std::string& target, const std::string& body,
                             const Headers& headers) {
    beast::http::request<beast::http::string_body> req{method, target, 11};
    req.set(beast::http::field::host, "127.0.0.1:" + std::to_string(port_));
    req.set(beast::http::field::user_agent, "crmbot-tests");
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    // Content-Length unless the test asked for chunked framing (Beast then
    // serialises the body as one chunk) or set Content-Length itself.
    if (!req.chunked() && req.find(beast::http::field::content_length) == req.end() &&
        (!body.empty() || method == Verb::post || method == Verb::put)) {
        req.prepare_payload();
    }

    beast::error_code write_ec = net::error::would_block;
    beast::error_code read_ec = net::error::would_block;
    Response res;
    ioc_.restart();
    stream_.expires_after(timeout_);
    beast::http::async_write(stream_, req, [&](beast::error_code ec, std::size_t) {
        write_ec = ec;
        // Read even if the write failed part-way: the server may have answered
        // early (413) and closed.
        beast::http::async_read(stream_, buffer_, res, [&](beast::error_code rec, std::size_t) { read_ec = rec; });
    });
    ioc_.run();
    if (read_ec) {
        check(write_ec, "write " + target);
        check(read_ec, "read response to " + target);
    }
    return res;
}

bool Connection::closed_by_server(std::chrono::milliseconds wait) {
    char byte = 0;
    beast::error_code result = net::error::would_block;
    ioc_.restart();
    stream_.expires_after(wait);
    stream_.async_read_some(net::buffer(&byte, 1), [&](beast::error_code ec, std::size_t) { result = ec; });
    ioc_.run();
    return result == net::error::eof || result == net::error::connection_reset;
}

Response request(Verb method, std::uint16_t port, const std::string& target, const std::string& body,
                 const Headers& headers) {
    Connection connection(port);
    return connection.request(method, target, body, headers);
}

}  // namespace test::http
