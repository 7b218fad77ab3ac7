#pragma once
// Uniform replies. Bodies are JSON; errors are {"error":{"code":...,"message":...}}.
// The session sets version, keep-alive and Content-Length when it writes them.
#include "http/handler.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

namespace bot::http {

Response json_response(Status status, const nlohmann::json& body);
Response error_response(Status status, std::string_view code, std::string_view message);

// Short snake_case name for an error status: 404 -> "not_found".
std::string_view error_code_for(Status status);

}  // namespace bot::http
