#pragma once
// Expected failures of the CRM core. They travel as values (Result<T>) across the
// public API; inside a transaction they are thrown as DomainError so that the
// transaction rolls back and nothing is half-written.
#include <stdexcept>
#include <string>
#include <string_view>

namespace crm {

enum class ErrorCode {
    not_found,           // no such record in the caller's tenant
    validation,          // bad input; Error::field names the field
    invalid_transition,  // the record's state does not allow this change
    conflict,            // stale version or duplicate
    forbidden,           // the actor may not do this (role, read-only record)
    unavailable,         // the database cannot be reached
    internal,            // a bug or an unexpected database error
};

std::string_view to_string(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message;
    std::string field;  // set for validation errors
};

class DomainError : public std::runtime_error {
public:
    explicit DomainError(Error error)
        : std::runtime_error(error.message), error_(std::move(error)) {}
    const Error& error() const noexcept { return error_; }

private:
    Error error_;
};

[[noreturn]] void fail(ErrorCode code, std::string message, std::string field = {});
[[noreturn]] void fail_validation(std::string field, std::string message);

}  // namespace crm
