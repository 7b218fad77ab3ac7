#include "app/record_resolver.hpp"

#include <algorithm>
#include <cctype>

namespace bot::app {

namespace {
constexpr std::int32_t kMaxCandidates = 5;

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

std::string kinds_text(std::initializer_list<crm::RecordKind> kinds) {
    std::string out;
    for (auto k : kinds) out += (out.empty() ? "" : " or ") + std::string(kind_word(k));
    return out;
}
}  // namespace

std::string_view kind_word(crm::RecordKind kind) {
    return kind == crm::RecordKind::opportunity ? "deal" : crm::to_string(kind);
}

crm::Result<std::vector<RecordResolver::Candidate>> RecordResolver::search(const crm::Actor& actor,
                                                                            crm::RecordKind kind,
                                                                            const std::string& text) {
    std::vector<Candidate> out;
    crm::PageRequest page{0, kMaxCandidates};
    switch (kind) {
        case crm::RecordKind::lead: {
            auto r = crm_.leads.list(actor, {.text = text, .include_converted = true, .page = page});
            if (!r) return r.error();
            for (auto& l : r->items) out.push_back({l.ref(), l.display_name()});
            break;
        }
        case crm::RecordKind::contact: {
            auto r = crm_.contacts.list(actor, {.text = text, .page = page});
            if (!r) return r.error();
            for (auto& c : r->items) out.push_back({c.ref(), c.full_name()});
            break;
        }
        case crm::RecordKind::account: {
            auto r = crm_.accounts.list(actor, {.text = text, .page = page});
            if (!r) return r.error();
            for (auto& a : r->items) out.push_back({a.ref(), a.name});
            break;
        }
        case crm::RecordKind::opportunity: {
            crm::OpportunityFilter filter;
            filter.text = text;
            filter.page = page;
            auto r = crm_.opportunities.list(actor, filter);
            if (!r) return r.error();
            for (auto& o : r->items) out.push_back({o.ref(), o.name});
            break;
        }
    }
    return out;
}

crm::Result<crm::RecordRef> RecordResolver::resolve(const crm::Actor& actor, const commands::RecordSelector& selector,
                                                    std::initializer_list<crm::RecordKind> accepted) {
    auto is_accepted = [&](crm::RecordKind k) { return std::find(accepted.begin(), accepted.end(), k) != accepted.end(); };
    if (selector.ref) {
        if (!is_accepted(selector.ref->kind))
            return crm::Error{crm::ErrorCode::validation,
                              selector.ref->display() + " is a " + std::string(kind_word(selector.ref->kind)) +
                                  "; this needs a " + kinds_text(accepted),
                              "record"};
        return *selector.ref;
    }
    if (selector.kind && !is_accepted(*selector.kind))
        return crm::Error{crm::ErrorCode::validation, "this needs a " + kinds_text(accepted), "record"};

    std::vector<Candidate> found;
    for (auto kind : accepted) {
        if (selector.kind && *selector.kind != kind) continue;
        auto r = search(actor, kind, selector.name);
        if (!r) return r.error();
        found.insert(found.end(), r->begin(), r->end());
    }
    std::vector<Candidate> exact;
    std::copy_if(found.begin(), found.end(), std::back_inserter(exact),
                 [&](const Candidate& c) { return same_name(c.name, selector.name); });
    if (exact.size() == 1) return exact.front().ref;
    if (found.size() == 1) return found.front().ref;
    if (found.empty())
        return crm::Error{crm::ErrorCode::not_found,
                          "No " + kinds_text(selector.kind ? std::initializer_list<crm::RecordKind>{*selector.kind} : accepted) +
                              " matches \"" + selector.name + "\".",
                          "record"};
    std::string list;
    for (const auto& c : (exact.empty() ? found : exact)) list += "\n- " + c.ref.display() + " " + c.name;
    return crm::Error{crm::ErrorCode::validation,
                      "Several records match \"" + selector.name + "\"; say which one by its number:" + list, "record"};
}

}  // namespace bot::app
