#pragma once
// The contract between the HTTP server and the code that answers requests.
//
// A Handler is asynchronous: it gets the request and a Respond callback, and may
// call Respond at once (GET /healthz) or later from any thread, e.g. after doing
// blocking work on the WorkerPool (GET /readyz, POST /api/messages). The session
// posts the response back onto its own strand, fills in version/keep-alive/
// Content-Length, writes it, and only then reads the connection's next request.
//
// Guarantees to a handler:
//  - The request reference stays valid until Respond is called (the session owns
//    it and is kept alive by Respond), but copy what a task needs anyway.
//  - Respond is cheap to copy and may be called from any thread. Only the first
//    call counts; later calls are logged and ignored.
//  - If every copy of Respond is destroyed without being called, the client gets
//    500 {"error":{"code":"internal",...}}; if the handler throws before
//    responding, the same. A handler never needs its own catch-all.
//  - Handlers run on an I/O thread: they must not block (no libpqxx there).
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <functional>

namespace bot::http {

namespace beast_http = boost::beast::http;

using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Status = beast_http::status;
using Verb = beast_http::verb;

using Respond = std::function<void(Response)>;
using Handler = std::function<void(const Request&, Respond)>;

}  // namespace bot::http
