#pragma once
// A minimal mock Bot Connector for the fan-out benchmark: HTTP/1.1 on 127.0.0.1,
// one blocking thread per connection (the dispatcher keeps one keep-alive
// connection per worker), answers every request at once with 200 {"id":...} and
// records only what the benchmark needs: when each request was fully read and
// which conversation it was for (decoded from /v3/conversations/{id}/activities).
// test::FakeChannel would do as well, but it keeps every request's headers,
// body and parsed JSON, which would count in the process's peak RSS.
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace bench {

struct Arrival {
    std::chrono::steady_clock::time_point at;
    std::string conversation;  // decoded; empty for anything but a send
};

class MockConnector {
public:
    MockConnector();
    ~MockConnector();  // stop()
    MockConnector(const MockConnector&) = delete;
    MockConnector& operator=(const MockConnector&) = delete;

    void start();  // binds 127.0.0.1 on an ephemeral port
    void stop();
    std::string service_url() const;  // "http://127.0.0.1:<port>/"

    std::size_t count() const { return count_.load(); }
    std::vector<Arrival> arrivals() const;
    void reserve(std::size_t n);

private:
    void accept_loop();
    void serve(boost::asio::ip::tcp::socket socket);

    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    std::atomic<bool> running_{false};
    std::atomic<std::size_t> count_{0};
    std::thread acceptor_thread_;
    mutable std::mutex mutex_;
    std::vector<Arrival> arrivals_;
    std::vector<std::thread> sessions_;
    std::vector<std::shared_ptr<boost::asio::ip::tcp::socket>> open_;
};

}  // namespace bench
