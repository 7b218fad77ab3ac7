#pragma once
// Record cards (a lead, contact, account or deal shown by its number) as JSON text,
// so that a record looked at again and again is read and drawn once.
//
//   CardCache cache({.max_bytes = 8 << 20, .ttl = std::chrono::seconds(2)});
//   const auto generation = db.change_generation();  // before reading
//   if (auto card = cache.find(key, db.change_generation())) ...;  // else read, draw, then
//   cache.put(key, card_text, generation);
//
// An entry holds while the database generation it was read at is still current
// (crm::Database::change_generation: every write through this process moves it,
// so a change made here shows at once) and for at most `ttl` (a change made by
// another process, such as a second crmbot, shows after that). Least recently
// used entries go first when the cache holds more than `max_bytes`.
#include "commands/command.hpp"

#include <crm_core/records.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace bot::app {

// Everything a record card depends on besides the record: who looks (their Follow
// button, the card's refresh) and in which language.
struct CardCacheKey {
    std::string tenant;
    crm::RecordRef record;
    crm::RowId viewer = 0;
    std::string viewer_teams_id;
    commands::Language language = commands::Language::en;
};

struct CardCacheOptions {
    std::size_t max_bytes = 8u << 20;  // 0: nothing is cached
    std::chrono::milliseconds ttl{2000};
};

class CardCache {
public:
    using Card = std::shared_ptr<const std::string>;

    explicit CardCache(CardCacheOptions options = {}) : options_(options) {}

    bool enabled() const { return options_.max_bytes > 0 && options_.ttl.count() > 0; }
    // The card, when one is held for `key` and still good at `generation`.
    Card find(const CardCacheKey& key, std::uint64_t generation);
    // `generation`: the database's change generation taken before the card's data was read.
    void put(const CardCacheKey& key, Card card, std::uint64_t generation);

    std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
    std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }
    std::size_t bytes() const;

private:
    using Clock = std::chrono::steady_clock;
    struct Entry {
        std::string key;
        Card card;
        std::uint64_t generation = 0;
        Clock::time_point expires;
    };
    using Lru = std::list<Entry>;  // most recently used first

    static std::string key_text(const CardCacheKey& key);
    void erase(Lru::iterator it);  // with mutex_ held

    CardCacheOptions options_;
    mutable std::mutex mutex_;
    Lru lru_;
    std::unordered_map<std::string, Lru::iterator> index_;
    std::size_t bytes_ = 0;
    std::atomic<std::uint64_t> hits_{0}, misses_{0};
};

}  // namespace bot::app
