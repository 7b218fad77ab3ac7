// Lead conversion: one-way and atomic. A qualified lead becomes a contact on an
// account (an existing one that fits, or a new one), optionally with a deal; the
// lead keeps pointing at them and is read-only from then on.
#include <crm_core/leads.hpp>

#include "event_log.hpp"
#include "pg/database_impl.hpp"
#include "rows/rows.hpp"
#include "validation.hpp"

namespace crm {

namespace {
// An account that fits the lead: same name (case-insensitive), else the lead's
// company email domain. The oldest wins when several fit.
std::optional<RowId> matching_account(pg::Tx& tx, const TenantId& tenant, const std::string& name,
                                      const std::string& domain) {
    static const pg::Sql kMatch{"account_match",
        // Two index lookups rather than one OR: a generic plan cannot tell which
        // side is empty and would scan the tenant's accounts.
        "select id from ("
        " (select id, 0 as rank, number from accounts where tenant_id = $1 and $2 <> ''"
        "  and lower(name) = lower($2) order by number limit 1)"
        " union all"
        " (select id, 1, number from accounts where tenant_id = $1 and $3 <> '' and domain <> ''"
        "  and lower(domain) = $3 order by number limit 1)) m order by rank limit 1"};
    auto row = tx.maybe_row(kMatch, tenant, name, domain);
    if (!row) return std::nullopt;
    return (*row)[0].as<RowId>();
}

std::string person_name(const Lead& lead) {
    if (lead.first_name.empty()) return lead.last_name;
    if (lead.last_name.empty()) return lead.first_name;
    return lead.first_name + " " + lead.last_name;
}
}  // namespace

Result<ConversionResult> Leads::convert(const Actor& actor, std::int32_t number, const LeadConversion& options) {
    return db_.impl().run([&](pg::Tx& tx) {
        Lead lead = rows::lock_lead(tx, actor.tenant, number);
        if (lead.converted())
            fail(ErrorCode::invalid_transition,
                 lead.ref().display() + " was already converted into " + lead.converted_contact->ref.display());
        rows::check_version({lead.id, lead.version}, options.expected_version, lead.ref());
        if (lead.status != LeadStatus::qualified)
            fail(ErrorCode::invalid_transition, lead.ref().display() + " is " + std::string(to_string(lead.status)) +
                                                    ": only a Qualified lead can be converted");
        if (person_name(lead).empty())
            fail_validation("last_name", lead.ref().display() + " has no person's name; a contact needs one");

        std::optional<Money> amount = options.amount;
        validate::money(amount);

        // The account: the one chosen, else one that fits, else a new one.
        std::string domain = text::email_domain(lead.email);
        if (text::is_free_mail_domain(domain)) domain.clear();
        std::string account_name = text::trim(options.account_name.value_or(lead.company));
        validate::clean(account_name, "account_name");
        bool matched = true;
        RowId account_id = 0;
        if (options.account_number) {
            account_id = rows::record_id(tx, actor.tenant, {RecordKind::account, *options.account_number});
        } else if (auto found = matching_account(tx, actor.tenant, account_name, domain)) {
            account_id = *found;
        } else {
            if (account_name.empty())
                fail_validation("company", lead.ref().display() + " has no company: choose an account or name one");
            matched = false;
            account_id = rows::insert_account(tx, actor, AccountDraft{account_name, domain, {}, {}, {}, {}});
        }

        ContactDraft contact{lead.first_name, lead.last_name, lead.email, lead.phone, lead.title, {}, {}};
        RowId contact_id = rows::insert_contact(tx, actor, contact, account_id, lead.id);

        ConversionResult result;
        result.account = rows::load_account_by_id(tx, actor.tenant, account_id);
        result.account_matched = matched;
        const Account& account = result.account;
        std::optional<RowId> opportunity_id;
        if (options.create_opportunity) {
            std::string name = text::trim(options.opportunity_name.value_or(account.name + " - " + person_name(lead)));
            validate::clean(name, "opportunity_name");
            if (name.empty()) fail_validation("opportunity_name", "the deal needs a name");
            opportunity_id = rows::insert_opportunity(
                tx, actor,
                {name, account_id, contact_id, amount, options.expected_close,
                 rows::first_open_stage(tx, actor.tenant), actor.user_id, lead.id});
        }

        result.contact = rows::load_contact_by_id(tx, actor.tenant, contact_id);
        if (opportunity_id) result.opportunity = rows::load_opportunity_by_id(tx, actor.tenant, *opportunity_id);
        Changes changes;
        changes.after("contact", result.contact.ref().display());
        changes.after("account", account.ref().display());
        changes.after("account_matched", matched ? "true" : "false");
        if (result.opportunity) changes.after("opportunity", result.opportunity->ref().display());
        auto event = event_params(actor, "converted", changes);
        static const pg::Sql kConvert{"lead_convert",
            "with converted as (update leads set converted_at = now(), converted_contact_id = $3,"
            " converted_account_id = $4, converted_opportunity_id = $5, version = version + 1, updated_at = now()"
            " where tenant_id = $1 and id = $2 returning id, number, version, updated_at, converted_at), " +
            event_cte("lead", "converted", 6) +
            " select version, crm_micros(updated_at), crm_micros(converted_at) from converted"};
        auto r = tx.row(kConvert, actor.tenant, lead.id, contact_id, account_id, opportunity_id, event.actor_id,
                        event.action, event.before, event.after);
        // The lead as it now reads, from what this transaction wrote: no reload.
        result.lead = std::move(lead);
        result.lead.version = r[0].as<std::int32_t>();
        result.lead.updated_at = pg::from_micros(r[1].as<long long>());
        result.lead.converted_at = pg::from_micros(r[2].as<long long>());
        result.lead.converted_contact =
            RecordSummary{result.contact.ref(), result.contact.full_name(), result.contact.email};
        result.lead.converted_account = RecordSummary{account.ref(), account.name, {}};
        if (result.opportunity)
            result.lead.converted_opportunity = RecordSummary{result.opportunity->ref(), result.opportunity->name, {}};
        return result;
    });
}

}  // namespace crm
