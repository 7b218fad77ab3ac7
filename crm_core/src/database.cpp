#include <crm_core/database.hpp>

#include "pg/database_impl.hpp"

#include <algorithm>

namespace crm {

Database::Database(DatabaseOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
    impl_->options.pool_size = std::max<std::size_t>(1, impl_->options.pool_size);
}

Database::~Database() = default;

std::uint64_t Database::change_generation() const {
    return impl_->change_generation.load(std::memory_order_acquire);
}

std::unique_ptr<pg::PooledConnection> Database::Impl::acquire() {
    std::unique_lock lock(mutex);
    auto ready = [&] { return !idle.empty() || open < options.pool_size; };
    if (!available.wait_for(lock, options.acquire_timeout, ready))
        fail(ErrorCode::unavailable, "all database connections are busy");
    if (!idle.empty()) {
        auto c = std::move(idle.back());
        idle.pop_back();
        return c;
    }
    ++open;
    lock.unlock();
    try {
        auto c = std::make_unique<pg::PooledConnection>();
        c->conn = std::make_unique<pqxx::connection>(options.url);
        return c;
    } catch (...) {
        {
            std::lock_guard relock(mutex);
            --open;
        }
        available.notify_one();
        throw;
    }
}

void Database::Impl::release(std::unique_ptr<pg::PooledConnection> c, bool reusable) {
    {
        std::lock_guard lock(mutex);
        if (reusable)
            idle.push_back(std::move(c));
        else
            --open;
    }
    available.notify_one();
}

Error Database::Impl::classify(std::exception_ptr e, bool& retry) {
    retry = false;
    try {
        std::rethrow_exception(e);
    } catch (const DomainError& d) {
        return d.error();
    } catch (const pqxx::transaction_rollback& x) {  // serialization failure, deadlock
        retry = true;
        return {ErrorCode::conflict, "the change collided with another one; try again", {}};
    } catch (const pqxx::in_doubt_error&) {
        return {ErrorCode::unavailable, "the database connection was lost while committing; the change may or may not have been saved", {}};
    } catch (const pqxx::broken_connection& x) {
        retry = true;
        return {ErrorCode::unavailable, std::string("database unreachable: ") + x.what(), {}};
    } catch (const pqxx::unique_violation&) {
        return {ErrorCode::conflict, "that already exists", {}};
    } catch (const pqxx::foreign_key_violation&) {
        return {ErrorCode::not_found, "a referenced record does not exist", {}};
    } catch (const pqxx::check_violation& x) {
        return {ErrorCode::validation, "a value is out of range", {}};
    } catch (const pqxx::sql_error& x) {
        return {ErrorCode::internal, std::string("database error ") + x.sqlstate() + ": " + x.what(), {}};
    } catch (const std::exception& x) {
        return {ErrorCode::internal, x.what(), {}};
    } catch (...) {
        return {ErrorCode::internal, "unknown error", {}};
    }
}

Status Database::ping() {
    return impl_->read([](pg::Tx& tx) {
        tx.work().exec("select 1");
        return Done{};
    });
}

Result<std::vector<std::string>> Database::migrate(const std::vector<Migration>& migrations) {
    std::vector<Migration> ordered = migrations;
    std::sort(ordered.begin(), ordered.end(), [](auto& a, auto& b) { return a.version < b.version; });
    std::vector<std::string> applied;
    for (const auto& m : ordered) {
        // Each migration in its own transaction, under an advisory lock so that two
        // processes starting at once apply it once.
        auto done = impl_->run([&](pg::Tx& tx) {
            auto& w = tx.work();
            w.exec("select pg_advisory_xact_lock(7367782)");
            w.exec("create table if not exists schema_migrations ("
                   " version text primary key, applied_at timestamptz not null default now())");
            if (!w.exec_params("select 1 from schema_migrations where version = $1", m.version).empty())
                return false;
            w.exec(m.sql);
            w.exec_params("insert into schema_migrations (version) values ($1)", m.version);
            return true;
        });
        if (!done) {
            Error e = done.error();
            e.message = "migration " + m.version + " failed: " + e.message;
            return e;
        }
        if (done.value()) applied.push_back(m.version);
    }
    return applied;
}

}  // namespace crm
