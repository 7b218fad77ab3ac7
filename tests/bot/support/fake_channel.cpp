#include "support/fake_channel.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <random>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

namespace test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decoding; `plus_is_space` for application/x-www-form-urlencoded.
std::string url_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else if (s[i] == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

std::map<std::string, std::string> parse_form(std::string_view body) {
    std::map<std::string, std::string> out;
    while (!body.empty()) {
        const auto amp = body.find('&');
        const auto pair = body.substr(0, amp);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos) {
            out[url_decode(pair.substr(0, eq), true)] = url_decode(pair.substr(eq + 1), true);
        }
        if (amp == std::string_view::npos) break;
        body.remove_prefix(amp + 1);
    }
    return out;
}

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        parts.emplace_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return parts;
}

nlohmann::json error_body(std::string code, std::string message) {
    return {{"error", {{"code", std::move(code)}, {"message", std::move(message)}}}};
}

}  // namespace

// ------------------------------------------------------------------------------------------------
// Faults and recorded requests

std::string RecordedRequest::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (iequals(key, name)) return value;
    }
    return {};
}

ConnectorFault ConnectorFault::throttled(std::optional<std::string> retry_after) {
    ConnectorFault f;
    f.status = 429;
    f.retry_after = std::move(retry_after);
    f.body = error_body("Throttled", "Too many requests");
    return f;
}

ConnectorFault ConnectorFault::server_error(int status) {
    ConnectorFault f;
    f.status = status;
    f.body = error_body("ServiceError", "Something went wrong");
    return f;
}

ConnectorFault ConnectorFault::forbidden(std::string sub_code, std::string code) {
    ConnectorFault f;
    f.status = 403;
    f.body = {{"error", {{"code", std::move(code)}, {"subCode", std::move(sub_code)},
                         {"message", "The bot is not allowed to write to this conversation"}}}};
    return f;
}

ConnectorFault ConnectorFault::not_found() {
    ConnectorFault f;
    f.status = 404;
    f.body = error_body("ConversationNotFound", "Conversation not found.");
    return f;
}

ConnectorFault ConnectorFault::slow(std::chrono::milliseconds delay) {
    ConnectorFault f;
    f.delay = delay;
    return f;
}

// ------------------------------------------------------------------------------------------------
// Core: the state and the request handler; shared by the I/O sessions.

struct FakeChannel::Core {
    explicit Core(FakeChannelOptions o) : options(std::move(o)) {
        keys.push_back(std::make_shared<const TestSigner>());
    }

    const FakeChannelOptions options;
    std::atomic<std::uint16_t> port{0};

    mutable std::mutex mutex;
    mutable std::condition_variable recorded;
    // Signing keys, newest last; the newest signs.
    std::vector<std::shared_ptr<const TestSigner>> keys;
    std::vector<std::string> endorsements = options.endorsements;
    int discovery_failure = 0;
    std::size_t metadata_fetches = 0;
    std::size_t jwks_fetches = 0;

    std::size_t token_requests = 0;
    std::size_t token_failures_left = 0;
    int token_failure_status = 503;
    int token_expires_in = options.token_expires_in;
    std::vector<std::string> issued;
    std::set<std::string> valid_tokens;

    std::deque<ConnectorFault> faults;
    std::chrono::milliseconds connector_delay{0};
    double throttle_ratio = 0;
    std::string throttle_retry_after;
    std::mt19937 throttle_rng{42};
    std::size_t next_id = 0;
    std::vector<RecordedRequest> requests;

    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port.load()); }

    // The answer to `req` and how long to hold it back.
    std::pair<Response, std::chrono::milliseconds> handle(const Request& req) {
        RecordedRequest rec;
        rec.method = std::string(req.method_string());
        rec.target = std::string(req.target());
        rec.path = rec.target.substr(0, rec.target.find('?'));
        for (const auto& field : req) rec.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        rec.body = req.body();
        if (!rec.body.empty()) {
            rec.json = nlohmann::json::parse(rec.body, nullptr, false);
            if (rec.json.is_discarded()) rec.json = nullptr;
        }
        rec.received_at = std::chrono::steady_clock::now();

        Response res{http::status::ok, req.version()};
        res.set(http::field::server, "fake-channel");
        std::chrono::milliseconds delay{0};
        {
            std::lock_guard lock(mutex);
            route(req, rec, res, delay);
            rec.status = static_cast<int>(res.result_int());
            requests.push_back(std::move(rec));
        }
        recorded.notify_all();
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        return {std::move(res), delay};
    }

    static void json_answer(Response& res, http::status status, const nlohmann::json& body) {
        res.result(status);
        res.set(http::field::content_type, "application/json; charset=utf-8");
        res.body() = body.dump();
    }

    // Called with `mutex` held.
    void route(const Request& req, RecordedRequest& rec, Response& res, std::chrono::milliseconds& delay) {
        const auto parts = split_path(rec.path);  // "/a/b" -> {"", "a", "b"}
        const auto method = req.method();

        if (method == http::verb::get && rec.path == "/v1/.well-known/openidconfiguration") {
            ++metadata_fetches;
            if (discovery_failure != 0) return json_answer(res, http::status(discovery_failure), error_body("Unavailable", "down"));
            return json_answer(res, http::status::ok,
                               {{"issuer", std::string(kChannelIssuer)},
                                {"authorization_endpoint", base_url() + "/v1/.well-known/authorize"},
                                {"jwks_uri", base_url() + "/v1/.well-known/keys"},
                                {"id_token_signing_alg_values_supported", {"RS256"}},
                                {"token_endpoint_auth_methods_supported", {"private_key_jwt"}}});
        }
        if (method == http::verb::get && rec.path == "/v1/.well-known/keys") {
            ++jwks_fetches;
            if (discovery_failure != 0) return json_answer(res, http::status(discovery_failure), error_body("Unavailable", "down"));
            nlohmann::json list = nlohmann::json::array();
            for (const auto& key : keys) list.push_back(key->jwk(endorsements));
            return json_answer(res, http::status::ok, {{"keys", list}});
        }
        if (method == http::verb::post && parts.size() == 5 && parts[2] == "oauth2" && parts[3] == "v2.0" &&
            parts[4] == "token") {
            return token_endpoint(req, res);
        }
        // The connector lives under the service URL, which may have a path ("/amer/").
        if (const auto v3 = rec.path.find("/v3/"); v3 != std::string::npos) {
            return connector(req, split_path(std::string_view(rec.path).substr(v3)), rec, res, delay);
        }
        json_answer(res, http::status::not_found, error_body("NotFound", "no such route in the fake channel"));
    }

    void token_endpoint(const Request& req, Response& res) {
        ++token_requests;
        if (token_failures_left > 0) {
            --token_failures_left;
            return json_answer(res, http::status(token_failure_status),
                               {{"error", "temporarily_unavailable"}, {"error_description", "fake outage"}});
        }
        const auto content_type = std::string(req[http::field::content_type]);
        if (!content_type.starts_with("application/x-www-form-urlencoded")) {
            return json_answer(res, http::status::bad_request,
                               {{"error", "invalid_request"}, {"error_description", "expected a form body"}});
        }
        auto form = parse_form(req.body());
        if (form["grant_type"] != "client_credentials") {
            return json_answer(res, http::status::bad_request,
                               {{"error", "unsupported_grant_type"}, {"error_description", "grant_type"}});
        }
        if (form["client_id"] != options.app_id || form["client_secret"] != options.client_secret) {
            // Entra answers a wrong secret with 401 invalid_client (AADSTS7000215).
            return json_answer(res, http::status::unauthorized,
                               {{"error", "invalid_client"},
                                {"error_description", "AADSTS7000215: Invalid client secret provided."}});
        }
        if (form["scope"] != options.scope) {
            return json_answer(res, http::status::bad_request,
                               {{"error", "invalid_scope"}, {"error_description", "AADSTS70011: bad scope"}});
        }
        const std::string token = "fake-access-token-" + std::to_string(issued.size() + 1);
        issued.push_back(token);
        valid_tokens.insert(token);
        json_answer(res, http::status::ok,
                    {{"token_type", "Bearer"},
                     {"expires_in", token_expires_in},
                     {"ext_expires_in", token_expires_in},
                     {"access_token", token}});
    }

    void connector(const Request& req, const std::vector<std::string>& parts, RecordedRequest& rec, Response& res,
                   std::chrono::milliseconds& delay) {
        // {"", "v3", "conversations", id, "activities", activityId}
        if (parts.size() >= 4 && parts[2] == "conversations") rec.conversation_id = url_decode(parts[3], false);
        if (parts.size() >= 6) rec.activity_id = url_decode(parts[5], false);

        delay = connector_delay;
        if (options.connector_requires_token) {
            const auto auth = std::string(req[http::field::authorization]);
            if (!auth.starts_with("Bearer ") || valid_tokens.count(auth.substr(7)) == 0) {
                return json_answer(res, http::status::unauthorized,
                                   error_body("Unauthorized", "Authorization has been denied for this request."));
            }
        }
        if (faults.empty() && throttle_ratio > 0 &&
            std::uniform_real_distribution<double>(0, 1)(throttle_rng) < throttle_ratio)
            faults.push_back(ConnectorFault::throttled(throttle_retry_after));
        if (!faults.empty()) {
            ConnectorFault fault = faults.front();
            faults.pop_front();
            delay += fault.delay;
            if (fault.status != 0) {
                res.result(http::status(fault.status));
                if (fault.retry_after) res.set(http::field::retry_after, *fault.retry_after);
                if (!fault.body.is_null()) {
                    res.set(http::field::content_type, "application/json; charset=utf-8");
                    res.body() = fault.body.dump();
                }
                return;
            }
        }

        const auto method = req.method();
        const bool activities = parts.size() >= 5 && parts[4] == "activities";
        if (method == http::verb::post && parts.size() == 3 && parts[2] == "conversations") {
            nlohmann::json answer = {{"id", "a:new-conversation-" + std::to_string(++next_id)}};
            if (rec.json.is_object() && rec.json.contains("activity")) {
                answer["activityId"] = "1:mock-" + std::to_string(++next_id);
            }
            return json_answer(res, http::status::created, answer);
        }
        if (method == http::verb::post && activities && (parts.size() == 5 || parts.size() == 6)) {
            return json_answer(res, http::status::ok, {{"id", "1:mock-" + std::to_string(++next_id)}});
        }
        if (method == http::verb::put && activities && parts.size() == 6) {
            return json_answer(res, http::status::ok, {{"id", rec.activity_id}});
        }
        if (method == http::verb::delete_ && activities && parts.size() == 6) {
            res.result(http::status::ok);
            return;
        }
        json_answer(res, http::status::not_found, error_body("NotFound", "no such connector route"));
    }
};

// ------------------------------------------------------------------------------------------------
// The HTTP side: listener and sessions, Beast style.

namespace {

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, std::shared_ptr<FakeChannel::Core> core)
        : stream_(std::move(socket)), timer_(stream_.get_executor()), core_(std::move(core)) {}

    void run() {
        net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::do_read, shared_from_this()));
    }

private:
    void do_read() {
        req_ = {};
        stream_.expires_after(std::chrono::seconds(60));
        http::async_read(stream_, buffer_, req_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec) return close();  // end_of_stream included
        auto [res, delay] = core_->handle(req_);
        res_ = std::move(res);
        if (delay.count() > 0) {
            timer_.expires_after(delay);
            timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
                if (!wait_ec) self->do_write();
            });
            return;
        }
        do_write();
    }

    void do_write() {
        stream_.expires_after(std::chrono::seconds(30));
        http::async_write(stream_, res_, beast::bind_front_handler(&Session::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec || !res_.keep_alive()) return close();
        do_read();
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    net::steady_timer timer_;
    beast::flat_buffer buffer_;
    Request req_;
    Response res_;
    std::shared_ptr<FakeChannel::Core> core_;
};

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(net::io_context& ioc, std::shared_ptr<FakeChannel::Core> core)
        : ioc_(ioc), acceptor_(net::make_strand(ioc)), core_(std::move(core)) {}

    std::uint16_t open(std::uint16_t port) {
        const tcp::endpoint endpoint{net::ip::make_address("127.0.0.1"), port};
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(net::socket_base::max_listen_connections);
        return acceptor_.local_endpoint().port();
    }

    void run() { do_accept(); }

private:
    void do_accept() {
        acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
    }

    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
        if (!ec) std::make_shared<Session>(std::move(socket), core_)->run();
        do_accept();
    }

    net::io_context& ioc_;
    tcp::acceptor acceptor_;
    std::shared_ptr<FakeChannel::Core> core_;
};

}  // namespace

struct FakeChannel::Server {
    net::io_context ioc;
    std::vector<std::thread> threads;
};

// ------------------------------------------------------------------------------------------------
// FakeChannel

FakeChannel::FakeChannel(FakeChannelOptions options)
    : options_(std::move(options)), core_(std::make_shared<Core>(options_)) {}

FakeChannel::~FakeChannel() { stop(); }

void FakeChannel::start(std::uint16_t port) {
    if (server_) throw std::logic_error("FakeChannel already started");
    auto server = std::make_unique<Server>();
    auto listener = std::make_shared<Listener>(server->ioc, core_);
    port_ = listener->open(port);  // throws boost::system::system_error on failure
    core_->port = port_;
    listener->run();
    const std::size_t threads = std::max<std::size_t>(1, options_.threads);
    for (std::size_t i = 0; i < threads; ++i) server->threads.emplace_back([ioc = &server->ioc] { ioc->run(); });
    server_ = std::move(server);
}

void FakeChannel::stop() {
    if (!server_) return;
    // Stopping the io_context and destroying it closes the listener and every
    // connection (their handlers, which own them, are destroyed unrun).
    server_->ioc.stop();
    for (auto& t : server_->threads) t.join();
    server_.reset();
}

bool FakeChannel::running() const { return server_ != nullptr; }
std::uint16_t FakeChannel::port() const { return port_; }
std::string FakeChannel::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
std::string FakeChannel::openid_metadata_url() const { return base_url() + "/v1/.well-known/openidconfiguration"; }
std::string FakeChannel::jwks_url() const { return base_url() + "/v1/.well-known/keys"; }
std::string FakeChannel::service_url() const { return base_url() + "/"; }
std::string FakeChannel::login_url(std::string_view tenant) const { return base_url() + "/" + std::string(tenant); }

std::string FakeChannel::kid() const { return signer()->kid(); }

std::shared_ptr<const TestSigner> FakeChannel::signer() const {
    std::lock_guard lock(core_->mutex);
    return core_->keys.back();
}

std::string FakeChannel::sign(const nlohmann::json& claims, const nlohmann::json& header_overrides) const {
    return signer()->sign(claims, header_overrides);
}

std::string FakeChannel::channel_token(std::optional<std::string> app_id, std::optional<std::string> service_url) const {
    return sign(channel_claims(app_id.value_or(options_.app_id), service_url.value_or(this->service_url())));
}

void FakeChannel::set_endorsements(std::vector<std::string> endorsements) {
    std::lock_guard lock(core_->mutex);
    core_->endorsements = std::move(endorsements);
}

std::string FakeChannel::rotate_key(bool keep_previous) {
    auto key = std::make_shared<const TestSigner>();  // key generation outside the lock
    std::lock_guard lock(core_->mutex);
    if (!keep_previous) core_->keys.clear();
    core_->keys.push_back(key);
    return key->kid();
}

void FakeChannel::set_discovery_failure(int status) {
    std::lock_guard lock(core_->mutex);
    core_->discovery_failure = status;
}

std::size_t FakeChannel::metadata_fetches() const {
    std::lock_guard lock(core_->mutex);
    return core_->metadata_fetches;
}

std::size_t FakeChannel::jwks_fetches() const {
    std::lock_guard lock(core_->mutex);
    return core_->jwks_fetches;
}

std::size_t FakeChannel::token_requests() const {
    std::lock_guard lock(core_->mutex);
    return core_->token_requests;
}

void FakeChannel::fail_token_requests(std::size_t count, int status) {
    std::lock_guard lock(core_->mutex);
    core_->token_failures_left = count;
    core_->token_failure_status = status;
}

void FakeChannel::set_token_expires_in(int seconds) {
    std::lock_guard lock(core_->mutex);
    core_->token_expires_in = seconds;
}

std::vector<std::string> FakeChannel::issued_tokens() const {
    std::lock_guard lock(core_->mutex);
    return core_->issued;
}

void FakeChannel::revoke_issued_tokens() {
    std::lock_guard lock(core_->mutex);
    core_->valid_tokens.clear();
}

void FakeChannel::push_fault(const ConnectorFault& fault, std::size_t times) {
    std::lock_guard lock(core_->mutex);
    for (std::size_t i = 0; i < times; ++i) core_->faults.push_back(fault);
}

void FakeChannel::clear_faults() {
    std::lock_guard lock(core_->mutex);
    core_->faults.clear();
}

void FakeChannel::set_random_throttling(double ratio, std::string retry_after, unsigned seed) {
    std::lock_guard lock(core_->mutex);
    core_->throttle_ratio = ratio;
    core_->throttle_retry_after = std::move(retry_after);
    core_->throttle_rng.seed(seed);
}

void FakeChannel::set_connector_delay(std::chrono::milliseconds delay) {
    std::lock_guard lock(core_->mutex);
    core_->connector_delay = delay;
}

std::vector<RecordedRequest> FakeChannel::requests() const {
    std::lock_guard lock(core_->mutex);
    return core_->requests;
}

std::vector<RecordedRequest> FakeChannel::connector_requests() const {
    std::lock_guard lock(core_->mutex);
    std::vector<RecordedRequest> out;
    std::copy_if(core_->requests.begin(), core_->requests.end(), std::back_inserter(out),
                 [](const RecordedRequest& r) { return r.is_connector(); });
    return out;
}

std::size_t FakeChannel::connector_request_count() const {
    std::lock_guard lock(core_->mutex);
    return static_cast<std::size_t>(std::count_if(core_->requests.begin(), core_->requests.end(),
                                                  [](const RecordedRequest& r) { return r.is_connector(); }));
}

bool FakeChannel::wait_for_connector_requests(std::size_t count, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(core_->mutex);
    return core_->recorded.wait_for(lock, timeout, [&] {
        return static_cast<std::size_t>(std::count_if(core_->requests.begin(), core_->requests.end(),
                                                      [](const RecordedRequest& r) { return r.is_connector(); })) >=
               count;
    });
}

void FakeChannel::clear_requests() {
    std::lock_guard lock(core_->mutex);
    core_->requests.clear();
}

}  // namespace test
