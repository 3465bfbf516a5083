// Differences between two list versions: what a new edition added, removed and changed.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "catalog/model.h"

namespace huiqi::server {

//! A list version named in a URL: "<list id>" (the latest version), "<list id>@<N>" (version N,
//! N ≥ 1), or, for the second list of a diff, "@<N>" alone (version N of the first list).
struct ListRef {
  std::string id;
  int version = 0;  //!< 0: the latest

  bool operator==(const ListRef&) const = default;
};

//! Parses a list reference; base_id fills in an "@N" without an id (empty: not allowed).
//! Throws HttpError 400 "bad-list-ref" naming field for anything else.
ListRef parse_list_ref(std::string_view text, const std::string& base_id, const std::string& field);

//! The changes from `from` to `to`. Items are paired, in this order, by identical published
//! content (the six columns but 序号), by identical title, then by the same 序号; what is left
//! is removed (in from only) or added (in to only). Answer: {"from": {"id", "version",
//! "title", "items"}, "to": {…}, "summary": {"added", "removed", "changed", "unchanged"},
//! "added": [item], "removed": [item], "changed": [{"from": item, "to": item, "fields":
//! [name…], "before": {name: text}, "after": {name: text}}]} with item = {"id", "seq",
//! "category", "title"} and field names seq, category, title, content, basis, departments.
nlohmann::json diff_json(const catalog::PolicyList& from, int from_version,
                         const catalog::PolicyList& to, int to_version);

}  // namespace huiqi::server
