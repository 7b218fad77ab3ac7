#pragma once
// Followers: users of our own organization, or conversations such as a channel,
// who are told about changes to what they follow without taking part.
#include <crm_core/collaboration.hpp>
#include <crm_core/database.hpp>
#include <crm_core/result.hpp>

#include <vector>

namespace crm {

class Followers {
public:
    explicit Followers(Database& db) : db_(db) {}

    // The actor follows the target, or (owner of the record, manager or admin) makes
    // another user follow it. Following twice is not an error and changes nothing.
    Result<Follower> follow(const Actor& actor, FollowTarget target,
                            std::optional<RowId> user_id = {}, FollowFilter filter = FollowFilter::all);
    Status unfollow(const Actor& actor, FollowTarget target, std::optional<RowId> user_id = {});

    Result<Follower> follow_in_conversation(const Actor& actor, RowId conversation_id, FollowTarget target,
                                            FollowFilter filter = FollowFilter::all);
    Status unfollow_in_conversation(const Actor& actor, RowId conversation_id, FollowTarget target);

    Result<std::vector<Follower>> list(const Actor& actor, FollowTarget target);
    Result<bool> is_following(const Actor& actor, FollowTarget target);
    // How many follow the target, and whether the actor is one of them: what a
    // record card shows, in one query.
    Result<FollowSummary> summary(const Actor& actor, FollowTarget target);

private:
    Database& db_;
};

}  // namespace crm
