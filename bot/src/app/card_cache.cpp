#include "app/card_cache.hpp"

namespace bot::app {

namespace {
// Bookkeeping per entry beyond the card's text: list node, map node, key.
constexpr std::size_t kEntryOverhead = 160;
}  // namespace

std::string CardCache::key_text(const CardCacheKey& key) {
    std::string text = key.tenant;
    text += '\n';
    text += key.record.display();
    text += '\n';
    text += std::to_string(key.viewer);
    text += '\n';
    text += key.viewer_teams_id;
    text += '\n';
    text += commands::to_string(key.language);
    return text;
}

CardCache::Card CardCache::find(const CardCacheKey& key, std::uint64_t generation) {
    if (!enabled()) return nullptr;
    const std::string text = key_text(key);
    std::lock_guard lock(mutex_);
    const auto found = index_.find(text);
    if (found == index_.end()) {
        misses_.fetch_add(1, std::memory_order_relaxed);
        return nullptr;
    }
    const auto it = found->second;
    if (it->generation != generation || it->expires <= Clock::now()) {
        erase(it);
        misses_.fetch_add(1, std::memory_order_relaxed);
        return nullptr;
    }
    lru_.splice(lru_.begin(), lru_, it);
    hits_.fetch_add(1, std::memory_order_relaxed);
    return it->card;
}

void CardCache::put(const CardCacheKey& key, Card card, std::uint64_t generation) {
    if (!enabled() || !card) return;
    const std::size_t size = card->size() + kEntryOverhead;
    if (size > options_.max_bytes) return;
    std::string text = key_text(key);
    std::lock_guard lock(mutex_);
    if (const auto found = index_.find(text); found != index_.end()) erase(found->second);
    while (!lru_.empty() && bytes_ + size > options_.max_bytes) erase(std::prev(lru_.end()));
    lru_.push_front(Entry{text, std::move(card), generation, Clock::now() + options_.ttl});
    index_.emplace(std::move(text), lru_.begin());
    bytes_ += size;
}

std::size_t CardCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

void CardCache::erase(Lru::iterator it) {
    bytes_ -= it->card->size() + kEntryOverhead;
    index_.erase(it->key);
    lru_.erase(it);
}

}  // namespace bot::app
