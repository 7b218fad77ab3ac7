#pragma once
// Probes.
//   GET /healthz  200 {"status":"ok"} at once: the process is alive (no database).
//   GET /readyz   Database::ping() on the worker pool (one at a time: concurrent
//                 probes share the running ping's result), then
//                 200 {"status":"ready"} or 503 {"status":"unavailable","reason":"..."}.
// The reason is the database error with every secret (the URL, its password)
// replaced by "***".
#include "http/router.hpp"
#include "http/worker_pool.hpp"

#include <crm_core/database.hpp>

#include <string>
#include <vector>

namespace bot::http {

void add_health_routes(Router& router, WorkerPool& workers, crm::Database& database,
                       std::vector<std::string> secrets = {});

}  // namespace bot::http
