#pragma once
// A table of (method, path) -> Handler. Paths match exactly, ignoring the query
// string. An unknown path gets 404; a known path with another method gets 405
// with an Allow header listing the registered methods. Register every route
// before the server starts; dispatch() is then safe from any number of threads.
#include "http/handler.hpp"

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bot::http {

class Router {
public:
    // Throws std::logic_error for a duplicate (method, path) or a path not starting with '/'.
    Router& add(Verb method, std::string path, Handler handler);
    Router& get(std::string path, Handler handler) { return add(Verb::get, std::move(path), std::move(handler)); }
    Router& post(std::string path, Handler handler) { return add(Verb::post, std::move(path), std::move(handler)); }

    // Calls the matching handler, or responds 404/405 itself.
    void dispatch(const Request& req, Respond respond) const;

    // "/readyz?verbose=1" -> "/readyz"
    static std::string_view path_of(std::string_view target);

private:
    std::map<std::string, std::vector<std::pair<Verb, Handler>>, std::less<>> routes_;
};

}  // namespace bot::http
