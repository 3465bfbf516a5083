// Reads a list from CSV (RFC 4180): one record per item, the header naming the columns.
#pragma once

#include <string>
#include <string_view>

#include "ingest/parser.h"

namespace huiqi::ingest {

//! Parses RFC 4180 CSV: fields separated by commas, quoted with '"' ("" inside quotes is one
//! quote), quoted fields may hold commas and line breaks; records end with CRLF or LF. A UTF-8
//! BOM is skipped. The first record is the header: column names in Chinese (政策类别, 序号,
//! 扶持政策事项, 政策内容, 政策依据, 实施部门) or English (category, seq, title, content, basis,
//! departments; any case), in any order. An "id" column is ignored; other unknown columns are
//! ignored with an info diagnostic. category is optional, the other five are required.
//!
//! Fields are trimmed; line breaks inside a quoted field are kept (CSV states them exactly, and
//! catalog::to_csv() must read back unchanged). A "(共N项)" count in the category is split off
//! and checked. A leading "责任单位:" label is dropped from departments. Item source lines are
//! the physical lines of the record. CSV carries no list metadata: info stays empty.
//!
//! Diagnostics: empty-input, invalid-encoding, missing-column (line 1), field-count,
//! unterminated-quote (at the line and column where the field starts), bad-seq (errors; the
//! record is skipped); text-after-quote, stray-quote, duplicate-column (warnings);
//! unknown-column, blank-row (info); then the shared checks of check_items(). Stateless and
//! thread-safe.
class CsvParser : public Parser {
 public:
  ParseResult parse(std::string_view text, const std::string& file) const override;
};

}  // namespace huiqi::ingest
