#pragma once
// One transaction on a pooled connection. Statements are named and prepared once
// per connection on first use; parameters always travel separately from the SQL.
#include <crm_core/error.hpp>
#include <crm_core/values.hpp>

#include <pqxx/pqxx>

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>

namespace crm::pg {

struct Sql {
    std::string name;
    std::string text;
};

struct PooledConnection {
    std::unique_ptr<pqxx::connection> conn;
    std::unordered_set<std::string> prepared;
};

// Mutations run in a transaction; reads (Mode::read) and one-statement mutations
// (Mode::single) run each statement on its own, which saves the BEGIN and COMMIT
// round trips.
class Tx {
public:
    enum class Mode { write, read, single };
    explicit Tx(PooledConnection& c, Mode mode = Mode::write) : c_(c) {
        if (mode == Mode::write)
            work_ = std::make_unique<pqxx::work>(*c.conn);
        else
            work_ = std::make_unique<pqxx::nontransaction>(*c.conn);
    }

    template <class... Args>
    pqxx::result exec(const Sql& q, Args&&... args) {
        if (c_.prepared.insert(q.name).second) c_.conn->prepare(q.name, q.text);
        return work_->exec_prepared(q.name, std::forward<Args>(args)...);
    }

    template <class... Args>
    std::optional<pqxx::row> maybe_row(const Sql& q, Args&&... args) {
        auto r = exec(q, std::forward<Args>(args)...);
        if (r.empty()) return std::nullopt;
        return r[0];
    }

    template <class... Args>
    pqxx::row row(const Sql& q, Args&&... args) {
        auto r = exec(q, std::forward<Args>(args)...);
        if (r.size() != 1) fail(ErrorCode::internal, q.name + " returned " + std::to_string(r.size()) + " rows");
        return r[0];
    }

    pqxx::transaction_base& work() { return *work_; }
    void commit() { work_->commit(); }

private:
    PooledConnection& c_;
    std::unique_ptr<pqxx::transaction_base> work_;
};

// Timestamps travel as microseconds since the epoch: select them with micros(...).
inline Timestamp from_micros(long long us) { return Timestamp(std::chrono::microseconds(us)); }
inline std::optional<Timestamp> optional_time(const pqxx::field& f) {
    if (f.is_null()) return std::nullopt;
    return from_micros(f.as<long long>());
}
inline std::optional<std::string> optional_text(const pqxx::field& f) {
    if (f.is_null()) return std::nullopt;
    return f.as<std::string>();
}

}  // namespace crm::pg
