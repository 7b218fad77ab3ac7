#pragma once
// Small text helpers shared by the services.
#include <string>
#include <string_view>

namespace crm::text {

std::string trim(std::string_view s);
std::string lower(std::string_view s);
std::string upper(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
// The domain of an email address, lower-cased ("" when there is none).
std::string email_domain(std::string_view email);
// Consumer mail providers: their domain says nothing about a company.
bool is_free_mail_domain(std::string_view domain);
bool looks_like_email(std::string_view email);
// Escapes LIKE wildcards so user text matches literally; wraps it in %...%.
std::string like_pattern(std::string_view needle);

}  // namespace crm::text
