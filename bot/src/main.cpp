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
        "  CRMBOT_CARD_CACHE_MB    memory for record cards kept drawn (8; 0: off)\n"
        "  CRMBOT_CARD_CACHE_TTL_MS  a change made by another process shows on cached cards within this (2000)\n"
        "  MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId, MicrosoftAppType\n"
        "                          Bot Framework registration\n"
        "Teams app package (crmbot package; see docs/admin.md):\n"
        "  CRMBOT_PUBLIC_HOST      host of the bot's record links (required), e.g. crm.example.com\n"
        "  TEAMS_APP_ID            the Teams app id, a GUID (derived from MicrosoftAppId)\n"
        "  TEAMS_APP_VERSION       the package version X.Y.Z (crmbot's version)\n"
        "  TEAMS_APP_NAME, TEAMS_APP_FULL_NAME, TEAMS_APP_DEVELOPER, TEAMS_APP_WEBSITE,\n"
        "  TEAMS_APP_PRIVACY_URL, TEAMS_APP_TERMS_URL, TEAMS_APP_ACCENT_COLOR");

    auto* serve = app.add_subcommand("serve", "Apply pending migrations, then serve HTTP until SIGINT/SIGTERM");
    auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations and exit");
    auto* version = app.add_subcommand("version", "Print the version and exit");
    auto* package = app.add_subcommand("package", "Write the Teams app package (zip) to sideload or publish");
    std::string package_out = "teams-app.zip";
    package->add_option("-o,--out", package_out, "where to write the zip")->capture_default_str();
    auto* outbox = app.add_subcommand("outbox", "The notification outbox");
    auto* outbox_status = outbox->add_subcommand("status", "What waits, what failed and why");
    auto* outbox_retry = outbox->add_subcommand("retry", "Send the dead letters again");
    outbox->require_subcommand(1);

    CLI11_PARSE(app, argc, argv);

    if (*serve) return bot::cli::serve();
    if (*migrate) return bot::cli::migrate();
    if (*version) return bot::cli::version();
    if (*package) return bot::cli::package(package_out);
    if (*outbox_status) return bot::cli::outbox_status();
    if (*outbox_retry) return bot::cli::outbox_retry();
    return 1;  // unreachable: require_subcommand
}
