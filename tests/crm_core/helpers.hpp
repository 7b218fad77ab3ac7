#pragma once
// Shared helpers of the crm_core tests: checked unwrapping of Result<T>, exact
// error assertions, printable domain values, and small record factories.
#include "support/test_database.hpp"

#include <catch2/catch.hpp>
#include <crm_core/crm.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

// ---- Printing domain values in assertion messages ---------------------------
namespace Catch {
template <>
struct StringMaker<crm::ErrorCode> {
    static std::string convert(crm::ErrorCode c) { return std::string(crm::to_string(c)); }
};
template <>
struct StringMaker<crm::LeadStatus> {
    static std::string convert(crm::LeadStatus s) { return std::string(crm::to_string(s)); }
};
template <>
struct StringMaker<crm::StageKind> {
    static std::string convert(crm::StageKind k) { return std::string(crm::to_string(k)); }
};
template <>
struct StringMaker<crm::RecordKind> {
    static std::string convert(crm::RecordKind k) { return std::string(crm::to_string(k)); }
};
template <>
struct StringMaker<crm::RecordRef> {
    static std::string convert(const crm::RecordRef& r) {
        return std::string(crm::to_string(r.kind)) + "#" + std::to_string(r.number);
    }
};
template <>
struct StringMaker<crm::Money> {
    static std::string convert(const crm::Money& m) {
        return std::to_string(m.cents) + " cents " + m.currency;
    }
};
template <>
struct StringMaker<std::chrono::year_month_day> {
    static std::string convert(const std::chrono::year_month_day& d) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                      unsigned(d.day()));
        return buf;
    }
};
template <class T>
struct StringMaker<std::optional<T>> {
    static std::string convert(const std::optional<T>& v) {
        return v ? StringMaker<T>::convert(*v) : std::string("nullopt");
    }
};
}  // namespace Catch

namespace crmtest {

using namespace crm;

inline std::string describe(const crm::Error& e) {
    return std::string(crm::to_string(e.code)) + " (field '" + e.field + "'): " + e.message;
}

// Unwraps a Result that must succeed; on failure the test stops with the error.
template <class T>
T must(crm::Result<T>&& r, const char* expr, const char* file, int line) {
    if (!r.ok()) {
        FAIL(file << ":" << line << ": " << expr << " failed: " << describe(r.error()));
        throw std::logic_error("unreachable");
    }
    return std::move(r).value();
}

// The error of a Result that must fail; the test stops when it succeeded.
template <class T>
crm::Error must_fail(crm::Result<T>&& r, const char* expr, const char* file, int line) {
    if (r.ok()) {
        FAIL(file << ":" << line << ": " << expr << " succeeded but was expected to fail");
        throw std::logic_error("unreachable");
    }
    return r.error();
}

}  // namespace crmtest

#define MUST(expr) ::crmtest::must((expr), #expr, __FILE__, __LINE__)
#define MUST_FAIL(expr) ::crmtest::must_fail((expr), #expr, __FILE__, __LINE__)

// The call fails with exactly this error code.
#define REQUIRE_ERROR(expr, expected_code)                                     \
    do {                                                                       \
        const ::crm::Error err_ = MUST_FAIL(expr);                             \
        INFO(#expr << " -> " << ::crmtest::describe(err_));                   \
        REQUIRE(err_.code == (expected_code));                                 \
    } while (false)

// The call fails with a validation error on exactly this field.
#define REQUIRE_VALIDATION(expr, expected_field)                               \
    do {                                                                       \
        const ::crm::Error err_ = MUST_FAIL(expr);                             \
        INFO(#expr << " -> " << ::crmtest::describe(err_));                   \
        REQUIRE(err_.code == ::crm::ErrorCode::validation);                    \
        REQUIRE(err_.field == (expected_field));                               \
    } while (false)

namespace crmtest {

inline crm::Crm& core() { return test::crm(); }

// ---- Factories (each must succeed) -------------------------------------------
// A lead whose company and email domain match no account until one is made.
inline crm::LeadDraft ada_draft() {
    crm::LeadDraft d;
    d.first_name = "Ada";
    d.last_name = "Lovelace";
    d.company = "Analytical Engines";
    d.email = "ada@analytical.example";
    d.phone = "+44 1";
    d.title = "Countess";
    return d;
}
inline crm::Lead make_lead(const test::TenantFixture& t, crm::LeadDraft draft) {
    return MUST(core().leads.create(t.actor(), draft));
}
inline crm::Lead make_lead(const test::TenantFixture& t, const std::string& first, const std::string& last,
                           const std::string& company = {}, const std::string& email = {}) {
    crm::LeadDraft d;
    d.first_name = first;
    d.last_name = last;
    d.company = company;
    d.email = email;
    return make_lead(t, d);
}
inline crm::Account make_account(const test::TenantFixture& t, const std::string& name,
                                 const std::string& domain = {}) {
    crm::AccountDraft d;
    d.name = name;
    d.domain = domain;
    return MUST(core().accounts.create(t.actor(), d));
}
inline crm::Contact make_contact(const test::TenantFixture& t, std::int32_t account_number,
                                 const std::string& first, const std::string& last,
                                 const std::string& email = {}) {
    crm::ContactDraft d;
    d.first_name = first;
    d.last_name = last;
    d.email = email;
    d.account_number = account_number;
    return MUST(core().contacts.create(t.actor(), d));
}
inline crm::Opportunity make_deal(const test::TenantFixture& t, std::int32_t account_number,
                                  const std::string& name, std::optional<std::string> stage = {}) {
    crm::OpportunityDraft d;
    d.name = name;
    d.account_number = account_number;
    d.stage = std::move(stage);
    return MUST(core().opportunities.create(t.actor(), d));
}
// A person with a company, enough to convert.
inline crm::LeadDraft person_draft(std::string first, std::string last, std::string company) {
    crm::LeadDraft d;
    d.first_name = std::move(first);
    d.last_name = std::move(last);
    d.company = std::move(company);
    return d;
}
// A lead moved to Qualified (New -> Qualified is allowed).
inline crm::Lead make_qualified_lead(const test::TenantFixture& t, crm::LeadDraft draft) {
    auto lead = make_lead(t, std::move(draft));
    return MUST(core().leads.change_status(t.actor(), lead.number, crm::LeadStatus::qualified));
}

// ---- Listing everything (for before/after counts) ----------------------------
inline crm::PageRequest all_page() { return {0, 100}; }

inline std::vector<crm::Lead> all_leads(const crm::Actor& a, bool include_converted = true) {
    crm::LeadFilter f;
    f.include_converted = include_converted;
    f.page = all_page();
    return MUST(core().leads.list(a, f)).items;
}
inline std::vector<crm::Account> all_accounts(const crm::Actor& a) {
    crm::AccountFilter f;
    f.page = all_page();
    return MUST(core().accounts.list(a, f)).items;
}
inline std::vector<crm::Contact> all_contacts(const crm::Actor& a) {
    crm::ContactFilter f;
    f.page = all_page();
    return MUST(core().contacts.list(a, f)).items;
}
inline std::vector<crm::Opportunity> all_deals(const crm::Actor& a) {
    crm::OpportunityFilter f;
    f.page = all_page();
    return MUST(core().opportunities.list(a, f)).items;
}

template <class T>
std::set<std::int32_t> numbers_of(const std::vector<T>& items) {
    std::set<std::int32_t> out;
    for (const auto& i : items) out.insert(i.number);
    return out;
}

// ---- The pipeline ------------------------------------------------------------
inline std::vector<crm::Stage> stages_of(const test::TenantFixture& t) {
    return MUST(core().pipeline.stages(t.actor()));
}
inline std::vector<crm::Stage> open_stages(const test::TenantFixture& t) {
    std::vector<crm::Stage> out;
    for (auto& s : stages_of(t))
        if (!s.closed()) out.push_back(s);
    return out;
}
inline crm::Stage closed_stage(const test::TenantFixture& t, crm::StageKind kind) {
    for (auto& s : stages_of(t))
        if (s.kind == kind) return s;
    FAIL("no closed stage of kind " << crm::to_string(kind));
    throw std::logic_error("unreachable");
}

// The follow target of a lead, deal or account (FollowTarget::of is nullopt for contacts).
inline crm::FollowTarget target_of(crm::RecordRef ref) {
    auto target = crm::FollowTarget::of(ref);
    REQUIRE(target.has_value());
    return *target;
}

inline std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}
inline std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return s;
}

inline crm::Date ymd(int y, unsigned m, unsigned d) {
    return crm::Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

}  // namespace crmtest
