#pragma once
// POST /api/messages: the Bot Framework webhook. In order: JSON content only
// (415), a bearer token present (401 before any parsing), the body parsed into
// a typed activity (400 naming the bad field), the token validated against the
// activity (401: nothing is processed, the reason is logged, never the token),
// the service URL trusted for replies, then the activity handled on a worker.
// Message turns answer 200 at once; their replies follow through the send queue.
// Under overload it answers 503 + Retry-After before doing any work.
#include "app/activity_handler.hpp"
#include "auth/token_validator.hpp"
#include "connector/service_url_policy.hpp"
#include "http/handler.hpp"
#include "http/worker_pool.hpp"
#include "metrics/metrics.hpp"

#include <cstddef>
#include <functional>
#include <memory>

namespace bot::app {

struct MessagesEndpointDependencies {
    // Null only in local-development mode: requests are then anonymous.
    std::shared_ptr<auth::TokenValidator> validator;
    connector::ServiceUrlPolicy& service_urls;
    ActivityHandler& handler;
    http::WorkerPool& workers;
    metrics::Metrics& metrics;
    // Load shedding: when replies cannot leave fast enough (true: the send queue
    // is nearly full) or `max_backlog` activities already wait for a worker, new
    // activities get 503 with Retry-After instead of being accepted and their
    // replies dropped. The channel retries them later.
    std::function<bool()> replies_backed_up;
    // Backpressure before shedding: runs on the worker before an activity is
    // handled and may wait (briefly) for replies to leave, which slows a caller
    // that sends faster than replies can go out.
    std::function<void()> pace;
    std::size_t max_backlog = 1024;
};

http::Handler make_messages_endpoint(MessagesEndpointDependencies deps);

}  // namespace bot::app
