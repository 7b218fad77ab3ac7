#include "http/router.hpp"

#include "http/response.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

#include <stdexcept>

namespace bot::http {

Router& Router::add(Verb method, std::string path, Handler handler) {
    if (path.empty() || path.front() != '/') throw std::logic_error("route path must start with '/': " + path);
    auto& methods = routes_[path];
    for (const auto& [m, h] : methods) {
        if (m == method) {
            throw std::logic_error("duplicate route: " + std::string(beast_http::to_string(method)) + " " + path);
        }
    }
    methods.emplace_back(method, std::move(handler));
    return *this;
}

std::string_view Router::path_of(std::string_view target) {
    return target.substr(0, target.find_first_of("?#"));
}

void Router::dispatch(const Request& req, Respond respond) const {
    const auto path = path_of(req.target());
    const auto it = routes_.find(path);
    if (it == routes_.end()) {
        respond(error_response(Status::not_found, "not_found", "no such endpoint: " + std::string(path)));
        return;
    }
    for (const auto& [method, handler] : it->second) {
        if (method == req.method()) {
            handler(req, std::move(respond));
            return;
        }
    }
    std::string allow;
    for (const auto& [method, handler] : it->second) {
        if (!allow.empty()) allow += ", ";
        allow += beast_http::to_string(method);
    }
    auto res = error_response(Status::method_not_allowed, "method_not_allowed",
                              std::string(req.method_string()) + " is not allowed on " + std::string(path) +
                                  " (allowed: " + allow + ")");
    res.set(beast_http::field::allow, allow);
    respond(std::move(res));
}

}  // namespace bot::http
