#include "render/text_renderer.hpp"

#include <sstream>

namespace bot::render {

namespace {
using namespace bot::app;

std::string money(const std::optional<crm::Money>& m) {
    if (!m) return "-";
    return m->amount_text() + " " + m->currency;
}

void fact(std::ostringstream& out, const char* name, const std::string& value) {
    if (!value.empty()) out << "\n\n" << name << ": " << value;
}

void lead_line(std::ostringstream& out, const crm::Lead& l) {
    out << "\n- **" << l.ref().display() << "** " << l.display_name() << " · " << crm::to_string(l.status);
}
void contact_line(std::ostringstream& out, const crm::Contact& c) {
    out << "\n- **" << c.ref().display() << "** " << c.full_name() << " · " << c.account.name;
}
void account_line(std::ostringstream& out, const crm::Account& a) {
    out << "\n- **" << a.ref().display() << "** " << a.name;
    if (!a.domain.empty()) out << " · " << a.domain;
}
void deal_line(std::ostringstream& out, const crm::Opportunity& o) {
    out << "\n- **" << o.ref().display() << "** " << o.name << " · " << o.account.name << " · " << o.stage.name;
    if (o.amount) out << " · " << money(o.amount);
}

struct BodyWriter {
    std::ostringstream& out;

    void operator()(const std::monostate&) {}
    void operator()(const LeadView& v) {
        const auto& l = v.lead;
        out << "**Lead " << l.ref().display() << "**: " << l.display_name();
        fact(out, "Status", std::string(crm::to_string(l.status)) + (l.converted() ? " (converted, read-only)" : ""));
        fact(out, "Email", l.email);
        fact(out, "Phone", l.phone);
        fact(out, "Title", l.title);
        fact(out, "Source", l.source);
        fact(out, "Owner", l.owner.name);
        if (l.converted_contact) fact(out, "Contact", l.converted_contact->ref.display() + " " + l.converted_contact->name);
        if (l.converted_account) fact(out, "Account", l.converted_account->ref.display() + " " + l.converted_account->name);
        if (l.converted_opportunity)
            fact(out, "Deal", l.converted_opportunity->ref.display() + " " + l.converted_opportunity->name);
    }
    void operator()(const ContactView& v) {
        const auto& c = v.contact;
        out << "**Contact " << c.ref().display() << "**: " << c.full_name();
        fact(out, "Account", c.account.ref.display() + " " + c.account.name);
        fact(out, "Email", c.email);
        fact(out, "Phone", c.phone);
        fact(out, "Title", c.title);
        fact(out, "Owner", c.owner.name);
    }
    void operator()(const AccountView& v) {
        const auto& a = v.account;
        out << "**Account " << a.ref().display() << "**: " << a.name;
        fact(out, "Domain", a.domain);
        fact(out, "Website", a.website);
        fact(out, "Industry", a.industry);
        fact(out, "Phone", a.phone);
        fact(out, "Owner", a.owner.name);
    }
    void operator()(const DealView& v) {
        const auto& o = v.deal;
        out << "**Deal " << o.ref().display() << "**: " << o.name;
        fact(out, "Account", o.account.ref.display() + " " + o.account.name);
        std::string strip;
        for (const auto& s : v.pipeline) {
            if (!strip.empty()) strip += s.closed() && !v.pipeline.empty() ? " | " : " → ";
            strip += s.id == o.stage.id ? "**[" + s.name + "]**" : s.name;
        }
        fact(out, "Stage", strip);
        fact(out, "Amount", money(o.amount));
        fact(out, "Probability", std::to_string(o.probability) + "%");
        if (o.expected_close) fact(out, "Expected close", crm::to_iso(*o.expected_close));
        if (o.primary_contact)
            fact(out, "Contact", o.primary_contact->ref.display() + " " + o.primary_contact->name +
                                     (o.primary_contact->email.empty() ? "" : " <" + o.primary_contact->email + ">"));
        fact(out, "Owner", o.owner.name);
    }
    void operator()(const ListView& v) {
        static const char* kTitles[] = {"Leads", "Contacts", "Accounts", "Deals"};
        out << "**" << kTitles[static_cast<int>(v.kind)] << "**";
        if (!v.filter_summary.empty()) out << " (" << v.filter_summary << ")";
        if (v.page > 1) out << ", page " << v.page;
        std::size_t count = std::visit([](const auto& items) { return items.size(); }, v.items);
        if (count == 0) {
            out << "\n\nNothing found.";
            return;
        }
        std::visit(
            [&](const auto& items) {
                for (const auto& item : items) line(item);
            },
            v.items);
        if (v.has_more) out << "\n\nType `more` for the next page.";
    }
    void line(const crm::Lead& l) { lead_line(out, l); }
    void line(const crm::Contact& c) { contact_line(out, c); }
    void line(const crm::Account& a) { account_line(out, a); }
    void line(const crm::Opportunity& o) { deal_line(out, o); }

    void operator()(const SearchView& v) {
        out << "**Search** \"" << v.text << "\"";
        if (v.leads.empty() && v.contacts.empty() && v.accounts.empty() && v.deals.empty()) {
            out << "\n\nNothing found.";
            return;
        }
        for (const auto& l : v.leads) lead_line(out, l);
        for (const auto& c : v.contacts) contact_line(out, c);
        for (const auto& a : v.accounts) account_line(out, a);
        for (const auto& o : v.deals) deal_line(out, o);
    }
    void operator()(const PipelineView& v) {
        out << "**Pipeline**" << (v.mine ? " (mine)" : "");
        for (const auto& s : v.stages) {
            out << "\n- " << s.stage.name << ": " << s.count << (s.count == 1 ? " deal" : " deals");
            for (std::size_t i = 0; i < s.total.size(); ++i) {
                out << " · " << money(s.total[i]);
                if (!s.stage.closed()) out << " (weighted " << money(s.weighted[i]) << ")";
            }
        }
    }
    void operator()(const TimelineView& v) {
        out << "**Timeline of " << v.record.display() << "**";
        if (v.events.empty()) out << "\n\nNo changes yet.";
        for (const auto& e : v.events) {
            out << "\n- " << crm::to_iso8601(e.at) << " " << (e.actor ? e.actor->name : "system") << ": " << e.action;
            for (const auto& c : e.changes) {
                out << " · " << c.field << " ";
                if (c.before) out << *c.before << " → ";
                out << c.after.value_or("(removed)");
            }
        }
    }
    void operator()(const FollowersView& v) {
        out << "**Followers of " << v.target << "**";
        if (v.followers.empty()) out << "\n\nNobody follows it yet. Type `follow " << v.target << "`.";
        for (const auto& f : v.followers) {
            out << "\n- ";
            if (f.user) out << f.user->name;
            if (f.conversation) out << (f.conversation->name.empty() ? f.conversation->kind : f.conversation->name);
            if (f.filter == crm::FollowFilter::important) out << " (important changes only)";
        }
    }
    void operator()(const ParticipantsView& v) {
        out << "**Participants of " << v.record.display() << "**";
        for (const auto& p : v.participants) {
            out << "\n- " << p.contact.ref.display() << " " << p.contact.name;
            if (!p.role.empty()) out << " (" << p.role << ")";
        }
    }
    void operator()(const HelpView&) {
        out << "**What I can do**"
               "\n- `lead add Ada Lovelace, Analytical Engines, ada@example.com` · `leads mine` · `L-12`"
               "\n- `qualify L-12` · `convert L-12 with deal 25000 EUR`"
               "\n- `deal add Renewal, A-3, 50000 EUR` · `deals mine` · `move D-7 to Proposal` · `won D-7` · `reopen D-7`"
               "\n- `contact add Grace Hopper, A-3` · `account add Contoso, contoso.com` · `search acme`"
               "\n- `comment D-7 Sent the quote` · `primary D-7 C-3` · `add C-4 to D-7 as CFO`"
               "\n- `follow D-7` · `follow D-7 for @Sam` · `follow pipeline here` · `followers D-7`"
               "\n- `pipeline` · `timeline D-7`"
               "\n\nI understand English, Spanish, French and German.";
    }
    void operator()(const FormView& v) {
        // Forms only exist on cards; a text-only client gets the chat command instead.
        out << "This form needs a client that shows cards; type the command instead (`help`).";
        if (!v.errors.empty())
            for (const auto& [input, message] : v.errors) out << "\n- " << input << ": " << message;
    }
    void operator()(const WelcomeView& v) {
        out << "**Hello! I am your CRM in Teams.**\n\n";
        if (v.personal)
            out << "Tell me about a lead (`lead add Ada Lovelace, Analytical Engines`), look at your deals (`deals "
                   "mine`), or type `help` to see everything I can do.";
        else
            out << "Mention me with a command, for example `@CRM deals open`, or make this channel follow the "
                   "pipeline: `@CRM follow pipeline here`. Type `@CRM help` for more.";
    }
};
}  // namespace

std::string to_markdown(const app::Reply& reply) {
    std::ostringstream out;
    // Suggestions are already worded into the notice text; cards make buttons of them.
    if (reply.notice) out << reply.notice->text;
    std::ostringstream body;
    std::visit(BodyWriter{body}, reply.body);
    if (!body.str().empty()) out << (reply.notice ? "\n\n" : "") << body.str();
    return out.str();
}

}  // namespace bot::render
