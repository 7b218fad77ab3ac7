// A realistic mix of CRM core operations from concurrent clients against a real
// PostgreSQL for a fixed time: create lead, qualify, convert, move stage,
// comment, follow. Prints operations per second and p50/p99 latency, overall and
// per operation, as "key=value" lines that scripts/bench reads.
#include <crm_core/crm.hpp>

#include <CLI/CLI.hpp>
#include <pqxx/pqxx>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

enum Op { create_lead, qualify_lead, convert_lead, move_stage, comment, follow, op_count };
const char* kOpNames[] = {"create_lead", "qualify_lead", "convert_lead", "move_stage", "comment", "follow"};

struct Samples {
    std::vector<double> ms[op_count];
    long errors = 0;
};

// CPU time the whole machine spent busy (user, nice, system, irq, softirq: not
// idle, I/O wait or steal) since boot, in microseconds: with the database on the
// same machine, the work per operation on both sides, whatever the machine's speed.
double machine_busy_us() {
    std::ifstream stat("/proc/stat");
    std::string cpu;
    long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0;
    if (!(stat >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq) || cpu != "cpu") return 0;
    return static_cast<double>(user + nice + system + irq + softirq) * 1e6 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// One client: its own user in one of the tenants, working on its own records.
void client(crm::Crm& crm, const std::string& tenant, int id, Clock::time_point until, Samples& out) {
    std::mt19937 rng(static_cast<unsigned>(id) * 7919u);
    auto user = crm.directory.ensure_user(tenant, {"bench-user-" + std::to_string(id), "29:bench" + std::to_string(id),
                                                   "Bench User " + std::to_string(id), ""});
    if (!user) {
        std::fprintf(stderr, "client %d: %s\n", id, user.error().message.c_str());
        return;
    }
    const crm::Actor actor = user->actor();
    std::deque<std::int32_t> new_leads, qualified_leads, deals, commentable;
    static const char* kStages[] = {"Qualification", "Proposal", "Negotiation", "Won", "Lost"};
    // Weights out of 100, in Op order; an op whose input queue is empty becomes create_lead.
    const int weights[op_count] = {25, 12, 10, 23, 20, 10};
    long seq = 0;
    while (Clock::now() < until) {
        int pick = static_cast<int>(rng() % 100), op = 0;
        for (int acc = weights[0]; pick >= acc; acc += weights[++op]) {}
        if ((op == qualify_lead && new_leads.empty()) || (op == convert_lead && qualified_leads.empty()) ||
            ((op == move_stage || op == follow) && deals.empty()) || (op == comment && commentable.empty()))
            op = create_lead;
        auto start = Clock::now();
        bool ok = true;
        ++seq;
        switch (op) {
            case create_lead: {
                auto n = std::to_string(id) + "-" + std::to_string(seq);
                auto r = crm.leads.create(actor, {"Pat", "Lead " + n, "Company " + n, "pat" + n + "@company" + n + ".example",
                                                  "+1 555 0100", "Buyer", "bench", std::nullopt});
                ok = r.ok();
                if (ok) {
                    new_leads.push_back(r->number);
                    commentable.push_back(r->number);
                }
                break;
            }
            case qualify_lead: {
                auto number = new_leads.front();
                new_leads.pop_front();
                ok = crm.leads.change_status(actor, number, crm::LeadStatus::qualified).ok();
                if (ok) qualified_leads.push_back(number);
                break;
            }
            case convert_lead: {
                auto number = qualified_leads.front();
                qualified_leads.pop_front();
                crm::LeadConversion c;
                c.create_opportunity = true;
                c.amount = crm::Money{2500000, "EUR"};
                auto r = crm.leads.convert(actor, number, c);
                ok = r.ok();
                if (ok && r->opportunity) deals.push_back(r->opportunity->number);
                std::erase(commentable, number);
                break;
            }
            case move_stage: {
                auto number = deals.front();
                deals.pop_front();
                auto stage = kStages[rng() % 5];
                auto r = crm.opportunities.move_stage(actor, number, stage);
                ok = r.ok();
                if (ok && !r->stage.closed()) deals.push_back(number);
                break;
            }
            case comment: {
                auto number = commentable[rng() % commentable.size()];
                ok = crm.notes.add(actor, {crm::RecordKind::lead, number}, "Called, left a message. #" + std::to_string(seq)).ok();
                break;
            }
            case follow: {
                auto number = deals[rng() % deals.size()];
                ok = crm.followers.follow(actor, {crm::FollowTarget::Kind::opportunity, number}).ok();
                break;
            }
        }
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (ok)
            out.ms[op].push_back(ms);
        else
            ++out.errors;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"CRM core benchmark: a mix of core operations from concurrent clients"};
    std::string url;
    int clients = 8, seconds = 20, tenants = 4;
    app.add_option("--database", url, "PostgreSQL URL (default: $DATABASE_URL)")->envname("DATABASE_URL")->required();
    app.add_option("--clients", clients, "concurrent clients")->check(CLI::Range(1, 256));
    app.add_option("--seconds", seconds, "measured duration")->check(CLI::Range(1, 3600));
    app.add_option("--tenants", tenants, "tenants the clients are spread over")->check(CLI::Range(1, 256));
    CLI11_PARSE(app, argc, argv);

    crm::Database db({.url = url, .pool_size = static_cast<std::size_t>(clients)});
    if (auto m = db.migrate(); !m) {
        std::fprintf(stderr, "migrate: %s\n", m.error().message.c_str());
        return 1;
    }
    crm::Crm crm(db);
    const std::string run = std::to_string(std::chrono::system_clock::now().time_since_epoch().count());

    // Warm-up: a second of the same mix, not measured (connections, prepared statements).
    {
        std::vector<std::thread> threads;
        std::vector<Samples> warm(clients);
        auto until = Clock::now() + std::chrono::seconds(1);
        for (int i = 0; i < clients; ++i)
            threads.emplace_back(client, std::ref(crm), "bench-warm-" + run, 1000 + i, until, std::ref(warm[i]));
        for (auto& t : threads) t.join();
    }

    // A CRM in use has table statistics; a fresh benchmark database has none until
    // autovacuum's first pass (up to a minute later), and its plans for empty
    // tables would make the first run look half as fast as the next.
    {
        pqxx::connection c(url);
        pqxx::nontransaction(c).exec("analyze");
    }

    std::vector<Samples> samples(clients);
    std::vector<std::thread> threads;
    const double busy_start = machine_busy_us();
    auto start = Clock::now();
    auto until = start + std::chrono::seconds(seconds);
    for (int i = 0; i < clients; ++i)
        threads.emplace_back(client, std::ref(crm), "bench-" + run + "-" + std::to_string(i % tenants), i, until,
                             std::ref(samples[i]));
    for (auto& t : threads) t.join();
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const double busy_us = machine_busy_us() - busy_start;

    std::vector<double> all;
    long errors = 0;
    std::printf("%-14s %8s %10s %9s %9s\n", "operation", "count", "ops/s", "p50 ms", "p99 ms");
    for (int op = 0; op < op_count; ++op) {
        std::vector<double> v;
        for (auto& s : samples) v.insert(v.end(), s.ms[op].begin(), s.ms[op].end());
        all.insert(all.end(), v.begin(), v.end());
        std::printf("%-14s %8zu %10.1f %9.2f %9.2f\n", kOpNames[op], v.size(), static_cast<double>(v.size()) / elapsed,
                    percentile(v, 0.50), percentile(v, 0.99));
    }
    for (auto& s : samples) errors += s.errors;
    std::printf("%-14s %8zu %10.1f %9.2f %9.2f\n", "all", all.size(), static_cast<double>(all.size()) / elapsed,
                percentile(all, 0.50), percentile(all, 0.99));
    std::printf("RESULT clients=%d seconds=%.1f ops=%zu ops_per_s=%.1f p50_ms=%.3f p99_ms=%.3f errors=%ld"
                " cpu_us_per_op=%.0f\n",
                clients, elapsed, all.size(), static_cast<double>(all.size()) / elapsed, percentile(all, 0.50),
                percentile(all, 0.99), errors, all.empty() ? 0.0 : busy_us / static_cast<double>(all.size()));
    return errors == 0 ? 0 : 2;
}
