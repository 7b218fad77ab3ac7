#pragma once
// The connection pool behind crm::Database and the one place where database
// exceptions become crm::Error values.
#include <crm_core/database.hpp>

#include "pg/tx.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <type_traits>
#include <vector>

namespace crm {

struct Database::Impl {
    explicit Impl(DatabaseOptions o) : options(std::move(o)) {}

    std::unique_ptr<pg::PooledConnection> acquire();  // throws DomainError(unavailable)
    void release(std::unique_ptr<pg::PooledConnection> c, bool reusable);

    // Runs f(tx) in one transaction and commits. Serialization failures and
    // deadlocks are retried; a connection lost before commit is retried once on a
    // fresh connection. Everything else becomes an Error, with the transaction
    // rolled back.
    template <class F>
    auto run(F&& f) -> Result<std::invoke_result_t<F&, pg::Tx&>> {
        return run_in(pg::Tx::Mode::write, std::forward<F>(f));
    }
    // For reads that need no snapshot across statements.
    template <class F>
    auto read(F&& f) -> Result<std::invoke_result_t<F&, pg::Tx&>> {
        return run_in(pg::Tx::Mode::read, std::forward<F>(f));
    }

    // For a mutation that is one statement (its writes in data-modifying CTEs): the
    // statement is atomic on its own, so BEGIN and COMMIT would only add two round
    // trips. f must run exactly one writing statement, last.
    template <class F>
    auto single(F&& f) -> Result<std::invoke_result_t<F&, pg::Tx&>> {
        return run_in(pg::Tx::Mode::single, std::forward<F>(f));
    }

    // Writes that no record shows (the outbox, where live cards and conversations
    // are): change_generation stays put, so caches of record reads stay warm.
    enum class Shown { yes, no };
    template <class F>
    auto run_bookkeeping(F&& f) -> Result<std::invoke_result_t<F&, pg::Tx&>> {
        return run_in(pg::Tx::Mode::write, std::forward<F>(f), Shown::no);
    }
    template <class F>
    auto single_bookkeeping(F&& f) -> Result<std::invoke_result_t<F&, pg::Tx&>> {
        return run_in(pg::Tx::Mode::single, std::forward<F>(f), Shown::no);
    }

    template <class F>
    auto run_in(pg::Tx::Mode mode, F&& f, Shown shown = Shown::yes) -> Result<std::invoke_result_t<F&, pg::Tx&>> {
        // Moved after the write ends, so that a reader who saw the old generation
        // cannot have read data older than the write.
        struct GenerationBump {
            std::atomic<std::uint64_t>* generation;
            ~GenerationBump() {
                if (generation) generation->fetch_add(1, std::memory_order_release);
            }
        } bump{mode == pg::Tx::Mode::read || shown == Shown::no ? nullptr : &change_generation};
        for (int attempt = 1;; ++attempt) {
            std::unique_ptr<pg::PooledConnection> c;
            bool retry = false, started = false;
            Error error;
            try {
                c = acquire();
                std::optional<std::invoke_result_t<F&, pg::Tx&>> value;
                {
                    pg::Tx tx(*c, mode);
                    started = true;
                    value.emplace(f(tx));
                    tx.commit();
                }
                release(std::move(c), true);
                return std::move(*value);
            } catch (...) {
                error = classify(std::current_exception(), retry);
            }
            // A lost connection after an autocommit write was sent leaves it in doubt:
            // retrying could apply it twice.
            if (mode == pg::Tx::Mode::single && started && error.code == ErrorCode::unavailable) {
                retry = false;
                error.message = "the database connection was lost during the change; it may or may not have been saved";
            }
            bool reusable = c && c->conn && c->conn->is_open() && error.code != ErrorCode::unavailable;
            if (c) release(std::move(c), reusable);
            if (!retry || attempt >= 3) return error;
        }
    }

    static Error classify(std::exception_ptr e, bool& retry);

    DatabaseOptions options;
    std::mutex mutex;
    std::condition_variable available;
    std::vector<std::unique_ptr<pg::PooledConnection>> idle;
    std::size_t open = 0;  // connections handed out or idle
    std::atomic<std::uint64_t> change_generation{0};
};

}  // namespace crm
