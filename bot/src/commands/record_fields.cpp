#include "commands/record_fields.hpp"

#include "commands/field_values.hpp"
#include "commands/keywords.hpp"
#include "commands/text_fold.hpp"

#include <algorithm>
#include <optional>
#include <vector>

namespace bot::commands::detail {
namespace {

using crm::RecordKind;
using kw::Field;

// Splits at ',', ';' and line breaks; a comma between two digits belongs to a
// number, and "double quotes" keep a part whole ("O'Brien, Pat").
std::vector<std::string> split_parts(std::string_view s) {
    std::vector<std::string> parts;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"') quoted = !quoted;
        const bool in_number =
            c == ',' && i > 0 && i + 1 < s.size() && text::is_digit(s[i - 1]) && text::is_digit(s[i + 1]);
        if ((c == ',' || c == ';' || c == '\n') && !in_number && !quoted) {
            parts.push_back(text::trim(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    parts.push_back(text::trim(cur));
    return parts;  // empty parts kept: ", A-3" has no name, A-3 is not it
}

struct Word {
    std::string raw, folded;
    std::size_t end = 0;  // byte offset after the word in its part
};

std::vector<Word> words_of(std::string_view part) {
    std::vector<Word> out;
    std::size_t i = 0;
    while (i < part.size()) {
        while (i < part.size() && part[i] == ' ') ++i;
        const auto start = i;
        while (i < part.size() && part[i] != ' ') ++i;
        if (i > start) out.push_back({std::string(part.substr(start, i - start)), text::fold(part.substr(start, i - start)), i});
    }
    return out;
}

std::string unquote(std::string s) {
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
        return s.substr(1, s.size() - 2);
    return s;
}

// Everything the four create commands can carry; `build` keeps what the kind uses.
struct Fields {
    std::string name, first_name, last_name, company, email, phone, title, source, domain, website, industry;
    std::optional<RecordSelector> account, contact;
    std::optional<crm::Money> amount;
    std::optional<crm::Date> close;
    std::optional<std::string> stage;
};

bool applies(RecordKind kind, Field f) {
    switch (kind) {
        case RecordKind::lead:
            return f == Field::name || f == Field::first_name || f == Field::last_name || f == Field::company ||
                   f == Field::email || f == Field::phone || f == Field::title || f == Field::source;
        case RecordKind::contact:
            return f == Field::name || f == Field::first_name || f == Field::last_name || f == Field::email ||
                   f == Field::phone || f == Field::title || f == Field::account || f == Field::company;
        case RecordKind::account:
            return f == Field::name || f == Field::company || f == Field::domain || f == Field::website ||
                   f == Field::industry || f == Field::phone;
        case RecordKind::opportunity:
            return f == Field::name || f == Field::account || f == Field::company || f == Field::contact ||
                   f == Field::amount || f == Field::close || f == Field::stage;
    }
    return false;
}

// The outcome of one way of reading a part: whether it applied and, if so, any problem.
struct Step {
    bool matched = false;
    std::optional<FieldProblem> problem;
};

Step read_as(std::optional<FieldProblem> problem) { return Step{true, std::move(problem)}; }

class Reader {
public:
    explicit Reader(RecordKind kind) : kind_(kind) {}

    std::optional<FieldProblem> read(const std::vector<std::string>& parts) {
        for (std::size_t i = 0; i < parts.size(); ++i) {
            std::string part = take_emails(parts[i]);
            if (part.empty()) continue;
            Step step = key_value(part);
            // Only the first part may be the name whatever its shape ("deal add 2027, ...").
            if (!step.matched && i > 0) step = key_without_colon(part);
            if (!step.matched && i > 0) step = by_shape(part);
            if (!step.matched) step = Step{true, positional(part)};
            if (step.problem) return step.problem;
        }
        return std::nullopt;
    }

    CreateOutcome build() const {
        const Fields& f = fields_;
        switch (kind_) {
            case RecordKind::lead: {
                CreateLead out{f.first_name, f.last_name, f.company, f.email, f.phone, f.title, f.source};
                if (out.first_name.empty() && out.last_name.empty() && out.company.empty())
                    return FieldProblem{msg::Id::what_name, ""};
                return out;
            }
            case RecordKind::contact: {
                CreateContact out{f.first_name, f.last_name, f.email, f.phone, f.title, f.account};
                if (out.first_name.empty() && out.last_name.empty()) return FieldProblem{msg::Id::what_name, ""};
                return out;
            }
            case RecordKind::account: {
                if (f.name.empty()) return FieldProblem{msg::Id::what_name, ""};
                return CreateAccount{f.name, f.domain, f.website, f.industry, f.phone};
            }
            case RecordKind::opportunity: {
                if (f.name.empty()) return FieldProblem{msg::Id::what_name, ""};
                return CreateDeal{f.name, f.account, f.contact, f.amount, f.close, f.stage};
            }
        }
        return FieldProblem{msg::Id::what_name, ""};
    }

private:
    bool people() const { return kind_ == RecordKind::lead || kind_ == RecordKind::contact; }

    // An email is recognised anywhere, even inside a part ("Ada Lovelace ada@ae.example").
    std::string take_emails(const std::string& part) {
        if (!people() || part.find('@') == std::string::npos || part.find(':') != std::string::npos ||
            part.find('=') != std::string::npos)
            return part;
        std::string rest;
        for (const auto& w : words_of(part)) {
            if (fields_.email.empty() && values::looks_like_email(w.raw)) {
                fields_.email = w.raw;
            } else {
                if (!rest.empty()) rest += ' ';
                rest += w.raw;
            }
        }
        return rest;
    }

    // "email: x" / "email=x".
    Step key_value(const std::string& part) {
        const auto sep = part.find_first_of(":=");
        if (sep == std::string::npos || sep == 0) return {};
        const auto key_words = words_of(std::string_view(part).substr(0, sep));
        std::vector<std::string> folded;
        for (const auto& w : key_words) folded.push_back(w.folded);
        const auto match = kw::match(kw::fields(), folded, 0);
        if (!match || match->words != folded.size()) return {};  // "https://..." etc.
        return read_as(assign(match->value, text::trim(std::string_view(part).substr(sep + 1)), part));
    }

    // "close 2026-12-31", "stage Proposal", "amount 5000 EUR": keys whose value
    // proves itself by its shape, so a name such as "Title Insurance" is never
    // mistaken for a key.
    Step key_without_colon(const std::string& part) {
        const auto words = words_of(part);
        std::vector<std::string> folded;
        for (const auto& w : words) folded.push_back(w.folded);
        const auto match = kw::match(kw::fields(), folded, 0);
        if (!match || match->words >= words.size() || !applies(kind_, match->value)) return {};
        const std::string value = text::trim(std::string_view(part).substr(words[match->words - 1].end));
        bool proven = false;
        switch (match->value) {
            case Field::stage: proven = true; break;
            case Field::close: proven = values::looks_like_date(value); break;
            case Field::amount: proven = values::parse_money(value).has_value(); break;
            case Field::email: proven = values::looks_like_email(value); break;
            case Field::phone: proven = values::looks_like_phone(value); break;
            case Field::account:
            case Field::contact: proven = crm::RecordRef::parse(value).has_value(); break;
            default: break;
        }
        if (!proven) return {};
        return read_as(assign(match->value, value, part));
    }

    Step by_shape(const std::string& part) {
        if (people() && values::looks_like_email(part)) return read_as(assign(Field::email, part, part));
        if (auto ref = crm::RecordRef::parse(part)) {
            if (ref->kind == RecordKind::account && (kind_ == RecordKind::contact || kind_ == RecordKind::opportunity))
                return read_as(assign(Field::account, part, part));
            if (ref->kind == RecordKind::contact && kind_ == RecordKind::opportunity)
                return read_as(assign(Field::contact, part, part));
            return read_as(FieldProblem{msg::Id::unclear_part, part});
        }
        if (kind_ == RecordKind::opportunity) {
            if (values::looks_like_date(part)) return read_as(assign(Field::close, part, part));
            if (values::parse_money(part)) return read_as(assign(Field::amount, part, part));
        }
        if (kind_ == RecordKind::account) {
            if (values::looks_like_url(part)) return read_as(assign(Field::website, part, part));
            if (values::looks_like_domain(part)) return read_as(assign(Field::domain, part, part));
        }
        if (kind_ != RecordKind::opportunity && values::looks_like_phone(part))
            return read_as(assign(Field::phone, part, part));
        return {};
    }

    std::optional<FieldProblem> positional(const std::string& part) {
        // The order of unlabelled parts after the name, per kind.
        static constexpr Field kLead[] = {Field::name, Field::company, Field::title};
        static constexpr Field kContact[] = {Field::name, Field::account, Field::title};
        static constexpr Field kAccount[] = {Field::name, Field::industry};
        static constexpr Field kDeal[] = {Field::name, Field::account};
        std::span<const Field> order;
        switch (kind_) {
            case RecordKind::lead: order = kLead; break;
            case RecordKind::contact: order = kContact; break;
            case RecordKind::account: order = kAccount; break;
            case RecordKind::opportunity: order = kDeal; break;
        }
        // Skip positions already filled by labelled parts ("lead add company: X, Ada Lovelace").
        while (next_ < order.size() && filled(order[next_])) ++next_;
        if (next_ >= order.size()) return FieldProblem{msg::Id::unclear_part, part};
        return assign(order[next_++], part, part);
    }

    bool filled(Field f) const {
        const Fields& x = fields_;
        switch (f) {
            case Field::name: return !x.name.empty() || !x.first_name.empty() || !x.last_name.empty();
            case Field::company: return !x.company.empty();
            case Field::title: return !x.title.empty();
            case Field::account: return x.account.has_value();
            case Field::industry: return !x.industry.empty();
            default: return false;
        }
    }

    std::optional<FieldProblem> assign(Field field, const std::string& raw_value, const std::string& part) {
        if (!applies(kind_, field)) return FieldProblem{msg::Id::unclear_part, part};
        const std::string value = unquote(raw_value);
        if (value.empty()) return FieldProblem{msg::Id::unclear_part, part};
        Fields& f = fields_;
        switch (field) {
            case Field::name:
                if (people()) split_person_name(value);
                else f.name = value;
                break;
            case Field::first_name: f.first_name = value; break;
            case Field::last_name: f.last_name = value; break;
            case Field::company:
                // For contacts and deals the company is their account.
                if (kind_ == RecordKind::lead) f.company = value;
                else if (kind_ == RecordKind::account) f.name = value;
                else return assign(Field::account, value, part);
                break;
            case Field::email: f.email = value; break;
            case Field::phone: f.phone = value; break;
            case Field::title: f.title = value; break;
            case Field::source: f.source = value; break;
            case Field::domain: f.domain = value; break;
            case Field::website: f.website = value; break;
            case Field::industry: f.industry = value; break;
            case Field::stage: f.stage = value; break;
            case Field::account:
                f.account = selector(value, RecordKind::account);
                if (!f.account) return FieldProblem{msg::Id::unclear_part, part};
                break;
            case Field::contact:
                f.contact = selector(value, RecordKind::contact);
                if (!f.contact) return FieldProblem{msg::Id::unclear_part, part};
                break;
            case Field::amount:
                f.amount = values::parse_money(value);
                if (!f.amount) return FieldProblem{msg::Id::bad_amount, value};
                break;
            case Field::close:
                f.close = values::parse_date(value);
                if (!f.close) return FieldProblem{msg::Id::bad_date, value};
                break;
        }
        return std::nullopt;
    }

    // "A-3" → that account; a number of another kind → nullopt; else a name.
    static std::optional<RecordSelector> selector(const std::string& value, RecordKind kind) {
        if (auto ref = crm::RecordRef::parse(value)) {
            if (ref->kind != kind) return std::nullopt;
            return RecordSelector::of(*ref);
        }
        return RecordSelector::named(kind, value);
    }

    // The first word is the first name, the rest the last name ("Ada King
    // Lovelace", "José García López", "Ludwig van Beethoven"); a single word is a
    // last name, which the core requires.
    void split_person_name(const std::string& value) {
        // "Lovelace, Ada" (only possible inside quotes): last name first.
        if (const auto comma = value.find(','); comma != std::string::npos) {
            fields_.last_name = text::trim(std::string_view(value).substr(0, comma));
            fields_.first_name = text::trim(std::string_view(value).substr(comma + 1));
            return;
        }
        const auto words = words_of(value);
        if (words.size() == 1) {
            fields_.last_name = value;
            return;
        }
        fields_.first_name = words.front().raw;
        fields_.last_name = text::trim(std::string_view(value).substr(words.front().end));
    }

    RecordKind kind_;
    Fields fields_;
    std::size_t next_ = 0;  // next positional field
};

}  // namespace

CreateOutcome parse_create(crm::RecordKind kind, std::string_view text) {
    Reader reader(kind);
    if (auto problem = reader.read(split_parts(text))) return *problem;
    return reader.build();
}

}  // namespace bot::commands::detail
