#pragma once
// Text helpers for matching what users type (internal to the commands library).
#include <cstddef>
#include <string>
#include <string_view>

namespace bot::commands::text {

// Decodes the UTF-8 code point at s[i] and advances i past it. Invalid bytes
// decode to U+FFFD one byte at a time, so every input terminates.
char32_t next_code_point(std::string_view s, std::size_t& i);
void append_utf8(std::string& out, char32_t cp);

// A matching key: lower case, accents removed (é→e, ü→u, ñ→n, ç→c), ß→ss, æ→ae,
// œ→oe; typographic dashes become '-', curly apostrophes '\'', and non-breaking
// spaces ' '. Other characters pass through unchanged. "Wiedereröffnen" → "wiedereroffnen".
std::string fold(std::string_view utf8);

// Optimal string alignment distance: insertions, deletions, substitutions and
// transpositions of neighbours each cost 1 ("laed" is 1 from "lead").
std::size_t edit_distance(std::string_view a, std::string_view b);

bool is_space(char32_t cp);  // ASCII white space, NBSP, narrow NBSP, figure space, ...
bool is_digit(char c);
bool all_digits(std::string_view s);
std::string trim(std::string_view s);

}  // namespace bot::commands::text
