// CardCache on its own: what makes an entry stale, and what goes when it is full.
#include "app/card_cache.hpp"

#include <catch2/catch.hpp>

#include <thread>

using bot::app::CardCache;
using bot::app::CardCacheKey;
using namespace std::chrono_literals;

namespace {
CardCacheKey key(std::int32_t number, crm::RowId viewer = 1) {
    return {"tenant-a", {crm::RecordKind::lead, number}, viewer, "29:viewer", bot::commands::Language::en};
}
CardCache::Card card(std::size_t size, char fill = 'x') { return std::make_shared<const std::string>(size, fill); }
}  // namespace

TEST_CASE("a card is found with the generation it was read at, not after a write", "[cache]") {
    CardCache cache({1 << 20, 60s});
    cache.put(key(1), card(100), 7);
    REQUIRE(cache.find(key(1), 7));
    CHECK(*cache.find(key(1), 7) == std::string(100, 'x'));
    CHECK_FALSE(cache.find(key(1), 8));  // a write happened since: gone for good
    CHECK_FALSE(cache.find(key(1), 7));
    CHECK(cache.hits() == 2);
    CHECK(cache.misses() == 2);
}

TEST_CASE("every part of the key tells cards apart", "[cache]") {
    CardCache cache({1 << 20, 60s});
    cache.put(key(1), card(10, 'a'), 1);
    CHECK_FALSE(cache.find(key(2), 1));
    CHECK_FALSE(cache.find(key(1, 2), 1));
    auto other_tenant = key(1);
    other_tenant.tenant = "tenant-b";
    CHECK_FALSE(cache.find(other_tenant, 1));
    auto other_language = key(1);
    other_language.language = bot::commands::Language::de;
    CHECK_FALSE(cache.find(other_language, 1));
    auto other_kind = key(1);
    other_kind.record.kind = crm::RecordKind::opportunity;
    CHECK_FALSE(cache.find(other_kind, 1));
    CHECK(cache.find(key(1), 1));
}

TEST_CASE("a card expires after the TTL", "[cache]") {
    CardCache cache({1 << 20, 50ms});
    cache.put(key(1), card(10), 1);
    CHECK(cache.find(key(1), 1));
    std::this_thread::sleep_for(80ms);
    CHECK_FALSE(cache.find(key(1), 1));
    CHECK(cache.bytes() == 0);
}

TEST_CASE("over its memory budget the least recently used cards go first", "[cache]") {
    CardCache cache({3000, 60s});
    cache.put(key(1), card(800), 1);
    cache.put(key(2), card(800), 1);
    cache.put(key(3), card(800), 1);
    REQUIRE(cache.find(key(1), 1));  // 1 is now the most recently used; 2 the least
    cache.put(key(4), card(800), 1);
    CHECK_FALSE(cache.find(key(2), 1));
    CHECK(cache.find(key(1), 1));
    CHECK(cache.find(key(3), 1));
    CHECK(cache.find(key(4), 1));
    CHECK(cache.bytes() <= 3000);
    cache.put(key(5), card(5000), 1);  // larger than the whole budget: not kept
    CHECK_FALSE(cache.find(key(5), 1));
}

TEST_CASE("a cache of size 0 keeps nothing and counts nothing", "[cache]") {
    CardCache cache({0, 60s});
    CHECK_FALSE(cache.enabled());
    cache.put(key(1), card(10), 1);
    CHECK_FALSE(cache.find(key(1), 1));
    CHECK(cache.misses() == 0);
}
