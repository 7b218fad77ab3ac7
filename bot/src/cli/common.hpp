#pragma once
// Pieces shared by the subcommands.
#include "config/config.hpp"

#include <crm_core/database.hpp>
#include <crm_core/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bot::cli {

// Reads the configuration and sets the log level; on error prints
// "crmbot <command>: configuration error: ..." to stderr and returns nullopt.
std::optional<Config> load_config(std::string_view command);

// Database::migrate() with exceptions turned into errors and secrets redacted
// from the error message.
crm::Result<std::vector<std::string>> apply_migrations(crm::Database& database, const Config& config);

}  // namespace bot::cli
