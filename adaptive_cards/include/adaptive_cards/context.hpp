#pragma once
// What every builder needs besides the data: who looks at the card, in which
// language, and whose Teams clients should fetch their own version of it.
#include <adaptive_cards/locale.hpp>

#include <crm_core/ids.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cards {

struct CardContext {
    Locale locale = Locale::en;
    crm::RowId viewer_id = 0;  // the CRM user the card is rendered for
    // Teams user ids ("29:...") whose clients refresh viewer-dependent cards
    // automatically (refresh.userIds). Teams takes at most 60; more are cut.
    std::vector<std::string> refresh_user_ids;
};

inline constexpr std::size_t kMaxRefreshUserIds = 60;

// Followers of a record as the viewer sees them.
struct FollowInfo {
    std::int32_t count = 0;
    bool viewer_follows = false;
};

}  // namespace cards
