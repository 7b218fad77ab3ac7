#pragma once
// The PostgreSQL connection pool and schema migrations. libpqxx blocks, so callers
// run core operations on worker threads, never on an I/O loop.
#include <crm_core/result.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace crm {

struct DatabaseOptions {
    std::string url;  // libpq connection URI or key=value string
    std::size_t pool_size = 8;
    std::chrono::milliseconds acquire_timeout{5000};
};

struct Migration {
    std::string version;  // "0001_init"; applied in lexical order
    std::string sql;
};

// The core's own migrations (compiled into the library).
const std::vector<Migration>& core_migrations();

class Database {
public:
    explicit Database(DatabaseOptions options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Applies, in order and each in its own transaction, the migrations not yet
    // recorded in schema_migrations. Returns the versions it applied.
    Result<std::vector<std::string>> migrate(const std::vector<Migration>& migrations);
    Result<std::vector<std::string>> migrate() { return migrate(core_migrations()); }

    // Round trip to the server (readiness probe).
    Status ping();

    // Moves on whenever a writing transaction of this Database that may change
    // what a record shows ends (committed, rolled back or in doubt alike); the
    // outbox, live card and conversation bookkeeping leave it alone. What was read
    // while it stood still is still what the database holds, as far as this
    // process changed it: caches of record reads tag entries with it. Writes by
    // other processes do not move it.
    std::uint64_t change_generation() const;

    struct Impl;
    Impl& impl() { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace crm
