#include "connector/rate_limiter.hpp"

#include <algorithm>
#include <utility>

namespace bot::connector {

// --- SendRing ---------------------------------------------------------------

void RateLimiter::SendRing::push(Clock::time_point t, std::size_t cap) {
    if (cap == 0) return;
    if (size_ == slots_.size()) {
        if (size_ >= cap) {  // full: the newest replaces the oldest
            slots_[start_] = t;
            start_ = (start_ + 1) % slots_.size();
            return;
        }
        reallocate(std::min(cap, std::max<std::size_t>(4, 2 * size_)));
    }
    slots_[(start_ + size_) % slots_.size()] = t;
    ++size_;
}

void RateLimiter::SendRing::drop_until(Clock::time_point t) {
    while (size_ > 0 && slots_[start_] <= t) {
        start_ = (start_ + 1) % slots_.size();
        --size_;
    }
    if (size_ == 0) start_ = 0;
}

void RateLimiter::SendRing::shrink() {
    if (size_ == 0) {
        std::vector<Clock::time_point>().swap(slots_);
        start_ = 0;
    } else if (slots_.size() > 8 && slots_.size() >= 4 * size_) {
        reallocate(2 * size_);
    }
}

void RateLimiter::SendRing::reallocate(std::size_t capacity) {
    std::vector<Clock::time_point> next(capacity);
    for (std::size_t i = 0; i < size_; ++i) next[i] = slots_[(start_ + i) % slots_.size()];
    slots_ = std::move(next);
    start_ = 0;
}

// --- RateLimiter ------------------------------------------------------------

RateLimiter::Level RateLimiter::make_level(std::vector<RateWindow> windows) {
    std::erase_if(windows, [](const RateWindow& w) { return w.length <= Clock::duration::zero(); });
    Level level;
    for (RateWindow& w : windows) {
        w.max_sends = std::max<std::size_t>(1, w.max_sends);
        level.keep = std::max(level.keep, w.max_sends);
        level.longest = std::max(level.longest, w.length);
    }
    level.windows = std::move(windows);
    return level;
}

RateLimiter::RateLimiter(RateLimits limits)
    : conversation_level_(make_level(std::move(limits.per_conversation))),
      tenant_level_(make_level(std::move(limits.per_tenant))),
      prune_interval_(std::max(limits.prune_interval, Clock::duration::zero())) {}

RateLimiter::Clock::time_point RateLimiter::allowed_from(const Level& level, const SendRing& sends,
                                                         Clock::time_point t) {
    for (const RateWindow& w : level.windows) {
        // With k sends already in the window, the next may go once the k-th
        // most recent has left it.
        if (sends.size() >= w.max_sends) t = std::max(t, sends.nth_newest(w.max_sends) + w.length);
    }
    return t;
}

RateLimiter::Clock::time_point RateLimiter::earliest_locked(const Tenant* tenant, const Conversation* conversation,
                                                            Clock::time_point now) const {
    Clock::time_point t = now;
    if (tenant) {
        t = std::max(t, tenant->blocked_until);
        t = allowed_from(tenant_level_, tenant->sends, t);
    }
    if (conversation) {
        t = std::max(t, conversation->blocked_until);
        t = allowed_from(conversation_level_, conversation->sends, t);
    }
    return t;
}

RateLimiter::Clock::time_point RateLimiter::earliest(const std::string& tenant, const std::string& conversation,
                                                     Clock::time_point now) const {
    std::lock_guard lock(mutex_);
    auto t = tenants_.find(tenant);
    if (t == tenants_.end()) return now;
    auto c = t->second.conversations.find(conversation);
    return earliest_locked(&t->second, c == t->second.conversations.end() ? nullptr : &c->second, now);
}

bool RateLimiter::try_acquire(const std::string& tenant, const std::string& conversation, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto t = tenants_.find(tenant);
    Tenant* tenant_state = t == tenants_.end() ? nullptr : &t->second;
    Conversation* conversation_state = nullptr;
    if (tenant_state) {
        auto c = tenant_state->conversations.find(conversation);
        if (c != tenant_state->conversations.end()) conversation_state = &c->second;
    }
    if (earliest_locked(tenant_state, conversation_state, now) > now) return false;

    // Never record a send before one already recorded (or a prune), so the
    // rings stay sorted and what was dropped stays out of every window.
    const Clock::time_point at = std::max(now, latest_);
    latest_ = at;
    if (!tenant_state) tenant_state = &tenants_[tenant];
    if (!conversation_state) {
        conversation_state = &tenant_state->conversations[conversation];
        ++conversation_count_;
    }
    tenant_state->sends.drop_until(at - tenant_level_.longest);
    tenant_state->sends.push(at, tenant_level_.keep);
    conversation_state->sends.drop_until(at - conversation_level_.longest);
    conversation_state->sends.push(at, conversation_level_.keep);

    if (at >= next_prune_) {
        prune_locked(at);
        next_prune_ = at + prune_interval_;
    }
    return true;
}

void RateLimiter::penalize(const std::string& tenant, const std::string& conversation, Clock::time_point until,
                           PenaltyScope scope) {
    std::lock_guard lock(mutex_);
    Tenant& tenant_state = tenants_[tenant];
    if (scope == PenaltyScope::tenant) {
        tenant_state.blocked_until = std::max(tenant_state.blocked_until, until);
        return;
    }
    auto [c, inserted] = tenant_state.conversations.try_emplace(conversation);
    if (inserted) ++conversation_count_;
    c->second.blocked_until = std::max(c->second.blocked_until, until);
}

void RateLimiter::prune(Clock::time_point now) {
    std::lock_guard lock(mutex_);
    latest_ = std::max(latest_, now);
    prune_locked(now);
}

void RateLimiter::prune_locked(Clock::time_point now) {
    for (auto t = tenants_.begin(); t != tenants_.end();) {
        Tenant& tenant = t->second;
        for (auto c = tenant.conversations.begin(); c != tenant.conversations.end();) {
            Conversation& conversation = c->second;
            conversation.sends.drop_until(now - conversation_level_.longest);
            if (conversation.sends.empty() && conversation.blocked_until <= now) {
                c = tenant.conversations.erase(c);
                --conversation_count_;
            } else {
                conversation.sends.shrink();
                ++c;
            }
        }
        tenant.sends.drop_until(now - tenant_level_.longest);
        tenant.sends.shrink();
        if (tenant.conversations.empty() && tenant.sends.empty() && tenant.blocked_until <= now) {
            t = tenants_.erase(t);
        } else {
            ++t;
        }
    }
}

std::size_t RateLimiter::conversation_count() const {
    std::lock_guard lock(mutex_);
    return conversation_count_;
}

std::size_t RateLimiter::tenant_count() const {
    std::lock_guard lock(mutex_);
    return tenants_.size();
}

}  // namespace bot::connector
