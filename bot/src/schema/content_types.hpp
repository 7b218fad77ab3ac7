#pragma once
// Content types of attachments and invoke response bodies (Teams / Adaptive Cards).
#include <string_view>

namespace bot::schema::content_type {

inline constexpr std::string_view adaptive_card = "application/vnd.microsoft.card.adaptive";
inline constexpr std::string_view hero_card = "application/vnd.microsoft.card.hero";
inline constexpr std::string_view thumbnail_card = "application/vnd.microsoft.card.thumbnail";
// adaptiveCard/action response bodies.
inline constexpr std::string_view activity_message = "application/vnd.microsoft.activity.message";
inline constexpr std::string_view error = "application/vnd.microsoft.error";
inline constexpr std::string_view login_request = "application/vnd.microsoft.activity.loginRequest";
inline constexpr std::string_view precondition_failed = "application/vnd.microsoft.error.preconditionFailed";

}  // namespace bot::schema::content_type
