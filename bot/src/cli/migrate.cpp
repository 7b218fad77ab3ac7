#include "cli/commands.hpp"

#include "cli/common.hpp"
#include "config/redact.hpp"

#include <exception>
#include <iostream>
#include <memory>

namespace bot::cli {

int migrate() {
    const auto config = load_config("migrate");
    if (!config) return 1;

    std::unique_ptr<crm::Database> database;
    try {
        database = std::make_unique<crm::Database>(crm::DatabaseOptions{.url = config->database_url, .pool_size = 1});
    } catch (const std::exception& e) {
        std::cerr << "crmbot migrate: cannot open the database: " << redact_reason(e.what(), config->secrets()) << "\n";
        return 1;
    }

    const auto applied = apply_migrations(*database, *config);
    if (!applied) {
        std::cerr << "crmbot migrate: migration failed (" << crm::to_string(applied.error().code)
                  << "): " << applied.error().message << "\n";
        return 1;
    }
    if (applied->empty()) {
        std::cout << "database schema is up to date (no migration to apply)\n";
    } else {
        for (const auto& version : *applied) std::cout << "applied " << version << "\n";
        std::cout << applied->size() << (applied->size() == 1 ? " migration" : " migrations") << " applied\n";
    }
    return 0;
}

}  // namespace bot::cli
