#include <crm_core/directory.hpp>

#include "pg/database_impl.hpp"
#include "rows/rows.hpp"
#include "text.hpp"

namespace crm {

namespace {
const std::string kUserSelect =
    "select id, tenant_id, aad_object_id, coalesce(teams_user_id, ''), display_name, email, role from users ";

User user_from_row(const pqxx::row& r) {
    User u;
    u.id = r[0].as<RowId>();
    u.tenant = r[1].as<std::string>();
    u.aad_object_id = r[2].as<std::string>();
    u.teams_user_id = r[3].as<std::string>();
    u.name = r[4].as<std::string>();
    u.email = r[5].as<std::string>();
    u.role = role_from_string(r[6].as<std::string>()).value_or(Role::rep);
    return u;
}

// Creates the tenant with its default pipeline the first time it is seen.
void ensure_tenant(pg::Tx& tx, const TenantId& tenant) {
    static const pg::Sql kInsert{"tenant_insert",
                                 "insert into tenants (id) values ($1) on conflict do nothing returning id"};
    if (tx.exec(kInsert, tenant).empty()) return;
    static const pg::Sql kSequences{"tenant_sequences", "select crm_create_number_sequences($1::text)"};
    tx.exec(kSequences, tenant);
    rows::seed_default_pipeline(tx, tenant);
}
}  // namespace

Result<User> Directory::ensure_user(const TenantId& tenant, const UserProfile& p) {
    return db_.impl().run([&](pg::Tx& tx) {
        if (text::trim(tenant).empty()) fail_validation("tenant", "a tenant id is required");
        if (text::trim(p.aad_object_id).empty()) fail_validation("aad_object_id", "a user id is required");
        static const pg::Sql kFind{"user_find", kUserSelect + "where tenant_id = $1 and aad_object_id = $2"};
        std::string name = text::trim(p.name).empty() ? "Unknown user" : text::trim(p.name);
        if (auto row = tx.maybe_row(kFind, tenant, p.aad_object_id)) {
            User u = user_from_row(*row);
            bool changed = u.name != name || (!p.email.empty() && u.email != p.email) ||
                           (!p.teams_user_id.empty() && u.teams_user_id != p.teams_user_id);
            if (!changed) return u;
            static const pg::Sql kRefresh{"user_refresh",
                "update users set display_name = $3, email = case when $4 = '' then email else $4 end,"
                " teams_user_id = coalesce(nullif($5, ''), teams_user_id)"
                " where tenant_id = $1 and id = $2 returning id, tenant_id, aad_object_id,"
                " coalesce(teams_user_id, ''), display_name, email, role"};
            return user_from_row(tx.row(kRefresh, tenant, u.id, name, p.email, p.teams_user_id));
        }
        ensure_tenant(tx, tenant);
        // The tenant row lock makes "first user becomes admin" hold under concurrency.
        static const pg::Sql kLock{"tenant_lock", "select id from tenants where id = $1 for update"};
        tx.exec(kLock, tenant);
        static const pg::Sql kInsert{"user_insert",
            "insert into users (tenant_id, aad_object_id, teams_user_id, display_name, email, role)"
            " values ($1, $2, nullif($3, ''), $4, $5,"
            "  case when exists (select 1 from users where tenant_id = $1) then 'rep' else 'admin' end)"
            " on conflict (tenant_id, aad_object_id) do nothing"};
        tx.exec(kInsert, tenant, p.aad_object_id, p.teams_user_id, name, p.email);
        return user_from_row(tx.row(kFind, tenant, p.aad_object_id));
    });
}

Result<User> Directory::get_user(const Actor& actor, RowId user_id) {
    return db_.impl().read([&](pg::Tx& tx) {
        static const pg::Sql kGet{"user_get", kUserSelect + "where tenant_id = $1 and id = $2"};
        auto row = tx.maybe_row(kGet, actor.tenant, user_id);
        if (!row) fail(ErrorCode::not_found, "no such user");
        return user_from_row(*row);
    });
}

Result<User> Directory::find_by_teams_user_id(const Actor& actor, const std::string& teams_user_id) {
    return db_.impl().read([&](pg::Tx& tx) {
        static const pg::Sql kFind{"user_by_teams_id", kUserSelect + "where tenant_id = $1 and teams_user_id = $2"};
        auto row = tx.maybe_row(kFind, actor.tenant, teams_user_id);
        if (!row) fail(ErrorCode::not_found, "that person has not used the CRM bot yet");
        return user_from_row(*row);
    });
}

Result<std::vector<User>> Directory::list_users(const Actor& actor, PageRequest page) {
    return db_.impl().read([&](pg::Tx& tx) {
        static const pg::Sql kList{"user_list",
                                   kUserSelect + "where tenant_id = $1 order by display_name, id limit $2 offset $3"};
        std::vector<User> out;
        for (const auto& r : tx.exec(kList, actor.tenant, rows::page_limit(page), rows::page_offset(page)))
            out.push_back(user_from_row(r));
        return out;
    });
}

Result<User> Directory::set_role(const Actor& actor, RowId user_id, Role role) {
    return db_.impl().run([&](pg::Tx& tx) {
        if (actor.role != Role::admin) fail(ErrorCode::forbidden, "only an admin can change roles");
        static const pg::Sql kLock{"tenant_lock", "select id from tenants where id = $1 for update"};
        tx.exec(kLock, actor.tenant);
        static const pg::Sql kAdmins{"user_admin_count",
            "select count(*) from users where tenant_id = $1 and role = 'admin' and id <> $2"};
        if (role != Role::admin && tx.row(kAdmins, actor.tenant, user_id)[0].as<long>() == 0) {
            static const pg::Sql kIsAdmin{"user_is_admin",
                "select 1 from users where tenant_id = $1 and id = $2 and role = 'admin'"};
            if (tx.maybe_row(kIsAdmin, actor.tenant, user_id))
                fail(ErrorCode::invalid_transition, "the organization needs at least one admin");
        }
        static const pg::Sql kSet{"user_set_role",
            "update users set role = $3 where tenant_id = $1 and id = $2 returning id, tenant_id, aad_object_id,"
            " coalesce(teams_user_id, ''), display_name, email, role"};
        auto row = tx.maybe_row(kSet, actor.tenant, user_id, std::string(to_string(role)));
        if (!row) fail(ErrorCode::not_found, "no such user");
        return user_from_row(*row);
    });
}

namespace {
const std::string kConversationColumns = "id, external_id, kind, name, address, active, user_id";

Conversation conversation_from_row(const pqxx::row& r) {
    Conversation c{r[0].as<RowId>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>(), r[5].as<bool>(), std::nullopt};
    if (!r[6].is_null()) c.user_id = r[6].as<RowId>();
    return c;
}
}  // namespace

Result<Conversation> Directory::ensure_conversation(const TenantId& tenant, const ConversationInfo& info) {
    return db_.impl().run_bookkeeping([&](pg::Tx& tx) {
        if (text::trim(info.external_id).empty()) fail_validation("conversation", "a conversation id is required");
        ensure_tenant(tx, tenant);
        static const pg::Sql kUpsert{"conversation_upsert",
            "insert into conversations (tenant_id, external_id, kind, name, address, user_id)"
            " values ($1, $2, $3, $4, $5, $6)"
            " on conflict (tenant_id, external_id) do update set kind = excluded.kind,"
            " name = case when excluded.name = '' then conversations.name else excluded.name end,"
            " address = case when excluded.address = '' then conversations.address else excluded.address end,"
            " user_id = coalesce(excluded.user_id, conversations.user_id), active = true, updated_at = now()"
            " returning " + kConversationColumns};
        return conversation_from_row(
            tx.row(kUpsert, tenant, info.external_id, info.kind, info.name, info.address, info.user_id));
    });
}

Result<Conversation> Directory::find_conversation(const TenantId& tenant, const std::string& external_id) {
    return db_.impl().read([&](pg::Tx& tx) {
        static const pg::Sql kFind{"conversation_find", "select " + kConversationColumns +
                                                            " from conversations where tenant_id = $1 and external_id = $2"};
        auto row = tx.maybe_row(kFind, tenant, external_id);
        if (!row) fail(ErrorCode::not_found, "unknown conversation");
        return conversation_from_row(*row);
    });
}

Result<std::optional<Conversation>> Directory::personal_conversation(const TenantId& tenant, RowId user_id) {
    return db_.impl().read([&](pg::Tx& tx) -> std::optional<Conversation> {
        static const pg::Sql kPersonal{"conversation_personal", "select " + kConversationColumns +
            " from conversations where tenant_id = $1 and user_id = $2 and kind = 'personal' and active"
            " and address <> '' order by updated_at desc limit 1"};
        auto row = tx.maybe_row(kPersonal, tenant, user_id);
        if (!row) return std::nullopt;
        return conversation_from_row(*row);
    });
}

Result<std::optional<Conversation>> Directory::any_conversation(const TenantId& tenant) {
    return db_.impl().read([&](pg::Tx& tx) -> std::optional<Conversation> {
        static const pg::Sql kAny{"conversation_any", "select " + kConversationColumns +
            " from conversations where tenant_id = $1 and active and address <> '' order by updated_at desc limit 1"};
        auto row = tx.maybe_row(kAny, tenant);
        if (!row) return std::nullopt;
        return conversation_from_row(*row);
    });
}

Status Directory::deactivate_conversation(const TenantId& tenant, const std::string& external_id) {
    return db_.impl().run_bookkeeping([&](pg::Tx& tx) {
        static const pg::Sql kOff{"conversation_deactivate",
            "update conversations set active = false, updated_at = now() where tenant_id = $1 and external_id = $2"};
        tx.exec(kOff, tenant, external_id);
        return Done{};
    });
}

}  // namespace crm
