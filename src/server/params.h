// Query parameters of the API: which a route takes, and the search parameters turned into a
// search::SearchRequest. Every check names the parameter at fault (HttpError 400, "field").
#pragma once

#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "search/request.h"

namespace huiqi::server {

//! Decoded query parameters, name → value, a name repeated for each value (httplib::Params).
using Params = std::multimap<std::string, std::string>;

//! The filter parameters of the search routes (search/request.h): each repeatable, values of
//! one name are alternatives, different names must all hold.
inline constexpr std::string_view kFilterNames[] = {
    "category", "department", "document", "level", "beneficiary",
    "industry", "form",       "status",   "year",  "list"};

inline constexpr std::size_t kMaxQueryChars = 1000;  //!< q, in characters
inline constexpr std::size_t kMaxPageSize = 100;     //!< size
inline constexpr std::size_t kMaxPage = 100000;      //!< page
inline constexpr std::size_t kMaxValueChars = 200;   //!< any other parameter value
inline constexpr std::size_t kMaxFilters = 64;       //!< filter values in one request

//! Throws HttpError 400 "unknown-parameter" naming the first parameter not in allowed, or
//! "invalid-utf8" for a name or value that is not UTF-8.
void check_params(const Params& params, std::initializer_list<std::string_view> allowed);

//! The value of a parameter given at most once; nullopt when absent. HttpError 400
//! "repeated-parameter" when given twice.
std::optional<std::string> single(const Params& params, const std::string& name);

//! A whole number in [low, high]; HttpError 400 "bad-parameter" naming name otherwise.
std::size_t parse_count(const std::string& name, const std::string& value, std::size_t low,
                        std::size_t high);

//! A YYYY-MM-DD date that exists; HttpError 400 "bad-parameter" naming name otherwise.
void check_date(const std::string& name, const std::string& value);

//! true/false/1/0; HttpError 400 otherwise.
bool parse_flag(const std::string& name, const std::string& value);

//! The routes that take search parameters.
enum class SearchRoute {
  policies,  //!< q, as_of, filters, page, size, sort, highlight
  facets,    //!< the same (page, size, sort and highlight are accepted and do not matter)
  stats,     //!< the same
  exporter,  //!< q, as_of, filters, sort, format
};

//! A search as the API asks for it.
struct SearchQuery {
  search::SearchRequest request;  //!< offset/limit from page and size
  std::size_t page = 1;           //!< 1-based
  std::size_t size = 10;          //!< hits per page, 0..100
  std::string format;             //!< export: json (default), csv or xlsx
};

//! Reads and checks the search parameters of a route (check_params included). as_of defaults
//! to today (local time), so the answer states the date it used.
SearchQuery parse_search_query(const Params& params, SearchRoute route);

//! The API parameter for a field named in a search::Index UserError ("query" → "q", "limit" →
//! "size", …).
std::string search_field_to_param(const std::string& field);

}  // namespace huiqi::server
