#pragma once
// Putting user data into cards safely: Markdown escaping for TextBlocks and facts,
// clipping so no field can blow the card size, percent-encoding for URLs.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cards {

// Backslash-escapes the characters Teams' Markdown subset reacts to: * _ [ ] ( ) ` ~ # > < |
// and backslash itself, and a leading "- ", "+ " or "1. " that would start a list, so "**Ada** [x](y)"
// shows as typed. Newlines stay.
std::string escape_markdown(std::string_view text);

// Markdown from the bot made fit for Teams, whose TextBlocks know bold, italic, lists and
// links but no inline code: each `code` span (any backtick run closed by a run as long)
// becomes bold text, its content escaped: "type `help`" -> "type **help**". Escaped
// backticks (\`) and a backtick run that is never closed stay as they are.
std::string teams_markdown(std::string_view markdown);

// The first max_chars code points (UTF-8; a code point is never cut in two).
std::string truncate(std::string_view text, std::size_t max_chars);

// As truncate, but text that was cut ends with "…".
std::string clip(std::string_view text, std::size_t max_chars);

// RFC 3986: every byte except unreserved ALPHA / DIGIT / "-" / "." / "_" / "~"
// becomes %XX (UTF-8 bytes, upper-case hex).
std::string percent_encode(std::string_view text);

// RFC 6068 mailto: URL. Addresses are encoded (keeping "@"), cc addresses are
// comma-separated in one cc field; empty or duplicate addresses are dropped, and
// so is anything without an "@". Empty when there is no valid recipient at all.
std::string mailto_url(std::string_view to, const std::vector<std::string>& cc, std::string_view subject = {});

}  // namespace cards
