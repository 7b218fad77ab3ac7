#include "log/log.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>

using namespace std::chrono;

TEST_CASE("a log record is one JSON object on one line", "[log]") {
    const auto ts = system_clock::time_point{} + seconds{1'700'000'000} + milliseconds{42};
    const auto line = bot::log::format_line(ts, spdlog::level::warn, "say \"hi\"\nbye",
                                            {{"port", 3978}, {"path", "/a\\b"}, {"ok", true}});
    CHECK(line.find('\n') == std::string::npos);
    const auto j = nlohmann::json::parse(line);
    CHECK(j["ts"] == "2023-11-14T22:13:20.042Z");
    CHECK(j["level"] == "warn");
    CHECK(j["msg"] == "say \"hi\"\nbye");
    CHECK(j["port"] == 3978);
    CHECK(j["path"] == "/a\\b");
    CHECK(j["ok"] == true);
    // ts, level and msg come first, in that order.
    CHECK(line.rfind("{\"ts\":", 0) == 0);
    CHECK(line.find("\"level\"") < line.find("\"msg\""));
}

TEST_CASE("fields cannot overwrite ts, level or msg", "[log]") {
    const auto j = nlohmann::json::parse(
        bot::log::format_line(system_clock::now(), spdlog::level::info, "real", {{"msg", "fake"}, {"level", "x"}}));
    CHECK(j["msg"] == "real");
    CHECK(j["level"] == "info");
}

TEST_CASE("invalid UTF-8 does not break a line", "[log]") {
    const auto line = bot::log::format_line(system_clock::now(), spdlog::level::err, "bad \xff byte");
    CHECK_NOTHROW(nlohmann::json::parse(line));
}

TEST_CASE("records from plain spdlog calls are JSON too", "[log]") {
    bot::log::JsonFormatter formatter;
    spdlog::details::log_msg msg("crmbot", spdlog::level::info, "plain \"text\"");
    spdlog::memory_buf_t out;
    formatter.format(msg, out);
    const std::string line(out.data(), out.size());
    REQUIRE(!line.empty());
    CHECK(line.back() == '\n');
    const auto j = nlohmann::json::parse(line);
    CHECK(j["msg"] == "plain \"text\"");
    CHECK(j["level"] == "info");
}

TEST_CASE("log level names", "[log]") {
    CHECK(bot::log::parse_level("Info") == spdlog::level::info);
    CHECK(bot::log::parse_level("warn") == spdlog::level::warn);
    CHECK(bot::log::parse_level("error") == spdlog::level::err);
    CHECK_FALSE(bot::log::parse_level("verbose").has_value());
}
