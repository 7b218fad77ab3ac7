#include "mock_connector.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>

namespace bench {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string url_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// "/v3/conversations/{id}/activities" -> id (decoded); empty otherwise.
std::string conversation_of(std::string_view target) {
    constexpr std::string_view prefix = "/v3/conversations/";
    const auto at = target.find(prefix);
    if (at == std::string_view::npos) return {};
    target.remove_prefix(at + prefix.size());
    const auto slash = target.find('/');
    if (slash == std::string_view::npos || target.substr(slash) != "/activities") return {};
    return url_decode(target.substr(0, slash));
}

}  // namespace

MockConnector::MockConnector() : acceptor_(io_) {}

MockConnector::~MockConnector() { stop(); }

void MockConnector::start() {
    tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
    port_ = acceptor_.local_endpoint().port();
    running_ = true;
    acceptor_thread_ = std::thread([this] { accept_loop(); });
}

void MockConnector::stop() {
    if (!running_.exchange(false)) return;
    ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
    {
        std::lock_guard lock(mutex_);
        for (auto& s : open_) ::shutdown(s->native_handle(), SHUT_RDWR);
    }
    if (acceptor_thread_.joinable()) acceptor_thread_.join();
    std::vector<std::thread> sessions;
    {
        std::lock_guard lock(mutex_);
        sessions.swap(sessions_);
    }
    for (auto& t : sessions) t.join();
    beast::error_code ec;
    acceptor_.close(ec);
}

std::string MockConnector::service_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

std::vector<Arrival> MockConnector::arrivals() const {
    std::lock_guard lock(mutex_);
    return arrivals_;
}

void MockConnector::reserve(std::size_t n) {
    std::lock_guard lock(mutex_);
    arrivals_.reserve(n);
}

void MockConnector::accept_loop() {
    while (running_) {
        beast::error_code ec;
        tcp::socket socket(io_);
        acceptor_.accept(socket, ec);
        if (ec) {
            if (!running_) return;
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        std::lock_guard lock(mutex_);
        if (!running_) return;
        sessions_.emplace_back([this, s = std::move(socket)]() mutable { serve(std::move(s)); });
    }
}

void MockConnector::serve(tcp::socket socket) {
    auto shared = std::make_shared<tcp::socket>(std::move(socket));
    {
        std::lock_guard lock(mutex_);
        open_.push_back(shared);
    }
    beast::flat_buffer buffer;
    while (running_) {
        http::request<http::string_body> req;
        beast::error_code ec;
        http::read(*shared, buffer, req, ec);
        if (ec) break;
        Arrival a{std::chrono::steady_clock::now(), conversation_of(req.target())};
        const std::size_t n = count_.fetch_add(1) + 1;
        http::response<http::string_body> res{http::status::ok, req.version()};
        res.set(http::field::content_type, "application/json; charset=utf-8");
        if (a.conversation.empty())  // e.g. POST /v3/conversations: a new chat
            res.body() = R"({"id":"a:created-)" + std::to_string(n) + R"("})";
        else
            res.body() = R"({"id":"1:)" + std::to_string(n) + R"("})";
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        {
            std::lock_guard lock(mutex_);
            arrivals_.push_back(std::move(a));
        }
        http::write(*shared, res, ec);
        if (ec || !req.keep_alive()) break;
    }
    beast::error_code ec;
    shared->shutdown(tcp::socket::shutdown_both, ec);
}

}  // namespace bench
