// crmbot: wiring only. The subcommands live in cli/, the server in http/.
#include "cli/commands.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{"crmbot: backend of the Microsoft Teams CRM bot", "crmbot"};
    app.require_subcommand(1, 1);
    app.footer(
        "Configuration (environment):\n"
        "  DATABASE_URL            PostgreSQL URI (required for serve, migrate)\n"
        "  PORT                    HTTP port (3978)\n"
        "  CRMBOT_BIND             listen address (0.0.0.0; 127.0.0.1 in local-dev mode)\n"
        "  CRMBOT_LOCAL_DEV        1/true: local development, authentication OFF, loopback only\n"
        "  CRMBOT_THREADS          I/O threads (1)\n"
        "  CRMBOT_WORKERS          worker threads and database connections (4)\n"
        "  CRMBOT_MAX_BODY_BYTES   request body limit (262144)\n"
        "  CRMBOT_LOG_LEVEL        trace|debug|info|warn|error|critical|off (info)\n"
        "  CRMBOT_NOTIFY_WORKERS   notification delivery threads (4; 0: none in this process)\n"
        "  CRMBOT_NOTIFY_COALESCE_MS  changes to a record within this come as one notification (3000)\n"
        "  CRMBOT_NOTIFY_LEASE_S   seconds a claimed notification waits before another process may send it (60)\n"
        "  MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId, MicrosoftAppType\n"
        "                          Bot Framework registration");

    auto* serve = app.add_subcommand("serve", "Apply pending migrations, then serve HTTP until SIGINT/SIGTERM");
    auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations and exit");
    auto* version = app.add_subcommand("version", "Print the version and exit");
    auto* outbox = app.add_subcommand("outbox", "The notification outbox");
    auto* outbox_status = outbox->add_subcommand("status", "What waits, what failed and why");
    auto* outbox_retry = outbox->add_subcommand("retry", "Send the dead letters again");
    outbox->require_subcommand(1);

    CLI11_PARSE(app, argc, argv);

    if (*serve) return bot::cli::serve();
    if (*migrate) return bot::cli::migrate();
    if (*version) return bot::cli::version();
    if (*outbox_status) return bot::cli::outbox_status();
    if (*outbox_retry) return bot::cli::outbox_retry();
    return 1;  // unreachable: require_subcommand
}
