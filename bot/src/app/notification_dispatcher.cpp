#include "app/notification_dispatcher.hpp"

#include "app/live_cards.hpp"
#include "app/notification_cards.hpp"

#include "log/log.hpp"
#include "schema/conversation_reference.hpp"
#include "schema/outbound.hpp"

#include <algorithm>
#include <random>

namespace bot::app {

namespace {
using SteadyClock = connector::RateLimiter::Clock;
using SystemClock = std::chrono::system_clock;

// The longest a worker sleeps for the rate limiter before handing the row back.
constexpr auto kMaxLimiterWait = std::chrono::seconds(2);
// Successful deliveries are recorded in batches of at most this many, at most
// this late: one round trip (and one commit) per batch instead of per delivery.
// A crash in between re-sends them after the lease, as one between a send and
// its single update always could.
constexpr std::size_t kMaxSentBatch = NotificationDispatcher::kMaxUnrecordedSends;
constexpr auto kMaxSentDelay = std::chrono::milliseconds(100);

SystemClock::time_point system_time(SteadyClock::time_point at) {
    return SystemClock::now() + std::chrono::duration_cast<SystemClock::duration>(at - SteadyClock::now());
}

// Exponential backoff with jitter: 2 s, 4 s, 8 s ... up to 5 minutes, +-25 %.
std::chrono::milliseconds backoff(std::int32_t attempts) {
    static thread_local std::mt19937 rng{std::random_device{}()};
    const double base = std::min(2000.0 * std::pow(2.0, std::max(attempts - 1, 0)), 300'000.0);
    std::uniform_real_distribution<double> jitter(0.75, 1.25);
    return std::chrono::milliseconds(static_cast<long long>(base * jitter(rng)));
}

connector::RateLimits with_margin(connector::RateLimits limits, std::chrono::milliseconds margin) {
    for (auto* level : {&limits.per_conversation, &limits.per_tenant})
        for (auto& w : *level)
            if (w.length > connector::RateLimiter::Clock::duration::zero()) w.length += margin;
    return limits;
}

bool blocked_or_uninstalled(const connector::ConnectorResponse& r) {
    return r.status == 403;  // ConversationBlockedByUser, BotNotInConversationRoster, ...
}
}  // namespace

NotificationDispatcher::NotificationDispatcher(crm::Crm& crm, std::shared_ptr<connector::ConnectorClient> connector,
                                               metrics::Metrics& metrics, DispatcherOptions options)
    : crm_(crm), connector_(std::move(connector)), metrics_(metrics), options_(std::move(options)),
      limiter_(with_margin(options_.limits, options_.limit_margin)) {}

NotificationDispatcher::~NotificationDispatcher() { stop(); }

void NotificationDispatcher::start() {
    if (running_.exchange(true)) return;
    for (std::size_t i = 0; i < std::max<std::size_t>(options_.workers, 1); ++i) threads_.emplace_back([this] { work(); });
    threads_.emplace_back([this] { listen(); });
}

void NotificationDispatcher::stop() {
    if (!running_.exchange(false)) return;
    wake_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
}

void NotificationDispatcher::listen() {
    crm::OutboxListener listener(options_.database_url);
    while (running_) {
        if (listener.wait(std::chrono::milliseconds(500))) {
            std::lock_guard lock(mutex_);
            ++wakeups_;
            wake_.notify_all();
        }
    }
}

void NotificationDispatcher::work() {
    while (running_) {
        std::uint64_t seen;
        {
            std::lock_guard lock(mutex_);
            seen = wakeups_;
        }
        // Deliveries start only in the first half of the lease: a claimed row
        // still held after its lease ran out (a tenant at its rate limit shared
        // by many workers) would be claimed and sent again by another worker.
        const auto lease_end = SteadyClock::now() + options_.claim.lease / 2;
        auto batch = crm_.outbox.claim(options_.claim);
        if (batch && !batch->empty()) {
            SentBatch sent;
            sent.lease_end = lease_end;
            for (const auto& n : *batch) {
                if (SteadyClock::now() >= lease_end) {  // back to pending, due now: not an attempt
                    (void)crm_.outbox.retry_later(n.tenant, n.outbox_ids, SystemClock::now(),
                                                  "lease running out before delivery", false);
                    continue;
                }
                deliver(n, &sent);
                if (sent.rows.size() >= kMaxSentBatch ||
                    (!sent.rows.empty() && SteadyClock::now() - sent.since >= kMaxSentDelay))
                    flush(sent);
            }
            flush(sent);
            continue;
        }
        if (!batch) log::warn("cannot claim notifications", {{"reason", batch.error().message}});
        // Nothing due: sleep until the next row falls due, a NOTIFY, or the poll.
        auto wait = options_.idle_poll;
        if (batch)
            if (auto next = crm_.outbox.next_due(options_.claim); next && *next)
                wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(**next - SystemClock::now()) +
                                      std::chrono::milliseconds(5),
                                  std::chrono::milliseconds(5), options_.idle_poll);
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, wait, [&] { return !running_ || wakeups_ != seen; });
    }
}

std::optional<NotificationDispatcher::Target> NotificationDispatcher::target_for(const crm::Notification& n) {
    auto from_address = [&](const crm::Conversation& c) -> std::optional<Target> {
        auto json = nlohmann::json::parse(c.address, nullptr, false);
        auto ref = schema::parse_conversation_reference(json);
        if (!ref) return std::nullopt;
        if (options_.trust_service_url) options_.trust_service_url(ref->service_url);
        return Target{ref->service_url, ref->root_conversation_id(), c.external_id, c.id, *ref};
    };
    auto dead = [&](const std::string& why) -> std::optional<Target> {
        (void)crm_.outbox.dead(n.tenant, n.outbox_ids, why);
        metrics_.outbound("notification", 0);
        log::warn("notification dead", {{"tenant", n.tenant}, {"record", n.record.display()}, {"reason", why}});
        return std::nullopt;
    };
    if (n.conversation) {
        if (auto t = from_address(*n.conversation)) return t;
        return dead("no conversation reference is stored for " + n.conversation->external_id);
    }
    if (!n.user) return dead("no recipient");
    if (n.personal_chat)
        if (auto t = from_address(*n.personal_chat)) return t;
    // None when claimed (or unusable): look again, another delivery may have started one.
    auto personal = crm_.directory.personal_conversation(n.tenant, n.user->id);
    if (!personal) {
        (void)crm_.outbox.retry_later(n.tenant, n.outbox_ids, SystemClock::now() + backoff(n.attempts),
                                      personal.error().message);
        return std::nullopt;
    }
    if (*personal)
        if (auto t = from_address(**personal)) return t;
    // No 1:1 chat yet: start one from the tenant's service endpoint.
    if (n.user_teams_id.empty())
        return dead(n.user->name + " has never used the bot in Teams: there is no account to start a chat with");
    auto any = crm_.directory.any_conversation(n.tenant);
    std::optional<Target> from;
    if (any && *any) from = from_address(**any);
    if (!from) return dead("the bot is installed nowhere in this tenant: no service endpoint to start a chat from");
    nlohmann::json params = {
        {"bot", {{"id", options_.bot_id.empty() ? from->reference.bot_id : options_.bot_id}}},
        {"members", nlohmann::json::array({{{"id", n.user_teams_id}}})},
        {"isGroup", false},
        {"tenantId", n.tenant},
        {"channelData", {{"tenant", {{"id", n.tenant}}}}},
    };
    auto created = connector_->create_conversation(from->service_url, params);
    metrics_.outbound("create_conversation", created.status);
    if (!created.ok() || created.id.empty()) {
        settle(n, created);
        return std::nullopt;
    }
    schema::ConversationReference ref;
    ref.service_url = from->service_url;
    ref.conversation_id = created.id;
    ref.conversation_type = "personal";
    ref.tenant_id = n.tenant;
    ref.bot_id = params["bot"]["id"].get<std::string>();
    ref.user_id = n.user_teams_id;
    nlohmann::json address = ref;
    auto stored = crm_.directory.ensure_conversation(
        n.tenant, {created.id, "personal", "", address.dump(), n.user->id});
    if (!stored) log::warn("cannot store the new 1:1 chat", {{"tenant", n.tenant}, {"reason", stored.error().message}});
    return Target{ref.service_url, created.id, created.id, stored ? std::optional(stored->id) : std::nullopt, ref};
}

void NotificationDispatcher::flush(SentBatch& sent) {
    if (sent.rows.empty()) return;
    if (auto s = crm_.outbox.delivered(sent.rows); !s)
        log::warn("delivered, but not recorded (they may be sent again)",
                  {{"notifications", sent.rows.size()}, {"reason", s.error().message}});
    sent.rows.clear();
}

bool NotificationDispatcher::acquire_send(const crm::Notification& n, const std::string& conversation_key,
                                          SentBatch* sent) {
    // Under Teams' limits before sending: wait a little, or hand the row back.
    while (!limiter_.try_acquire(n.tenant, conversation_key, SteadyClock::now())) {
        auto at = limiter_.earliest(n.tenant, conversation_key, SteadyClock::now());
        if (at - SteadyClock::now() > kMaxLimiterWait || !running_ || (sent && at >= sent->lease_end)) {
            (void)crm_.outbox.retry_later(n.tenant, n.outbox_ids, system_time(at), "waiting for Teams' rate limit",
                                          false);
            return false;
        }
        if (sent) flush(*sent);  // not left unrecorded while sleeping
        std::this_thread::sleep_until(at);
    }
    return true;
}

void NotificationDispatcher::honour_throttling(const crm::Notification& n, const std::string& conversation_key,
                                               const connector::ConnectorResponse& r) {
    if (r.status != 429) return;
    auto until = SteadyClock::now() + r.retry_after.value_or(std::chrono::seconds(1));
    limiter_.penalize(n.tenant, conversation_key, until);
}

void NotificationDispatcher::deliver(const crm::Notification& n, SentBatch* sent) {
    if (n.live_card) return update_live_card(n, sent);
    auto target = target_for(n);
    if (!target) return;
    if (!acquire_send(n, target->conversation_key, sent)) return;
    auto activity = schema::as_proactive(schema::message_with_card(notification_card(n)), target->reference);
    auto r = connector_->send_to_conversation(target->service_url, target->conversation_id, activity);
    metrics_.outbound("notification", r.status);
    honour_throttling(n, target->conversation_key, r);
    settle(n, r, target->conversation_key, sent);
}

void NotificationDispatcher::update_live_card(const crm::Notification& n, SentBatch* sent) {
    const crm::LiveCard& card = *n.live_card;
    auto retire = [&](const std::string& why) {
        // Its pending updates go with it: nothing to deliver, nothing dead.
        if (auto s = crm_.live_cards.retire(n.tenant, card.id); !s)
            log::warn("cannot retire a live card", {{"tenant", n.tenant}, {"reason", s.error().message}});
        log::info("live card retired", {{"tenant", n.tenant}, {"record", n.record.display()}, {"reason", why}});
    };
    auto activity = live_card_update(crm_, n.tenant, card);
    if (!activity) {
        if (activity.error().code == crm::ErrorCode::not_found) return retire(activity.error().message);
        (void)crm_.outbox.retry_later(n.tenant, n.outbox_ids, SystemClock::now() + backoff(n.attempts),
                                      activity.error().message);
        return;
    }
    // Recorded from an authenticated activity's service URL.
    if (options_.trust_service_url) options_.trust_service_url(card.service_url);
    // Teams counts a channel's threads as the channel.
    schema::ConversationReference where;
    where.conversation_id = card.conversation_id;
    const std::string key = where.root_conversation_id();
    if (!acquire_send(n, key, sent)) return;
    auto r = connector_->update_activity(card.service_url, card.conversation_id, card.activity_id, *activity);
    metrics_.outbound("card_update", r.status);
    honour_throttling(n, key, r);
    // The message was deleted, or the bot can no longer reach it.
    if (r.status == 404 || r.status == 403) return retire(std::to_string(r.status) + " " + r.error_code);
    settle(n, r, {}, sent);
}

void NotificationDispatcher::settle(const crm::Notification& n, const connector::ConnectorResponse& r,
                                    const std::string& conversation_key, SentBatch* sent) {
    if (r.ok() && sent) {
        if (sent->rows.empty()) sent->since = SteadyClock::now();
        sent->rows.push_back({n.tenant, n.outbox_ids});
        return;
    }
    if (r.ok()) {
        if (auto s = crm_.outbox.delivered(n.tenant, n.outbox_ids); !s)
            log::warn("delivered, but not recorded (it may be sent again)", {{"reason", s.error().message}});
        return;
    }
    const std::string why = std::to_string(r.status) + " " + r.error_code + ": " + r.message;
    if (r.status == 429 || (r.retryable && n.attempts < options_.max_attempts)) {
        auto wait = r.status == 429 ? r.retry_after.value_or(std::chrono::seconds(1)) : backoff(n.attempts);
        if (r.retry_after) wait = std::max(wait, *r.retry_after);
        (void)crm_.outbox.retry_later(n.tenant, n.outbox_ids, SystemClock::now() + wait, why, r.status != 429);
        return;
    }
    (void)crm_.outbox.dead(n.tenant, n.outbox_ids, why);
    log::warn("notification dead", {{"tenant", n.tenant}, {"record", n.record.display()}, {"reason", why}});
    // The user blocked the bot or removed the app: stop using that chat.
    if (blocked_or_uninstalled(r) && !conversation_key.empty())
        (void)crm_.directory.deactivate_conversation(n.tenant, conversation_key);
}

}  // namespace bot::app
