#include "log/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <mutex>

namespace bot::log {
namespace {

// Marks a payload produced by write(): the byte cannot start ordinary text.
constexpr char kStructured = '\x1e';

void append_ts(std::string& out, std::chrono::system_clock::time_point ts) {
    using namespace std::chrono;
    const auto secs = time_point_cast<seconds>(ts);
    const auto millis = duration_cast<milliseconds>(ts - secs).count();
    const std::time_t t = system_clock::to_time_t(secs);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    const auto n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    out.append(buf, n);
    char ms[8];
    std::snprintf(ms, sizeof ms, ".%03dZ", static_cast<int>(millis));
    out.append(ms);
}

std::string_view level_name(spdlog::level::level_enum level) {
    switch (level) {
        case spdlog::level::trace: return "trace";
        case spdlog::level::debug: return "debug";
        case spdlog::level::info: return "info";
        case spdlog::level::warn: return "warn";
        case spdlog::level::err: return "error";
        case spdlog::level::critical: return "critical";
        default: return "off";
    }
}

std::string dump(const nlohmann::json& j) {
    // Replace invalid UTF-8 instead of throwing: a log line must never throw.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// `"msg":"...","k":v,...` — the part of a line after the level.
std::string encode_body(std::string_view msg, Fields fields) {
    std::string out = "\"msg\":";
    out += dump(std::string(msg));
    for (const auto& f : fields) {
        if (f.key == "ts" || f.key == "level" || f.key == "msg") continue;  // reserved
        out += ',';
        out += dump(std::string(f.key));
        out += ':';
        out += dump(f.value);
    }
    return out;
}

std::string make_line(std::chrono::system_clock::time_point ts, spdlog::level::level_enum level,
                      std::string_view body) {
    std::string line = "{\"ts\":\"";
    append_ts(line, ts);
    line += "\",\"level\":\"";
    line += level_name(level);
    line += "\",";
    line += body;
    line += '}';
    return line;
}

const std::shared_ptr<spdlog::logger>& shared_instance() {
    static const std::shared_ptr<spdlog::logger> logger = [] {
        auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
        auto l = std::make_shared<spdlog::logger>("crmbot", std::move(sink));
        l->set_formatter(std::make_unique<JsonFormatter>());
        l->set_level(spdlog::level::info);
        l->flush_on(spdlog::level::trace);  // one line per write, never lost on exit
        return l;
    }();
    return logger;
}

spdlog::logger& instance() { return *shared_instance(); }

}  // namespace

std::optional<spdlog::level::level_enum> parse_level(std::string_view name) {
    std::string s(name);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    if (s == "trace") return spdlog::level::trace;
    if (s == "debug") return spdlog::level::debug;
    if (s == "info") return spdlog::level::info;
    if (s == "warn" || s == "warning") return spdlog::level::warn;
    if (s == "error" || s == "err") return spdlog::level::err;
    if (s == "critical") return spdlog::level::critical;
    if (s == "off") return spdlog::level::off;
    return std::nullopt;
}

void JsonFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    std::string line;
    if (!payload.empty() && payload.front() == kStructured) {
        line = make_line(msg.time, msg.level, payload.substr(1));
    } else {
        line = make_line(msg.time, msg.level, encode_body(payload, {}));
    }
    line += '\n';
    dest.append(line.data(), line.data() + line.size());
}

std::unique_ptr<spdlog::formatter> JsonFormatter::clone() const {
    return std::make_unique<JsonFormatter>();
}

void init(spdlog::level::level_enum level) {
    auto& logger = instance();
    logger.set_level(level);
    // Make plain spdlog:: calls (from libraries) land in the same JSON stream.
    static std::once_flag once;
    std::call_once(once, [] { spdlog::set_default_logger(shared_instance()); });
    spdlog::set_level(level);
}

void set_level(spdlog::level::level_enum level) { instance().set_level(level); }

bool enabled(spdlog::level::level_enum level) { return instance().should_log(level); }

void write(spdlog::level::level_enum level, std::string_view msg, Fields fields) {
    auto& logger = instance();
    if (!logger.should_log(level)) return;
    try {
        std::string payload(1, kStructured);
        payload += encode_body(msg, fields);
        logger.log(level, spdlog::string_view_t(payload.data(), payload.size()));
    } catch (...) {
        // Logging must never take the process down.
    }
}

std::string format_line(std::chrono::system_clock::time_point ts, spdlog::level::level_enum level,
                        std::string_view msg, Fields fields) {
    return make_line(ts, level, encode_body(msg, fields));
}

}  // namespace bot::log
