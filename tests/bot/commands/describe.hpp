#pragma once
// Renders a parsed Command as one compact line, so parser tests can be tables of
// input → expected text. Only fields that are set appear:
//   "move deal=D-7 stage=Proposal", "list kind=deal mine stage=proposal",
//   "create_lead first=Ada last=Lovelace company='Analytical Engines'".
#include "commands/command.hpp"

#include <sstream>
#include <string>
#include <type_traits>

namespace test {

inline std::string quoted(const std::string& v) {
    return v.empty() || v.find(' ') != std::string::npos ? "'" + v + "'" : v;
}

inline std::string kind_text(crm::RecordKind k) {
    return k == crm::RecordKind::opportunity ? "deal" : std::string(crm::to_string(k));
}

// D-7 | deal:'Acme renewal' | any:Acme
inline std::string sel(const bot::commands::RecordSelector& s) {
    if (s.ref) return s.ref->display();
    return (s.kind ? kind_text(*s.kind) : std::string("any")) + ":" + quoted(s.name);
}

inline std::string money(const crm::Money& m) {
    return quoted(m.amount_text() + (m.currency.empty() ? "" : " " + m.currency));
}

inline std::string period(bot::commands::ClosingPeriod p) {
    using bot::commands::ClosingPeriod;
    switch (p) {
        case ClosingPeriod::this_week: return "this_week";
        case ClosingPeriod::this_month: return "this_month";
        case ClosingPeriod::next_month: return "next_month";
        case ClosingPeriod::this_quarter: return "this_quarter";
        case ClosingPeriod::this_year: return "this_year";
    }
    return "?";
}

class Line {
public:
    explicit Line(std::string_view head) : out_(head) {}
    Line& field(std::string_view key, const std::string& value) {
        if (!value.empty()) out_ += " " + std::string(key) + "=" + quoted(value);
        return *this;
    }
    Line& flag(std::string_view key, bool on) {
        if (on) out_ += " " + std::string(key);
        return *this;
    }
    // `render` quotes what needs it (selectors quote their own names).
    template <class T, class F>
    Line& opt(std::string_view key, const std::optional<T>& v, F render) {
        if (v) out_ += " " + std::string(key) + "=" + render(*v);
        return *this;
    }
    std::string str() const { return out_; }

private:
    std::string out_;
};

inline std::string describe(const bot::commands::Action& action) {
    using namespace bot::commands;
    const auto s = [](const RecordSelector& x) { return sel(x); };
    const auto users = [](const std::vector<MentionedUser>& us) {
        std::string out;
        for (const auto& u : us) out += (out.empty() ? "" : ",") + u.name + (u.id.empty() ? "" : "#" + u.id);
        return out;
    };
    return std::visit(
        [&](const auto& c) -> std::string {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, Help>) return Line("help").field("topic", c.topic).str();
            else if constexpr (std::is_same_v<T, CreateLead>)
                return Line("create_lead").field("first", c.first_name).field("last", c.last_name)
                    .field("company", c.company).field("email", c.email).field("phone", c.phone)
                    .field("title", c.title).field("source", c.source).str();
            else if constexpr (std::is_same_v<T, CreateContact>)
                return Line("create_contact").field("first", c.first_name).field("last", c.last_name)
                    .field("email", c.email).field("phone", c.phone).field("title", c.title)
                    .opt("account", c.account, s).str();
            else if constexpr (std::is_same_v<T, CreateAccount>)
                return Line("create_account").field("name", c.name).field("domain", c.domain)
                    .field("website", c.website).field("industry", c.industry).field("phone", c.phone).str();
            else if constexpr (std::is_same_v<T, CreateDeal>)
                return Line("create_deal").field("name", c.name).opt("account", c.account, s)
                    .opt("contact", c.primary_contact, s).opt("amount", c.amount, money)
                    .opt("close", c.expected_close, [](const crm::Date& d) { return crm::to_iso(d); })
                    .opt("stage", c.stage, [](const std::string& x) { return quoted(x); }).str();
            else if constexpr (std::is_same_v<T, ShowRecord>) return "show " + sel(c.record);
            else if constexpr (std::is_same_v<T, ListRecords>)
                return Line("list kind=" + kind_text(c.kind)).flag("mine", c.mine)
                    .opt("status", c.lead_status, [](crm::LeadStatus x) { return std::string(crm::to_string(x)); })
                    .opt("stage", c.stage, [](const std::string& x) { return quoted(x); })
                    .opt("closed", c.closed_as, [](crm::StageKind x) { return std::string(crm::to_string(x)); })
                    .flag("open", c.open_only).opt("closing", c.closing, period)
                    .opt("account", c.account, [](const crm::RecordRef& r) { return r.display(); })
                    .field("text", c.text).field("page", c.page == 1 ? "" : std::to_string(c.page)).str();
            else if constexpr (std::is_same_v<T, MoreResults>)
                return Line("more").opt("page", c.page, [](std::int32_t p) { return std::to_string(p); }).str();
            else if constexpr (std::is_same_v<T, Search>)
                return Line("search").field("text", c.text)
                    .opt("kind", c.kind, kind_text).str();
            else if constexpr (std::is_same_v<T, ChangeLeadStatus>)
                return "status " + sel(c.lead) + " " + std::string(crm::to_string(c.status));
            else if constexpr (std::is_same_v<T, ConvertLead>)
                return Line("convert " + sel(c.lead)).opt("account", c.account, s)
                    .opt("new_account", c.new_account_name, [](const std::string& x) { return quoted(x); })
                    .opt("deal", c.create_deal, [](bool b) { return std::string(b ? "yes" : "no"); })
                    .opt("amount", c.deal_amount, money).str();
            else if constexpr (std::is_same_v<T, MoveDeal>) return Line("move " + sel(c.deal)).field("stage", c.stage).str();
            else if constexpr (std::is_same_v<T, CloseDeal>)
                return "close " + sel(c.deal) + " " + std::string(crm::to_string(c.outcome));
            else if constexpr (std::is_same_v<T, ReopenDeal>)
                return Line("reopen " + sel(c.deal)).opt("stage", c.stage, [](const std::string& x) { return quoted(x); }).str();
            else if constexpr (std::is_same_v<T, AddComment>) return "comment " + sel(c.record) + " " + quoted(c.text);
            else if constexpr (std::is_same_v<T, SetPrimaryContact>)
                return "primary " + sel(c.deal) + " " + sel(c.contact);
            else if constexpr (std::is_same_v<T, AddParticipant>)
                return Line("participant_add " + sel(c.record) + " " + sel(c.contact)).field("role", c.role).str();
            else if constexpr (std::is_same_v<T, RemoveParticipant>)
                return "participant_remove " + sel(c.record) + " " + sel(c.contact);
            else if constexpr (std::is_same_v<T, Follow> || std::is_same_v<T, Unfollow>)
                return Line(std::is_same_v<T, Follow> ? "follow" : "unfollow")
                    .opt("target", std::optional<std::string>(c.record ? sel(*c.record) : "pipeline"),
                         [](const std::string& x) { return x; }).field("users", users(c.users))
                    .flag("here", c.in_conversation).flag("important", c.important_only).str();
            else if constexpr (std::is_same_v<T, ListFollowers>)
                return "followers " + (c.record ? sel(*c.record) : std::string("pipeline"));
            else if constexpr (std::is_same_v<T, ShowPipeline>) return Line("pipeline").flag("mine", c.mine).str();
            else if constexpr (std::is_same_v<T, ShowTimeline>) return "timeline " + sel(c.record);
            else if constexpr (std::is_same_v<T, EditLead>) return "edit " + sel(c.lead);
            else if constexpr (std::is_same_v<T, NotificationSettings>)
                return Line("notifications")
                    .opt("level", c.level, [](crm::NotifyLevel l) { return std::string(crm::to_string(l)); })
                    .opt("quiet", c.quiet,
                         [](const std::pair<std::int32_t, std::int32_t>& q) {
                             return std::to_string(q.first) + "-" + std::to_string(q.second);
                         })
                    .flag("quiet_off", c.quiet_off)
                    .opt("zone", c.time_zone, [](const std::string& z) { return z; }).str();
        },
        action);
}

}  // namespace test
