#include "app/messages_endpoint.hpp"

#include "http/response.hpp"
#include "log/log.hpp"
#include "schema/activity.hpp"

#include <atomic>
#include <chrono>
#include <memory>

namespace bot::app {

namespace {
using Clock = std::chrono::steady_clock;

bool is_json(std::string_view content_type) {
    auto semi = content_type.find(';');
    auto type = content_type.substr(0, semi);
    while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
    if (type.size() != 16) return false;
    for (std::size_t i = 0; i < type.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(type[i])) != "application/json"[i]) return false;
    return true;
}

struct Answer {
    http::Respond respond;
    metrics::Metrics& metrics;
    Clock::time_point started;

    void operator()(http::Response res, std::string_view activity_type) const {
        metrics.request(activity_type.empty() ? "unknown" : activity_type, static_cast<int>(res.result_int()),
                        Clock::now() - started);
        respond(std::move(res));
    }
};

http::Response busy_response() {
    auto res = http::error_response(http::Status::service_unavailable, "busy",
                                    "the bot is overloaded; retry after the Retry-After delay");
    res.set(http::beast_http::field::retry_after, "1");
    return res;
}

// Activities posted to the workers and not yet started.
struct Backlog {
    std::atomic<std::size_t> waiting{0};
};
}  // namespace

http::Handler make_messages_endpoint(MessagesEndpointDependencies deps) {
    auto backlog = std::make_shared<Backlog>();
    return [deps, backlog](const http::Request& req, http::Respond respond) {
        Answer answer{std::move(respond), deps.metrics, Clock::now()};
        if (backlog->waiting.load(std::memory_order_relaxed) >= deps.max_backlog ||
            (deps.replies_backed_up && deps.replies_backed_up()))
            return answer(busy_response(), {});
        if (!is_json(req[http::beast_http::field::content_type]))
            return answer(http::error_response(http::Status::unsupported_media_type, "unsupported_media_type",
                                               "send the activity as application/json"),
                          {});
        std::string authorization(req[http::beast_http::field::authorization]);
        if (deps.validator && authorization.empty()) {
            deps.metrics.auth_failure("missing_header");
            log::warn("request refused: no Authorization header");
            return answer(http::error_response(http::Status::unauthorized, "unauthorized", "authentication required"),
                          {});
        }
        // Parsing, key fetches and the CRM are blocking work: off the I/O thread.
        backlog->waiting.fetch_add(1, std::memory_order_relaxed);
        deps.workers.post([deps, backlog, &req, answer, authorization = std::move(authorization)] {
            backlog->waiting.fetch_sub(1, std::memory_order_relaxed);
            if (deps.pace) deps.pace();
            auto body = nlohmann::json::parse(req.body(), nullptr, false);
            if (body.is_discarded() || !body.is_object())
                return answer(http::error_response(http::Status::bad_request, "bad_request",
                                                   "the body is not a JSON object"),
                              {});
            auto parsed = schema::parse_activity(body);
            if (!parsed) {
                const auto& e = parsed.error();
                return answer(http::error_response(http::Status::bad_request, "bad_request",
                                                   e.field.empty() ? e.message : "missing or invalid field: " + e.field),
                              {});
            }
            const schema::Activity& activity = *parsed;
            if (deps.validator) {
                auto auth = deps.validator->validate(authorization, activity.channel_id, activity.service_url);
                if (!auth) {
                    deps.metrics.auth_failure(auth::to_string(auth.reason()));
                    log::warn("request refused: authentication failed",
                              {{"reason", auth::to_string(auth.reason())},
                               {"detail", auth.rejection().message},
                               {"activity_id", activity.id}});
                    return answer(http::error_response(http::Status::unauthorized, "unauthorized",
                                                       "authentication failed"),
                                  activity.type);
                }
            }
            // Only now is the service URL known to come from the channel: replies may go there.
            deps.service_urls.trust(activity.service_url);
            if (activity.tenant_id().empty() && activity.type != schema::activity_type::event)
                return answer(http::error_response(http::Status::bad_request, "bad_request",
                                                   "missing or invalid field: conversation.tenantId"),
                              activity.type);

            Turn turn = deps.handler.handle(activity);
            if (log::enabled(spdlog::level::debug))
                log::debug("activity", {{"activity_id", activity.id}, {"type", activity.type},
                                        {"name", activity.name}, {"status", turn.status}});
            http::Response res = turn.body.is_null()
                                     ? http::Response{static_cast<http::Status>(turn.status), 11}
                                     : http::json_response(static_cast<http::Status>(turn.status), turn.body);
            answer(std::move(res), activity.type);
            if (turn.after) {
                try {
                    turn.after();
                } catch (const std::exception& e) {
                    log::error("turn failed after the answer", {{"activity_id", activity.id}, {"error", e.what()}});
                }
            }
        });
    };
}

}  // namespace bot::app
