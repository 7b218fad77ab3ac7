#pragma once
// POST /api/messages: the Bot Framework webhook. In order: JSON content only
// (415), a bearer token present (401 before any parsing), the body parsed into
// a typed activity (400 naming the bad field), the token validated against the
// activity (401: nothing is processed, the reason is logged, never the token),
// the service URL trusted for replies, then the activity handled on a worker.
// Message turns answer 200 at once; their replies follow through the send queue.
#include "app/activity_handler.hpp"
#include "auth/token_validator.hpp"
#include "connector/service_url_policy.hpp"
#include "http/handler.hpp"
#include "http/worker_pool.hpp"
#include "metrics/metrics.hpp"

#include <memory>

namespace bot::app {

struct MessagesEndpointDependencies {
    // Null only in local-development mode: requests are then anonymous.
    std::shared_ptr<auth::TokenValidator> validator;
    connector::ServiceUrlPolicy& service_urls;
    ActivityHandler& handler;
    http::WorkerPool& workers;
    metrics::Metrics& metrics;
};

http::Handler make_messages_endpoint(MessagesEndpointDependencies deps);

}  // namespace bot::app
