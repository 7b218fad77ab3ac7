#include <crm_core/leads.hpp>

#include "event_log.hpp"
#include "pg/database_impl.hpp"
#include "rows/rows.hpp"
#include "validation.hpp"

namespace crm {

namespace {
struct LeadFields {
    std::string first_name, last_name, company, email, phone, title, source;
};

void check(LeadFields& f) {
    validate::clean(f.first_name, "first_name");
    validate::clean(f.last_name, "last_name");
    validate::clean(f.company, "company");
    validate::email(f.email);
    validate::clean(f.phone, "phone", 50);
    validate::clean(f.title, "title");
    validate::clean(f.source, "source", 100);
    if (f.first_name.empty() && f.last_name.empty() && f.company.empty())
        fail_validation("last_name", "a lead needs a name or a company");
}

bool status_change_allowed(LeadStatus from, LeadStatus to) {
    using S = LeadStatus;
    switch (from) {
        case S::new_: return to == S::contacted || to == S::qualified || to == S::unqualified;
        case S::contacted: return to == S::qualified || to == S::unqualified;
        case S::qualified: return to == S::contacted || to == S::unqualified;
        case S::unqualified: return to == S::contacted;
    }
    return false;
}

void require_editable(const Lead& lead) {
    if (lead.converted())
        fail(ErrorCode::forbidden, lead.ref().display() + " was converted and is read-only");
}
}  // namespace

Result<Lead> Leads::create(const Actor& actor, const LeadDraft& draft) {
    return db_.impl().single([&](pg::Tx& tx) {
        LeadFields f{draft.first_name, draft.last_name, draft.company, draft.email,
                     draft.phone,      draft.title,     draft.source};
        check(f);
        RowId owner = draft.owner_id.value_or(actor.user_id);
        if (draft.owner_id) rows::require_user(tx, actor.tenant, owner);
        Changes changes;
        for (auto [field, value] : std::initializer_list<std::pair<const char*, const std::string*>>{
                 {"first_name", &f.first_name}, {"last_name", &f.last_name}, {"company", &f.company},
                 {"email", &f.email}})
            if (!value->empty()) changes.after(field, *value);
        changes.after("status", "New");
        auto event = event_params(actor, "created", changes);
        static const pg::Sql kInsert{"lead_insert", rows::next_number_cte(RecordKind::lead) +
            ", created as (insert into leads (tenant_id, number, first_name, last_name, company, email, phone, title,"
            " source, status, owner_id) select $1, n.last_number, $2, $3, $4, $5, $6, $7, $8, 'New', $9 from n"
            " returning id, number, version, created_at), " + event_cte("lead", "created", 10) +
            " select id, number, version, crm_micros(created_at),"
            " (select display_name from users u where u.tenant_id = $1 and u.id = $9) from created"};
        auto r = tx.row(kInsert, actor.tenant, f.first_name, f.last_name, f.company, f.email, f.phone, f.title,
                        f.source, owner, event.actor_id, event.action, event.before, event.after);
        auto number = r[1].as<std::int32_t>();
        Lead lead;
        lead.id = r[0].as<RowId>();
        lead.number = number;
        lead.first_name = f.first_name;
        lead.last_name = f.last_name;
        lead.company = f.company;
        lead.email = f.email;
        lead.phone = f.phone;
        lead.title = f.title;
        lead.source = f.source;
        lead.status = LeadStatus::new_;
        lead.owner = {owner, r[4].as<std::string>()};
        lead.version = r[2].as<std::int32_t>();
        lead.created_at = lead.updated_at = pg::from_micros(r[3].as<long long>());
        return lead;
    });
}

Result<Lead> Leads::get(const Actor& actor, std::int32_t number) {
    return db_.impl().read([&](pg::Tx& tx) { return rows::load_lead(tx, actor.tenant, number); });
}

Result<LeadOverview> Leads::overview(const Actor& actor, std::int32_t number, std::int32_t recent_events) {
    return db_.impl().read([&](pg::Tx& tx) { return rows::load_lead_overview(tx, actor, number, recent_events); });
}

Result<Page<Lead>> Leads::list(const Actor& actor, const LeadFilter& filter) {
    return db_.impl().read(
        [&](pg::Tx& tx) { return rows::make_page(rows::list_leads(tx, actor.tenant, filter), filter.page); });
}

Result<Lead> Leads::update(const Actor& actor, std::int32_t number, const LeadPatch& patch,
                           std::optional<std::int32_t> expected_version) {
    return db_.impl().run([&](pg::Tx& tx) {
        Lead lead = rows::lock_lead(tx, actor.tenant, number);
        require_editable(lead);
        rows::check_version({lead.id, lead.version}, expected_version, lead.ref());
        LeadFields f{patch.first_name.value_or(lead.first_name), patch.last_name.value_or(lead.last_name),
                     patch.company.value_or(lead.company),       patch.email.value_or(lead.email),
                     patch.phone.value_or(lead.phone),           patch.title.value_or(lead.title),
                     patch.source.value_or(lead.source)};
        check(f);
        RowId owner = patch.owner_id.value_or(lead.owner.id);
        if (owner != lead.owner.id) rows::require_user(tx, actor.tenant, owner);
        Changes changes;
        changes.diff("first_name", lead.first_name, f.first_name);
        changes.diff("last_name", lead.last_name, f.last_name);
        changes.diff("company", lead.company, f.company);
        changes.diff("email", lead.email, f.email);
        changes.diff("phone", lead.phone, f.phone);
        changes.diff("title", lead.title, f.title);
        changes.diff("source", lead.source, f.source);
        changes.diff("owner_id", std::to_string(lead.owner.id), std::to_string(owner));
        if (changes.empty()) return lead;
        static const pg::Sql kUpdate{"lead_update",
            "update leads set first_name = $3, last_name = $4, company = $5, email = $6, phone = $7, title = $8,"
            " source = $9, owner_id = $10, version = version + 1, updated_at = now()"
            " where tenant_id = $1 and id = $2"};
        tx.exec(kUpdate, actor.tenant, lead.id, f.first_name, f.last_name, f.company, f.email, f.phone, f.title,
                f.source, owner);
        record_event(tx, actor, {"lead", lead.id, lead.number}, "updated", changes);
        return rows::load_lead(tx, actor.tenant, number);
    });
}

Result<Lead> Leads::change_status(const Actor& actor, std::int32_t number, LeadStatus status,
                                  std::optional<std::int32_t> expected_version) {
    // One statement when the change is allowed (the usual case); only a refused
    // change reads the lead again to say why.
    return db_.impl().single([&](pg::Tx& tx) {
        std::string allowed;
        for (auto from : {LeadStatus::new_, LeadStatus::contacted, LeadStatus::qualified, LeadStatus::unqualified})
            if (status_change_allowed(from, status)) {
                if (!allowed.empty()) allowed += ',';
                allowed += to_string(from);
            }
        const std::string to = std::string(to_string(status));
        if (auto changed = rows::change_lead_status(tx, actor, number, allowed, to, expected_version)) return *changed;
        Lead lead = rows::load_lead(tx, actor.tenant, number);
        require_editable(lead);
        rows::check_version({lead.id, lead.version}, expected_version, lead.ref());
        if (!status_change_allowed(lead.status, status))
            fail(ErrorCode::invalid_transition, lead.ref().display() + " is " + std::string(to_string(lead.status)) +
                                                    " and cannot become " + to);
        fail(ErrorCode::conflict, lead.ref().display() + " was changed by someone else; reload it and try again");
    });
}

}  // namespace crm
