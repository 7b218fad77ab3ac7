#pragma once
// Idempotency for requests that may arrive twice (a double click on a form, a
// retried delivery): claim the request's key before doing the work, complete it
// with the record the work produced, release it when the work failed so that the
// corrected request can run.
#include <crm_core/database.hpp>
#include <crm_core/ids.hpp>
#include <crm_core/result.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace crm {

struct RequestClaim {
    enum class State {
        claimed,      // first time: do the work, then complete() or release()
        done,         // done before: `record` is what it produced (may be empty)
        in_progress,  // another delivery of it is being worked on right now
    };
    State state = State::claimed;
    std::optional<RecordRef> record;
};

class RequestKeys {
public:
    explicit RequestKeys(Database& db) : db_(db) {}

    // A claim older than `stale_after` that was never completed (its process died
    // mid-way) may be claimed again.
    Result<RequestClaim> claim(const Actor& actor, const std::string& key,
                               std::chrono::seconds stale_after = std::chrono::seconds(60));
    Status complete(const Actor& actor, const std::string& key, std::optional<RecordRef> record);
    Status release(const Actor& actor, const std::string& key);

private:
    Database& db_;
};

}  // namespace crm
