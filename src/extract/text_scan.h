// Small scanning helpers over normalized UTF-8 text, shared by the extraction passes.
#pragma once

#include <cstddef>
#include <string_view>

#include "text/utf8.h"

namespace huiqi::extract {

//! A byte range [begin, end) of a text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

//! CJK ideographs (the basic block, extension A and the compatibility block; extensions B+).
inline bool is_han(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

//! The code point starting at pos (U+FFFD for invalid bytes or pos past the end).
inline char32_t code_point_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return 0xFFFD;
  return text::decode_utf8(s, pos);
}

//! The start of the code point that ends at pos (pos > 0).
inline std::size_t previous_boundary(std::string_view s, std::size_t pos) {
  std::size_t p = pos;
  for (int n = 0; p > 0 && n < 4; ++n) {
    --p;
    if ((static_cast<unsigned char>(s[p]) & 0xC0) != 0x80) break;
  }
  return p;
}

//! The position after the code point at pos.
inline std::size_t next_boundary(std::string_view s, std::size_t pos) {
  text::decode_utf8(s, pos);
  return pos;
}

//! The first position at or after pos that is not an ASCII space (normalize() leaves no other).
inline std::size_t skip_spaces(std::string_view s, std::size_t pos) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
  return pos;
}

//! The last position at or before pos with no ASCII space just before it.
inline std::size_t skip_spaces_back(std::string_view s, std::size_t pos) {
  while (pos > 0 && s[pos - 1] == ' ') --pos;
  return pos;
}

//! The ASCII digits starting at pos (empty when there are none).
inline Span digit_run(std::string_view s, std::size_t pos) {
  std::size_t end = pos;
  while (end < s.size() && is_digit(s[end])) ++end;
  return {pos, end};
}

//! A short run of ASCII digits as a number (saturating; digits only, so never negative).
inline int parse_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) {
    if (!is_digit(c)) break;
    if (value > 100000000) return value;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace huiqi::extract
