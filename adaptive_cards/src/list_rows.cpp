#include "list_rows.hpp"

#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/format.hpp>
#include <adaptive_cards/verbs.hpp>

namespace cards {

using nlohmann::json;

namespace {

inline constexpr std::size_t kRowTextChars = 120;  // a row is a glance; the record card has the rest
// The number's column has one width in every row, so the names line up under each other
// (an "auto" column is as wide as each row's own number: L-10 pushed its name right of L-9's).
// Wide enough for a bold "D-12345".
inline constexpr std::string_view kRefColumnWidth = "64px";

std::string joined(std::initializer_list<std::string> parts) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += " · ";
        out += p;
    }
    return out;
}

json row(const crm::RecordRef& ref, std::string_view name, std::string details) {
    json ref_block = text_block("**" + ref.display() + "**");
    json text = json::array({text_block(user_text(name, kRowTextChars))});
    if (!details.empty()) text.push_back(tight(subtle_text(std::move(details))));
    json r = column_set(json::array({column(json::array({ref_block}), kRefColumnWidth), column(std::move(text), "stretch")}));
    r["selectAction"] = execute_action(ref.display(), verbs::kShow, {{"record", ref.display()}});
    r["separator"] = true;
    return r;
}

}  // namespace

json list_row(const crm::Lead& l, Locale locale) {
    const std::string person = lead_person(l);
    return row(l.ref(), person,
               joined({person == l.company ? "" : user_text(l.company, kRowTextChars),
                       std::string(lead_status_name(l.status, locale)), user_text(l.owner.name, kRowTextChars)}));
}

json list_row(const crm::Contact& c, Locale) {
    return row(c.ref(), c.full_name(),
               joined({user_text(c.account.name, kRowTextChars), user_text(c.title, kRowTextChars),
                       user_text(c.email, kRowTextChars)}));
}

json list_row(const crm::Account& a, Locale) {
    return row(a.ref(), a.name, joined({user_text(a.domain, kRowTextChars), user_text(a.industry, kRowTextChars)}));
}

json list_row(const crm::Opportunity& d, Locale locale) {
    return row(d.ref(), d.name,
               joined({user_text(d.account.name, kRowTextChars), user_text(d.stage.name, 60),
                       d.amount ? format_money(*d.amount, locale) : "",
                       d.expected_close ? format_date(*d.expected_close, locale) : ""}));
}

}  // namespace cards
