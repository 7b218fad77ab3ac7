#include "app/compose_search.hpp"

#include "render/card_renderer.hpp"
#include "schema/json_fields.hpp"

#include <adaptive_cards/cards.hpp>

#include <algorithm>

namespace bot::app {

namespace {
constexpr std::int32_t kMaxCount = 25;  // results per page, whatever the client asks

// One result: the record's card, with the thumbnail Teams shows in the list.
struct Result {
    crm::Timestamp updated;
    std::string title, subtitle;
    nlohmann::json card;
};

nlohmann::json attachment(const Result& r) {
    return {{"contentType", "application/vnd.microsoft.card.adaptive"},
            {"content", r.card},
            {"preview",
             {{"contentType", "application/vnd.microsoft.card.thumbnail"},
              {"content", {{"title", r.title}, {"text", r.subtitle}}}}}};
}

std::string text_of(const nlohmann::json& value) {
    if (!value.is_object() || !value.contains("parameters") || !value["parameters"].is_array()) return {};
    for (const auto& p : value["parameters"]) {
        if (!p.is_object() || !p.contains("value") || !p["value"].is_string()) continue;
        if (p.contains("name") && p["name"] == "initialRun") return {};
        return p["value"].get<std::string>();
    }
    return {};
}

std::int32_t option(const nlohmann::json& value, const char* name, std::int32_t fallback) {
    return schema::int_at(value, "queryOptions", name).value_or(fallback);
}
}  // namespace

namespace {
nlohmann::json result(nlohmann::json attachments) {
    return {{"composeExtension", {{"type", "result"}, {"attachmentLayout", "list"}, {"attachments", std::move(attachments)}}}};
}

// "https://crm.example.com/records/D-7?x#y" -> D-7; the record's number is the
// path's last segment, so /deals/D-7 or /leads/L-3 links unfurl too.
std::optional<crm::RecordRef> record_of_url(const std::string& url) {
    if (url.rfind("https://", 0) != 0) return std::nullopt;
    std::string path = url.substr(8);
    path = path.substr(0, path.find_first_of("?#"));
    const auto slash = path.find('/');
    if (slash == std::string::npos) return std::nullopt;
    path = path.substr(slash);
    while (!path.empty() && path.back() == '/') path.pop_back();
    static const std::string_view kCollections[] = {"/records/", "/leads/", "/contacts/", "/accounts/", "/deals/"};
    const auto last = path.rfind('/');
    const std::string collection = path.substr(0, last + 1);
    if (std::find(std::begin(kCollections), std::end(kCollections), collection) == std::end(kCollections))
        return std::nullopt;
    return crm::RecordRef::parse(path.substr(last + 1));
}
}  // namespace

nlohmann::json ComposeSearch::unfurl(const crm::Actor& actor, commands::Language language, const nlohmann::json& value) {
    const std::string url = value.is_object() && value.contains("url") && value["url"].is_string()
                                ? value["url"].get<std::string>()
                                : std::string();
    auto ref = record_of_url(url);
    if (!ref) return result(nlohmann::json::array());
    cards::CardContext ctx;
    ctx.locale = render::card_locale(language);
    ctx.viewer_id = actor.user_id;
    std::optional<Result> r;
    switch (ref->kind) {
        case crm::RecordKind::lead:
            if (auto l = crm_.leads.get(actor, ref->number))
                r = Result{l->updated_at, l->ref().display() + " " + l->display_name(), std::string(crm::to_string(l->status)),
                           cards::lead_card({*l, {}, {}}, ctx)};
            break;
        case crm::RecordKind::opportunity:
            if (auto o = crm_.opportunities.get(actor, ref->number))
                r = Result{o->updated_at, o->ref().display() + " " + o->name, o->account.name + " · " + o->stage.name,
                           cards::deal_card({*o, {}, {}, {}, {}, {}}, ctx)};
            break;
        case crm::RecordKind::contact:
            if (auto c = crm_.contacts.get(actor, ref->number))
                r = Result{c->updated_at, c->ref().display() + " " + c->full_name(), c->account.name,
                           cards::contact_card({*c, {}}, ctx)};
            break;
        case crm::RecordKind::account:
            if (auto a = crm_.accounts.get(actor, ref->number))
                r = Result{a->updated_at, a->ref().display() + " " + a->name, a->domain, cards::account_card({*a, {}, {}, {}}, ctx)};
            break;
    }
    // Another tenant's record (or none): nothing, and nothing said about why.
    if (!r) return result(nlohmann::json::array());
    return result(nlohmann::json::array({attachment(*r)}));
}

nlohmann::json ComposeSearch::query(const crm::Actor& actor, commands::Language language, const nlohmann::json& value) {
    const std::string text = text_of(value);
    const std::int32_t skip = std::max(option(value, "skip", 0), 0);
    const std::int32_t count = std::clamp(option(value, "count", kMaxCount), 1, kMaxCount);
    cards::CardContext ctx;
    ctx.locale = render::card_locale(language);
    ctx.viewer_id = actor.user_id;
    const crm::PageRequest page{0, skip + count};  // enough of each kind to cut the page from

    std::vector<Result> results;
    // Typed text searches every kind; nothing typed shows what the user owns, newest first.
    const std::optional<crm::RowId> owner = text.empty() ? std::optional(actor.user_id) : std::nullopt;
    if (auto leads = crm_.leads.list(actor, {owner, {}, text, false, page}))
        for (const auto& l : leads->items)
            results.push_back({l.updated_at, l.ref().display() + " " + l.display_name(),
                               std::string(crm::to_string(l.status)) + (l.company.empty() ? "" : " · " + l.company),
                               cards::lead_card({l, {}, {}}, ctx)});
    crm::OpportunityFilter deals;
    deals.owner_id = owner;
    deals.text = text;
    deals.page = page;
    if (auto found = crm_.opportunities.list(actor, deals))
        for (const auto& o : found->items)
            results.push_back({o.updated_at, o.ref().display() + " " + o.name, o.account.name + " · " + o.stage.name,
                               cards::deal_card({o, {}, {}, {}, {}, {}}, ctx)});
    if (!text.empty()) {
        if (auto contacts = crm_.contacts.list(actor, {{}, {}, text, page}))
            for (const auto& c : contacts->items)
                results.push_back({c.updated_at, c.ref().display() + " " + c.full_name(),
                                   c.account.name + (c.email.empty() ? "" : " · " + c.email),
                                   cards::contact_card({c, {}}, ctx)});
        if (auto accounts = crm_.accounts.list(actor, {{}, text, page}))
            for (const auto& a : accounts->items)
                results.push_back({a.updated_at, a.ref().display() + " " + a.name, a.domain,
                                   cards::account_card({a, {}, {}, {}}, ctx)});
    }
    std::stable_sort(results.begin(), results.end(), [](const Result& a, const Result& b) { return a.updated > b.updated; });

    nlohmann::json attachments = nlohmann::json::array();
    for (std::size_t i = static_cast<std::size_t>(skip); i < results.size() && attachments.size() < static_cast<std::size_t>(count); ++i)
        attachments.push_back(attachment(results[i]));
    return result(std::move(attachments));
}

}  // namespace bot::app
