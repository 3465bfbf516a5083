#include "ingest/checks.h"

#include <map>
#include <string>

#include "text/utf8.h"

namespace huiqi::ingest {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Brackets that open or close the year of a 文号 (辽市政发〔2020〕3号 and its variants).
constexpr std::string_view kOpenBrackets[] = {"〔", "[", "【", "［", "(", "（"};
constexpr std::string_view kCloseBrackets[] = {"〕", "]", "】", "］", ")", "）"};

std::size_t match_any(std::string_view text, std::size_t pos,
                      const std::string_view (&choices)[6]) {
  for (std::string_view choice : choices) {
    if (text.substr(pos).starts_with(choice)) return choice.size();
  }
  return 0;
}

std::size_t skip_spaces(std::string_view text, std::size_t pos) {
  while (pos < text.size()) {
    std::size_t next = pos;
    if (!text::is_space(text::decode_utf8(text, next))) break;
    pos = next;
  }
  return pos;
}

// Whether the code point ending just before pos is a CJK ideograph (an issuer code such as
// 辽市政发 precedes the bracket of a 文号).
bool cjk_before(std::string_view text, std::size_t pos) {
  if (pos == 0) return false;
  std::size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  std::size_t probe = start;
  const char32_t cp = text::decode_utf8(text, probe);
  return cp >= 0x4E00 && cp <= 0x9FFF;
}

// Finds a 文号 that is cut off: "辽市政发[202011" (year run into the number, bracket never
// closed) or "辽商财函〔2020〕117" with no 号. Returns the byte offset of the bracket, or npos.
std::size_t find_truncated_doc_number(std::string_view basis) {
  for (std::size_t pos = 0; pos < basis.size(); ++pos) {
    const std::size_t open = match_any(basis, pos, kOpenBrackets);
    if (open == 0 || !cjk_before(basis, pos)) continue;
    std::size_t cursor = skip_spaces(basis, pos + open);
    const std::size_t digits_begin = cursor;
    while (cursor < basis.size() && is_digit(basis[cursor])) ++cursor;
    const std::size_t digits = cursor - digits_begin;
    if (digits < 4) continue;
    cursor = skip_spaces(basis, cursor);
    const std::size_t close = match_any(basis, cursor, kCloseBrackets);
    if (digits > 4 && close == 0) return pos;  // year and number run together, never closed
    if (digits != 4 || close == 0) continue;   // e.g. "(2020—2022年)": not a 文号
    cursor = skip_spaces(basis, cursor + close);
    const std::size_t number_begin = cursor;
    while (cursor < basis.size() && is_digit(basis[cursor])) ++cursor;
    if (cursor == number_begin) continue;  // "〔2020〕" alone is a year in brackets
    cursor = skip_spaces(basis, cursor);
    if (!basis.substr(cursor).starts_with("号")) return pos;
  }
  return std::string_view::npos;
}

Diagnostic make(const std::string& file, int line, Severity severity, std::string code,
                std::string en, std::string zh) {
  return Diagnostic{file, line, 0, severity, std::move(code), std::move(en), std::move(zh)};
}

std::string range_text(int from, int to) {
  return from == to ? std::to_string(from) : std::to_string(from) + "–" + std::to_string(to);
}

}  // namespace

CategoryHeader parse_category_cell(std::string_view cell, int line) {
  CategoryHeader header;
  header.line = line;
  const std::string_view trimmed = text::trim(cell);
  header.name = std::string(trimmed);
  for (std::string_view open : {std::string_view("(共"), std::string_view("（共")}) {
    const std::size_t at = trimmed.rfind(open);
    if (at == std::string_view::npos) continue;
    std::size_t cursor = at + open.size();
    const std::size_t digits_begin = cursor;
    while (cursor < trimmed.size() && is_digit(trimmed[cursor])) ++cursor;
    if (cursor == digits_begin || cursor - digits_begin > 6) continue;
    std::string_view tail = trimmed.substr(cursor);
    if (tail != "项)" && tail != "项）") continue;
    header.declared = std::stoi(std::string(trimmed.substr(digits_begin, cursor - digits_begin)));
    header.name = std::string(text::trim(trimmed.substr(0, at)));
    break;
  }
  return header;
}

void check_items(const std::vector<catalog::Item>& items,
                 const std::vector<CategoryHeader>& headers, const std::string& file,
                 std::vector<Diagnostic>& out) {
  std::map<std::string, int> per_category;
  for (const catalog::Item& item : items) ++per_category[item.category];
  for (const CategoryHeader& header : headers) {
    if (header.declared < 0) continue;
    const int present = per_category[header.name];
    if (present == header.declared) continue;
    out.push_back(make(file, header.line, Severity::warning, "category-count-mismatch",
                       "category " + header.name + " declares " + std::to_string(header.declared) +
                           " items (共" + std::to_string(header.declared) + "项) but " +
                           std::to_string(present) + " are present",
                       "类别“" + header.name + "”标称共" + std::to_string(header.declared) +
                           "项,实际为" + std::to_string(present) + "项"));
  }

  std::map<int, int> first_line_of_seq;
  int previous = 0;
  for (const catalog::Item& item : items) {
    const int line = item.lines.first;
    if (auto [it, inserted] = first_line_of_seq.emplace(item.seq, line); !inserted) {
      out.push_back(make(file, line, Severity::error, "seq-duplicate",
                         "number " + std::to_string(item.seq) + " appears again (first at line " +
                             std::to_string(it->second) + ")",
                         "序号" + std::to_string(item.seq) + "重复(首次出现在第" +
                             std::to_string(it->second) + "行)"));
    } else if (item.seq > previous + 1) {
      const std::string missing = range_text(previous + 1, item.seq - 1);
      out.push_back(make(file, line, Severity::warning, "seq-gap",
                         "numbers " + missing + " are missing before " + std::to_string(item.seq),
                         "序号" + missing + "缺失(在" + std::to_string(item.seq) + "之前)"));
    } else if (item.seq <= previous) {
      out.push_back(make(
          file, line, Severity::warning, "seq-order",
          "number " + std::to_string(item.seq) + " comes after " + std::to_string(previous),
          "序号" + std::to_string(item.seq) + "排在" + std::to_string(previous) + "之后,顺序不对"));
    }
    previous = std::max(previous, item.seq);

    const std::string which = "item " + std::to_string(item.seq);
    const std::string which_zh = "第" + std::to_string(item.seq) + "项";
    if (text::is_blank(item.title)) {
      out.push_back(make(file, line, Severity::warning, "missing-title", which + " has no title",
                         which_zh + "缺少扶持政策事项(标题)"));
    }
    if (text::is_blank(item.basis)) {
      out.push_back(make(file, line, Severity::warning, "missing-basis",
                         which + " has no basis (政策依据)", which_zh + "缺少政策依据"));
    } else if (const std::size_t at = find_truncated_doc_number(item.basis);
               at != std::string_view::npos) {
      // Quote the 文号 from its issuer code on, not the whole title before it.
      const std::size_t title_end = item.basis.rfind("》", at);
      const std::string number = item.basis.substr(
          title_end == std::string::npos ? 0 : title_end + std::string_view("》").size());
      out.push_back(make(file, line, Severity::warning, "truncated-doc-number",
                         which + " has a truncated document number: " + number,
                         which_zh + "的文号不完整:" + number));
    }
    if (text::is_blank(item.departments)) {
      out.push_back(make(file, line, Severity::warning, "missing-departments",
                         which + " has no departments (实施部门)", which_zh + "缺少实施部门"));
    }
  }
}

}  // namespace huiqi::ingest
