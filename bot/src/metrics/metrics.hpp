#pragma once
// Process metrics in the Prometheus text format (GET /metrics): inbound requests
// by activity type and status, their latency, authentication failures, and
// outbound Bot Connector calls by status.
#include <array>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace bot::metrics {

class Metrics {
public:
    void request(std::string_view activity_type, int status, std::chrono::duration<double> latency);
    void auth_failure(std::string_view reason);
    void outbound(std::string_view operation, int status);  // status 0: no answer (transport error)
    std::string render() const;

private:
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, long> requests_;
    std::array<long, kBuckets.size() + 1> latency_buckets_{};  // last: +Inf
    double latency_sum_ = 0;
    long latency_count_ = 0;
    std::map<std::string, long> auth_failures_;
    std::map<std::pair<std::string, int>, long> outbound_;
};

}  // namespace bot::metrics
