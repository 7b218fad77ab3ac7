#pragma once
// The tests' real PostgreSQL: the database scripts/test created for this run
// (CRM_TEST_DATABASE_URL, else DATABASE_URL), migrated once per process. Tests
// isolate themselves by tenant: each gets a fresh tenant id, so they can share
// one database and run in parallel.
#include <crm_core/crm.hpp>

#include <string>

namespace test {

// Throws (fails the test, never skips) when no database is configured.
const std::string& database_url();
crm::Database& database();  // shared, migrated
crm::Crm& crm();

std::string unique_tenant();  // "tenant-<random>"

// A fresh tenant with a first user (its admin); more users on request.
struct TenantFixture {
    TenantFixture();
    crm::User admin;
    crm::Actor actor() const { return admin.actor(); }
    crm::User add_user(const std::string& name, crm::Role role = crm::Role::rep);
    // Number of event rows of this tenant (every mutation leaves exactly one).
    long event_count() const;
};

}  // namespace test
