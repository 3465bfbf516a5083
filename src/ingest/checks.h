// Checks every parser applies to the items it read, so each format reports the same problems.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.h"
#include "ingest/diagnostic.h"

namespace huiqi::ingest {

//! A category as a list heads it: "财政资金支持(共48项)" → name 财政资金支持, declared 48.
struct CategoryHeader {
  std::string name;
  int declared = -1;  //!< -1 when the header states no count
  int line = 0;       //!< where the header is
};

//! Splits a category cell into its name and the count it declares (共N项 in ASCII or full-width
//! brackets). A cell without a count gives declared = -1.
CategoryHeader parse_category_cell(std::string_view cell, int line);

//! Appends diagnostics for: declared count ≠ items present (category-count-mismatch), numbering
//! gaps (seq-gap), duplicate numbers (seq-duplicate, an error), numbers out of order
//! (seq-order), an empty title (missing-title), no basis (missing-basis), no
//! departments (missing-departments), a truncated 文号 (truncated-doc-number).
void check_items(const std::vector<catalog::Item>& items,
                 const std::vector<CategoryHeader>& headers, const std::string& file,
                 std::vector<Diagnostic>& out);

}  // namespace huiqi::ingest
