#pragma once
// Input checks shared by the services; each failure names the field.
#include <crm_core/error.hpp>
#include <crm_core/values.hpp>

#include "text.hpp"

#include <optional>
#include <string>

namespace crm::validate {

// Trims in place and enforces a maximum length.
inline void clean(std::string& value, const char* field, std::size_t max = 200) {
    value = text::trim(value);
    if (value.size() > max) fail_validation(field, std::string(field) + " is longer than " + std::to_string(max) + " characters");
}

inline void email(std::string& value, const char* field = "email") {
    clean(value, field, 254);
    if (!value.empty() && !text::looks_like_email(value)) fail_validation(field, "\"" + value + "\" is not an email address");
}

inline void money(std::optional<Money>& m) {
    if (!m) return;
    m->currency = text::upper(text::trim(m->currency));
    if (!is_currency_code(m->currency))
        fail_validation("currency", "\"" + m->currency + "\" is not a currency code such as EUR or USD");
    if (m->cents < 0 || m->cents > 99'999'999'999'999'999LL) fail_validation("amount", "the amount must be positive");
}

}  // namespace crm::validate
