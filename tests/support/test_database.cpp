#include "support/test_database.hpp"

#include <pqxx/pqxx>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>

namespace test {

const std::string& database_url() {
    static const std::string url = [] {
        for (const char* name : {"CRM_TEST_DATABASE_URL", "DATABASE_URL"}) {
            if (const char* v = std::getenv(name); v && *v) return std::string(v);
        }
        throw std::runtime_error(
            "no test database: run the tests through scripts/test, or set CRM_TEST_DATABASE_URL");
    }();
    return url;
}

crm::Database& database() {
    static crm::Database db({.url = database_url(), .pool_size = 4});
    return db;
}

namespace {
crm::Database& migrated() {
    static crm::Database& db = [] () -> crm::Database& {
        auto& d = database();
        auto applied = d.migrate();
        if (!applied) throw std::runtime_error("migration failed: " + applied.error().message);
        return d;
    }();
    return db;
}
}  // namespace

crm::Crm& crm() {
    static crm::Crm instance(migrated());
    return instance;
}

std::string unique_tenant() {
    static std::atomic<unsigned> counter{0};
    static const auto seed = std::random_device{}();
    return "tenant-" + std::to_string(seed) + "-" + std::to_string(++counter);
}

TenantFixture::TenantFixture() {
    auto user = crm().directory.ensure_user(unique_tenant(), {"aad-admin", "29:admin", "Ada Admin", "ada@example.com"});
    if (!user) throw std::runtime_error("cannot provision tenant: " + user.error().message);
    admin = user.value();
}

crm::User TenantFixture::add_user(const std::string& name, crm::Role role) {
    const std::string key = "aad-" + name;
    auto user = crm().directory.ensure_user(admin.tenant, {key, "29:" + name, name, name + "@example.com"});
    if (!user) throw std::runtime_error("cannot add user: " + user.error().message);
    if (role != crm::Role::rep) {
        auto changed = crm().directory.set_role(actor(), user->id, role);
        if (!changed) throw std::runtime_error("cannot set role: " + changed.error().message);
        return changed.value();
    }
    return user.value();
}

long TenantFixture::event_count() const {
    pqxx::connection c(database_url());
    pqxx::work w(c);
    return w.exec_params1("select count(*) from events where tenant_id = $1", admin.tenant)[0].as<long>();
}

}  // namespace test
