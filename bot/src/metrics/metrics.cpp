#include "metrics/metrics.hpp"

#include <sstream>

namespace bot::metrics {

namespace {
// Label values come from our own code (activity types, reasons), but escape anyway.
std::string label(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}
}  // namespace

void Metrics::request(std::string_view activity_type, int status, std::chrono::duration<double> latency) {
    const double s = latency.count();
    std::lock_guard lock(mutex_);
    ++requests_[{std::string(activity_type), status}];
    std::size_t i = 0;
    while (i < kBuckets.size() && s > kBuckets[i]) ++i;
    ++latency_buckets_[i];
    latency_sum_ += s;
    ++latency_count_;
}

void Metrics::auth_failure(std::string_view reason) {
    std::lock_guard lock(mutex_);
    ++auth_failures_[std::string(reason)];
}

void Metrics::outbound(std::string_view operation, int status) {
    std::lock_guard lock(mutex_);
    ++outbound_[{std::string(operation), status}];
}

std::string Metrics::render() const {
    std::lock_guard lock(mutex_);
    std::ostringstream out;
    out << "# HELP crmbot_requests_total Inbound /api/messages requests by activity type and HTTP status.\n"
           "# TYPE crmbot_requests_total counter\n";
    for (const auto& [key, n] : requests_)
        out << "crmbot_requests_total{type=\"" << label(key.first) << "\",status=\"" << key.second << "\"} " << n << "\n";
    out << "# HELP crmbot_request_duration_seconds Time to answer an inbound request.\n"
           "# TYPE crmbot_request_duration_seconds histogram\n";
    long cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += latency_buckets_[i];
        out << "crmbot_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << cumulative << "\n";
    }
    cumulative += latency_buckets_.back();
    out << "crmbot_request_duration_seconds_bucket{le=\"+Inf\"} " << cumulative << "\n"
        << "crmbot_request_duration_seconds_sum " << latency_sum_ << "\n"
        << "crmbot_request_duration_seconds_count " << latency_count_ << "\n";
    out << "# HELP crmbot_auth_failures_total Inbound requests refused by authentication, by reason.\n"
           "# TYPE crmbot_auth_failures_total counter\n";
    for (const auto& [reason, n] : auth_failures_)
        out << "crmbot_auth_failures_total{reason=\"" << label(reason) << "\"} " << n << "\n";
    out << "# HELP crmbot_outbound_requests_total Bot Connector calls by operation and HTTP status (0: no answer).\n"
           "# TYPE crmbot_outbound_requests_total counter\n";
    for (const auto& [key, n] : outbound_)
        out << "crmbot_outbound_requests_total{operation=\"" << label(key.first) << "\",status=\"" << key.second
            << "\"} " << n << "\n";
    return out.str();
}

}  // namespace bot::metrics
