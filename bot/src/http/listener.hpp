#pragma once
// Accepts connections and starts a Session for each, on its own strand. Knows
// nothing of HTTP.
#include "http/session.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>

#include <memory>

namespace bot::http {

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(boost::asio::io_context& ioc, std::shared_ptr<SessionContext> context);

    // Opens, binds and listens. Call once, before run().
    boost::beast::error_code open(const boost::asio::ip::tcp::endpoint& endpoint);
    boost::asio::ip::tcp::endpoint local_endpoint() const;

    void run();
    // Stops accepting and closes the listening socket; safe from any thread.
    void stop();
    // The same, at once; only when no thread runs the io_context any more.
    void close();

private:
    void do_accept();
    void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer retry_timer_;
    std::shared_ptr<SessionContext> ctx_;
    bool stopped_ = false;  // touched on the acceptor's strand only
};

}  // namespace bot::http
