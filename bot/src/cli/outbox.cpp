#include "cli/commands.hpp"

#include "cli/common.hpp"
#include "config/redact.hpp"

#include <crm_core/outbox.hpp>

#include <chrono>
#include <ctime>
#include <exception>
#include <iostream>
#include <memory>

namespace bot::cli {

namespace {
std::string utc(crm::Timestamp t) {
    std::time_t s = std::chrono::system_clock::to_time_t(t);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", std::gmtime(&s));
    return buf;
}

template <class F>
int with_outbox(const char* command, F&& f) {
    const auto config = load_config(command);
    if (!config) return 1;
    try {
        crm::Database database({.url = config->database_url, .pool_size = 1});
        crm::Outbox outbox(database);
        return f(outbox);
    } catch (const std::exception& e) {
        std::cerr << "crmbot " << command << ": cannot open the database: " << redact_reason(e.what(), config->secrets())
                  << "\n";
        return 1;
    }
}
}  // namespace

int outbox_status() {
    return with_outbox("outbox status", [](crm::Outbox& outbox) {
        auto s = outbox.status(20);
        if (!s) {
            std::cerr << "crmbot outbox status: " << s.error().message << "\n";
            return 1;
        }
        std::cout << "pending " << s->pending << " (due now " << s->due << ")\n"
                  << "sending " << s->sending << "\n"
                  << "sent    " << s->sent << "\n"
                  << "dead    " << s->dead << "\n";
        if (s->next_due) std::cout << "next due at " << utc(*s->next_due) << "\n";
        if (!s->dead_letters.empty()) std::cout << "\nlatest dead letters (crmbot outbox retry sends them again):\n";
        for (const auto& d : s->dead_letters)
            std::cout << "  #" << d.id << " tenant " << d.tenant << " " << d.record.display() << " to " << d.recipient
                      << ", " << d.attempts << " attempt(s), " << utc(d.created_at) << ": " << d.error << "\n";
        return 0;
    });
}

int outbox_retry() {
    return with_outbox("outbox retry", [](crm::Outbox& outbox) {
        auto n = outbox.retry_dead();
        if (!n) {
            std::cerr << "crmbot outbox retry: " << n.error().message << "\n";
            return 1;
        }
        std::cout << *n << (*n == 1 ? " dead letter" : " dead letters") << " queued again\n";
        return 0;
    });
}

}  // namespace bot::cli
