// Participants, followers, notes (comments) and the timeline.
#include "helpers.hpp"

#include <map>

using namespace crm;
using namespace crmtest;

namespace {

struct DealSetup {
    Account account;
    Contact ada, grace;
    Opportunity deal;
    Lead lead;
};
DealSetup setup(const test::TenantFixture& t) {
    DealSetup s;
    s.account = make_account(t, "Acme");
    s.ada = make_contact(t, s.account.number, "Ada", "Lovelace", "ada@acme.example");
    s.grace = make_contact(t, s.account.number, "Grace", "Hopper", "grace@acme.example");
    s.deal = make_deal(t, s.account.number, "Deal");
    s.lead = make_lead(t, "Alan", "Turing", "Bletchley");
    return s;
}

std::vector<std::int32_t> participant_numbers(const test::TenantFixture& t, RecordRef record) {
    std::vector<std::int32_t> out;
    for (auto& p : MUST(core().participants.list(t.actor(), record))) out.push_back(p.contact.ref.number);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

// ---- Participants -----------------------------------------------------------------

TEST_CASE("participants are added to and removed from a deal or a lead", "[db][participants]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    for (const RecordRef target : {s.deal.ref(), s.lead.ref()}) {
        INFO("record " << target.display());
        long events = t.event_count();
        const Participant p = MUST(core().participants.add(t.actor(), target, s.ada.number, "CFO"));
        CHECK(p.contact.ref == s.ada.ref());
        CHECK(p.contact.email == "ada@acme.example");
        CHECK(p.role == "CFO");
        CHECK(t.event_count() == events + 1);

        MUST(core().participants.add(t.actor(), target, s.grace.number));
        CHECK(t.event_count() == events + 2);
        CHECK(participant_numbers(t, target) == std::vector<std::int32_t>{s.ada.number, s.grace.number});
        for (auto& listed : MUST(core().participants.list(t.actor(), target))) {
            if (listed.contact.ref == s.ada.ref()) CHECK(listed.role == "CFO");
            if (listed.contact.ref == s.grace.ref()) CHECK(listed.role.empty());
        }

        MUST(core().participants.remove(t.actor(), target, s.ada.number));
        CHECK(t.event_count() == events + 3);
        CHECK(participant_numbers(t, target) == std::vector<std::int32_t>{s.grace.number});
        MUST(core().participants.remove(t.actor(), target, s.grace.number));
        CHECK(t.event_count() == events + 4);
        CHECK(participant_numbers(t, target).empty());
    }
}

TEST_CASE("adding the same participant twice is a conflict", "[db][participants]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    for (const RecordRef target : {s.deal.ref(), s.lead.ref()}) {
        INFO("record " << target.display());
        MUST(core().participants.add(t.actor(), target, s.ada.number, "CFO"));
        const long events = t.event_count();
        REQUIRE_ERROR(core().participants.add(t.actor(), target, s.ada.number, "CEO"), ErrorCode::conflict);
        CHECK(t.event_count() == events);
        const auto list = MUST(core().participants.list(t.actor(), target));
        REQUIRE(list.size() == 1);
        CHECK(list[0].role == "CFO");
    }
}

TEST_CASE("participants must be existing contacts on existing records", "[db][participants]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    const long events = t.event_count();
    REQUIRE_ERROR(core().participants.add(t.actor(), s.deal.ref(), 999), ErrorCode::not_found);
    REQUIRE_ERROR(core().participants.add(t.actor(), {RecordKind::opportunity, 999}, s.ada.number), ErrorCode::not_found);
    REQUIRE_ERROR(core().participants.add(t.actor(), {RecordKind::lead, 999}, s.ada.number), ErrorCode::not_found);
    REQUIRE_ERROR(core().participants.list(t.actor(), {RecordKind::opportunity, 999}), ErrorCode::not_found);
    CHECK(t.event_count() == events);
    CHECK(MUST(core().participants.list(t.actor(), s.deal.ref())).empty());
}

// ---- Followers --------------------------------------------------------------------

TEST_CASE("following and unfollowing a lead, deal, account and the pipeline", "[db][followers]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    for (const FollowTarget target : {target_of(s.lead.ref()), target_of(s.deal.ref()),
                                      target_of(s.account.ref()), FollowTarget::pipeline()}) {
        INFO("target " << target.display());
        CHECK_FALSE(MUST(core().followers.is_following(t.actor(), target)));
        long events = t.event_count();

        const Follower f = MUST(core().followers.follow(t.actor(), target));
        REQUIRE(f.user.has_value());
        CHECK(f.user->id == t.admin.id);
        CHECK_FALSE(f.conversation.has_value());
        CHECK(f.target.kind == target.kind);
        CHECK(f.filter == FollowFilter::all);
        CHECK(t.event_count() == events + 1);
        if (target.kind != FollowTarget::Kind::pipeline) {
            // The event names the follower and the filter, on the record's timeline.
            const RecordRef ref{target.kind == FollowTarget::Kind::lead          ? RecordKind::lead
                                : target.kind == FollowTarget::Kind::opportunity ? RecordKind::opportunity
                                                                                 : RecordKind::account,
                                target.number};
            const auto timeline = MUST(core().timeline.for_record(t.actor(), ref));
            REQUIRE_FALSE(timeline.empty());
            CHECK(timeline[0].action == "followed");
            CHECK(timeline[0].record_number == std::optional<std::int32_t>(target.number));
            std::map<std::string, std::optional<std::string>> after;
            for (const auto& c : timeline[0].changes) after[c.field] = c.after;
            CHECK(after == std::map<std::string, std::optional<std::string>>{{"follower", f.user->name}, {"filter", "all"}});
        }
        CHECK(MUST(core().followers.is_following(t.actor(), target)));
        const FollowSummary summary = MUST(core().followers.summary(t.actor(), target));
        CHECK(summary.count == 1);
        CHECK(summary.actor_follows);

        // Following again changes nothing: no second row, no event, the same since.
        const Follower again = MUST(core().followers.follow(t.actor(), target));
        CHECK(again.since == f.since);
        CHECK(again.user->name == f.user->name);
        CHECK(t.event_count() == events + 1);
        // Asking for important changes only is a change, logged with the follower's name.
        const Follower important = MUST(core().followers.follow(t.actor(), target, {}, FollowFilter::important));
        CHECK(important.filter == FollowFilter::important);
        CHECK(important.since == f.since);
        CHECK(t.event_count() == events + 2);
        MUST(core().followers.follow(t.actor(), target));
        CHECK(t.event_count() == events + 3);
        auto list = MUST(core().followers.list(t.actor(), target));
        REQUIRE(list.size() == 1);
        REQUIRE(list[0].user.has_value());
        CHECK(list[0].user->id == t.admin.id);

        MUST(core().followers.unfollow(t.actor(), target));
        CHECK(t.event_count() == events + 4);
        CHECK_FALSE(MUST(core().followers.is_following(t.actor(), target)));
        CHECK(MUST(core().followers.list(t.actor(), target)).empty());
        CHECK(MUST(core().followers.summary(t.actor(), target)).count == 0);
        CHECK_FALSE(MUST(core().followers.summary(t.actor(), target)).actor_follows);
    }
}

TEST_CASE("a follower can ask for important changes only", "[db][followers]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    const auto target = target_of(s.deal.ref());
    const Follower f = MUST(core().followers.follow(t.actor(), target, {}, FollowFilter::important));
    CHECK(f.filter == FollowFilter::important);
    auto list = MUST(core().followers.list(t.actor(), target));
    REQUIRE(list.size() == 1);
    CHECK(list[0].filter == FollowFilter::important);
}

TEST_CASE("following a record that does not exist is not_found", "[db][followers]") {
    test::TenantFixture t;
    const long events = t.event_count();
    REQUIRE_ERROR(core().followers.follow(t.actor(), target_of({RecordKind::lead, 999})), ErrorCode::not_found);
    REQUIRE_ERROR(core().followers.follow(t.actor(), target_of({RecordKind::opportunity, 999})),
                  ErrorCode::not_found);
    REQUIRE_ERROR(core().followers.follow(t.actor(), target_of({RecordKind::account, 999})),
                  ErrorCode::not_found);
    CHECK(t.event_count() == events);
}

TEST_CASE("a rep cannot make another user follow a deal they don't own, a manager can", "[db][followers]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);  // the deal is owned by the admin
    const User rep = t.add_user("rick");
    const User other = t.add_user("olga");
    const User manager = t.add_user("mona", Role::manager);
    const auto target = target_of(s.deal.ref());
    const long events = t.event_count();

    REQUIRE_ERROR(core().followers.follow(rep.actor(), target, other.id), ErrorCode::forbidden);
    CHECK(t.event_count() == events);
    CHECK(MUST(core().followers.list(t.actor(), target)).empty());
    CHECK_FALSE(MUST(core().followers.is_following(other.actor(), target)));

    // A rep may follow it themselves.
    MUST(core().followers.follow(rep.actor(), target));
    CHECK(MUST(core().followers.is_following(rep.actor(), target)));
    CHECK(t.event_count() == events + 1);

    // A manager may make someone else follow it.
    const Follower f = MUST(core().followers.follow(manager.actor(), target, other.id));
    REQUIRE(f.user.has_value());
    CHECK(f.user->id == other.id);
    CHECK(MUST(core().followers.is_following(other.actor(), target)));
    CHECK_FALSE(MUST(core().followers.is_following(manager.actor(), target)));
    CHECK(t.event_count() == events + 2);
    CHECK(MUST(core().followers.list(t.actor(), target)).size() == 2);
    // The summary counts everyone, and says whether the one asking follows.
    const FollowSummary seen_by_manager = MUST(core().followers.summary(manager.actor(), target));
    CHECK(seen_by_manager.count == 2);
    CHECK_FALSE(seen_by_manager.actor_follows);
    CHECK(MUST(core().followers.summary(other.actor(), target)).actor_follows);
}

TEST_CASE("the owner of a deal may make another user follow it", "[db][followers]") {
    test::TenantFixture t;
    const User owner = t.add_user("otto");
    const User other = t.add_user("olive");
    const Account acc = make_account(t, "Acme");
    OpportunityDraft d;
    d.name = "Otto's deal";
    d.account_number = acc.number;
    d.owner_id = owner.id;
    const Opportunity deal = MUST(core().opportunities.create(t.actor(), d));
    MUST(core().followers.follow(owner.actor(), target_of(deal.ref()), other.id));
    CHECK(MUST(core().followers.is_following(other.actor(), target_of(deal.ref()))));
}

TEST_CASE("a conversation can follow a deal", "[db][followers]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    const Conversation channel =
        MUST(core().directory.ensure_conversation(t.admin.tenant, {"19:sales@thread.tacv2", "channel", "Sales", {}, {}}));
    const auto target = target_of(s.deal.ref());
    const Follower f = MUST(core().followers.follow_in_conversation(t.actor(), channel.id, target));
    REQUIRE(f.conversation.has_value());
    CHECK(f.conversation->id == channel.id);
    CHECK_FALSE(f.user.has_value());
    auto list = MUST(core().followers.list(t.actor(), target));
    REQUIRE(list.size() == 1);
    REQUIRE(list[0].conversation.has_value());
    CHECK(list[0].conversation->external_id == "19:sales@thread.tacv2");
    CHECK_FALSE(MUST(core().followers.is_following(t.actor(), target)));  // the user does not

    MUST(core().followers.follow_in_conversation(t.actor(), channel.id, target));
    CHECK(MUST(core().followers.list(t.actor(), target)).size() == 1);
    MUST(core().followers.unfollow_in_conversation(t.actor(), channel.id, target));
    CHECK(MUST(core().followers.list(t.actor(), target)).empty());
}

// ---- Notes ------------------------------------------------------------------------

TEST_CASE("comments are added to records and listed", "[db][notes]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    for (const RecordRef record : {s.deal.ref(), s.lead.ref(), s.account.ref(), s.ada.ref()}) {
        INFO("record " << record.display());
        const long events = t.event_count();
        const Note n = MUST(core().notes.add(t.actor(), record, "Called, they want a demo."));
        CHECK(n.body == "Called, they want a demo.");
        CHECK(n.record == record);
        CHECK(n.author.id == t.admin.id);
        CHECK(n.author.name == "Ada Admin");
        CHECK(t.event_count() == events + 1);
        MUST(core().notes.add(t.actor(), record, "Demo booked."));
        CHECK(t.event_count() == events + 2);

        const auto page = MUST(core().notes.list(t.actor(), record));
        REQUIRE(page.items.size() == 2);
        std::set<std::string> bodies;
        for (auto& note : page.items) {
            CHECK(note.record == record);
            bodies.insert(note.body);
        }
        CHECK(bodies == std::set<std::string>{"Called, they want a demo.", "Demo booked."});
    }
}

TEST_CASE("an empty comment is refused on body", "[db][notes]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    const long events = t.event_count();
    REQUIRE_VALIDATION(core().notes.add(t.actor(), s.deal.ref(), ""), "body");
    CHECK(t.event_count() == events);
    CHECK(MUST(core().notes.list(t.actor(), s.deal.ref())).items.empty());
    REQUIRE_ERROR(core().notes.add(t.actor(), {RecordKind::opportunity, 999}, "hello"), ErrorCode::not_found);
    CHECK(t.event_count() == events);
}

// ---- Timeline ---------------------------------------------------------------------

TEST_CASE("a lead's timeline shows each change, newest first, with actor and before/after", "[db][timeline]") {
    test::TenantFixture t;
    const User rep = t.add_user("rosa");
    const Lead lead = make_lead(t, "Ada", "Lovelace", "Analytical Engines");
    MUST(core().leads.change_status(rep.actor(), lead.number, LeadStatus::contacted));
    LeadPatch p;
    p.company = "Difference Engines";
    MUST(core().leads.update(t.actor(), lead.number, p));

    const auto events = MUST(core().timeline.for_record(t.actor(), lead.ref()));
    REQUIRE(events.size() == 3);
    for (auto& e : events) {
        CHECK(e.record_kind == "lead");
        CHECK(e.record_number == std::optional<std::int32_t>(lead.number));
        CHECK(e.actor.has_value());
    }
    for (std::size_t i = 1; i < events.size(); ++i) CHECK(events[i - 1].at >= events[i].at);

    // Newest: the update of the company.
    CHECK(events[0].action == "updated");
    REQUIRE(events[0].actor.has_value());
    CHECK(events[0].actor->id == t.admin.id);
    const auto company = std::find_if(events[0].changes.begin(), events[0].changes.end(),
                                      [](const FieldChange& c) { return c.field == "company"; });
    REQUIRE(company != events[0].changes.end());
    CHECK(company->before == std::optional<std::string>("Analytical Engines"));
    CHECK(company->after == std::optional<std::string>("Difference Engines"));

    // Then the status change, by the rep.
    CHECK(events[1].action == "status_changed");
    REQUIRE(events[1].actor.has_value());
    CHECK(events[1].actor->id == rep.id);
    CHECK(events[1].actor->name == "rosa");
    const auto status = std::find_if(events[1].changes.begin(), events[1].changes.end(),
                                     [](const FieldChange& c) { return c.field == "status"; });
    REQUIRE(status != events[1].changes.end());
    CHECK(status->before == std::optional<std::string>("New"));
    CHECK(status->after == std::optional<std::string>("Contacted"));

    // Oldest: the creation.
    CHECK(events[2].action == "created");
    REQUIRE(events[2].actor.has_value());
    CHECK(events[2].actor->id == t.admin.id);
}

TEST_CASE("the timeline limit keeps the newest events", "[db][timeline]") {
    test::TenantFixture t;
    const Lead lead = make_lead(t, "Ada", "Lovelace");
    MUST(core().leads.change_status(t.actor(), lead.number, LeadStatus::contacted));
    MUST(core().leads.change_status(t.actor(), lead.number, LeadStatus::qualified));
    const auto two = MUST(core().timeline.for_record(t.actor(), lead.ref(), 2));
    REQUIRE(two.size() == 2);
    CHECK(two[0].action == "status_changed");
    CHECK(two[1].action == "status_changed");
    const auto s0 = std::find_if(two[0].changes.begin(), two[0].changes.end(),
                                 [](const FieldChange& c) { return c.field == "status"; });
    REQUIRE(s0 != two[0].changes.end());
    CHECK(s0->after == std::optional<std::string>("Qualified"));
}

TEST_CASE("every mutation of a deal appears on its timeline", "[db][timeline]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    const auto open = open_stages(t);
    REQUIRE(open.size() >= 2);
    const auto start = MUST(core().timeline.for_record(t.actor(), s.deal.ref(), 100)).size();
    CHECK(start == 1);  // created

    MUST(core().opportunities.move_stage(t.actor(), s.deal.number, open[1].name));
    const auto after_move = MUST(core().timeline.for_record(t.actor(), s.deal.ref(), 100));
    REQUIRE(after_move.size() == start + 1);
    CHECK(after_move[0].action == "stage_moved");
    const auto stage = std::find_if(after_move[0].changes.begin(), after_move[0].changes.end(),
                                    [](const FieldChange& c) { return c.field == "stage"; });
    REQUIRE(stage != after_move[0].changes.end());
    CHECK(stage->before == std::optional<std::string>(open[0].name));
    CHECK(stage->after == std::optional<std::string>(open[1].name));

    MUST(core().opportunities.set_primary_contact(t.actor(), s.deal.number, s.ada.number));
    MUST(core().participants.add(t.actor(), s.deal.ref(), s.grace.number, "CTO"));
    MUST(core().notes.add(t.actor(), s.deal.ref(), "Looks good"));
    MUST(core().opportunities.move_stage(t.actor(), s.deal.number, "Won"));
    MUST(core().opportunities.reopen(t.actor(), s.deal.number));
    const auto all = MUST(core().timeline.for_record(t.actor(), s.deal.ref(), 100));
    CHECK(all.size() == start + 6);
    for (auto& e : all) {
        CHECK(e.record_kind == "opportunity");
        CHECK(e.record_number == std::optional<std::int32_t>(s.deal.number));
    }
    for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1].at >= all[i].at);
    CHECK(all.back().action == "created");
    REQUIRE_ERROR(core().timeline.for_record(t.actor(), {RecordKind::opportunity, 999}), ErrorCode::not_found);
}

TEST_CASE("a conversion appears on the lead's timeline", "[db][timeline][conversion]") {
    test::TenantFixture t;
    LeadDraft d;
    d.last_name = "Lovelace";
    d.company = "Analytical Engines";
    const Lead lead = make_qualified_lead(t, d);
    MUST(core().leads.convert(t.actor(), lead.number, LeadConversion{}));
    const auto events = MUST(core().timeline.for_record(t.actor(), lead.ref()));
    REQUIRE_FALSE(events.empty());
    CHECK(events[0].action == "converted");
    REQUIRE(events[0].actor.has_value());
    CHECK(events[0].actor->id == t.admin.id);
}

// ---- Messages saved from chat ("Save to CRM") ---------------------------------------

namespace {
NoteSource teams_message(const std::string& id) {
    return {"19:chat@thread.v2/" + id, "Sam Lee", Timestamp(std::chrono::seconds(1'795'000'000)),
            "https://teams.microsoft.com/l/message/19:chat@thread.v2/" + id};
}

std::string change_of(const Event& e, const std::string& field) {
    for (const auto& c : e.changes)
        if (c.field == field) return c.after.value_or("");
    return {};
}
}  // namespace

TEST_CASE("a chat message saved on a deal is a note with its author, time and link, logged as a comment", "[db][notes]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    const long events = t.event_count();
    const auto saved = MUST(core().notes.save_message(t.actor(), s.deal.ref(), "  Budget approved for Q3.  ",
                                                      teams_message("1001")));
    CHECK_FALSE(saved.already_saved);
    CHECK(saved.note.body == "Budget approved for Q3.");
    CHECK(saved.note.author.id == t.admin.id);
    REQUIRE(saved.note.source.has_value());
    CHECK(saved.note.source->author == "Sam Lee");
    CHECK(saved.note.source->sent_at == teams_message("1001").sent_at);
    CHECK(saved.note.source->url == teams_message("1001").url);
    CHECK(t.event_count() == events + 1);

    // Listed with its source; the timeline says who commented and whose message it was.
    const auto notes = MUST(core().notes.list(t.actor(), s.deal.ref()));
    REQUIRE(notes.items.size() == 1);
    REQUIRE(notes.items[0].source.has_value());
    CHECK(notes.items[0].source->key == teams_message("1001").key);
    CHECK(notes.items[0].source->sent_at == teams_message("1001").sent_at);
    const auto timeline = MUST(core().timeline.for_record(t.actor(), s.deal.ref()));
    REQUIRE_FALSE(timeline.empty());
    CHECK(timeline[0].action == "commented");
    CHECK(change_of(timeline[0], "comment") == "Budget approved for Q3.");
    CHECK(change_of(timeline[0], "message_from") == "Sam Lee");
    CHECK(change_of(timeline[0], "message_link") == teams_message("1001").url);
}

TEST_CASE("saving the same message to the same record twice keeps one note", "[db][notes]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    const User rep = t.add_user("rosa");
    const auto first = MUST(core().notes.save_message(t.actor(), s.deal.ref(), "Signed!", teams_message("7")));
    const long events = t.event_count();
    // Another user saving it again (or Teams retrying the submit) finds the first note.
    const auto again = MUST(core().notes.save_message(rep.actor(), s.deal.ref(), "Signed!", teams_message("7")));
    CHECK(again.already_saved);
    CHECK(again.note.id == first.note.id);
    CHECK(again.note.author.id == t.admin.id);
    CHECK(t.event_count() == events);
    CHECK(MUST(core().notes.list(t.actor(), s.deal.ref())).items.size() == 1);

    // The same message on another record, or another message on this one, is new.
    CHECK_FALSE(MUST(core().notes.save_message(t.actor(), s.lead.ref(), "Signed!", teams_message("7"))).already_saved);
    CHECK_FALSE(MUST(core().notes.save_message(t.actor(), s.deal.ref(), "Signed!", teams_message("8"))).already_saved);
    CHECK(t.event_count() == events + 2);
}

TEST_CASE("a saved message is refused without text, id or an https link, and never lands in another tenant", "[db][notes]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    test::TenantFixture other;
    const long events = t.event_count();
    REQUIRE_VALIDATION(core().notes.save_message(t.actor(), s.deal.ref(), "  ", teams_message("1")), "body");
    REQUIRE_VALIDATION(core().notes.save_message(t.actor(), s.deal.ref(), "hi", NoteSource{}), "source");
    NoteSource bad = teams_message("2");
    bad.url = "javascript:alert(1)";
    REQUIRE_VALIDATION(core().notes.save_message(t.actor(), s.deal.ref(), "hi", bad), "source");
    // The other tenant has no D-<n> of that number: not found, and nothing written here.
    REQUIRE_ERROR(core().notes.save_message(other.actor(), s.deal.ref(), "hi", teams_message("3")), ErrorCode::not_found);
    CHECK(t.event_count() == events);
    CHECK(MUST(core().notes.list(t.actor(), s.deal.ref())).items.empty());
}

TEST_CASE("a long saved message is cut at the note limit without breaking a character", "[db][notes]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    std::string text;
    while (text.size() < 12000) text += "Grüße ";
    const auto saved = MUST(core().notes.save_message(t.actor(), s.deal.ref(), text, teams_message("9")));
    CHECK(saved.note.body.size() <= 10000);
    CHECK(saved.note.body.size() > 9900);
    CHECK(saved.note.body.substr(saved.note.body.size() - 3) == "…");
    const auto stored = MUST(core().notes.list(t.actor(), s.deal.ref()));
    CHECK(stored.items.at(0).body == saved.note.body);
}

TEST_CASE("a converted lead takes no saved messages", "[db][notes]") {
    test::TenantFixture t;
    const Lead lead = make_qualified_lead(t, person_draft("Ada", "Lovelace", "Analytical Engines"));
    MUST(core().leads.convert(t.actor(), lead.number, LeadConversion{}));
    REQUIRE_ERROR(core().notes.save_message(t.actor(), lead.ref(), "hi", teams_message("5")), ErrorCode::forbidden);
}

TEST_CASE("the follower summary of a record that does not exist here is not_found", "[db][followers]") {
    test::TenantFixture t;
    const DealSetup s = setup(t);
    test::TenantFixture other;
    using K = FollowTarget::Kind;
    for (const FollowTarget target : {FollowTarget{K::opportunity, 999}, FollowTarget{K::lead, 999},
                                      FollowTarget{K::account, 999}}) {
        INFO(target.display());
        REQUIRE_ERROR(core().followers.summary(t.actor(), target), ErrorCode::not_found);
    }
    // Another tenant's deal number is not this tenant's deal.
    REQUIRE_ERROR(core().followers.summary(other.actor(), {K::opportunity, s.deal.number}), ErrorCode::not_found);
    REQUIRE_ERROR(core().timeline.for_record(other.actor(), s.deal.ref()), ErrorCode::not_found);
    // The pipeline always exists.
    CHECK(MUST(core().followers.summary(t.actor(), FollowTarget::pipeline())).count == 0);
}
