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
// The conversion's account: its row id, number and name.
struct AccountPick {
    RowId id = 0;
    std::int32_t number = 0;
    std::string name;
};

// An account that fits the lead: same name (case-insensitive), else the lead's
// company email domain. The oldest wins when several fit.
std::optional<AccountPick> matching_account(pg::Tx& tx, const TenantId& tenant, const std::string& name,
                                            const std::string& domain) {
    static const pg::Sql kMatch{"account_match",
        // Two index lookups rather than one OR: a generic plan cannot tell which
        // side is empty and would scan the tenant's accounts.
        "select id, number, name from ("
        " (select id, 0 as rank, number, name from accounts where tenant_id = $1 and $2 <> ''"
        "  and lower(name) = lower($2) order by number limit 1)"
        " union all"
        " (select id, 1, number, name from accounts where tenant_id = $1 and $3 <> '' and domain <> ''"
        "  and lower(domain) = $3 order by number limit 1)) m order by rank limit 1"};
    auto row = tx.maybe_row(kMatch, tenant, name, domain);
    if (!row) return std::nullopt;
    return AccountPick{(*row)[0].as<RowId>(), (*row)[1].as<std::int32_t>(), (*row)[2].as<std::string>()};
}

AccountPick chosen_account(pg::Tx& tx, const TenantId& tenant, std::int32_t number) {
    static const pg::Sql kChosen{"account_chosen", "select id, name from accounts where tenant_id = $1 and number = $2"};
    auto row = tx.maybe_row(kChosen, tenant, number);
    if (!row) fail(ErrorCode::not_found, RecordRef{RecordKind::account, number}.display() + " not found");
    return {(*row)[0].as<RowId>(), number, (*row)[1].as<std::string>()};
}

// What conversion creates: the contact, the account unless one was picked, and the
// deal when asked for, in one statement (three round trips before).
struct Created {
    rows::Inserted account, contact;
    std::optional<rows::Inserted> opportunity;
};

struct NewDeal {
    std::string name;
    std::optional<Money> amount;
    std::optional<Date> expected_close;
    Stage stage;
};

Created insert_converted(pg::Tx& tx, const Actor& actor, const Lead& lead, const AccountPick* existing,
                         const std::string& account_name, const std::string& domain,
                         const std::optional<NewDeal>& deal) {
    static const pg::Sql kInsert{"conversion_insert",
        "with na as (" + rows::next_number_query(RecordKind::account) + " and $2::bigint is null),"
        " new_account as (insert into accounts (tenant_id, number, name, domain, website, industry, phone, owner_id)"
        "  select $1, na.last_number, $3, $4, '', '', '', $5 from na returning id, number),"
        " account as (select id, number from new_account"
        "  union all select $2::bigint, $6::integer where $2::bigint is not null),"
        " nc as (" + rows::next_number_query(RecordKind::contact) + "),"
        " contact as (insert into contacts (tenant_id, number, first_name, last_name, email, phone, title, account_id,"
        "  owner_id, lead_id) select $1, nc.last_number, $7, $8, $9, $10, $11, a.id, $5, $12"
        "  from nc cross join account a returning id, number),"
        " nd as (" + rows::next_number_query(RecordKind::opportunity) + " and $13::boolean),"
        " deal as (insert into opportunities (tenant_id, number, name, account_id, primary_contact_id, amount, currency,"
        "  expected_close, stage_id, probability, owner_id, lead_id, closed_at)"
        "  select $1, nd.last_number, $14, a.id, c.id, $15::numeric, $16, $17::date, $18, $19, $5, $12,"
        "  case when $20 then now() end from nd cross join account a cross join contact c returning id, number),"
        " history as (insert into stage_history (tenant_id, opportunity_id, from_stage_id, to_stage_id, changed_by)"
        "  select $1, id, null, $18, $5 from deal)"
        " select a.id, a.number, c.id, c.number, d.id, d.number"
        " from account a cross join contact c left join deal d on true"};
    std::optional<RowId> account_id;
    std::optional<std::int32_t> account_number;
    if (existing) {
        account_id = existing->id;
        account_number = existing->number;
    }
    std::optional<std::string> amount, currency, close;
    std::optional<RowId> stage_id;
    std::optional<std::int32_t> probability;
    bool closed = false;
    if (deal) {
        if (deal->amount) {
            amount = deal->amount->amount_text();
            currency = deal->amount->currency;
        }
        if (deal->expected_close) close = to_iso(*deal->expected_close);
        stage_id = deal->stage.id;
        probability = deal->stage.probability;
        closed = deal->stage.closed();
    }
    auto r = tx.row(kInsert, actor.tenant, account_id, account_name, domain, actor.user_id, account_number,
                    lead.first_name, lead.last_name, lead.email, lead.phone, lead.title, lead.id, deal.has_value(),
                    deal ? deal->name : std::string(), amount, currency, close, stage_id, probability, closed);
    Created created{{r[0].as<RowId>(), r[1].as<std::int32_t>()}, {r[2].as<RowId>(), r[3].as<std::int32_t>()}, {}};
    if (!r[4].is_null()) created.opportunity = rows::Inserted{r[4].as<RowId>(), r[5].as<std::int32_t>()};
    return created;
}

std::string person_name(const Lead& lead) {
    if (lead.first_name.empty()) return lead.last_name;
    if (lead.last_name.empty()) return lead.first_name;
    return lead.first_name + " " + lead.last_name;
}
}  // namespace

Result<ConversionResult> Leads::convert(const Actor& actor, std::int32_t number, const LeadConversion& options) {
    return db_.impl().run([&](pg::Tx& tx) {
        // Six round trips with BEGIN and COMMIT: the lead, locked, with the first
        // open stage; the account match; the inserts; one statement that marks the
        // lead converted, logs it and reads back the account, contact and deal as
        // they now are.
        auto [lead, first_open] = rows::lock_lead_with_first_open_stage(tx, actor.tenant, number);
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
        std::optional<AccountPick> existing;
        if (options.account_number) {
            existing = chosen_account(tx, actor.tenant, *options.account_number);
        } else {
            existing = matching_account(tx, actor.tenant, account_name, domain);
            if (!existing && account_name.empty())
                fail_validation("company", lead.ref().display() + " has no company: choose an account or name one");
        }
        const bool matched = existing.has_value();

        std::optional<NewDeal> deal;
        if (options.create_opportunity) {
            std::string name = text::trim(options.opportunity_name.value_or((existing ? existing->name : account_name) + " - " + person_name(lead)));
            validate::clean(name, "opportunity_name");
            if (name.empty()) fail_validation("opportunity_name", "the deal needs a name");
            if (!first_open) fail(ErrorCode::invalid_transition, "the pipeline has no open stage");
            deal = NewDeal{std::move(name), amount, options.expected_close, *first_open};
        }
        const auto [account, contact_row, opportunity_row] =
            insert_converted(tx, actor, lead, existing ? &*existing : nullptr, account_name, domain, deal);

        Changes changes;
        changes.after("contact", RecordRef{RecordKind::contact, contact_row.number}.display());
        changes.after("account", RecordRef{RecordKind::account, account.number}.display());
        changes.after("account_matched", matched ? "true" : "false");
        if (opportunity_row)
            changes.after("opportunity", RecordRef{RecordKind::opportunity, opportunity_row->number}.display());
        auto event = event_params(actor, "converted", changes);
        static const pg::Sql kConvert{"lead_convert",
            "with converted as (update leads set converted_at = now(), converted_contact_id = $3,"
            " converted_account_id = $4, converted_opportunity_id = $5, version = version + 1, updated_at = now()"
            " where tenant_id = $1 and id = $2 returning id, number, version, updated_at, converted_at), " +
            event_cte("lead", "converted", 6) + ","
            " acc as (" + rows::account_by_id_sql("$4") + "),"
            " con as (" + rows::contact_by_id_sql("$3") + "),"
            " opp as (" + rows::opportunity_by_id_sql("$5::bigint") + ")"
            " select cv.version, crm_micros(cv.updated_at), crm_micros(cv.converted_at), acc.*, con.*, opp.*"
            " from converted cv cross join acc cross join con left join opp on true"};
        std::optional<RowId> opportunity_id;
        if (opportunity_row) opportunity_id = opportunity_row->id;
        auto r = tx.row(kConvert, actor.tenant, lead.id, contact_row.id, account.id, opportunity_id, event.actor_id,
                        event.action, event.before, event.after);

        ConversionResult result;
        int col = 3;
        result.account = rows::account_from_row(r.slice(col, col + rows::kAccountColumnCount));
        col += rows::kAccountColumnCount;
        result.contact = rows::contact_from_row(r.slice(col, col + rows::kContactColumnCount));
        col += rows::kContactColumnCount;
        if (opportunity_row)
            result.opportunity = rows::opportunity_from_row(r.slice(col, col + rows::kOpportunityColumnCount));
        result.account_matched = matched;
        // The lead as it now reads, from what this transaction wrote: no reload.
        result.lead = std::move(lead);
        result.lead.version = r[0].as<std::int32_t>();
        result.lead.updated_at = pg::from_micros(r[1].as<long long>());
        result.lead.converted_at = pg::from_micros(r[2].as<long long>());
        result.lead.converted_contact =
            RecordSummary{result.contact.ref(), result.contact.full_name(), result.contact.email};
        result.lead.converted_account = RecordSummary{result.account.ref(), result.account.name, {}};
        if (result.opportunity)
            result.lead.converted_opportunity = RecordSummary{result.opportunity->ref(), result.opportunity->name, {}};
        return result;
    });
}

}  // namespace crm
