// Character folding for search: the same on index and query text, applied after
// text::normalize() (which already turns full-width forms into ASCII).
#pragma once

#include <string>
#include <string_view>

namespace huiqi::search {

//! Folds one code point: traditional Chinese → simplified (OpenCC's t2s character table, taken
//! one character at a time so that every code point maps to exactly one code point and token
//! offsets stay exact), then lower case (ASCII and other cased scripts).
//!
//! The t2s table is read once from OpenCC's t2s.json on first use; when OpenCC's data cannot be
//! found, characters are only lower-cased (see t2s_available()). Thread-safe.
char32_t fold(char32_t cp);

//! Folds every code point of UTF-8 text (invalid bytes become U+FFFD). Thread-safe.
std::string fold(std::string_view text);

//! Normalizes (text::normalize) then folds: the canonical form of a user's term, a synonym or a
//! facet value. Thread-safe.
std::string canonical(std::string_view raw);

//! True when OpenCC's t2s table was loaded. Thread-safe.
bool t2s_available();

}  // namespace huiqi::search
