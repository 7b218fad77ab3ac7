#include "app/bot_app.hpp"

#include "app/messages_endpoint.hpp"
#include "connector/token_provider.hpp"
#include "http/response.hpp"

namespace bot::app {

namespace {
std::string card_cache_metrics(const CardCache& cache) {
    std::string out;
    out += "# HELP crmbot_card_cache_requests_total Record cards asked of the card cache, by result.\n";
    out += "# TYPE crmbot_card_cache_requests_total counter\n";
    out += "crmbot_card_cache_requests_total{result=\"hit\"} " + std::to_string(cache.hits()) + "\n";
    out += "crmbot_card_cache_requests_total{result=\"miss\"} " + std::to_string(cache.misses()) + "\n";
    out += "# HELP crmbot_card_cache_bytes Memory held by cached record cards.\n";
    out += "# TYPE crmbot_card_cache_bytes gauge\n";
    out += "crmbot_card_cache_bytes " + std::to_string(cache.bytes()) + "\n";
    return out;
}
}  // namespace

BotApp::BotApp(const Config& config, crm::Database& database)
    : config_(config),
      crm_(database),
      identities_(crm_.directory),
      conversations_(crm_.directory),
      executor_(crm_, lists_),
      card_cache_({config.card_cache_mb << 20, std::chrono::milliseconds(config.card_cache_ttl_ms)}) {}

BotApp::~BotApp() { stop(std::chrono::milliseconds(0)); }

crm::Result<std::unique_ptr<BotApp>> BotApp::create(const Config& config, crm::Database& database,
                                                    connector::SendQueueOptions send_options) {
    if (!config.local_dev && config.microsoft_app_id.empty())
        return crm::Error{crm::ErrorCode::validation,
                          "MicrosoftAppId is not set: the bot cannot authenticate requests. Set it (see the README), "
                          "or set CRMBOT_LOCAL_DEV=1 for local development without authentication",
                          "MicrosoftAppId"};
    std::unique_ptr<BotApp> app(new BotApp(config, database));

    connector::ServiceUrlPolicyOptions policy;
    for (const auto& host : config.extra_service_hosts) policy.allowed_hosts.push_back(host);
    app->service_urls_ = std::make_shared<connector::ServiceUrlPolicy>(policy);

    if (!config.local_dev) {
        auth::TokenValidatorConfig v;
        v.app_id = config.microsoft_app_id;
        v.openid_metadata_url = config.to_bot_from_channel_openid_metadata_url;
        v.issuer = config.to_bot_from_channel_token_issuer;
        auto validator = auth::TokenValidator::create(v);
        if (!validator) return validator.error();
        app->validator_ = *validator;
    }

    // Outbound: bearer tokens whenever the app has credentials. Local development
    // without them talks to a loopback client (the Agents Playground) anonymously.
    std::shared_ptr<connector::TokenProvider> tokens;
    connector::CppRestConnectorOptions client_options;
    const bool has_credentials = !config.microsoft_app_id.empty() && !config.microsoft_app_password.empty();
    if (has_credentials) {
        connector::ClientCredentialsConfig c;
        c.app_id = config.microsoft_app_id;
        c.app_password = config.microsoft_app_password;
        c.tenant_id = config.microsoft_app_tenant_id;
        c.login_url = config.to_channel_from_bot_login_url;
        c.oauth_scope = config.to_channel_from_bot_oauth_scope;
        if (!config.microsoft_app_type.empty()) {
            auto type = connector::parse_app_type(config.microsoft_app_type);
            if (!type) return type.error();
            c.app_type = *type;
        }
        auto provider = connector::ClientCredentialsTokenProvider::create(c);
        if (!provider) return provider.error();
        tokens = *provider;
    } else if (config.local_dev) {
        client_options.auth = connector::ConnectorAuth::none;
    } else {
        return crm::Error{crm::ErrorCode::validation,
                          "MicrosoftAppPassword is not set: the bot cannot obtain tokens to reply",
                          "MicrosoftAppPassword"};
    }
    auto client = connector::CppRestConnectorClient::create(tokens, app->service_urls_, client_options);
    if (!client) return client.error();
    app->connector_ = *client;
    app->sender_ = std::make_unique<connector::SendQueue>(app->connector_, send_options);
    app->handler_ = std::make_unique<ActivityHandler>(ActivityHandlerDependencies{
        app->crm_, app->identities_, app->conversations_, app->executor_, app->card_cache_, *app->sender_,
        app->metrics_});
    return app;
}

void BotApp::add_routes(http::Router& router, http::WorkerPool& workers) {
    router.post("/api/messages",
                make_messages_endpoint({validator_, *service_urls_, *handler_, workers, metrics_,
                                        [this] { return sender_->saturated(); },
                                        [this] { sender_->wait_for_room(std::chrono::seconds(2)); }, 1024}));
    router.get("/metrics", [this](const http::Request&, http::Respond respond) {
        http::Response res{http::Status::ok, 11};
        res.set(http::beast_http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
        res.body() = metrics_.render() + card_cache_metrics(card_cache_);
        respond(std::move(res));
    });
}

void BotApp::start_notifications() {
    if (config_.notify_workers == 0 || dispatcher_) return;
    DispatcherOptions o;
    o.database_url = config_.database_url;
    if (!config_.microsoft_app_id.empty()) o.bot_id = "28:" + config_.microsoft_app_id;
    o.workers = config_.notify_workers;
    o.claim.coalesce = std::chrono::milliseconds(config_.notify_coalesce_ms);
    o.claim.lease = std::chrono::seconds(config_.notify_lease_s);
    o.trust_service_url = [policy = service_urls_](const std::string& url) { policy->trust(url); };
    dispatcher_ = std::make_unique<NotificationDispatcher>(crm_, connector_, metrics_, o);
    dispatcher_->start();
}

void BotApp::stop(std::chrono::milliseconds drain) {
    if (dispatcher_) dispatcher_->stop();
    if (sender_) sender_->stop(drain);
}

}  // namespace bot::app
