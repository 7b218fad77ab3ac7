#pragma once
// Structured logging: one JSON object per line on stderr,
//   {"ts":"2026-11-23T04:33:00.123Z","level":"info","msg":"listening","port":3978}
// spdlog does the level filtering, timestamps and locking; JsonFormatter turns each
// record into a line. Fields are nlohmann::json values, so strings are escaped by
// nlohmann. Never pass secrets (passwords, database URLs, tokens) as fields.
#include <nlohmann/json.hpp>
#include <spdlog/formatter.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace bot::log {

struct Field {
    std::string_view key;
    nlohmann::json value;
};
using Fields = std::initializer_list<Field>;

// Sets the level of the JSON-lines stderr logger (which exists from the first
// write, at info) and installs it as spdlog's default logger too. Idempotent.
void init(spdlog::level::level_enum level = spdlog::level::info);
void set_level(spdlog::level::level_enum level);

// "trace" "debug" "info" "warn"/"warning" "error" "critical" "off" (case-insensitive).
std::optional<spdlog::level::level_enum> parse_level(std::string_view name);

void write(spdlog::level::level_enum level, std::string_view msg, Fields fields = {});
inline void debug(std::string_view msg, Fields fields = {}) { write(spdlog::level::debug, msg, fields); }
inline void info(std::string_view msg, Fields fields = {}) { write(spdlog::level::info, msg, fields); }
inline void warn(std::string_view msg, Fields fields = {}) { write(spdlog::level::warn, msg, fields); }
inline void error(std::string_view msg, Fields fields = {}) { write(spdlog::level::err, msg, fields); }
bool enabled(spdlog::level::level_enum level);

// The line for one record, without the trailing newline (exposed for tests).
std::string format_line(std::chrono::system_clock::time_point ts, spdlog::level::level_enum level,
                        std::string_view msg, Fields fields = {});

// spdlog formatter producing the lines above. Records logged through write() carry
// their fields pre-encoded; records logged with plain spdlog::info("...") calls
// (e.g. from a library) become {"ts","level","msg"} with the text escaped.
class JsonFormatter final : public spdlog::formatter {
public:
    void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
    std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace bot::log
