// GET /export: the items of a search's whole result set as JSON, CSV or an Excel workbook.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "search/index.h"
#include "search/request.h"
#include "snapshot/snapshot.h"

namespace huiqi::server {

//! Every item the search finds (offset and limit ignored), in its order.
std::vector<const search::Document*> export_rows(const snapshot::Snapshot& snapshot,
                                                 search::SearchRequest request);

//! {"as_of", "query", "filters": [[name, value]…], "total", "items": [item JSON…]} (the item
//! JSON of `huiqi show --json`, with facts and status on as_of).
nlohmann::json export_json(const std::vector<const search::Document*>& rows,
                           const search::SearchRequest& request);

//! RFC 4180 CSV, UTF-8, LF: the six published columns under catalog::to_csv()'s header, then
//! status (on as_of), valid_until, departments_canonical and document_numbers (each joined by
//! "、").
std::string export_csv(const std::vector<const search::Document*>& rows, const std::string& as_of);

//! Writes an .xlsx workbook to path: one sheet 政策清单 with a header row in Chinese (政策类别,
//! 序号, 扶持政策事项, 政策内容, 政策依据, 实施部门, 状态, 有效期至, 实施部门(规范名称), 文号),
//! one row per item, column widths set, long text wrapped, the header frozen and filterable.
//! Throws std::runtime_error when the file cannot be written.
void write_xlsx(const std::string& path, const std::vector<const search::Document*>& rows,
                const std::string& as_of);

}  // namespace huiqi::server
