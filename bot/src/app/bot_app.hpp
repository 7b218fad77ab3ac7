#pragma once
// The bot, assembled from its configuration: authentication, the CRM core, the
// outbound connector and its send queue, and the routes it serves
// (POST /api/messages, GET /metrics). `crmbot serve` and the end-to-end tests
// build it the same way; only the URLs differ.
#include "app/activity_handler.hpp"
#include "app/command_executor.hpp"
#include "app/conversations.hpp"
#include "app/identities.hpp"
#include "app/list_memory.hpp"
#include "app/notification_dispatcher.hpp"
#include "auth/token_validator.hpp"
#include "config/config.hpp"
#include "connector/connector_client.hpp"
#include "connector/send_queue.hpp"
#include "connector/service_url_policy.hpp"
#include "http/router.hpp"
#include "http/worker_pool.hpp"
#include "metrics/metrics.hpp"

#include <crm_core/crm.hpp>

#include <memory>

namespace bot::app {

class BotApp {
public:
    // Refuses a configuration that would run unauthenticated outside local-development mode.
    static crm::Result<std::unique_ptr<BotApp>> create(const Config& config, crm::Database& database,
                                                       connector::SendQueueOptions send_options = {});
    ~BotApp();

    void add_routes(http::Router& router, http::WorkerPool& workers);
    // Sends what is queued (up to `drain`), then stops sending.
    void stop(std::chrono::milliseconds drain);

    // Starts delivering the notification outbox (CRMBOT_NOTIFY_WORKERS threads).
    void start_notifications();
    metrics::Metrics& metrics() { return metrics_; }
    connector::ServiceUrlPolicy& service_urls() { return *service_urls_; }

private:
    BotApp(const Config& config, crm::Database& database);

    Config config_;
    crm::Crm crm_;
    metrics::Metrics metrics_;
    Identities identities_;
    Conversations conversations_;
    ListMemory lists_;
    CommandExecutor executor_;
    CardCache card_cache_;
    std::shared_ptr<connector::ServiceUrlPolicy> service_urls_;
    std::shared_ptr<auth::TokenValidator> validator_;
    std::shared_ptr<connector::ConnectorClient> connector_;
    std::unique_ptr<connector::SendQueue> sender_;
    std::unique_ptr<ActivityHandler> handler_;
    std::unique_ptr<NotificationDispatcher> dispatcher_;
};

}  // namespace bot::app
