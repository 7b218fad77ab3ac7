#include "cli/common.hpp"

#include "config/redact.hpp"
#include "log/log.hpp"

#include <exception>
#include <iostream>

namespace bot::cli {

std::optional<Config> load_config(std::string_view command) {
    auto config = from_environment();
    if (!config) {
        std::cerr << "crmbot " << command << ": configuration error: " << config.error().message << "\n";
        return std::nullopt;
    }
    log::init(config->log_level);
    return std::move(config).value();
}

crm::Result<std::vector<std::string>> apply_migrations(crm::Database& database, const Config& config) {
    try {
        auto applied = database.migrate();
        if (applied) return applied;
        auto error = applied.error();
        error.message = redact_reason(error.message, config.secrets());
        return error;
    } catch (const std::exception& e) {
        return crm::Error{crm::ErrorCode::internal, redact_reason(e.what(), config.secrets()), {}};
    }
}

}  // namespace bot::cli
