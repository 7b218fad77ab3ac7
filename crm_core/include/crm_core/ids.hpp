#pragma once
// Identifiers. Rows have a database id (never shown to users) and, for the four
// record kinds, a short per-tenant number users type in chat: L-12, C-3, A-5, D-7.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm {

using TenantId = std::string;  // the Teams (Entra) tenant id, opaque
using RowId = std::int64_t;

enum class RecordKind { lead, contact, account, opportunity };

std::string_view to_string(RecordKind kind);  // "lead", "contact", ...
std::optional<RecordKind> record_kind_from_string(std::string_view text);
char number_prefix(RecordKind kind);  // L, C, A, D

struct RecordRef {
    RecordKind kind = RecordKind::lead;
    std::int32_t number = 0;

    std::string display() const;  // "D-7"
    // Accepts "D-7", "d7", "D 7"; nullopt for anything else.
    static std::optional<RecordRef> parse(std::string_view text);
    friend bool operator==(const RecordRef&, const RecordRef&) = default;
};

enum class Role { rep, manager, admin };
std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);

// Who performs an operation. Every query is scoped by actor.tenant.
struct Actor {
    TenantId tenant;
    RowId user_id = 0;
    Role role = Role::rep;
};

}  // namespace crm
