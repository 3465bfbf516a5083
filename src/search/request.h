// What a search asks for and what it returns (DESIGN.md §4, Search JSON).
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace huiqi::search {

//! A search. Facet and filter names: category, department (canonical name), document (文号),
//! level (of a document: national, provincial, city, county, other, unknown), beneficiary,
//! industry, form (support form), status (on as_of: active, expired, not_yet, long_term,
//! unknown), year (of a document); filters also take list (the list id). Filters on different
//! fields must all hold; several values of one field are alternatives.
struct SearchRequest {
  std::string query;  //!< see query.h; empty = every item (with facets). At most 1,000 characters
  std::string as_of;  //!< YYYY-MM-DD; empty = today (local time)
  std::vector<std::pair<std::string, std::string>> filters;  //!< (field, value)
  //! relevance (default, also ""), amount (largest cap first), valid_until (ending soonest
  //! first, items without an end date last) or seq (list order).
  std::string sort;
  std::size_t offset = 0;
  std::size_t limit = 10;  //!< at most 1,000
  bool highlight = true;   //!< build snippets and spans for the returned hits
};

//! A field's best snippet and where the matches are.
struct Highlight {
  //! About 80 characters of the raw field text around the best match, matches marked «…»;
  //! "…" where the text was cut.
  std::string snippet;
  //! Every match in the field as byte offsets [begin, end) into the raw field text (the
  //! item's title, content, basis or departments exactly as stored), sorted, not overlapping.
  std::vector<std::pair<std::size_t, std::size_t>> spans;
};

struct Hit {
  std::string id;    //!< "<list>/<seq>"
  std::string list;  //!< the list id
  int seq = 0;
  std::string title;
  std::string category;
  double score = 0;
  //! The item does not match every query term as written (or through a synonym): a partial
  //! match, ranked after all full matches.
  bool weak = false;
  std::string status;                           //!< on as_of
  std::map<std::string, Highlight> highlights;  //!< by field: title, content, basis, departments
};

struct FacetCount {
  std::string value;
  std::size_t count = 0;

  bool operator==(const FacetCount&) const = default;
};

struct SearchResult {
  std::size_t total = 0;   //!< hits before offset/limit (weak ones included)
  std::size_t strong = 0;  //!< hits that are not weak
  double took_ms = 0;
  std::string as_of;
  std::vector<Hit> hits;
  //! name → values by count (descending), then value. Counts are over the hits; for a field
  //! with a filter, over the hits that pass every other filter (so its other values still show
  //! what choosing them would give).
  std::map<std::string, std::vector<FacetCount>> facets;
};

//! The Search JSON of DESIGN.md §4: {total, strong, took_ms, as_of, hits: [{id, list, seq,
//! title, category, score, weak, status, highlights: {field: {snippet, spans: [[b, e], …]}}}],
//! facets: {name: [{value, count}, …]}}.
nlohmann::json to_json(const SearchResult& result);

//! A terminal rendering: one block per hit with title, status and a snippet.
std::string to_text(const SearchResult& result);

}  // namespace huiqi::search
