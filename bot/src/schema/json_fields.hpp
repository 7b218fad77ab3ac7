#pragma once
// Small, never-throwing readers for optional JSON members: for the schema
// library, and for the handlers that read an invoke's free-form value.
// operator[] on a missing key of a const json is undefined behaviour, so every
// read goes through find().
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bot::schema::detail {

// The member `key` of `object`, or nullptr when `object` is not an object or has no such key.
inline const nlohmann::json* member(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

// The member when it is a string, else "" (absent and wrongly typed alike).
inline std::string string_member(const nlohmann::json& object, std::string_view key) {
    const auto* m = member(object, key);
    return m && m->is_string() ? m->get<std::string>() : std::string{};
}

// object.a.b... as a string, "" when any step is missing or not of the right type.
inline std::string string_at(const nlohmann::json& object, std::string_view a, std::string_view b) {
    const auto* inner = member(object, a);
    return inner ? string_member(*inner, b) : std::string{};
}

inline bool bool_member(const nlohmann::json& object, std::string_view key, bool fallback) {
    const auto* m = member(object, key);
    return m && m->is_boolean() ? m->get<bool>() : fallback;
}

// object.a.b as a 32-bit integer, nullopt when missing, not an integer or out of range.
inline std::optional<std::int32_t> int_at(const nlohmann::json& object, std::string_view a, std::string_view b) {
    const auto* inner = member(object, a);
    const auto* m = inner ? member(*inner, b) : nullptr;
    if (!m || !m->is_number_integer()) return std::nullopt;
    const auto v = m->get<std::int64_t>();
    if (v < INT32_MIN || v > INT32_MAX) return std::nullopt;
    return static_cast<std::int32_t>(v);
}

}  // namespace bot::schema::detail

namespace bot::schema {
using detail::int_at;
using detail::member;
using detail::string_at;
using detail::string_member;
}  // namespace bot::schema
