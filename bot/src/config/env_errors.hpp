#pragma once
// Helpers for reading settings from environment variables, shared by the server
// configuration (config.cpp) and the Teams app package settings (package/).
#include "config/config.hpp"

#include <crm_core/error.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bot::config_env {

inline std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// A value quoted for an error message, cut short: enough to show what was wrong
// without dumping a long value.
inline std::string show_value(std::string_view value) {
    constexpr std::size_t kMax = 40;
    std::string v = "\"";
    v += value.substr(0, kMax);
    if (value.size() > kMax) v += "...";
    v += "\"";
    return v;
}

// The lookup with an empty value counting as unset, whatever `lookup` returns.
// The result refers to `lookup`: use it while `lookup` lives.
inline EnvLookup empty_as_unset(const EnvLookup& lookup) {
    return [&lookup](const std::string& name) -> std::optional<std::string> {
        auto v = lookup(name);
        if (v && v->empty()) return std::nullopt;
        return v;
    };
}

// Collects every problem so that one run of crmbot reports them all.
struct Errors {
    std::vector<std::string> messages;
    std::string first_field;

    void add(const std::string& field, std::string message) {
        if (first_field.empty()) first_field = field;
        messages.push_back(std::move(message));
    }
    bool empty() const { return messages.empty(); }
    crm::Error to_error() const {
        std::string text;
        for (const auto& m : messages) {
            if (!text.empty()) text += "; ";
            text += m;
        }
        return crm::Error{crm::ErrorCode::validation, text, first_field};
    }
};

}  // namespace bot::config_env
