// Constant-rate (open-loop) load generator for the bot's /api/messages, for
// `scripts/bench bot`. Debian has no wrk2, and wrk is closed-loop: a slow answer
// delays the next request, so its latencies hide queueing ("coordinated omission").
//
// Open loop (--rate R > 0): request i is due at start + i/R whatever happened before;
// it goes out on an idle keep-alive connection (a new one is opened while fewer than
// --connections exist, else it waits in a queue), and its latency is measured from
// the time it was DUE, not from when it could be sent.
// Closed loop (--rate 0): every connection sends its next request as soon as the
// previous answer is in (like wrk); latency from the send.
//
// Each request is a signed Teams channel message "<at>Bot</at> lead <n>" (n in
// 1..--leads; --command changes the text, "{n}" standing for the number, e.g. a
// command that writes: "comment L-{n} Called back") with a Bearer token from --token, --token-file or --token-url (a GET
// that answers the JWT as text, e.g. a channel stand-in's /token?aud=..&serviceurl=..).
//
// Prints one line (exit status 0 when every measured request got a 2xx answer):
//   RESULT mode=open target_rate=1000 achieved_req_s=.. sent=.. completed=.. errors=.. unanswered=..
//          p50_ms=.. p90_ms=.. p99_ms=.. p999_ms=.. max_ms=.. max_send_lag_ms=.. connections=..
// max_send_lag_ms: the longest a request waited between being due and being written (no idle
// connection, or this process itself was short of CPU); it is part of the latencies above.
// connections: how many were opened (at most --connections).
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Url {
    std::string host, port, target;
};

std::optional<Url> parse_url(const std::string& url) {
    const std::string prefix = "http://";
    if (url.rfind(prefix, 0) != 0) return std::nullopt;
    const auto rest = url.substr(prefix.size());
    const auto slash = rest.find('/');
    const auto authority = rest.substr(0, slash);
    Url out;
    out.target = slash == std::string::npos ? "/" : rest.substr(slash);
    const auto colon = authority.rfind(':');
    out.host = colon == std::string::npos ? authority : authority.substr(0, colon);
    out.port = colon == std::string::npos ? "80" : authority.substr(colon + 1);
    return out;
}

// A blocking GET (used once, for the token).
std::string http_get(const std::string& url_text) {
    const auto url = parse_url(url_text);
    if (!url) throw std::runtime_error("only http:// URLs are supported: " + url_text);
    net::io_context io;
    tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    stream.connect(resolver.resolve(url->host, url->port));
    http::request<http::empty_body> req{http::verb::get, url->target, 11};
    req.set(http::field::host, url->host);
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    if (res.result() != http::status::ok)
        throw std::runtime_error("GET " + url_text + " answered " + std::to_string(res.result_int()));
    std::string body = res.body();
    while (!body.empty() && std::isspace(static_cast<unsigned char>(body.back()))) body.pop_back();
    return body;
}

// A Teams channel message mentioning the bot, as the channel posts it.
std::string make_activity(const std::string& text, long long id, const std::string& service_url,
                          const std::string& app_id, const std::string& tenant, const std::string& aad_object_id) {
    const std::string channel = "19:benchchannel0123456789abcdef0123@thread.tacv2";
    const std::string team = "19:benchteam0123456789abcdef012345@thread.tacv2";
    const std::string bot_id = "28:" + app_id;
    nlohmann::json a = {
        {"type", "message"},
        {"id", std::to_string(id)},
        {"timestamp", "2025-01-15T10:00:00.000Z"},
        {"localTimestamp", "2025-01-15T11:00:00.000+01:00"},
        {"channelId", "msteams"},
        {"serviceUrl", service_url},
        {"from", {{"id", "29:steady-load-sender"}, {"name", "Steady Load Sender"}, {"aadObjectId", aad_object_id}}},
        {"conversation",
         {{"isGroup", true},
          {"conversationType", "channel"},
          {"tenantId", tenant},
          {"id", channel + ";messageid=" + std::to_string(id)}}},
        {"recipient", {{"id", bot_id}, {"name", "Bot"}}},
        {"textFormat", "plain"},
        {"text", "<at>Bot</at> " + text},
        {"attachments",
         nlohmann::json::array({{{"contentType", "text/html"},
                                 {"content", "<div><div><p><span itemscope=\"\" itemtype=\"http://schema.skype.com/"
                                             "Mention\" itemid=\"0\">Bot</span>&nbsp;" + text + "</p></div></div>"}}})},
        {"entities",
         nlohmann::json::array({{{"type", "mention"}, {"text", "<at>Bot</at>"}, {"mentioned", {{"id", bot_id}, {"name", "Bot"}}}},
                                {{"type", "clientInfo"}, {"locale", "en-US"}, {"country", "US"}, {"platform", "Web"},
                                 {"timezone", "Europe/Berlin"}}})},
        {"channelData",
         {{"teamsChannelId", channel},
          {"teamsTeamId", team},
          {"channel", {{"id", channel}, {"name", "Bench channel"}}},
          {"team", {{"id", team}, {"name", "Bench team"}}},
          {"tenant", {{"id", tenant}}},
          {"source", {{"name", "message"}}}}},
        {"locale", "en-US"},
        {"localTimezone", "Europe/Berlin"},
    };
    return a.dump();
}

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    const auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(i, sorted.size() - 1)];
}

struct Options {
    std::string url = "http://127.0.0.1:3978/api/messages";
    double rate = 1000;
    double seconds = 15;
    double warmup = 2;
    int connections = 64;
    int leads = 1000;
    std::string command = "lead {n}";
    std::string token, token_file, token_url;
    std::string service_url = "http://127.0.0.1:3981/";
    std::string app_id = "00000000-0000-0000-0000-00000000b07a";
    std::string tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    std::string aad_object_id = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e";
    double drain_seconds = 5;
};

class Load {
public:
    Load(net::io_context& io, const Options& o, Url url, std::string token)
        : io_(io), o_(o), url_(std::move(url)), timer_(io) {
        endpoints_ = tcp::resolver(io).resolve(url_.host, url_.port);
        for (int i = 0; i < 512; ++i) {
            const int n = static_cast<int>((static_cast<long long>(i) * 7901) % o.leads) + 1;
            auto req = std::make_shared<http::request<http::string_body>>(http::verb::post, url_.target, 11);
            req->set(http::field::host, url_.host + ":" + url_.port);
            req->set(http::field::content_type, "application/json; charset=utf-8");
            if (!token.empty()) req->set(http::field::authorization, "Bearer " + token);
            req->set(http::field::user_agent, "bench_steady_load");
            std::string text = o.command;
            for (auto at = text.find("{n}"); at != std::string::npos; at = text.find("{n}", at))
                text.replace(at, 3, std::to_string(n));
            req->body() = make_activity(text, 1736935200000LL + i, o.service_url, o.app_id, o.tenant, o.aad_object_id);
            req->prepare_payload();
            requests_.push_back(std::move(req));
        }
    }

    void start() {
        start_ = Clock::now();
        measure_from_ = start_ + to_duration(o_.warmup);
        end_ = measure_from_ + to_duration(o_.seconds);
        if (o_.rate > 0) {
            tick();
        } else {
            for (int i = 0; i < o_.connections; ++i) open_connection();
        }
    }

    int report() {
        std::sort(latencies_.begin(), latencies_.end());
        const double measured = o_.seconds;
        std::string statuses;
        for (const auto& [status, count] : bad_status_) statuses += " status_" + std::to_string(status) + "=" + std::to_string(count);
        std::printf(
            "RESULT mode=%s target_rate=%.0f achieved_req_s=%.1f sent=%ld completed=%zu errors=%ld unanswered=%ld "
            "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f max_send_lag_ms=%.2f connections=%zu%s\n",
            o_.rate > 0 ? "open" : "closed", o_.rate, static_cast<double>(latencies_.size()) / measured, sent_measured_,
            latencies_.size(), errors_, unanswered_, percentile(latencies_, 0.50), percentile(latencies_, 0.90),
            percentile(latencies_, 0.99), percentile(latencies_, 0.999), latencies_.empty() ? 0.0 : latencies_.back(),
            max_send_lag_ms_, conns_.size(), statuses.c_str());
        std::fflush(stdout);
        return errors_ + unanswered_ == 0 && !latencies_.empty() ? 0 : 1;
    }

private:
    struct Conn {
        explicit Conn(net::io_context& io) : stream(io) {}
        beast::tcp_stream stream;
        beast::flat_buffer buffer;
        http::response<http::string_body> res;
        bool connected = false, busy = false;
        Clock::time_point due;   // when the request in flight was due (open loop) or sent (closed loop)
        bool measured = false;
    };

    static Clock::duration to_duration(double s) {
        return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
    }

    // Open loop: queue every request that is due by now, send what can be sent, sleep until the next one.
    void tick() {
        const auto now = Clock::now();
        if (!stopping_) {
            while (true) {
                const auto due = start_ + to_duration(static_cast<double>(scheduled_) / o_.rate);
                if (due > now) break;
                if (due >= end_) {
                    stopping_ = true;
                    break;
                }
                pending_.push_back(due);
                ++scheduled_;
            }
        }
        dispatch();
        if (stopping_) {
            wait_for_drain();
            return;
        }
        timer_.expires_at(start_ + to_duration(static_cast<double>(scheduled_) / o_.rate));
        timer_.async_wait([this](beast::error_code ec) {
            if (!ec) tick();
        });
    }

    void dispatch() {
        while (!pending_.empty()) {
            Conn* idle = nullptr;
            for (auto& c : conns_)
                if (c->connected && !c->busy) {
                    idle = c.get();
                    break;
                }
            if (!idle) {
                if (static_cast<int>(conns_.size()) - closed_ < o_.connections && connecting_ == 0) open_connection();
                return;
            }
            const auto due = pending_.front();
            pending_.pop_front();
            send(*idle, due);
        }
    }

    void open_connection() {
        conns_.push_back(std::make_unique<Conn>(io_));
        Conn* c = conns_.back().get();
        ++connecting_;
        c->stream.async_connect(endpoints_, [this, c](beast::error_code ec, const tcp::endpoint&) {
            --connecting_;
            if (ec) {
                std::fprintf(stderr, "steady_load: connect: %s\n", ec.message().c_str());
                ++errors_;
                ++closed_;
                return;
            }
            c->stream.socket().set_option(tcp::no_delay(true));
            c->connected = true;
            if (o_.rate > 0) {
                dispatch();
            } else {
                send(*c, Clock::now());
            }
        });
    }

    void send(Conn& c, Clock::time_point due) {
        const auto now = Clock::now();
        c.busy = true;
        c.due = o_.rate > 0 ? due : now;
        c.measured = c.due >= measure_from_;
        if (c.measured) {
            ++sent_measured_;
            max_send_lag_ms_ = std::max(max_send_lag_ms_, std::chrono::duration<double, std::milli>(now - due).count());
        }
        ++in_flight_;
        auto req = requests_[next_++ % requests_.size()];
        c.res = {};
        http::async_write(c.stream, *req, [this, &c, req](beast::error_code ec, std::size_t) {
            if (ec) return fail(c, "write", ec);
            http::async_read(c.stream, c.buffer, c.res, [this, &c](beast::error_code ec, std::size_t) {
                if (ec) return fail(c, "read", ec);
                on_response(c);
            });
        });
    }

    void on_response(Conn& c) {
        const auto now = Clock::now();
        --in_flight_;
        c.busy = false;
        const int status = c.res.result_int();
        if (status < 200 || status > 299) {
            if (c.measured) ++errors_;
            ++bad_status_[status];
        } else if (c.measured) {
            latencies_.push_back(std::chrono::duration<double, std::milli>(now - c.due).count());
        }
        if (!c.res.keep_alive()) {
            c.connected = false;
            ++closed_;
        }
        if (o_.rate > 0) {
            dispatch();
            if (stopping_ && in_flight_ == 0 && pending_.empty()) finish();
        } else if (now < end_) {
            if (c.connected) send(c, now);
        } else if (in_flight_ == 0) {
            finish();
        }
    }

    void fail(Conn& c, const char* what, beast::error_code ec) {
        --in_flight_;
        if (c.measured) ++errors_;
        if (errors_ <= 5) std::fprintf(stderr, "steady_load: %s: %s\n", what, ec.message().c_str());
        c.busy = false;
        c.connected = false;
        ++closed_;
        beast::error_code ignored;
        c.stream.socket().close(ignored);
        if (o_.rate > 0) {
            dispatch();
        } else if (Clock::now() < end_) {
            open_connection();
        } else if (in_flight_ == 0) {
            finish();
        }
    }

    void wait_for_drain() {
        if (in_flight_ == 0 && pending_.empty()) return finish();
        timer_.expires_after(to_duration(o_.drain_seconds));
        timer_.async_wait([this](beast::error_code ec) {
            if (ec) return;  // finished meanwhile
            unanswered_ = in_flight_ + static_cast<long>(pending_.size());
            finish();
        });
    }

    void finish() {
        if (finished_) return;
        finished_ = true;
        timer_.cancel();
        for (auto& c : conns_) {
            beast::error_code ignored;
            c->stream.socket().close(ignored);
        }
        io_.stop();
    }

    net::io_context& io_;
    const Options& o_;
    Url url_;
    tcp::resolver::results_type endpoints_;
    net::steady_timer timer_;
    std::vector<std::shared_ptr<http::request<http::string_body>>> requests_;
    std::vector<std::unique_ptr<Conn>> conns_;
    std::deque<Clock::time_point> pending_;
    Clock::time_point start_, measure_from_, end_;
    long long scheduled_ = 0;
    std::size_t next_ = 0;
    int connecting_ = 0;
    int closed_ = 0;
    long in_flight_ = 0;
    long sent_measured_ = 0;
    long errors_ = 0;
    long unanswered_ = 0;
    bool stopping_ = false, finished_ = false;
    double max_send_lag_ms_ = 0;
    std::vector<double> latencies_;
    std::map<int, long> bad_status_;
};

}  // namespace

int main(int argc, char** argv) {
    Options o;
    CLI::App app{"Constant-rate load of signed Teams 'lead <n>' messages against a bot endpoint"};
    app.add_option("--url", o.url, "bot endpoint (http only)");
    app.add_option("--rate", o.rate, "requests per second, open loop; 0 = closed loop (as fast as --connections allow)")
        ->check(CLI::Range(0.0, 1e6));
    app.add_option("--seconds", o.seconds, "measured duration")->check(CLI::Range(0.1, 3600.0));
    app.add_option("--warmup", o.warmup, "seconds of load before measuring")->check(CLI::Range(0.0, 600.0));
    app.add_option("--connections", o.connections, "most keep-alive connections")->check(CLI::Range(1, 10000));
    app.add_option("--leads", o.leads, "lead numbers used: 1..N")->check(CLI::Range(1, 100000000));
    app.add_option("--command", o.command, "the message text; {n} is replaced by a lead number (default \"lead {n}\")");
    app.add_option("--token", o.token, "channel->bot JWT");
    app.add_option("--token-file", o.token_file, "file holding the JWT");
    app.add_option("--token-url", o.token_url, "http URL answering the JWT as text");
    app.add_option("--service-url", o.service_url, "serviceUrl of the activities (must equal the token's serviceurl claim)");
    app.add_option("--app-id", o.app_id, "the bot's app id (recipient 28:<id>)");
    app.add_option("--tenant", o.tenant, "tenant id of the activities");
    app.add_option("--aad-object-id", o.aad_object_id, "aadObjectId of the sender");
    app.add_option("--drain", o.drain_seconds, "seconds to wait for answers after the last send");
    CLI11_PARSE(app, argc, argv);

    try {
        const auto url = parse_url(o.url);
        if (!url) throw std::runtime_error("--url must be an http:// URL");
        std::string token = o.token;
        if (token.empty() && !o.token_file.empty()) {
            std::ifstream in(o.token_file);
            if (!in) throw std::runtime_error("cannot read " + o.token_file);
            token.assign(std::istreambuf_iterator<char>(in), {});
            while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
        }
        if (token.empty() && !o.token_url.empty()) token = http_get(o.token_url);
        if (token.empty()) std::fprintf(stderr, "steady_load: no token: requests go without Authorization\n");

        net::io_context io(1);
        Load load(io, o, *url, token);
        load.start();
        io.run();
        return load.report();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "steady_load: %s\n", e.what());
        return 2;
    }
}
