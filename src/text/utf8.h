// UTF-8 decoding, validation and small helpers used everywhere text is handled.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace huiqi::text {

//! The first invalid byte of a UTF-8 text: its byte offset, 1-based line and column (in code
//! points).
struct Utf8Problem {
  std::size_t offset = 0;
  int line = 1;
  int column = 1;
};

//! Nullopt when the bytes are well-formed UTF-8 (no overlongs, surrogates or values > U+10FFFF).
std::optional<Utf8Problem> find_invalid_utf8(std::string_view bytes);

inline bool is_valid_utf8(std::string_view bytes) { return !find_invalid_utf8(bytes).has_value(); }

//! Decodes the code point at bytes[pos] and advances pos. Invalid input yields U+FFFD and
//! advances by one byte, so any byte string can be walked without crashing.
char32_t decode_utf8(std::string_view bytes, std::size_t& pos);

//! Appends the UTF-8 encoding of cp (U+FFFD for invalid values).
void append_utf8(std::string& out, char32_t cp);

//! Number of code points.
std::size_t count_code_points(std::string_view text);

//! Trims ASCII whitespace, U+3000 (ideographic space) and U+00A0 (no-break space) at both ends.
std::string_view trim(std::string_view text);

//! True for a line with nothing but the spaces trim() removes.
inline bool is_blank(std::string_view text) { return trim(text).empty(); }

//! Whitespace as list files use it between columns: ASCII space/tab, U+3000, U+00A0.
bool is_space(char32_t cp);

}  // namespace huiqi::text
