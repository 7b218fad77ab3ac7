#include "http/worker_pool.hpp"

#include "log/log.hpp"

#include <stdexcept>

namespace bot::http {

WorkerPool::WorkerPool(std::size_t threads) : size_(threads == 0 ? 1 : threads), pool_(size_) {}

WorkerPool::~WorkerPool() { join(); }

void WorkerPool::join() { pool_.join(); }

void WorkerPool::report(std::exception_ptr error) noexcept {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        log::error("worker task failed", {{"error", e.what()}});
    } catch (...) {
        log::error("worker task failed", {{"error", "unknown exception"}});
    }
}

}  // namespace bot::http
