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
// SQL: the id of the account that fits a lead, by the SQL expressions `name`
// (same name, case-insensitive) else `domain` (the lead's company email domain);
// the oldest wins when several fit. Two index lookups rather than one OR: a
// generic plan cannot tell which side is empty and would scan the tenant's accounts.
std::string fitting_account_sql(std::string_view name, std::string_view domain) {
    const std::string n(name), d(domain);
    return "select id from ("
           " (select id, 0 as rank, number from accounts where tenant_id = $1 and " + n + " <> ''"
           "  and lower(name) = lower(" + n + ") order by number limit 1)"
           " union all"
           " (select id, 1, number from accounts where tenant_id = $1 and " + d + " <> '' and domain <> ''"
           "  and lower(domain) = " + d + " order by number limit 1)) m order by rank limit 1";
}

std::optional<RowId> matching_account(pg::Tx& tx, const TenantId& tenant, const std::string& name,
                                      const std::string& domain) {
    static const pg::Sql kMatch{"account_match", fitting_account_sql("$2", "$3")};
    auto row = tx.maybe_row(kMatch, tenant, name, domain);
    if (!row) return std::nullopt;
    return (*row)[0].as<RowId>();
}

RowId chosen_account(pg::Tx& tx, const TenantId& tenant, std::int32_t number) {
    static const pg::Sql kChosen{"account_chosen", "select id from accounts where tenant_id = $1 and number = $2"};
    auto row = tx.maybe_row(kChosen, tenant, number);
    if (!row) fail(ErrorCode::not_found, RecordRef{RecordKind::account, number}.display() + " not found");
    return (*row)[0].as<RowId>();
}

// The conversion as one statement: the lead, locked only if it is still the
// version the checks ran on; the account chosen ($4), else one that fits by name
// or email domain, else a new one; the contact; the deal when asked for, with its
// first stage history row; the lead marked converted; its event; and everything it
// created as it now reads. No row: the lead changed since it was read.
const pg::Sql& conversion_statement() {
    static const std::string kPrefix[] = {std::string(1, number_prefix(RecordKind::contact)) + "-",
                                          std::string(1, number_prefix(RecordKind::account)) + "-",
                                          std::string(1, number_prefix(RecordKind::opportunity)) + "-"};
    static const pg::Sql kConvert{"lead_conversion",
        // The version pins what was checked (status, company, email); no status
        // condition here, which a plan made on small tables would use an index for.
        "with lk as (select id from leads where tenant_id = $1 and id = $2 and version = $3"
        "  and converted_at is null for update),"
        " matched as (select a.* from accounts a where a.tenant_id = $1"
        "  and a.id = coalesce($4::bigint, (" + fitting_account_sql("$5", "$6") + "))),"
        " na as (" + rows::next_number_query(RecordKind::account) +
        "  and exists (select 1 from lk) and not exists (select 1 from matched)),"
        " new_account as (insert into accounts (tenant_id, number, name, domain, website, industry, phone, owner_id)"
        "  select $1, na.last_number, $5, $6, '', '', '', $7 from na returning *),"
        " account as (select *, false as created from matched union all select *, true from new_account),"
        " nc as (" + rows::next_number_query(RecordKind::contact) + " and exists (select 1 from lk)),"
        " contact as (insert into contacts (tenant_id, number, first_name, last_name, email, phone, title, account_id,"
        "  owner_id, lead_id) select $1, nc.last_number, $8, $9, $10, $11, $12, a.id, $7, lk.id"
        "  from nc cross join account a cross join lk returning *),"
        " nd as (" + rows::next_number_query(RecordKind::opportunity) + " and $13::boolean and exists (select 1 from lk)),"
        " deal as (insert into opportunities (tenant_id, number, name, account_id, primary_contact_id, amount, currency,"
        "  expected_close, stage_id, probability, owner_id, lead_id, closed_at)"
        "  select $1, nd.last_number, coalesce($14, left(a.name || ' - ' || $21, 200)), a.id, c.id, $15::numeric, $16,"
        "  $17::date, $18, $19, $7, c.lead_id, case when $20 then now() end"
        "  from nd cross join account a cross join contact c returning *),"
        " history as (insert into stage_history (tenant_id, opportunity_id, from_stage_id, to_stage_id, changed_by)"
        "  select $1, id, null, stage_id, $7 from deal),"
        " converted as (update leads l set converted_at = now(), converted_contact_id = c.id,"
        "  converted_account_id = c.account_id, converted_opportunity_id = (select id from deal),"
        "  version = l.version + 1, updated_at = now()"
        "  from contact c where l.tenant_id = $1 and l.id = $2"
        "  returning l.id, l.number, l.version, l.updated_at, l.converted_at),"
        // As event_params() writes it: the records by their short refs.
        " event as (insert into events (tenant_id, actor_id, record_kind, record_id, record_number, action, before, after,"
        "  fanout) select $1, $22::bigint, 'lead', cv.id, cv.number, 'converted', '{}',"
        "  jsonb_build_object('contact', '" + kPrefix[0] + "' || c.number, 'account', '" + kPrefix[1] + "' || a.number,"
        "  'account_matched', (not a.created)::text)"
        "  || coalesce((select jsonb_build_object('opportunity', '" + kPrefix[2] + "' || d.number) from deal d), '{}'), " +
        audience_sql("lead", "cv.id", "$22::bigint", "'converted'") +
        "  from converted cv cross join contact c cross join account a),"
        " acc as (" + rows::account_select_from("account") + "),"
        " con as (" + rows::contact_select_from("contact", "account") + "),"
        " opp as (" + rows::opportunity_select_from("deal", "account", "contact") + ")"
        " select cv.version, crm_micros(cv.updated_at), crm_micros(cv.converted_at), a.created, acc.*, con.*, opp.*"
        " from converted cv cross join account a cross join acc cross join con left join opp on true"};
    return kConvert;
}

struct NewDeal {
    std::optional<std::string> name;  // nullopt: "<account> - <person>"
    std::optional<Money> amount;
    std::optional<Date> expected_close;
    Stage stage;
};

std::string person_name(const Lead& lead) {
    if (lead.first_name.empty()) return lead.last_name;
    if (lead.last_name.empty()) return lead.first_name;
    return lead.first_name + " " + lead.last_name;
}

// A conversion checked against the lead as read: the lead, and the statement's
// parameters that are not the lead's own.
struct CheckedConversion {
    Lead lead;
    std::optional<RowId> account_id;  // chosen, or found when the lead has no company
    std::string account_name, domain, person;
    std::optional<NewDeal> deal;
};

CheckedConversion check_conversion(pg::Tx& tx, const Actor& actor, std::int32_t number,
                                   const LeadConversion& options) {
    auto [lead, first_open] = rows::load_lead_with_first_open_stage(tx, actor.tenant, number);
    if (lead.converted())
        fail(ErrorCode::invalid_transition,
             lead.ref().display() + " was already converted into " + lead.converted_contact->ref.display());
    rows::check_version({lead.id, lead.version}, options.expected_version, lead.ref());
    if (lead.status != LeadStatus::qualified)
        fail(ErrorCode::invalid_transition, lead.ref().display() + " is " + std::string(to_string(lead.status)) +
                                                ": only a Qualified lead can be converted");
    CheckedConversion c;
    c.person = person_name(lead);
    if (c.person.empty())
        fail_validation("last_name", lead.ref().display() + " has no person's name; a contact needs one");

    std::optional<Money> amount = options.amount;
    validate::money(amount);

    // The account: the one chosen, else one that fits (found by the statement),
    // else a new one, which needs a name.
    c.domain = text::email_domain(lead.email);
    if (text::is_free_mail_domain(c.domain)) c.domain.clear();
    c.account_name = text::trim(options.account_name.value_or(lead.company));
    validate::clean(c.account_name, "account_name");
    if (options.account_number) {
        c.account_id = chosen_account(tx, actor.tenant, *options.account_number);
    } else if (c.account_name.empty()) {
        c.account_id = matching_account(tx, actor.tenant, c.account_name, c.domain);
        if (!c.account_id)
            fail_validation("company", lead.ref().display() + " has no company: choose an account or name one");
    }

    if (options.create_opportunity) {
        std::optional<std::string> name;
        if (options.opportunity_name) {
            name = text::trim(*options.opportunity_name);
            validate::clean(*name, "opportunity_name");
            if (name->empty()) fail_validation("opportunity_name", "the deal needs a name");
        }
        if (!first_open) fail(ErrorCode::invalid_transition, "the pipeline has no open stage");
        c.deal = NewDeal{std::move(name), amount, options.expected_close, *first_open};
    }
    c.lead = std::move(lead);
    return c;
}

// The conversion statement: nullopt when the lead changed since it was checked.
std::optional<ConversionResult> run_conversion(pg::Tx& tx, const Actor& actor, const CheckedConversion& c) {
    std::optional<std::string> amount_text, currency, close;
    std::optional<RowId> stage_id;
    std::optional<std::int32_t> probability;
    bool closed = false;
    const auto& deal = c.deal;
    if (deal) {
        if (deal->amount) {
            amount_text = deal->amount->amount_text();
            currency = deal->amount->currency;
        }
        if (deal->expected_close) close = to_iso(*deal->expected_close);
        stage_id = deal->stage.id;
        probability = deal->stage.probability;
        closed = deal->stage.closed();
    }
    const Lead& lead = c.lead;
    auto row = tx.maybe_row(conversion_statement(), actor.tenant, lead.id, lead.version, c.account_id, c.account_name,
                            c.domain, actor.user_id, lead.first_name, lead.last_name, lead.email, lead.phone, lead.title,
                            deal.has_value(), deal ? deal->name : std::nullopt, amount_text, currency, close, stage_id,
                            probability, closed, c.person, event_actor(actor));
    if (!row) return std::nullopt;
    const auto& r = *row;

    ConversionResult result;
    int col = 4;
    result.account = rows::account_from_row(r.slice(col, col + rows::kAccountColumnCount));
    col += rows::kAccountColumnCount;
    result.contact = rows::contact_from_row(r.slice(col, col + rows::kContactColumnCount));
    col += rows::kContactColumnCount;
    if (deal) result.opportunity = rows::opportunity_from_row(r.slice(col, col + rows::kOpportunityColumnCount));
    result.account_matched = !r[3].as<bool>();
    // The lead as it now reads, from what the statement wrote: no reload.
    result.lead = c.lead;
    result.lead.version = r[0].as<std::int32_t>();
    result.lead.updated_at = pg::from_micros(r[1].as<long long>());
    result.lead.converted_at = pg::from_micros(r[2].as<long long>());
    result.lead.converted_contact =
        RecordSummary{result.contact.ref(), result.contact.full_name(), result.contact.email};
    result.lead.converted_account = RecordSummary{result.account.ref(), result.account.name, {}};
    if (result.opportunity)
        result.lead.converted_opportunity = RecordSummary{result.opportunity->ref(), result.opportunity->name, {}};
    return result;
}
}  // namespace

Result<ConversionResult> Leads::convert(const Actor& actor, std::int32_t number, const LeadConversion& options) {
    // Two round trips, no BEGIN or COMMIT: the lead is read and checked, then one
    // statement converts it if it is still that version (atomic on its own; only a
    // connection lost during it leaves the outcome in doubt). A lead changed in
    // between is read and checked again: a second conversion then says the lead is
    // converted, a change of its company matches on the new name.
    for (int attempt = 1;; ++attempt) {
        auto checked = db_.impl().read([&](pg::Tx& tx) { return check_conversion(tx, actor, number, options); });
        if (!checked) return checked.error();
        auto converted = db_.impl().single(
            [&](pg::Tx& tx) { return run_conversion(tx, actor, *checked); });
        if (!converted) return converted.error();
        if (*converted) return std::move(**converted);
        if (attempt == 3)
            return Error{ErrorCode::conflict, RecordRef{RecordKind::lead, number}.display() +
                                                  " keeps being changed by someone else; reload it and try again", {}};
    }
}

}  // namespace crm
