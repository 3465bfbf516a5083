// What the cells of a published list look like, shared by every parser: the six columns and
// their header names, 序号, the 责任单位 label, wrapped lines, excerpts for messages, and the
// date a list's page is written on.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace huiqi::ingest {

//! The six list columns, in their published order.
enum Column { kCategory, kSeq, kTitle, kContent, kBasis, kDepartments, kColumnCount };

struct ColumnName {
  std::string_view zh;
  std::string_view en;
};
inline constexpr std::array<ColumnName, kColumnCount> kColumnNames = {{
    {"政策类别", "category"},
    {"序号", "seq"},
    {"扶持政策事项", "title"},
    {"政策内容", "content"},
    {"政策依据", "basis"},
    {"实施部门", "departments"},
}};

//! A header cell with all spaces removed ("序　号" → "序号") and ASCII lower-cased.
std::string header_key(std::string_view header);

//! The column a header names (Chinese or English), or -1.
int column_of(std::string_view header);

//! 序号 as a positive integer (ASCII or full-width digits), nullopt otherwise.
std::optional<int> parse_seq(std::string_view cell);

//! Drops the "责任单位:" (or full-width colon) label a list puts before its departments.
std::string strip_department_label(std::string_view cell);

//! Trims every line of a cell and joins them without a separator, as Chinese puts no spaces
//! between words; a break between two ASCII letters or digits becomes one space. Every parser
//! joins this way, so one list read from any format has the same content.
std::string join_wrapped_lines(std::string_view raw);

//! At most limit code points of value, with "…" when cut: for quoting input in messages.
std::string excerpt(std::string_view value, std::size_t limit = 40);

//! The date a list's page gives, written "2023-07-31", "2023/7/31", "2023.7.31" or
//! "2023年7月31日" at the start of text (spaces before it and whatever follows are ignored), as
//! YYYY-MM-DD; nullopt when text does not start with a date of the calendar.
std::optional<std::string> written_date(std::string_view text);

}  // namespace huiqi::ingest
