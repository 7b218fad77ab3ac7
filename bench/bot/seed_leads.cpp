// Seeds a bench database for `scripts/bench bot`: the sender of the load's messages
// (tenant and aadObjectId of teams-message.lua) and leads L-1..L-<count> owned by them,
// through the public crm_core API (migrations included), so `lead <n>` finds a record.
//   bench_seed_leads --database URL [--count 1000]
#include <crm_core/crm.hpp>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <string>

int main(int argc, char** argv) {
    std::string url;
    int count = 1000;
    std::string tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    std::string aad_object_id = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e";
    // The bot finds the sender by aadObjectId; it refreshes the Teams id and name from the activities.
    std::string teams_user_id = "29:bench-sender";
    std::string name = "Bench Sender";

    CLI::App app{"Seed the bot benchmark database"};
    app.add_option("--database", url, "libpq URL of the (fresh) bench database")->required();
    app.add_option("--count", count, "number of leads (L-1..L-count)")->check(CLI::Range(1, 1000000));
    app.add_option("--tenant", tenant, "tenant id of the load");
    app.add_option("--aad-object-id", aad_object_id, "aadObjectId of the sender");
    CLI11_PARSE(app, argc, argv);

    try {
        crm::Database db({.url = url, .pool_size = 1});
        if (auto applied = db.migrate(); !applied) {
            std::fprintf(stderr, "seed: migrate failed: %s\n", applied.error().message.c_str());
            return 1;
        }
        crm::Crm crm(db);
        auto user = crm.directory.ensure_user(tenant, {aad_object_id, teams_user_id, name, "bench.sender@contoso.example"});
        if (!user) {
            std::fprintf(stderr, "seed: ensure_user failed: %s\n", user.error().message.c_str());
            return 1;
        }
        const crm::Actor actor = user->actor();
        int last = 0;
        for (int i = 1; i <= count; ++i) {
            const auto n = std::to_string(i);
            crm::LeadDraft draft;
            draft.first_name = "Pat";
            draft.last_name = "Lead " + n;
            draft.company = "Contoso " + n + " Ltd";
            draft.email = "pat.lead" + n + "@contoso" + n + ".example";
            draft.phone = "+1 555 0100";
            draft.title = "Buyer";
            draft.source = "bench";
            auto lead = crm.leads.create(actor, draft);
            if (!lead) {
                std::fprintf(stderr, "seed: lead %d failed: %s\n", i, lead.error().message.c_str());
                return 1;
            }
            last = lead->number;
        }
        if (last != count) {
            std::fprintf(stderr, "seed: expected the last lead to be L-%d, got L-%d (database not fresh?)\n", count, last);
            return 1;
        }
        std::printf("SEEDED tenant=%s user_id=%lld leads=%d\n", tenant.c_str(), static_cast<long long>(user->id), count);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "seed: %s\n", e.what());
        return 1;
    }
    return 0;
}
