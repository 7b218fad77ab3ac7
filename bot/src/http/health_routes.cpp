#include "http/health_routes.hpp"

#include "config/redact.hpp"
#include "http/response.hpp"
#include "log/log.hpp"

#include <exception>
#include <memory>
#include <mutex>

namespace bot::http {
namespace {

// Readiness checks are single-flight: while a ping runs, further /readyz requests
// wait for its result instead of taking more workers. A database that hangs (no
// connect_timeout in the URL, a black-holed network) then holds one worker, not
// one per probe.
class ReadinessProbe : public std::enable_shared_from_this<ReadinessProbe> {
public:
    ReadinessProbe(WorkerPool& workers, crm::Database& database, std::vector<std::string> secrets)
        : workers_(workers), database_(database), secrets_(std::move(secrets)) {}

    void check(Respond respond) {
        {
            std::lock_guard lock(mutex_);
            waiting_.push_back(std::move(respond));
            if (running_) return;
            running_ = true;
        }
        // libpqxx blocks: never on an I/O thread.
        workers_.post([self = shared_from_this()] { self->run(); });
    }

private:
    void run() {
        const auto res = ping();
        std::vector<Respond> waiting;
        {
            std::lock_guard lock(mutex_);
            waiting.swap(waiting_);
            running_ = false;
        }
        for (auto& respond : waiting) respond(res);
    }

    Response ping() {
        std::string reason;
        try {
            auto status = database_.ping();
            if (status) return json_response(Status::ok, {{"status", "ready"}});
            reason = status.error().message;
        } catch (const std::exception& e) {
            reason = e.what();
        } catch (...) {
            reason = "database ping failed";
        }
        reason = redact_reason(reason.empty() ? "database ping failed" : reason, secrets_);
        log::warn("not ready: database unavailable", {{"reason", reason}});
        return json_response(Status::service_unavailable, {{"status", "unavailable"}, {"reason", reason}});
    }

    WorkerPool& workers_;
    crm::Database& database_;
    const std::vector<std::string> secrets_;
    std::mutex mutex_;
    bool running_ = false;
    std::vector<Respond> waiting_;
};

}  // namespace

void add_health_routes(Router& router, WorkerPool& workers, crm::Database& database,
                       std::vector<std::string> secrets) {
    router.get("/healthz", [](const Request&, Respond respond) {
        respond(json_response(Status::ok, {{"status", "ok"}}));
    });

    auto probe = std::make_shared<ReadinessProbe>(workers, database, std::move(secrets));
    router.get("/readyz", [probe](const Request&, Respond respond) { probe->check(std::move(respond)); });
}

}  // namespace bot::http
