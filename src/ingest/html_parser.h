// Reads a list published as an HTML page: one table with the six columns.
#pragma once

#include <string>
#include <string_view>

#include "ingest/parser.h"

namespace huiqi::ingest {

//! Parses the first table whose header row names the list columns (政策类别 | 序号 | 扶持政策事项 |
//! 政策内容 | 政策依据 | 实施部门, or the English names category, seq, title, content, basis,
//! departments). Columns are mapped by header name, so their order does not matter; 序号 and
//! 扶持政策事项 must be present. rowspan repeats a cell's value into the rows below (as for the
//! category cell); colspan puts the value in the first spanned column and leaves the others empty.
//! A cell's text is all its descendant text with <br> and block elements as line breaks; lines are
//! trimmed and joined without a separator. An empty category cell inherits the category above.
//! Item source lines run from the row's <tr> to the end of its last cell.
//!
//! Metadata: the title from <title> (else the first <h1>/<h2>); the issuer from "来源:X" and the
//! date from "发布时间:YYYY-MM-DD" in the page text outside the table.
//!
//! Diagnostics: empty-input, no-table (errors); bad-seq (error, the row is skipped); short-row
//! (warning, missing cells are empty); missing-column (warning, for content, basis and
//! departments); extra-cells, blank-row, skipped-row, repeated-header, duplicate-column (info);
//! then the shared checks of check_items(). Stateless and thread-safe.
class HtmlParser : public Parser {
 public:
  ParseResult parse(std::string_view text, const std::string& file) const override;
};

}  // namespace huiqi::ingest
