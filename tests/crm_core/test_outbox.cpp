// The notification outbox: who is told about a change, in the change's own
// transaction; claiming, coalescing, leases and dead letters.
#include "helpers.hpp"

#include <pqxx/pqxx>

#include <thread>

using namespace crm;
using namespace crmtest;
using namespace std::chrono_literals;

namespace {

// Claims only this tenant's rows, with no coalescing wait.
std::vector<Notification> claim(const test::TenantFixture& t, std::chrono::seconds lease = 60s) {
    ClaimOptions o;
    o.coalesce = 0ms;
    o.lease = lease;
    o.tenant = t.admin.tenant;
    return MUST(core().outbox.claim(o));
}

long outbox_rows(const test::TenantFixture& t, const std::string& where = "true") {
    pqxx::connection c(test::database_url());
    pqxx::nontransaction tx(c);
    return tx.exec_params("select count(*) from outbox where tenant_id = $1 and " + where, t.admin.tenant)[0][0]
        .as<long>();
}

struct Setup {
    User sam;  // follows the deal
    Account account;
    Opportunity deal;
};
Setup setup(test::TenantFixture& t) {
    Setup s;
    s.sam = t.add_user("Sam Follower");
    s.account = make_account(t, "Contoso");
    s.deal = make_deal(t, s.account.number, "Renewal");
    MUST(core().followers.follow(s.sam.actor(), {FollowTarget::Kind::opportunity, s.deal.number}));
    return s;
}

}  // namespace

TEST_CASE("a change notifies the record's followers but not the one who made it", "[db][outbox]") {
    test::TenantFixture t;
    auto s = setup(t);
    // The admin follows too, and makes the change: only Sam hears of it.
    MUST(core().followers.follow(t.actor(), {FollowTarget::Kind::opportunity, s.deal.number}));
    MUST(core().opportunities.move_stage(t.actor(), s.deal.number, "Proposal"));

    auto notes = claim(t);
    REQUIRE(notes.size() == 1);
    const Notification& n = notes[0];
    REQUIRE(n.user.has_value());
    CHECK(n.user->id == s.sam.id);
    CHECK_FALSE(n.conversation.has_value());
    CHECK(n.record == s.deal.ref());
    CHECK(n.record_name == "Renewal");
    CHECK(n.important);
    REQUIRE(n.events.size() == 1);
    CHECK(n.events[0].action == "stage_moved");
    REQUIRE(n.events[0].actor.has_value());
    CHECK(n.events[0].actor->id == t.admin.id);

    // Sam's own change tells the admin, not Sam.
    MUST(core().notes.add(s.sam.actor(), s.deal.ref(), "Called them"));
    notes = claim(t);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].user->id == t.admin.id);
}

TEST_CASE("a change that rolls back notifies nobody", "[db][outbox]") {
    test::TenantFixture t;
    auto s = setup(t);
    const long before = outbox_rows(t);
    {
        pqxx::connection c(test::database_url());
        pqxx::work tx(c);
        tx.exec_params("insert into events (tenant_id, actor_id, record_kind, record_id, record_number, action)"
                       " values ($1, $2, 'opportunity', $3, $4, 'updated')",
                       t.admin.tenant, t.admin.id, s.deal.id, s.deal.number);
        CHECK(tx.exec_params("select count(*) from outbox where tenant_id = $1", t.admin.tenant)[0][0].as<long>() ==
              before + 1);
        tx.abort();
    }
    CHECK(outbox_rows(t) == before);
    // And a refused change (a closed deal cannot move) writes neither event nor notification.
    MUST(core().opportunities.move_stage(t.actor(), s.deal.number, "Won"));
    claim(t);
    const long after_won = outbox_rows(t);
    MUST_FAIL(core().opportunities.move_stage(t.actor(), s.deal.number, "Proposal"));
    CHECK(outbox_rows(t) == after_won);
}

TEST_CASE("followers who want important changes only hear of stage moves and comments", "[db][outbox]") {
    test::TenantFixture t;
    auto s = setup(t);
    MUST(core().followers.follow(s.sam.actor(), {FollowTarget::Kind::opportunity, s.deal.number}, {},
                                 FollowFilter::important));
    OpportunityPatch patch;
    patch.name = "Renewal 2027";
    MUST(core().opportunities.update(t.actor(), s.deal.number, patch));
    CHECK(claim(t).empty());
    MUST(core().opportunities.move_stage(t.actor(), s.deal.number, "Lost"));
    auto notes = claim(t);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].events[0].action == "stage_moved");
}

TEST_CASE("a channel following the pipeline hears about every deal, through the account too", "[db][outbox]") {
    test::TenantFixture t;
    auto s = setup(t);
    auto channel = MUST(core().directory.ensure_conversation(t.admin.tenant, {"19:managers@thread.tacv2", "channel",
                                                                                "Managers", "{}", std::nullopt}));
    MUST(core().followers.follow_in_conversation(t.actor(), channel.id, FollowTarget::pipeline(),
                                                 FollowFilter::important));
    auto other_account = make_account(t, "Fabrikam");
    auto other_deal = make_deal(t, other_account.number, "Fabrikam pilot");
    // An account follower hears about that account's deals only.
    auto ana = t.add_user("Ana Account");
    MUST(core().followers.follow(ana.actor(), {FollowTarget::Kind::account, other_account.number}));
    claim(t);  // the creations

    MUST(core().opportunities.move_stage(t.actor(), other_deal.number, "Won"));
    auto lead = make_lead(t, "Ada", "Lovelace", "Analytical");  // leads are not pipeline news
    (void)lead;
    auto notes = claim(t);
    REQUIRE(notes.size() == 2);
    int channel_notes = 0, ana_notes = 0;
    for (const auto& n : notes) {
        CHECK(n.record == other_deal.ref());
        if (n.conversation) {
            ++channel_notes;
            CHECK(n.conversation->external_id == "19:managers@thread.tacv2");
        }
        if (n.user && n.user->id == ana.id) ++ana_notes;
    }
    CHECK(channel_notes == 1);
    CHECK(ana_notes == 1);

    // A channel the app was removed from hears nothing more.
    MUST(core().directory.deactivate_conversation(t.admin.tenant, "19:managers@thread.tacv2"));
    MUST(core().opportunities.reopen(t.actor(), other_deal.number));
    notes = claim(t);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].user.has_value());
}

TEST_CASE("several changes to one record reach each follower as one notification", "[db][outbox]") {
    test::TenantFixture t;
    auto s = setup(t);
    MUST(core().opportunities.move_stage(t.actor(), s.deal.number, "Qualification"));
    MUST(core().notes.add(t.actor(), s.deal.ref(), "Budget confirmed"));
    MUST(core().opportunities.move_stage(t.actor(), s.deal.number, "Proposal"));

    // Not yet: the last change is younger than the coalescing wait.
    ClaimOptions waiting;
    waiting.coalesce = 1h;
    waiting.tenant = t.admin.tenant;
    CHECK(MUST(core().outbox.claim(waiting)).empty());

    auto notes = claim(t);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].outbox_ids.size() == 3);
    REQUIRE(notes[0].events.size() == 3);
    CHECK(notes[0].events[0].action == "stage_moved");
    CHECK(notes[0].events[1].action == "commented");
    CHECK(notes[0].events[2].action == "stage_moved");
}

TEST_CASE("muted users hear nothing, digest and quiet hours hold notifications back", "[db][outbox]") {
    test::TenantFixture t;
    auto s = setup(t);
    NotificationSettings muted;
    muted.level = NotifyLevel::muted;
    MUST(core().notification_settings.set(s.sam.actor(), muted));
    MUST(core().opportunities.move_stage(t.actor(), s.deal.number, "Proposal"));
    CHECK(outbox_rows(t, "user_id = " + std::to_string(s.sam.id)) == 0);

    NotificationSettings digest;
    digest.level = NotifyLevel::digest;
    MUST(core().notification_settings.set(s.sam.actor(), digest));
    MUST(core().opportunities.move_stage(t.actor(), s.deal.number, "Negotiation"));
    CHECK(claim(t).empty());
    CHECK(outbox_rows(t, "state = 'pending' and not_before > now()") == 1);

    // Quiet all day long (00:00 to 23:59) in Sam's zone: held until it ends.
    NotificationSettings quiet;
    quiet.time_zone = "Europe/Berlin";
    quiet.quiet_from = 0;
    quiet.quiet_to = 23 * 60 + 59;
    MUST(core().notification_settings.set(s.sam.actor(), quiet));
    CHECK(MUST(core().notification_settings.get(s.sam.actor())).time_zone == "Europe/Berlin");
    MUST(core().notes.add(t.actor(), s.deal.ref(), "Quiet please"));
    CHECK(claim(t).empty());
    CHECK(outbox_rows(t, "state = 'pending' and not_before > now()") == 2);

    // Outside quiet hours it flows again.
    NotificationSettings normal;
    MUST(core().notification_settings.set(s.sam.actor(), normal));
    MUST(core().notes.add(t.actor(), s.deal.ref(), "Back to normal"));
    CHECK(claim(t).size() == 1);
}

TEST_CASE("a digest is claimed as one notification of every record that changed", "[db][outbox]") {
    test::TenantFixture t;
    auto s = setup(t);
    auto other = make_deal(t, s.account.number, "Expansion");
    MUST(core().followers.follow(s.sam.actor(), {FollowTarget::Kind::opportunity, other.number}));
    NotificationSettings digest;
    digest.level = NotifyLevel::digest;
    digest.language = "fr";
    MUST(core().notification_settings.set(s.sam.actor(), digest));
    MUST(core().opportunities.move_stage(t.actor(), s.deal.number, "Proposal"));
    MUST(core().notes.add(t.actor(), s.deal.ref(), "Quote sent"));
    MUST(core().opportunities.move_stage(t.actor(), other.number, "Won"));
    CHECK(outbox_rows(t, "digest") == 3);
    CHECK(claim(t).empty());

    // The digest time comes.
    {
        pqxx::connection c(test::database_url());
        pqxx::nontransaction tx(c);
        tx.exec_params("update outbox set not_before = now() where tenant_id = $1 and digest", t.admin.tenant);
    }
    auto notes = claim(t);
    REQUIRE(notes.size() == 1);
    const Notification& n = notes[0];
    CHECK(n.user->id == s.sam.id);
    CHECK(n.language == "fr");
    CHECK(n.outbox_ids.size() == 3);
    CHECK(n.events.size() == 3);
    REQUIRE(n.digest.size() == 2);
    CHECK(n.digest[0].record == s.deal.ref());
    CHECK(n.digest[0].record_name == "Renewal");
    REQUIRE(n.digest[0].events.size() == 2);
    CHECK(n.digest[0].events[0].action == "stage_moved");
    CHECK(n.digest[0].events[1].action == "commented");
    CHECK(n.digest[1].record == other.ref());
    CHECK(n.digest[1].events.size() == 1);
}

TEST_CASE("notification settings are checked", "[db][outbox]") {
    test::TenantFixture t;
    NotificationSettings s;
    s.time_zone = "Mars/Olympus";
    REQUIRE_ERROR(core().notification_settings.set(t.actor(), s), ErrorCode::validation);
    s.time_zone = "UTC";
    s.quiet_from = 22 * 60;
    REQUIRE_ERROR(core().notification_settings.set(t.actor(), s), ErrorCode::validation);
    s.quiet_to = 25 * 60;
    REQUIRE_ERROR(core().notification_settings.set(t.actor(), s), ErrorCode::validation);
    s.quiet_to = 7 * 60;
    s.language = "it";
    REQUIRE_ERROR(core().notification_settings.set(t.actor(), s), ErrorCode::validation);
    CHECK(MUST(core().notification_settings.get(t.actor())).level == NotifyLevel::all);
}

TEST_CASE("claims are exclusive, leases run out, and failures retry or go dead", "[db][outbox]") {
    test::TenantFixture t;
    auto s = setup(t);
    MUST(core().followers.follow(t.actor(), {FollowTarget::Kind::opportunity, s.deal.number}));
    for (const char* stage : {"Qualification", "Proposal"}) {
        MUST(core().opportunities.move_stage(t.actor(), s.deal.number, stage));
        MUST(core().notes.add(s.sam.actor(), s.deal.ref(), std::string("note ") + stage));
    }
    // Two dispatchers at once: each row goes to exactly one of them.
    std::vector<Notification> a, b;
    std::thread ta([&] { a = claim(t); });
    std::thread tb([&] { b = claim(t); });
    ta.join();
    tb.join();
    std::set<RowId> ids;
    std::size_t total = 0;
    for (const auto* batch : {&a, &b})
        for (const auto& n : *batch) {
            total += n.outbox_ids.size();
            ids.insert(n.outbox_ids.begin(), n.outbox_ids.end());
        }
    CHECK(total == 4);
    CHECK(ids.size() == 4);
    CHECK(claim(t).empty());  // all are leased

    // A lease that ran out (its dispatcher died) is claimed again.
    auto all = a;
    all.insert(all.end(), b.begin(), b.end());
    MUST(core().opportunities.move_stage(t.actor(), s.deal.number, "Negotiation"));
    auto leased = claim(t, 0s);
    REQUIRE(leased.size() == 1);
    auto again = claim(t);
    REQUIRE(again.size() == 1);
    CHECK(again[0].outbox_ids == leased[0].outbox_ids);
    CHECK(again[0].attempts == 2);

    MUST(core().outbox.retry_later(t.admin.tenant, again[0].outbox_ids, std::chrono::system_clock::now() + 1h, "429"));
    CHECK(claim(t).empty());
    CHECK(outbox_rows(t, "state = 'pending' and last_error = '429'") == 1);

    for (const auto& n : all) MUST(core().outbox.delivered(t.admin.tenant, n.outbox_ids));
    CHECK(outbox_rows(t, "state = 'sent'") == 4);
    MUST(core().outbox.dead(t.admin.tenant, again[0].outbox_ids, "403: the user blocked the bot"));
    auto status = MUST(core().outbox.status(1000));
    CHECK(status.dead >= 1);
    bool found = false;
    for (const auto& d : status.dead_letters)
        if (d.tenant == t.admin.tenant) {
            found = true;
            CHECK(d.error == "403: the user blocked the bot");
            CHECK(d.recipient == "Sam Follower");
            CHECK(d.record == s.deal.ref());
        }
    CHECK(found);
    // `crmbot outbox retry`: dead letters go back to pending.
    CHECK(MUST(core().outbox.retry_dead()) >= 1);
    CHECK(outbox_rows(t, "state = 'dead'") == 0);
    CHECK(claim(t).size() == 1);
}

TEST_CASE("a claim brings the user's 1:1 chat, and deliveries are recorded in one batch", "[db][outbox]") {
    test::TenantFixture t;
    auto s = setup(t);
    test::TenantFixture other;
    auto o = setup(other);
    MUST(core().directory.ensure_conversation(t.admin.tenant,
                                              {"a:sam-chat", "personal", "", R"({"conversationId":"a:sam-chat"})", s.sam.id}));
    MUST(core().opportunities.move_stage(t.actor(), s.deal.number, "Proposal"));
    MUST(core().opportunities.move_stage(other.actor(), o.deal.number, "Proposal"));

    auto mine = claim(t);
    REQUIRE(mine.size() == 1);
    REQUIRE(mine[0].personal_chat.has_value());
    CHECK(mine[0].personal_chat->external_id == "a:sam-chat");
    CHECK(mine[0].personal_chat->address == R"({"conversationId":"a:sam-chat"})");
    CHECK(mine[0].personal_chat->user_id == s.sam.id);
    auto theirs = claim(other);
    REQUIRE(theirs.size() == 1);
    CHECK_FALSE(theirs[0].personal_chat.has_value());  // no chat yet

    MUST(core().outbox.delivered(std::vector<Outbox::Delivered>{{t.admin.tenant, mine[0].outbox_ids},
                                                                {other.admin.tenant, theirs[0].outbox_ids}}));
    CHECK(outbox_rows(t, "state = 'sent' and sent_at is not null") == 1);
    CHECK(outbox_rows(other, "state = 'sent' and sent_at is not null") == 1);
    CHECK(outbox_rows(t, "state <> 'sent'") == 0);
}

TEST_CASE("every change to a followed lead reaches its follower, up to its conversion", "[db][outbox]") {
    test::TenantFixture t;
    auto sam = t.add_user("Sam Follower");
    auto lead = make_lead(t, "Ada", "Lovelace", "Analytical Engines");
    MUST(core().followers.follow(sam.actor(), {FollowTarget::Kind::lead, lead.number}));
    claim(t);

    auto told = [&](const std::string& action) {
        auto notes = claim(t);
        REQUIRE(notes.size() == 1);
        CHECK(notes[0].user->id == sam.id);
        CHECK(notes[0].record == lead.ref());
        REQUIRE(notes[0].events.size() == 1);
        CHECK(notes[0].events[0].action == action);
    };
    MUST(core().notes.add(t.actor(), lead.ref(), "Called, left a message"));
    told("commented");
    MUST(core().leads.change_status(t.actor(), lead.number, LeadStatus::contacted));
    told("status_changed");
    MUST(core().leads.change_status(t.actor(), lead.number, LeadStatus::qualified));
    told("status_changed");
    LeadConversion options;
    options.create_opportunity = true;
    MUST(core().leads.convert(t.actor(), lead.number, options));
    told("converted");
}

TEST_CASE("an event with nobody else to tell is marked so, and the fan-out skips it", "[db][outbox]") {
    // The statements decide events.fanout themselves (an index probe); the trigger
    // runs only where it is true. Following yourself is nobody else's news.
    test::TenantFixture t;
    auto lead = make_lead(t, "Ada", "Lovelace", "Analytical Engines");
    auto account = make_account(t, "Contoso");
    auto deal = make_deal(t, account.number, "Renewal");
    MUST(core().followers.follow(t.actor(), {FollowTarget::Kind::lead, lead.number}));
    MUST(core().followers.follow(t.actor(), {FollowTarget::Kind::opportunity, deal.number}));
    auto fanout_of_last = [&](const std::string& kind) {
        pqxx::connection c(test::database_url());
        pqxx::nontransaction tx(c);
        return tx.exec_params("select fanout from events where tenant_id = $1 and record_kind = $2 order by id desc limit 1",
                              t.admin.tenant, kind)[0][0]
            .as<bool>();
    };
    MUST(core().notes.add(t.actor(), lead.ref(), "Only I follow this"));
    CHECK_FALSE(fanout_of_last("lead"));
    MUST(core().opportunities.move_stage(t.actor(), deal.number, "Proposal"));
    CHECK_FALSE(fanout_of_last("opportunity"));
    CHECK(outbox_rows(t) == 0);

    // Someone else following the deal's account is someone to tell.
    auto ana = t.add_user("Ana Account");
    MUST(core().followers.follow(ana.actor(), {FollowTarget::Kind::account, account.number}));
    MUST(core().opportunities.move_stage(t.actor(), deal.number, "Negotiation"));
    CHECK(fanout_of_last("opportunity"));
    CHECK(outbox_rows(t) == 1);
}
