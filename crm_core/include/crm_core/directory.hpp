#pragma once
// Tenants, users and notification targets (conversations). A tenant is created,
// with its default pipeline, the first time one of its users is seen.
#include <crm_core/collaboration.hpp>
#include <crm_core/database.hpp>
#include <crm_core/ids.hpp>
#include <crm_core/result.hpp>

#include <optional>
#include <string>
#include <vector>

namespace crm {

struct UserProfile {
    std::string aad_object_id;  // stable identity within the tenant
    std::string teams_user_id;  // "29:..." (specific to our bot)
    std::string name;
    std::string email;
};

struct User {
    RowId id = 0;
    TenantId tenant;
    std::string aad_object_id, teams_user_id, name, email;
    Role role = Role::rep;

    Actor actor() const { return {tenant, id, role}; }
};

class Directory {
public:
    explicit Directory(Database& db) : db_(db) {}

    // Finds the user by AAD object id within the tenant, or provisions it: the first
    // user of a new tenant becomes its admin, later ones reps. Name, email and Teams
    // id are refreshed when they changed.
    Result<User> ensure_user(const TenantId& tenant, const UserProfile& profile);
    Result<User> get_user(const Actor& actor, RowId user_id);
    // A user of the actor's tenant by Teams id ("29:..."), e.g. someone @mentioned.
    Result<User> find_by_teams_user_id(const Actor& actor, const std::string& teams_user_id);
    Result<std::vector<User>> list_users(const Actor& actor, PageRequest page = {});
    Result<User> set_role(const Actor& actor, RowId user_id, Role role);  // admins only

    // Registers a conversation, or refreshes what changed (name, address; it is
    // active again). Conversations can follow records and receive notifications.
    Result<Conversation> ensure_conversation(const TenantId& tenant, const ConversationInfo& info);
    Result<Conversation> find_conversation(const TenantId& tenant, const std::string& external_id);
    // The user's active 1:1 chat with the integration, if they have one.
    Result<std::optional<Conversation>> personal_conversation(const TenantId& tenant, RowId user_id);
    // The tenant's most recently seen active conversation with an address: where
    // the integration can start a new conversation from (its service endpoint).
    Result<std::optional<Conversation>> any_conversation(const TenantId& tenant);
    // The app was removed from it: keep its follows, stop sending to it.
    Status deactivate_conversation(const TenantId& tenant, const std::string& external_id);

private:
    Database& db_;
};

}  // namespace crm
