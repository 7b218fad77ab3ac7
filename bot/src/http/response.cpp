#include "http/response.hpp"

#include <boost/beast/http/field.hpp>

namespace bot::http {

Response json_response(Status status, const nlohmann::json& body) {
    Response res{status, 11};
    res.set(beast_http::field::content_type, "application/json");
    res.set(beast_http::field::cache_control, "no-store");
    res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return res;
}

Response error_response(Status status, std::string_view code, std::string_view message) {
    return json_response(status, {{"error", {{"code", code}, {"message", message}}}});
}

std::string_view error_code_for(Status status) {
    switch (status) {
        case Status::bad_request: return "bad_request";
        case Status::unauthorized: return "unauthorized";
        case Status::forbidden: return "forbidden";
        case Status::not_found: return "not_found";
        case Status::method_not_allowed: return "method_not_allowed";
        case Status::request_timeout: return "request_timeout";
        case Status::payload_too_large: return "payload_too_large";
        case Status::unsupported_media_type: return "unsupported_media_type";
        case Status::request_header_fields_too_large: return "request_header_fields_too_large";
        case Status::not_implemented: return "not_implemented";
        case Status::service_unavailable: return "service_unavailable";
        default: return "internal";
    }
}

}  // namespace bot::http
