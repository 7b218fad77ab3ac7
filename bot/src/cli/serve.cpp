#include "cli/commands.hpp"

#include "app/bot_app.hpp"
#include "connector/connector_client.hpp"

#include "cli/common.hpp"
#include "config/redact.hpp"
#include "http/health_routes.hpp"
#include "http/server.hpp"
#include "log/log.hpp"

#include <exception>
#include <memory>

namespace bot::cli {
namespace {

void warn_local_dev() {
    // Several lines so that it stands out in any log viewer; each is still JSON.
    for (const char* line : {
             "****************************************************************",
             "*  LOCAL DEVELOPMENT MODE (CRMBOT_LOCAL_DEV is on)             *",
             "*  AUTHENTICATION IS OFF: requests are NOT verified as coming  *",
             "*  from Microsoft Teams / the Bot Framework.                   *",
             "*  Listening on 127.0.0.1 (loopback) only.                     *",
             "*  Never run this configuration in production.                 *",
             "****************************************************************",
         }) {
        log::warn(line, {{"local_dev", true}});
    }
}

void log_startup(const Config& c) {
    log::info("starting crmbot", {{"version", CRMBOT_VERSION},
                                  {"bind", c.bind_address},
                                  {"port", c.port},
                                  {"io_threads", c.io_threads},
                                  {"workers", c.workers},
                                  {"max_body_bytes", c.max_body_bytes},
                                  {"local_dev", c.local_dev},
                                  {"microsoft_app_id", c.microsoft_app_id},
                                  {"microsoft_app_type", c.microsoft_app_type},
                                  {"microsoft_app_tenant_id", c.microsoft_app_tenant_id},
                                  // Whether it is set, never its value.
                                  {"microsoft_app_password_set", !c.microsoft_app_password.empty()}});
    for (const auto& notice : c.notices) log::warn(notice);
}

}  // namespace

int serve() {
    const auto config = load_config("serve");
    if (!config) return 1;
    connector::limit_client_threads(2);
    if (config->local_dev) warn_local_dev();
    log_startup(*config);

    std::unique_ptr<crm::Database> database;
    try {
        database = std::make_unique<crm::Database>(
            crm::DatabaseOptions{.url = config->database_url, .pool_size = config->workers});
    } catch (const std::exception& e) {
        log::error("cannot open the database; not starting", {{"reason", redact_reason(e.what(), config->secrets())}});
        return 1;
    }

    // Fail fast: never serve against a schema older than the code.
    const auto applied = apply_migrations(*database, *config);
    if (!applied) {
        log::error("database migration failed; not starting",
                   {{"code", crm::to_string(applied.error().code)}, {"reason", applied.error().message}});
        return 1;
    }
    log::info("database schema up to date", {{"applied", *applied}});

    http::ServerOptions options;
    options.address = config->bind_address;
    options.port = config->port;
    options.io_threads = config->io_threads;
    options.workers = config->workers;
    options.session.max_body_bytes = config->max_body_bytes;
    options.handle_signals = true;

    auto bot = app::BotApp::create(*config, *database);
    if (!bot) {
        log::error("cannot start the bot", {{"setting", bot.error().field}, {"reason", bot.error().message}});
        return 1;
    }

    http::Server server(options);
    http::add_health_routes(server.router(), server.workers(), *database, config->secrets());
    (*bot)->add_routes(server.router(), server.workers());

    if (const auto ec = server.start()) {
        log::error("cannot listen; not starting",
                   {{"bind", config->bind_address}, {"port", config->port}, {"error", ec.message()}});
        return 1;
    }
    log::info("listening", {{"bind", server.endpoint().address().to_string()}, {"port", server.port()}});
    (*bot)->start_notifications();

    server.wait();
    // Replies already queued still go out (bounded), then the process ends.
    (*bot)->stop(std::chrono::seconds(10));
    log::info("stopped");
    return 0;
}

}  // namespace bot::cli
