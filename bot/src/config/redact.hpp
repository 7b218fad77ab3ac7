#pragma once
// Keeps secrets out of log lines and response bodies. Error texts from libpq are
// not expected to contain the password, but a reason we pass on to a client or a
// log is scrubbed anyway.
#include <string>
#include <string_view>
#include <vector>

namespace bot {

// The password of a libpq connection string: the URI form
// (postgresql://user:password@host/db, percent-decoded too) or key=value form
// (password=... / password='...'). Empty when there is none.
std::string database_url_password(std::string_view url);

// `text` with every occurrence of each non-empty secret replaced by "***".
std::string redact(std::string text, const std::vector<std::string>& secrets);

// An error text fit for a log field or a response: redacted, and without the
// trailing newline/whitespace libpq leaves on its messages.
std::string redact_reason(std::string text, const std::vector<std::string>& secrets);

}  // namespace bot
