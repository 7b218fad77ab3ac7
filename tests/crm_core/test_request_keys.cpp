// Idempotency keys: a repeated request finds what the first one produced.
#include "helpers.hpp"

using namespace crm;
using namespace crmtest;

TEST_CASE("a request key is claimed once, a repeat finds the record it produced", "[db][request_keys]") {
    test::TenantFixture t;
    const std::string key = "form-1";
    auto first = MUST(core().request_keys.claim(t.actor(), key));
    CHECK(first.state == RequestClaim::State::claimed);

    // A second delivery while the first is still at work.
    CHECK(MUST(core().request_keys.claim(t.actor(), key)).state == RequestClaim::State::in_progress);

    MUST(core().request_keys.complete(t.actor(), key, RecordRef{RecordKind::lead, 12}));
    auto again = MUST(core().request_keys.claim(t.actor(), key));
    CHECK(again.state == RequestClaim::State::done);
    REQUIRE(again.record.has_value());
    CHECK(*again.record == RecordRef{RecordKind::lead, 12});

    // Completed keys are never released: the work is done.
    MUST(core().request_keys.release(t.actor(), key));
    CHECK(MUST(core().request_keys.claim(t.actor(), key)).state == RequestClaim::State::done);
}

TEST_CASE("a released key can be claimed again, an abandoned one after it goes stale", "[db][request_keys]") {
    test::TenantFixture t;
    MUST(core().request_keys.claim(t.actor(), "k"));
    MUST(core().request_keys.release(t.actor(), "k"));
    CHECK(MUST(core().request_keys.claim(t.actor(), "k")).state == RequestClaim::State::claimed);

    MUST(core().request_keys.claim(t.actor(), "abandoned"));
    CHECK(MUST(core().request_keys.claim(t.actor(), "abandoned", std::chrono::seconds(3600))).state ==
          RequestClaim::State::in_progress);
    CHECK(MUST(core().request_keys.claim(t.actor(), "abandoned", std::chrono::seconds(0))).state ==
          RequestClaim::State::claimed);
}

TEST_CASE("request keys belong to one tenant", "[db][request_keys][tenancy]") {
    test::TenantFixture a, b;
    MUST(core().request_keys.claim(a.actor(), "same"));
    MUST(core().request_keys.complete(a.actor(), "same", RecordRef{RecordKind::opportunity, 3}));
    // Tenant B's identical key is its own, and B never learns A's record.
    auto claim = MUST(core().request_keys.claim(b.actor(), "same"));
    CHECK(claim.state == RequestClaim::State::claimed);
    CHECK_FALSE(claim.record.has_value());
}

TEST_CASE("an empty or oversized request key is refused", "[db][request_keys]") {
    test::TenantFixture t;
    REQUIRE_ERROR(core().request_keys.claim(t.actor(), ""), ErrorCode::validation);
    REQUIRE_ERROR(core().request_keys.claim(t.actor(), std::string(201, 'x')), ErrorCode::validation);
}
