// Query syntax: what a user types in the search box, parsed into clauses and filters.
//
//   房租 补贴            two clauses; a hit should match both (one that matches only some is weak)
//   "社保 缓缴"          a phrase: the words in this order, nothing between them but spaces
//   -疫情                exclude items that contain the term
//   title:贴息           search one field: title, content, basis, departments or facts
//   category:税收优惠支持 a filter on a facet (see request.h for the facet names)
//   status:"active"      a quoted value
//
// Clauses are also split where the text has punctuation (社保,缓缴 = 社保 缓缴). Query text is
// normalized and folded like the index text, and never handed to any other engine's syntax.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace huiqi::search {

struct QueryClause {
  std::string text;     //!< normalized and folded
  bool phrase = false;  //!< from double quotes: matched exactly, without synonyms or splitting
  bool negated = false;
  std::string field;  //!< empty (all text fields) or one of text_fields()

  bool operator==(const QueryClause&) const = default;
};

struct ParsedQuery {
  std::vector<QueryClause> clauses;
  std::vector<std::pair<std::string, std::string>> filters;  //!< field:value for facet fields
};

//! The text fields a clause may be restricted to.
const std::vector<std::string>& text_fields();
//! The facet/filter names (category, department, …) plus "list".
const std::vector<std::string>& filter_fields();

//! Parses a query. Throws huiqi::UserError ("unknown-field", field "query") for a field:value
//! whose field is an ASCII name that is neither a text field nor a filter field (non-ASCII
//! text before a colon, as in 责任单位:市财政局, is plain text). Thread-safe.
ParsedQuery parse_query(std::string_view raw);

}  // namespace huiqi::search
