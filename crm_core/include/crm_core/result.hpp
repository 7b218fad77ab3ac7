#pragma once
// Result<T>: a value or an Error (std::expected is C++23; this is its small subset).
#include <crm_core/error.hpp>

#include <utility>
#include <variant>

namespace crm {

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    const T& value() const& { check(); return std::get<0>(state_); }
    T& value() & { check(); return std::get<0>(state_); }
    T&& value() && { check(); return std::get<0>(std::move(state_)); }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    const Error& error() const { return std::get<1>(state_); }
    // The outcome without the value.
    Result<struct Done> status() const;

private:
    void check() const {
        if (!ok()) throw DomainError(std::get<1>(state_));
    }
    std::variant<T, Error> state_;
};

struct Done {};
using Status = Result<Done>;

template <class T>
Status Result<T>::status() const {
    if (ok()) return Done{};
    return error();
}

}  // namespace crm
