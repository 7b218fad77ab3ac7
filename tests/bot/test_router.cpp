#include "http/response.hpp"
#include "http/router.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <stdexcept>

using bot::http::Request;
using bot::http::Respond;
using bot::http::Response;
using bot::http::Router;
using bot::http::Status;
using bot::http::Verb;

namespace {

std::optional<Response> dispatch(const Router& router, Verb method, const std::string& target) {
    Request req{method, target, 11};
    std::optional<Response> out;
    router.dispatch(req, [&](Response res) { out = std::move(res); });
    return out;
}

Router sample() {
    Router r;
    r.get("/things", [](const Request&, Respond respond) { respond(bot::http::json_response(Status::ok, {{"got", true}})); });
    r.post("/things", [](const Request& req, Respond respond) {
        respond(bot::http::json_response(Status::created, {{"size", req.body().size()}}));
    });
    return r;
}

}  // namespace

TEST_CASE("the router dispatches on method and path, ignoring the query", "[router]") {
    const auto r = sample();
    auto get = dispatch(r, Verb::get, "/things?page=2");
    REQUIRE(get);
    CHECK(get->result() == Status::ok);
    auto post = dispatch(r, Verb::post, "/things");
    REQUIRE(post);
    CHECK(post->result() == Status::created);
}

TEST_CASE("unknown paths get 404 with a JSON error", "[router]") {
    auto res = dispatch(sample(), Verb::get, "/nothing");
    REQUIRE(res);
    CHECK(res->result() == Status::not_found);
    CHECK(res->at(boost::beast::http::field::content_type) == "application/json");
    const auto body = nlohmann::json::parse(res->body());
    CHECK(body["error"]["code"] == "not_found");
    CHECK(body["error"]["message"].get<std::string>().find("/nothing") != std::string::npos);
    // Paths match exactly.
    CHECK(dispatch(sample(), Verb::get, "/things/")->result() == Status::not_found);
}

TEST_CASE("a known path with another method gets 405 and Allow", "[router]") {
    auto res = dispatch(sample(), Verb::delete_, "/things");
    REQUIRE(res);
    CHECK(res->result() == Status::method_not_allowed);
    CHECK(res->at(boost::beast::http::field::allow) == "GET, POST");
    CHECK(nlohmann::json::parse(res->body())["error"]["code"] == "method_not_allowed");
}

TEST_CASE("routes are checked when added", "[router]") {
    Router r = sample();
    CHECK_THROWS_AS(r.get("/things", [](const Request&, Respond) {}), std::logic_error);
    CHECK_THROWS_AS(r.get("things", [](const Request&, Respond) {}), std::logic_error);
}

TEST_CASE("error responses share one shape", "[router]") {
    auto res = bot::http::error_response(Status::payload_too_large, "payload_too_large", "too big");
    CHECK(res.result() == Status::payload_too_large);
    CHECK(nlohmann::json::parse(res.body()) ==
          nlohmann::json{{"error", {{"code", "payload_too_large"}, {"message", "too big"}}}});
    CHECK(bot::http::error_code_for(Status::not_found) == "not_found");
}
