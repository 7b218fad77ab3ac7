// Notification delivery by real `crmbot serve` processes sharing one database:
// each notification reaches the mock connector once, even with three of them,
// and a process killed with SIGKILL mid fan-out loses nothing.
#include "app/notification_dispatcher.hpp"
#include "support/fake_channel.hpp"
#include "support/test_database.hpp"

#include <catch2/catch.hpp>
#include <crm_core/crm.hpp>
#include <nlohmann/json.hpp>

#include <pqxx/pqxx>

#include <csignal>
#include <fcntl.h>
#include <algorithm>
#include <map>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

extern char** environ;

using namespace std::chrono_literals;

namespace {

// One `crmbot serve` in local-development mode (no tokens needed towards the
// mock connector), on its own port, delivering notifications.
class BotProcess {
public:
    BotProcess(std::uint16_t port, std::size_t workers) {
        std::vector<std::string> env;
        for (char** e = environ; *e; ++e) env.emplace_back(*e);
        env.push_back("DATABASE_URL=" + test::database_url());
        env.push_back("PORT=" + std::to_string(port));
        env.push_back("CRMBOT_LOCAL_DEV=1");
        env.push_back("CRMBOT_LOG_LEVEL=error");
        env.push_back("CRMBOT_NOTIFY_WORKERS=" + std::to_string(workers));
        env.push_back("CRMBOT_NOTIFY_COALESCE_MS=0");
        env.push_back("CRMBOT_NOTIFY_LEASE_S=2");
        env.push_back("CRMBOT_SERVICE_URL_HOSTS=127.0.0.1");
        std::vector<char*> envp;
        for (auto& e : env) envp.push_back(e.data());
        envp.push_back(nullptr);
        std::string binary = CRMBOT_BINARY;
        std::string serve = "serve";
        char* argv[] = {binary.data(), serve.data(), nullptr};
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        const int rc = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv, envp.data());
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) throw std::runtime_error("cannot start " + binary);
    }
    ~BotProcess() { stop(SIGTERM); }
    void stop(int signal) {
        if (pid_ <= 0) return;
        ::kill(pid_, signal);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }

private:
    pid_t pid_ = -1;
};

// Tenants whose deal is followed by `per_tenant` users, each with a 1:1 chat whose
// reference points at the mock connector; one stage move per tenant then owes
// each follower one notification.
struct FanOut {
    std::vector<std::string> tenants;
    std::size_t deliveries = 0;
};

FanOut prepare(const test::FakeChannel& channel, std::size_t tenants, std::size_t per_tenant) {
    auto& crm = test::crm();
    FanOut out;
    for (std::size_t t = 0; t < tenants; ++t) {
        const std::string tenant = test::unique_tenant();
        out.tenants.push_back(tenant);
        auto owner = crm.directory.ensure_user(tenant, {"owner-aad", "29:owner", "Olivia Owner", ""}).value();
        auto account = crm.accounts.create(owner.actor(), {"Fan-out Ltd", "", {}, {}, {}, {}}).value();
        crm::OpportunityDraft draft;
        draft.name = "Fan-out deal";
        draft.account_number = account.number;
        auto deal = crm.opportunities.create(owner.actor(), draft).value();
        for (std::size_t u = 0; u < per_tenant; ++u) {
            const std::string id = std::to_string(u);
            auto user = crm.directory.ensure_user(tenant, {"aad-" + id, "29:user-" + id, "User " + id, ""}).value();
            const std::string chat = "a:chat-" + tenant + "-" + id;
            nlohmann::json address = {{"serviceUrl", channel.service_url()}, {"conversationId", chat},
                                      {"conversationType", "personal"}, {"tenantId", tenant},
                                      {"botId", "28:bot"}, {"userId", "29:user-" + id}};
            REQUIRE(crm.directory.ensure_conversation(tenant, {chat, "personal", "", address.dump(), user.id}));
            REQUIRE(crm.followers.follow(user.actor(), {crm::FollowTarget::Kind::opportunity, deal.number}));
        }
        REQUIRE(crm.opportunities.move_stage(owner.actor(), deal.number, "Proposal"));
        out.deliveries += per_tenant;
    }
    return out;
}

long sent(const FanOut& f) {
    pqxx::connection c(test::database_url());
    pqxx::nontransaction tx(c);
    long n = 0;
    for (const auto& t : f.tenants)
        n += tx.exec_params("select count(*) from outbox where tenant_id = $1 and state = 'sent'", t)[0][0].as<long>();
    return n;
}

bool wait_sent(const FanOut& f, long count, std::chrono::seconds timeout) {
    auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        if (sent(f) >= count) return true;
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

// Notification posts per conversation, as the mock saw them.
std::map<std::string, int> posts_per_chat(const test::FakeChannel& channel) {
    std::map<std::string, int> out;
    for (const auto& r : channel.connector_requests())
        if (r.method == "POST" && r.conversation_id.rfind("a:chat-", 0) == 0 && r.status == 200) ++out[r.conversation_id];
    return out;
}

std::uint16_t free_port(int i) { return static_cast<std::uint16_t>(39000 + (::getpid() % 500) * 8 + i); }

}  // namespace

TEST_CASE("three crmbot processes on one database deliver each notification once", "[e2e][db][notify][processes]") {
    test::FakeChannel channel;
    channel.start();
    auto fan = prepare(channel, 6, 20);
    {
        BotProcess a(free_port(0), 4), b(free_port(1), 4), c(free_port(2), 4);
        REQUIRE(wait_sent(fan, static_cast<long>(fan.deliveries), 60s));
        std::this_thread::sleep_for(300ms);  // nothing more should come
    }
    auto posts = posts_per_chat(channel);
    CHECK(posts.size() == fan.deliveries);
    for (const auto& [chat, n] : posts) {
        INFO(chat);
        CHECK(n == 1);
    }
}

TEST_CASE("a crmbot killed mid fan-out loses nothing, duplicates stay within what was in flight",
          "[e2e][db][notify][processes]") {
    test::FakeChannel channel;
    channel.start();
    channel.set_connector_delay(5ms);  // slow enough to be caught in the middle
    auto fan = prepare(channel, 20, 25);
    const std::size_t workers = 2;
    {
        BotProcess first(free_port(3), workers);
        REQUIRE(wait_sent(fan, static_cast<long>(fan.deliveries / 4), 60s));
        first.stop(SIGKILL);
    }
    const long before_restart = sent(fan);
    CHECK(before_restart < static_cast<long>(fan.deliveries));
    {
        BotProcess second(free_port(4), workers);
        REQUIRE(wait_sent(fan, static_cast<long>(fan.deliveries), 90s));
    }
    auto posts = posts_per_chat(channel);
    CHECK(posts.size() == fan.deliveries);  // everyone heard
    std::size_t total = 0;
    for (const auto& [chat, n] : posts) total += static_cast<std::size_t>(n);
    // What a process had sent but not yet recorded when it died (at most a batch
    // per worker, recorded every 100 ms) may go out again; nothing else does.
    CHECK(total - fan.deliveries <= workers * bot::app::NotificationDispatcher::kMaxUnrecordedSends);
    CHECK(total >= fan.deliveries);
}

namespace {
// The largest number of requests in any window of `length`, over `times` (sorted).
std::size_t busiest_window(std::vector<std::chrono::steady_clock::time_point> times,
                           std::chrono::steady_clock::duration length) {
    std::sort(times.begin(), times.end());
    std::size_t best = 0, first = 0;
    for (std::size_t last = 0; last < times.size(); ++last) {
        while (times[last] - times[first] >= length) ++first;
        best = std::max(best, last - first + 1);
    }
    return best;
}
}  // namespace

TEST_CASE("with 30% of sends throttled, every notification arrives, none before its Retry-After, within Teams' limits",
          "[e2e][db][notify][processes]") {
    test::FakeChannel channel;
    channel.start();
    channel.set_random_throttling(0.3, "1");
    auto fan = prepare(channel, 4, 60);  // 240 deliveries; 60 a tenant: more than its 50 a second
    {
        BotProcess bot(free_port(5), 8);
        REQUIRE(wait_sent(fan, static_cast<long>(fan.deliveries), 120s));
    }
    std::map<std::string, std::vector<test::RecordedRequest>> by_chat;
    std::map<std::string, std::vector<std::chrono::steady_clock::time_point>> by_tenant;
    std::size_t throttled = 0;
    for (const auto& r : channel.connector_requests()) {
        if (r.method != "POST" || r.conversation_id.rfind("a:chat-", 0) != 0) continue;
        by_chat[r.conversation_id].push_back(r);
        const auto tenant = r.conversation_id.substr(7, r.conversation_id.rfind('-') - 7);
        by_tenant[tenant].push_back(r.received_at);
        if (r.status == 429) ++throttled;
    }
    CHECK(throttled > fan.deliveries / 10);  // the storm happened
    REQUIRE(by_chat.size() == fan.deliveries);
    for (const auto& [chat, requests] : by_chat) {
        INFO(chat);
        CHECK(requests.back().status == 200);  // delivered in the end
        for (std::size_t i = 1; i < requests.size(); ++i)
            if (requests[i - 1].status == 429) CHECK(requests[i].received_at - requests[i - 1].received_at >= 1s);
        std::vector<std::chrono::steady_clock::time_point> times;
        for (const auto& r : requests) times.push_back(r.received_at);
        CHECK(busiest_window(times, 1s) <= 7);
        CHECK(busiest_window(times, 2s) <= 8);
    }
    for (const auto& [tenant, times] : by_tenant) {
        INFO(tenant);
        CHECK(busiest_window(times, 1s) <= 50);
    }
}
