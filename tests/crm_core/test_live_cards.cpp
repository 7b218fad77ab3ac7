// Live deal cards: where the bot posted a deal's card is remembered (bounded), and
// every change to the deal queues one in-place update per card, in the change's
// own transaction, coalesced per card when claimed.
#include "helpers.hpp"

#include <pqxx/pqxx>

using namespace crm;
using namespace crmtest;
using namespace std::chrono_literals;

namespace {

std::vector<Notification> claim(const test::TenantFixture& t) {
    ClaimOptions o;
    o.coalesce = 0ms;
    o.tenant = t.admin.tenant;
    return MUST(core().outbox.claim(o));
}

PostedCard posted(const Opportunity& deal, const std::string& activity_id,
                  const std::string& conversation = "19:deals@thread.tacv2;messageid=1") {
    PostedCard c;
    c.deal_number = deal.number;
    c.service_url = "https://smba.trafficmanager.net/emea/";
    c.conversation_id = conversation;
    c.activity_id = activity_id;
    c.refresh_user_id = "29:viewer";
    c.language = "de";
    return c;
}

long live_card_rows(const test::TenantFixture& t) {
    pqxx::connection c(test::database_url());
    pqxx::nontransaction tx(c);
    return tx.exec_params("select count(*) from outbox where tenant_id = $1 and live_card_id is not null",
                          t.admin.tenant)[0][0].as<long>();
}

}  // namespace

TEST_CASE("a change to a deal queues one update per live card of the deal, coalesced", "[db][outbox][live]") {
    test::TenantFixture t;
    auto account = make_account(t, "Contoso");
    auto deal = make_deal(t, account.number, "Renewal");
    auto other = make_deal(t, account.number, "Expansion");
    auto first = MUST(core().live_cards.record(t.admin.tenant, posted(deal, "1:card-a")));
    auto second = MUST(core().live_cards.record(t.admin.tenant, posted(deal, "1:card-b", "a:dana-chat")));
    MUST(core().live_cards.record(t.admin.tenant, posted(other, "1:card-c")));
    CHECK(first.deal == deal.ref());
    CHECK(first.language == "de");
    CHECK(first.refresh_user_id == "29:viewer");

    // A burst of changes (by the one who posted them, too: a card shows everyone's).
    MUST(core().opportunities.move_stage(t.actor(), deal.number, "Proposal"));
    MUST(core().notes.add(t.actor(), deal.ref(), "Sent the quote"));
    MUST(core().opportunities.move_stage(t.actor(), deal.number, "Negotiation"));
    CHECK(live_card_rows(t) == 6);

    auto updates = claim(t);
    REQUIRE(updates.size() == 2);
    std::set<std::string> activities;
    for (const auto& n : updates) {
        REQUIRE(n.live_card.has_value());
        CHECK_FALSE(n.user.has_value());
        CHECK_FALSE(n.conversation.has_value());
        CHECK(n.record == deal.ref());
        CHECK(n.outbox_ids.size() == 3);
        CHECK(n.events.size() == 3);
        activities.insert(n.live_card->activity_id);
        CHECK(n.live_card->service_url == "https://smba.trafficmanager.net/emea/");
    }
    CHECK(activities == std::set<std::string>{"1:card-a", "1:card-b"});
    CHECK(second.conversation_id == "a:dana-chat");
}

TEST_CASE("a deal keeps only its newest cards live, and not for ever", "[db][outbox][live]") {
    test::TenantFixture t;
    auto account = make_account(t, "Fabrikam");
    auto deal = make_deal(t, account.number, "Pilot");
    LiveCardLimits limits;
    limits.per_deal = 3;
    for (int i = 1; i <= 5; ++i)
        MUST(core().live_cards.record(t.admin.tenant, posted(deal, "1:card-" + std::to_string(i)), limits));
    // The same message recorded again is still one card.
    MUST(core().live_cards.record(t.admin.tenant, posted(deal, "1:card-5"), limits));
    auto live = MUST(core().live_cards.for_deal(t.admin.tenant, deal.number));
    REQUIRE(live.size() == 3);
    CHECK(live[0].activity_id == "1:card-5");
    CHECK(live[1].activity_id == "1:card-4");
    CHECK(live[2].activity_id == "1:card-3");

    // A card past its time is not updated.
    auto old_deal = make_deal(t, account.number, "Old news");
    LiveCardLimits expired;
    expired.live_for = 0h;
    MUST(core().live_cards.record(t.admin.tenant, posted(old_deal, "1:old"), expired));
    CHECK(MUST(core().live_cards.for_deal(t.admin.tenant, old_deal.number)).empty());
    MUST(core().opportunities.move_stage(t.actor(), old_deal.number, "Proposal"));
    CHECK(live_card_rows(t) == 0);

    REQUIRE_ERROR(core().live_cards.record(t.admin.tenant, [&] {
        auto c = posted(deal, "1:x");
        c.deal_number = 9999;
        return c;
    }()), ErrorCode::not_found);
}

TEST_CASE("a retired live card takes its pending updates with it", "[db][outbox][live]") {
    test::TenantFixture t;
    auto account = make_account(t, "Northwind");
    auto deal = make_deal(t, account.number, "Support");
    auto card = MUST(core().live_cards.record(t.admin.tenant, posted(deal, "1:gone")));
    MUST(core().opportunities.move_stage(t.actor(), deal.number, "Proposal"));
    CHECK(live_card_rows(t) == 1);
    MUST(core().live_cards.retire(t.admin.tenant, card.id));
    CHECK(live_card_rows(t) == 0);
    CHECK(claim(t).empty());
    MUST(core().opportunities.move_stage(t.actor(), deal.number, "Negotiation"));
    CHECK(live_card_rows(t) == 0);
    CHECK(MUST(core().live_cards.for_deal(t.admin.tenant, deal.number)).empty());
}

TEST_CASE("remembering and retiring live cards, and the outbox, leave the change generation alone",
          "[db][live][cache]") {
    test::TenantFixture t;
    auto& db = test::database();
    const auto account = make_account(t, "Generation Ltd");
    const auto deal = make_deal(t, account.number, "Steady");
    const auto before = db.change_generation();
    const auto card = MUST(core().live_cards.record(t.admin.tenant, posted(deal, "1:card-generation")));
    MUST(core().live_cards.retire(t.admin.tenant, card.id));
    claim(t);
    CHECK(db.change_generation() == before);
}

TEST_CASE("a deal's live cards are updated when someone follows it, and for changes nobody follows", "[db][outbox][live]") {
    // A card shows who follows the deal; following is otherwise nobody's news.
    test::TenantFixture t;
    auto account = make_account(t, "Contoso");
    auto deal = make_deal(t, account.number, "Renewal");
    MUST(core().live_cards.record(t.admin.tenant, posted(deal, "1:card-a")));
    auto sam = t.add_user("Sam Follower");
    MUST(core().followers.follow(sam.actor(), {FollowTarget::Kind::opportunity, deal.number}));
    CHECK(live_card_rows(t) == 1);
    MUST(core().opportunities.move_stage(sam.actor(), deal.number, "Proposal"));
    CHECK(live_card_rows(t) == 2);
}
