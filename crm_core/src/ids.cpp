#include <crm_core/ids.hpp>

#include "text.hpp"

#include <cctype>
#include <charconv>

namespace crm {

std::string_view to_string(RecordKind kind) {
    switch (kind) {
        case RecordKind::lead: return "lead";
        case RecordKind::contact: return "contact";
        case RecordKind::account: return "account";
        case RecordKind::opportunity: return "opportunity";
    }
    return "lead";
}

std::optional<RecordKind> record_kind_from_string(std::string_view text) {
    for (auto kind : {RecordKind::lead, RecordKind::contact, RecordKind::account, RecordKind::opportunity})
        if (to_string(kind) == text) return kind;
    return std::nullopt;
}

char number_prefix(RecordKind kind) {
    switch (kind) {
        case RecordKind::lead: return 'L';
        case RecordKind::contact: return 'C';
        case RecordKind::account: return 'A';
        case RecordKind::opportunity: return 'D';
    }
    return 'L';
}

std::string RecordRef::display() const {
    return std::string(1, number_prefix(kind)) + "-" + std::to_string(number);
}

std::optional<RecordRef> RecordRef::parse(std::string_view text) {
    std::string t = text::trim(text);
    if (t.size() < 2) return std::nullopt;
    std::optional<RecordKind> kind;
    for (auto k : {RecordKind::lead, RecordKind::contact, RecordKind::account, RecordKind::opportunity})
        if (std::toupper(static_cast<unsigned char>(t[0])) == number_prefix(k)) kind = k;
    if (!kind) return std::nullopt;
    std::string_view rest(t);
    rest.remove_prefix(1);
    if (!rest.empty() && (rest.front() == '-' || rest.front() == ' ')) rest.remove_prefix(1);
    if (rest.empty() || rest.size() > 9) return std::nullopt;
    std::int32_t number = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), number);
    if (ec != std::errc{} || end != rest.data() + rest.size() || number <= 0) return std::nullopt;
    return RecordRef{*kind, number};
}

std::string_view to_string(Role role) {
    switch (role) {
        case Role::rep: return "rep";
        case Role::manager: return "manager";
        case Role::admin: return "admin";
    }
    return "rep";
}

std::optional<Role> role_from_string(std::string_view text) {
    for (auto role : {Role::rep, Role::manager, Role::admin})
        if (text::iequals(to_string(role), text)) return role;
    return std::nullopt;
}

}  // namespace crm
