// Notification fan-out: the real bot::app::NotificationDispatcher (what
// `crmbot serve` runs) delivering one change per tenant to every follower,
// against a mock Bot Connector on loopback that answers at once and records when
// each send arrived and for which conversation. Prints figures as "key=value"
// lines (scripts/bench notify); it never passes or fails.
//
//   notify_bench --database URL --scenario tenants --seed      200 tenants x 50 followers
//   notify_bench --database URL --scenario tenants --workers 8 one change per tenant, delivered
//   notify_bench --database URL --scenario saturate ...        one tenant, 3,000 followers
//
// Every follower has a stored 1:1 chat (a conversation reference pointing at the
// mock), so no chat is created while measuring. Seeding goes through the public
// core API. A run makes its changes with the dispatcher stopped (the fan-out is
// timed on its own), then starts the dispatcher and measures until the mock has
// seen every delivery.
#include "app/notification_dispatcher.hpp"
#include "connector/connector_client.hpp"
#include "connector/service_url_policy.hpp"
#include "log/log.hpp"
#include "metrics/metrics.hpp"
#include "mock_connector.hpp"
#include "schema/conversation_reference.hpp"

#include <crm_core/crm.hpp>

#include <CLI/CLI.hpp>
#include <pqxx/pqxx>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct Scenario {
    std::string name;
    int tenants = 0;
    int users = 0;  // followers per tenant
};

std::string tenant_id(const Scenario& s, int t) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "bench-%s-%04d", s.name.c_str(), t);
    return buf;
}

// "a:<tenant>:u<n>": the mock's conversation ids carry their tenant.
std::string conversation_id(const std::string& tenant, int user) { return "a:" + tenant + ":u" + std::to_string(user); }

std::string tenant_of(const std::string& conversation) {
    auto end = conversation.rfind(":u");
    return conversation.size() > 2 && end != std::string::npos ? conversation.substr(2, end - 2) : conversation;
}

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

long status_kb(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::strtol(line.c_str() + std::strlen(key), nullptr, 10);
    return -1;
}

// Resets VmHWM to the current RSS, so that the peak measured is the dispatcher's,
// not the seeding's (Linux >= 4.0).
void reset_peak_rss() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
}

// At most how many of the sorted times fall in any window (x - length, x].
std::size_t max_in_window(const std::vector<Clock::time_point>& times, Clock::duration length) {
    std::size_t best = 0, lo = 0;
    for (std::size_t hi = 0; hi < times.size(); ++hi) {
        while (times[lo] <= times[hi] - length) ++lo;
        best = std::max(best, hi - lo + 1);
    }
    return best;
}

// The admin (who makes the change) and the deal of one tenant.
struct TenantSetup {
    crm::Actor admin;
    std::int32_t deal = 0;
};

crm::Result<TenantSetup> setup_tenant(crm::Crm& crm, const std::string& tenant) {
    auto admin = crm.directory.ensure_user(tenant, {tenant + "-admin", "29:" + tenant + "-admin", "Bench Admin", ""});
    if (!admin) return admin.error();
    TenantSetup out{admin->actor(), 0};
    // Seeded already? Then the deal is D-1.
    if (auto deal = crm.opportunities.get(out.admin, 1)) {
        out.deal = deal->number;
        return out;
    }
    auto account = crm.accounts.create(out.admin, {"Fabrikam " + tenant, "", "", "", "", std::nullopt});
    if (!account) return account.error();
    crm::OpportunityDraft draft;
    draft.name = "Fabrikam rollout";
    draft.account_number = account->number;
    auto deal = crm.opportunities.create(out.admin, draft);
    if (!deal) return deal.error();
    out.deal = deal->number;
    return out;
}

crm::Status seed_tenant(crm::Crm& crm, const std::string& tenant, int users, const std::string& service_url) {
    auto setup = setup_tenant(crm, tenant);
    if (!setup) return setup.error();
    const auto target = crm::FollowTarget{crm::FollowTarget::Kind::opportunity, setup->deal};
    for (int u = 1; u <= users; ++u) {
        const std::string n = std::to_string(u);
        auto user = crm.directory.ensure_user(tenant, {tenant + "-u" + n, "29:" + tenant + "-u" + n, "User " + n, ""});
        if (!user) return user.error();
        bot::schema::ConversationReference ref;
        ref.service_url = service_url;
        ref.conversation_id = conversation_id(tenant, u);
        ref.conversation_type = "personal";
        ref.tenant_id = tenant;
        ref.bot_id = "28:bench";
        ref.user_id = user->teams_user_id;
        nlohmann::json address = ref;
        auto chat = crm.directory.ensure_conversation(tenant, {ref.conversation_id, "personal", "", address.dump(), user->id});
        if (!chat) return chat.error();
        auto followed = crm.followers.follow(user->actor(), target);
        if (!followed) return followed.error();
    }
    return crm::Done{};
}

// Runs f(i) for i in [0, n) on `threads` threads; false when any failed.
template <class F>
bool parallel_for(int n, int threads, F f) {
    std::atomic<int> next{0};
    std::atomic<bool> ok{true};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (int i; (i = next.fetch_add(1)) < n && ok;)
                if (!f(i)) ok = false;
        });
    for (auto& t : pool) t.join();
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Notification fan-out benchmark"};
    std::string url, scenario_name = "tenants";
    int tenants = 0, users = 0, workers = 8, max_rows = 200, seed_threads = 4, pool = 0, timeout_s = 300;
    bool seed = false, per_second = false;
    app.add_option("--database", url, "PostgreSQL URL")->required();
    app.add_option("--scenario", scenario_name, "tenants (many tenants) or saturate (one tenant)");
    app.add_option("--tenants", tenants, "tenants (default 200 / 1)");
    app.add_option("--users", users, "followers per tenant (default 50 / 3000)");
    app.add_option("--workers", workers, "dispatcher workers (CRMBOT_NOTIFY_WORKERS)");
    app.add_option("--claim-rows", max_rows, "rows per claim");
    app.add_option("--pool", pool, "database connections (default: workers + 1)");
    app.add_option("--seed-threads", seed_threads, "threads seeding");
    app.add_option("--timeout", timeout_s, "seconds to wait for every delivery");
    app.add_flag("--seed", seed, "seed the scenario's tenants, then exit");
    app.add_flag("--per-second", per_second, "print the deliveries of every second");
    CLI11_PARSE(app, argc, argv);

    Scenario s{scenario_name, 0, 0};
    if (scenario_name == "tenants") s.tenants = 200, s.users = 50;
    else if (scenario_name == "saturate") s.tenants = 1, s.users = 3000;
    else {
        std::fprintf(stderr, "unknown scenario %s\n", scenario_name.c_str());
        return 2;
    }
    if (tenants > 0) s.tenants = tenants;
    if (users > 0) s.users = users;
    bot::log::set_level(spdlog::level::warn);

    // Seeding need not wait for the disk at every commit.
    const std::string db_url =
        seed ? url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-c%20synchronous_commit%3Doff" : url;
    crm::Database db({.url = db_url, .pool_size = static_cast<std::size_t>(pool > 0 ? pool : std::max(workers + 1, seed_threads))});
    if (auto m = db.migrate(); !m) {
        std::fprintf(stderr, "migrate: %s\n", m.error().message.c_str());
        return 1;
    }
    crm::Crm crm(db);

    // The stored references point at the mock's address, which changes with every
    // run: the port is fixed per database (stored once, read back).
    bench::MockConnector mock;
    mock.start();

    if (seed) {
        auto start = Clock::now();
        std::mutex err_mutex;
        bool ok = parallel_for(s.tenants, std::max(seed_threads, 1), [&](int t) {
            auto st = seed_tenant(crm, tenant_id(s, t), s.users, "http://127.0.0.1:1/");
            if (!st) {
                std::lock_guard lock(err_mutex);
                std::fprintf(stderr, "seed %s: %s\n", tenant_id(s, t).c_str(), st.error().message.c_str());
            }
            return st.ok();
        });
        std::printf("SEED scenario=%s tenants=%d users=%d seconds=%.1f ok=%d\n", s.name.c_str(), s.tenants, s.users,
                    seconds(Clock::now() - start), ok);
        return ok ? 0 : 1;
    }

    // Point every stored 1:1 chat of the scenario at this run's mock.
    {
        pqxx::connection c(url);
        pqxx::work tx(c);
        tx.exec_params(
            "update conversations set address = jsonb_set(address::jsonb, '{serviceUrl}', to_jsonb($1::text))::text"
            " where tenant_id like $2 and kind = 'personal'",
            mock.service_url(), "bench-" + s.name + "-%");
        tx.commit();
    }

    std::vector<TenantSetup> setups(static_cast<std::size_t>(s.tenants));
    for (int t = 0; t < s.tenants; ++t) {
        auto setup = setup_tenant(crm, tenant_id(s, t));
        if (!setup) {
            std::fprintf(stderr, "%s: %s (seed first)\n", tenant_id(s, t).c_str(), setup.error().message.c_str());
            return 1;
        }
        setups[static_cast<std::size_t>(t)] = *setup;
    }

    // The dispatcher as `crmbot serve` builds it, local-development style (no token).
    bot::connector::limit_client_threads(2);
    auto policy = std::make_shared<bot::connector::ServiceUrlPolicy>();
    policy->trust(mock.service_url());
    bot::connector::CppRestConnectorOptions client_options;
    client_options.auth = bot::connector::ConnectorAuth::none;
    auto client = bot::connector::CppRestConnectorClient::create(nullptr, policy, client_options);
    if (!client) {
        std::fprintf(stderr, "connector: %s\n", client.error().message.c_str());
        return 1;
    }
    bot::metrics::Metrics metrics;
    bot::app::DispatcherOptions options;
    options.database_url = url;
    options.bot_id = "28:bench";
    options.workers = static_cast<std::size_t>(std::max(workers, 1));
    options.claim.coalesce = 0ms;
    options.claim.max_rows = max_rows;
    bot::app::NotificationDispatcher dispatcher(crm, *client, metrics, options);

    // Nothing left over from an earlier run.
    {
        pqxx::connection c(url);
        pqxx::work tx(c);
        tx.exec("update outbox set state = 'sent' where state in ('pending', 'sending')");
        tx.commit();
    }

    // The changes: each tenant's admin moves its deal to another open stage.
    const std::size_t expected = static_cast<std::size_t>(s.tenants) * static_cast<std::size_t>(s.users);
    mock.reserve(expected + 16);
    auto change_start = Clock::now();
    bool changed = parallel_for(s.tenants, std::max(seed_threads, 1), [&](int t) {
        const auto& setup = setups[static_cast<std::size_t>(t)];
        auto deal = crm.opportunities.get(setup.admin, setup.deal);
        if (!deal) return false;
        auto moved = crm.opportunities.move_stage(setup.admin, setup.deal,
                                                  deal->stage.name == "Proposal" ? "Negotiation" : "Proposal");
        if (!moved) std::fprintf(stderr, "move: %s\n", moved.error().message.c_str());
        return moved.ok();
    });
    const double fanout_s = seconds(Clock::now() - change_start);
    if (!changed) return 1;

    reset_peak_rss();
    const long rss_before_kb = status_kb("VmRSS:");
    const auto start = Clock::now();
    dispatcher.start();
    const auto deadline = start + std::chrono::seconds(timeout_s);
    // Every send arrived, and (should any have been sent twice) every row is sent.
    auto outbox_left = [&] {
        pqxx::connection c(url);
        pqxx::nontransaction tx(c);
        return tx.exec("select count(*) from outbox where state <> 'sent'")[0][0].as<long>();
    };
    while (Clock::now() < deadline) {
        if (mock.count() < expected) {
            std::this_thread::sleep_for(1ms);
        } else {
            if (outbox_left() == 0) break;
            std::this_thread::sleep_for(50ms);
        }
    }
    const auto done = Clock::now();
    std::this_thread::sleep_for(200ms);  // anything sent twice would show now
    dispatcher.stop();
    const long hwm_kb = status_kb("VmHWM:");
    mock.stop();

    auto arrivals = mock.arrivals();
    std::sort(arrivals.begin(), arrivals.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    std::unordered_map<std::string, std::vector<Clock::time_point>> per_conversation;
    std::map<std::string, std::vector<Clock::time_point>> per_tenant;
    std::size_t sends = 0;
    for (const auto& a : arrivals) {
        if (a.conversation.empty()) continue;
        ++sends;
        per_conversation[a.conversation].push_back(a.at);
        per_tenant[tenant_of(a.conversation)].push_back(a.at);
    }
    std::size_t conv_1s = 0, conv_2s = 0, conv_30s = 0, tenant_1s = 0;
    for (const auto& [_, times] : per_conversation) {
        conv_1s = std::max(conv_1s, max_in_window(times, 1s));
        conv_2s = std::max(conv_2s, max_in_window(times, 2s));
        conv_30s = std::max(conv_30s, max_in_window(times, 30s));
    }
    for (const auto& [_, times] : per_tenant) tenant_1s = std::max(tenant_1s, max_in_window(times, 1s));

    const long left = outbox_left();
    const double first_s = arrivals.empty() ? 0 : seconds(arrivals.front().at - start);
    const double last_s = arrivals.empty() ? 0 : seconds(arrivals.back().at - start);
    const double span_s = arrivals.size() > 1 ? seconds(arrivals.back().at - arrivals.front().at) : 0;
    std::printf(
        "RESULT scenario=%s workers=%d claim_rows=%d tenants=%d users=%d expected=%zu sends=%zu conversations=%zu"
        " fanout_s=%.2f first_s=%.3f last_s=%.3f deliveries_per_s=%.0f sustained_per_s=%.1f"
        " max_conv_1s=%zu max_conv_2s=%zu max_conv_30s=%zu max_tenant_1s=%zu rss_start_mb=%.1f peak_rss_mb=%.1f"
        " not_sent=%ld complete=%d\n",
        s.name.c_str(), workers, max_rows, s.tenants, s.users, expected, sends, per_conversation.size(), fanout_s,
        first_s, last_s, last_s > 0 ? static_cast<double>(sends) / last_s : 0.0,
        span_s > 0 ? static_cast<double>(sends) / span_s : 0.0, conv_1s, conv_2s, conv_30s, tenant_1s,
        static_cast<double>(rss_before_kb) / 1024, static_cast<double>(hwm_kb) / 1024, left,
        sends == expected && per_conversation.size() == expected && left == 0 && done < deadline);
    if (per_second && !arrivals.empty()) {
        // Deliveries in each second from the first (aligned windows), all tenants together.
        std::vector<int> buckets;
        for (const auto& a : arrivals) {
            auto i = static_cast<std::size_t>(seconds(a.at - arrivals.front().at));
            if (buckets.size() <= i) buckets.resize(i + 1);
            ++buckets[i];
        }
        std::printf("PER_SECOND");
        for (int b : buckets) std::printf(" %d", b);
        std::printf("\n");
    }
    return 0;
}
