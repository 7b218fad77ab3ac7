#pragma once
// The whole bot over real HTTP: crmbot's server and BotApp as `crmbot serve`
// builds them, against the real test PostgreSQL, with Microsoft's cloud played by
// test::FakeChannel (OpenID/JWKS issuer, token endpoint, mock Bot Connector).
// Each fixture uses a fresh tenant, so tests share the database safely.
#include "app/bot_app.hpp"
#include "http/server.hpp"
#include "support/fake_channel.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <fstream>
#include <functional>
#include <thread>
#include <string>

namespace e2e {

inline nlohmann::json fixture(const std::string& name) {
    std::ifstream in(std::string(FIXTURES_DIR) + "/activities/" + name);
    if (!in) throw std::runtime_error("missing fixture " + name);
    return nlohmann::json::parse(in);
}

struct BotFixture {
    explicit BotFixture(bool local_dev = false, std::size_t max_body = 256 * 1024,
                        std::size_t send_capacity = 10'000,
                        std::chrono::milliseconds notify_coalesce = std::chrono::milliseconds(0),
                        const std::function<void(bot::Config&)>& configure = {}) {
        channel.start();
        test::crm();  // migrates the shared test database once
        config.database_url = test::database_url();
        config.local_dev = local_dev;
        if (!local_dev) {
            config.microsoft_app_id = std::string(test::kTestAppId);
            config.microsoft_app_password = "test-client-secret";
            config.microsoft_app_type = "MultiTenant";
            config.to_bot_from_channel_openid_metadata_url = channel.openid_metadata_url();
            config.to_channel_from_bot_login_url = channel.login_url();
        }
        config.notify_coalesce_ms = static_cast<std::size_t>(notify_coalesce.count());  // most tests: at once
        config.notify_workers = 2;
        if (configure) configure(config);
        bot::connector::SendQueueOptions send;
        send.initial_backoff = std::chrono::milliseconds(50);
        send.max_backoff = std::chrono::milliseconds(500);
        send.capacity = send_capacity;
        auto created = bot::app::BotApp::create(config, test::database(), send);
        if (!created) throw std::runtime_error("BotApp: " + created.error().message);
        app = std::move(created).value();
        bot::http::ServerOptions options;
        options.workers = 2;
        options.session.max_body_bytes = max_body;
        server = std::make_unique<bot::http::Server>(options);
        app->add_routes(server->router(), server->workers());
        if (auto ec = server->start()) throw std::runtime_error("server: " + ec.message());
    }
    ~BotFixture() {
        server->stop();
        server->wait();
        app->stop(std::chrono::milliseconds(0));
    }

    // Delivery of the notification outbox, as `crmbot serve` runs it.
    void start_notifications() { app->start_notifications(); }

    // A fixture activity moved into this test's tenant and pointed at the fake connector.
    nlohmann::json activity(const std::string& name, const std::string& text = {}) const {
        auto a = fixture(name);
        a["serviceUrl"] = channel.service_url();
        a["conversation"]["tenantId"] = tenant;
        a["channelData"]["tenant"]["id"] = tenant;
        if (!text.empty()) a["text"] = text;
        return a;
    }

    test::http::Response post(const nlohmann::json& activity, std::optional<std::string> token = std::nullopt,
                              const std::string& content_type = "application/json") const {
        std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", content_type}};
        std::string bearer = token ? *token : "Bearer " + channel.channel_token();
        if (!bearer.empty()) headers.emplace_back("Authorization", bearer);
        return test::http::request(boost::beast::http::verb::post, server->port(), "/api/messages", activity.dump(),
                                   headers);
    }

    // The sender of the fixtures (Dana Park) as a CRM actor of this tenant.
    crm::Actor dana() const {
        auto user = test::crm().directory.ensure_user(tenant, {"a1b2c3d4-1111-4222-8333-944455556666",
                                                               "29:1DanaPark-example-user-mri-0001", "Dana Park", ""});
        return user.value().actor();
    }

    std::vector<test::RecordedRequest> replies(std::size_t count) const {
        channel.wait_for_connector_requests(count, std::chrono::seconds(10));
        return channel.connector_requests();
    }

    std::string tenant = test::unique_tenant();
    test::FakeChannel channel;
    bot::Config config;
    std::unique_ptr<bot::app::BotApp> app;
    std::unique_ptr<bot::http::Server> server;
};

// A deal (with its account) of the fixture's tenant, made by Dana.
inline crm::Opportunity make_deal(const BotFixture& bot, const std::string& name) {
    auto actor = bot.dana();
    auto account = test::crm().accounts.create(actor, {name + " Ltd", "", {}, {}, {}, {}}).value();
    crm::OpportunityDraft draft;
    draft.name = name;
    draft.account_number = account.number;
    return test::crm().opportunities.create(actor, draft).value();
}

// Polls `done` until it holds (true) or `timeout` passes (false).
template <class Done>
bool eventually(Done done, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

// The cards of a recorded connector request, as JSON text to search.
inline std::string card_json(const test::RecordedRequest& r) {
    return r.json.value("attachments", nlohmann::json::array()).dump();
}

// How many of the fixture tenant's outbox rows are in `state`.
inline long outbox_rows(const BotFixture& bot, const std::string& state) {
    pqxx::connection c(test::database_url());
    pqxx::nontransaction tx(c);
    return tx.exec_params("select count(*) from outbox where tenant_id = $1 and state = $2", bot.tenant, state)[0][0]
        .as<long>();
}

}  // namespace e2e
