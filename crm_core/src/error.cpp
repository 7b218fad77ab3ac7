#include <crm_core/error.hpp>

namespace crm {

std::string_view to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::not_found: return "not_found";
        case ErrorCode::validation: return "validation";
        case ErrorCode::invalid_transition: return "invalid_transition";
        case ErrorCode::conflict: return "conflict";
        case ErrorCode::forbidden: return "forbidden";
        case ErrorCode::unavailable: return "unavailable";
        case ErrorCode::internal: return "internal";
    }
    return "internal";
}

void fail(ErrorCode code, std::string message, std::string field) {
    throw DomainError(Error{code, std::move(message), std::move(field)});
}

void fail_validation(std::string field, std::string message) {
    fail(ErrorCode::validation, std::move(message), std::move(field));
}

}  // namespace crm
