// JSON text written straight into a string: for the hot path (GET /policies), where building a
// nlohmann::json tree and dumping it costs more than the search itself.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "search/request.h"

namespace huiqi::server {

//! Appends s as a JSON string: quoted, escaped as nlohmann::json does, invalid UTF-8 replaced by
//! U+FFFD.
void append_json_string(std::string& out, std::string_view s);

//! Appends a number: the shortest text that reads back as the same double; null when not
//! finite (as nlohmann::json does).
void append_json_number(std::string& out, double value);

//! The Search JSON (search::to_json) with "page", "size" and "pages" added, as text. Parsing it
//! gives the same JSON value as search::to_json plus those three keys (a unit test checks).
std::string search_json(const search::SearchResult& result, std::size_t page, std::size_t size);

}  // namespace huiqi::server
