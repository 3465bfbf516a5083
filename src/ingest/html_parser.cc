#include "ingest/html_parser.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/cells.h"
#include "ingest/checks.h"
#include "text/utf8.h"

namespace huiqi::ingest {
namespace {

// HTML caps spans at these values; they also bound the work garbage input can cause.
constexpr int kMaxColspan = 1000;
constexpr int kMaxRowspan = 65534;

Diagnostic make_diagnostic(const std::string& file, int line, int column, Severity severity,
                           std::string code, std::string message, std::string message_zh,
                           std::string field = {}) {
  Diagnostic d;
  d.file = file;
  d.line = line;
  d.column = column;
  d.severity = severity;
  d.code = std::move(code);
  d.message = std::move(message);
  d.message_zh = std::move(message_zh);
  d.field = std::move(field);
  return d;
}

// ---- gumbo helpers ----

bool is_element(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

bool is_tag(const GumboNode* node, GumboTag tag) {
  return is_element(node) && node->v.element.tag == tag;
}

const GumboVector* children_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  if (is_element(node)) return &node->v.element.children;
  return nullptr;
}

const GumboNode* child_at(const GumboVector& children, unsigned int i) {
  return static_cast<const GumboNode*>(children.data[i]);
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

bool is_hidden(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE;
}

// All descendant text of node, with <br> and block boundaries as '\n'; skip is left out.
// Iterative, so deeply nested garbage cannot overflow the stack.
std::string raw_text(const GumboNode* node, const GumboNode* skip = nullptr) {
  std::string out;
  // A null entry stands for "close the block element above": emit its trailing break.
  std::vector<const GumboNode*> stack = {node};
  while (!stack.empty()) {
    const GumboNode* current = stack.back();
    stack.pop_back();
    if (current == nullptr) {
      out += '\n';
      continue;
    }
    if (current == skip) {
      out += '\n';
      continue;
    }
    switch (current->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        out += current->v.text.text;
        break;
      case GUMBO_NODE_COMMENT:
        break;
      case GUMBO_NODE_DOCUMENT:
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        if (current->type != GUMBO_NODE_DOCUMENT) {
          const GumboTag tag = current->v.element.tag;
          if (is_hidden(tag)) break;
          if (tag == GUMBO_TAG_BR) {
            out += '\n';
            break;
          }
          if (is_block(tag)) {
            out += '\n';
            stack.push_back(nullptr);
          }
        }
        const GumboVector* children = children_of(current);
        for (unsigned int i = children->length; i > 0; --i) {
          stack.push_back(child_at(*children, i - 1));
        }
        break;
      }
    }
  }
  return out;
}

std::string cell_text(const GumboNode* node) { return join_wrapped_lines(raw_text(node)); }

// Elements with tag under root in document order, not descending into matches.
void find_all(const GumboNode* root, GumboTag tag, std::vector<const GumboNode*>& out) {
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* current = stack.back();
    stack.pop_back();
    if (current != root && is_tag(current, tag)) {
      out.push_back(current);
    }
    const GumboVector* children = children_of(current);
    if (children == nullptr) continue;
    for (unsigned int i = children->length; i > 0; --i) {
      stack.push_back(child_at(*children, i - 1));
    }
  }
}

// The first <h1> or <h2> in document order.
const GumboNode* first_heading(const GumboNode* root) {
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* current = stack.back();
    stack.pop_back();
    if (is_tag(current, GUMBO_TAG_H1) || is_tag(current, GUMBO_TAG_H2)) return current;
    const GumboVector* children = children_of(current);
    if (children == nullptr) continue;
    for (unsigned int i = children->length; i > 0; --i) {
      stack.push_back(child_at(*children, i - 1));
    }
  }
  return nullptr;
}

// The rows of a table itself (direct, or in thead/tbody/tfoot), not those of nested tables.
std::vector<const GumboNode*> table_rows(const GumboNode* table) {
  std::vector<const GumboNode*> rows;
  const GumboVector& children = table->v.element.children;
  for (unsigned int i = 0; i < children.length; ++i) {
    const GumboNode* child = child_at(children, i);
    if (is_tag(child, GUMBO_TAG_TR)) {
      rows.push_back(child);
    } else if (is_tag(child, GUMBO_TAG_THEAD) || is_tag(child, GUMBO_TAG_TBODY) ||
               is_tag(child, GUMBO_TAG_TFOOT)) {
      const GumboVector& section = child->v.element.children;
      for (unsigned int j = 0; j < section.length; ++j) {
        if (is_tag(child_at(section, j), GUMBO_TAG_TR)) rows.push_back(child_at(section, j));
      }
    }
  }
  return rows;
}

std::vector<const GumboNode*> row_cells(const GumboNode* row) {
  std::vector<const GumboNode*> cells;
  const GumboVector& children = row->v.element.children;
  for (unsigned int i = 0; i < children.length; ++i) {
    const GumboNode* child = child_at(children, i);
    if (is_tag(child, GUMBO_TAG_TD) || is_tag(child, GUMBO_TAG_TH)) cells.push_back(child);
  }
  return cells;
}

// A span attribute: a non-negative integer, default 1; 0 (rowspan only) means "to the end".
int span_attribute(const GumboNode* cell, const char* name, int max, bool zero_means_max) {
  const GumboAttribute* attribute = gumbo_get_attribute(&cell->v.element.attributes, name);
  if (attribute == nullptr) return 1;
  std::string_view value = text::trim(attribute->value);
  long n = 0;
  std::size_t digits = 0;
  while (digits < value.size() && value[digits] >= '0' && value[digits] <= '9') {
    n = std::min<long>(n * 10 + (value[digits] - '0'), max);
    ++digits;
  }
  if (digits == 0) return 1;
  if (n == 0) return zero_means_max ? max : 1;
  return static_cast<int>(n);
}

int line_of(const GumboNode* node) { return static_cast<int>(node->v.element.start_pos.line); }
int column_of_node(const GumboNode* node) {
  return static_cast<int>(node->v.element.start_pos.column);
}

// The last source line a node covers: its end tag, or the end of its last text.
int last_line(const GumboNode* node) {
  int last = 0;
  std::vector<const GumboNode*> stack = {node};
  while (!stack.empty()) {
    const GumboNode* current = stack.back();
    stack.pop_back();
    if (is_element(current)) {
      const GumboElement& element = current->v.element;
      last = std::max(last, static_cast<int>(element.start_pos.line));
      if (element.original_end_tag.length > 0) {
        last = std::max(last, static_cast<int>(element.end_pos.line));
      }
      for (unsigned int i = 0; i < element.children.length; ++i) {
        stack.push_back(child_at(element.children, i));
      }
    } else if (current->type != GUMBO_NODE_DOCUMENT) {
      const GumboText& text = current->v.text;
      const std::string_view original(text.original_text.data, text.original_text.length);
      const auto breaks = std::count(original.begin(), original.end(), '\n');
      last = std::max(last, static_cast<int>(text.start_pos.line) + static_cast<int>(breaks));
    }
  }
  return last;
}

// ---- metadata ----

bool starts_with_separator(std::string_view s, std::size_t pos, std::size_t* after) {
  if (s.substr(pos, 1) == ":") {
    *after = pos + 1;
    return true;
  }
  if (s.substr(pos, 3) == "：") {
    *after = pos + 3;
    return true;
  }
  return false;
}

std::size_t skip_spaces(std::string_view s, std::size_t pos) {
  while (pos < s.size()) {
    std::size_t next = pos;
    if (!text::is_space(text::decode_utf8(s, next))) break;
    pos = next;
  }
  return pos;
}

// The text after the first "label:" (ASCII or full-width colon, spaces allowed), or npos.
std::size_t value_after(std::string_view doc, std::string_view label) {
  for (std::size_t at = doc.find(label); at != std::string_view::npos;
       at = doc.find(label, at + 1)) {
    std::size_t after = 0;
    if (starts_with_separator(doc, skip_spaces(doc, at + label.size()), &after)) {
      return skip_spaces(doc, after);
    }
  }
  return std::string_view::npos;
}

// "来源:X": X runs to the next space; adjacent inline elements may glue the date label on.
std::string find_issuer(std::string_view doc) {
  const std::size_t begin = value_after(doc, "来源");
  if (begin == std::string_view::npos) return {};
  std::size_t end = begin;
  while (end < doc.size()) {
    std::size_t next = end;
    if (text::is_space(text::decode_utf8(doc, next))) break;
    end = next;
  }
  std::string_view value = doc.substr(begin, end - begin);
  for (std::string_view stop : {"发布时间", "发布日期", "时间"}) {
    const std::size_t cut = value.find(stop);
    if (cut != std::string_view::npos) value = value.substr(0, cut);
  }
  return std::string(value);
}

// "发布时间:2023-07-31" (also / . or 年月日) → "2023-07-31"; empty when absent or invalid.
std::string find_published(std::string_view doc) {
  for (std::string_view label : {"发布时间", "发布日期"}) {
    const std::size_t pos = value_after(doc, label);
    if (pos == std::string_view::npos) continue;
    if (auto date = written_date(doc.substr(pos))) return *date;
  }
  return {};
}

// ---- the table ----

struct Header {
  const GumboNode* table = nullptr;
  std::vector<const GumboNode*> rows;
  std::size_t header_row = 0;
  std::array<int, kColumnCount> position;  // grid column of each list column, -1 when absent
  std::size_t width = 0;                   // grid columns of the header row
};

// Grid position → list column for one row's cells (colspan expanded), if it is a header row.
std::optional<std::array<int, kColumnCount>> header_positions(const GumboNode* row,
                                                              std::size_t* width) {
  std::array<int, kColumnCount> position;
  position.fill(-1);
  std::size_t grid = 0;
  for (const GumboNode* cell : row_cells(row)) {
    const int column = column_of(cell_text(cell));
    if (column >= 0 && position[column] < 0) position[column] = static_cast<int>(grid);
    grid += static_cast<std::size_t>(span_attribute(cell, "colspan", kMaxColspan, false));
  }
  if (position[kSeq] < 0 || position[kTitle] < 0) return std::nullopt;
  *width = grid;
  return position;
}

std::optional<Header> find_table(const GumboNode* root) {
  std::vector<const GumboNode*> tables;
  find_all(root, GUMBO_TAG_TABLE, tables);
  // find_all does not descend into a match; nested tables are searched after their parent.
  for (std::size_t t = 0; t < tables.size(); ++t) {
    Header header;
    header.table = tables[t];
    header.rows = table_rows(tables[t]);
    for (std::size_t r = 0; r < header.rows.size(); ++r) {
      std::size_t width = 0;
      if (auto position = header_positions(header.rows[r], &width)) {
        header.header_row = r;
        header.position = *position;
        header.width = width;
        return header;
      }
    }
    find_all(tables[t], GUMBO_TAG_TABLE, tables);
  }
  return std::nullopt;
}

// One grid position of a data row.
struct Slot {
  std::string text;
  const GumboNode* cell = nullptr;  // the physical cell the value comes from
  bool carried = false;             // from a rowspan above
};

// A rowspan still covering rows below.
struct Carry {
  int remaining = 0;
  std::string text;
  const GumboNode* cell = nullptr;
};

class TableReader {
 public:
  TableReader(const Header& header, const std::string& file, ParseResult& result)
      : header_(header), file_(file), result_(result) {}

  void read() {
    report_missing_columns();
    for (std::size_t r = header_.header_row + 1; r < header_.rows.size(); ++r) {
      read_row(header_.rows[r]);
    }
  }

  const std::vector<CategoryHeader>& categories() const { return categories_; }

 private:
  void add(int line, int column, Severity severity, std::string code, std::string message,
           std::string message_zh, std::string field = {}) {
    result_.diagnostics.push_back(make_diagnostic(file_, line, column, severity, std::move(code),
                                                  std::move(message), std::move(message_zh),
                                                  std::move(field)));
  }

  void report_missing_columns() {
    const int line = line_of(header_.rows[header_.header_row]);
    for (int c : {kContent, kBasis, kDepartments}) {
      if (header_.position[c] >= 0) continue;
      const ColumnName& name = kColumnNames[c];
      add(line, 0, Severity::warning, "missing-column",
          "the table has no " + std::string(name.zh) + " (" + std::string(name.en) +
              ") column; it is left empty",
          "表格缺少“" + std::string(name.zh) + "”列，该列按空处理", std::string(name.en));
    }
  }

  // Lays the row's cells out on the grid, taking positions still covered by rowspans above.
  std::vector<Slot> layout(const std::vector<const GumboNode*>& cells) {
    const std::size_t size = std::max(carry_.size(), header_.width);
    std::vector<Slot> slots(size);
    std::vector<bool> occupied(carry_.size());
    for (std::size_t i = 0; i < carry_.size(); ++i) {
      occupied[i] = carry_[i].remaining > 0;
      if (occupied[i]) slots[i] = Slot{carry_[i].text, carry_[i].cell, true};
    }
    std::vector<std::pair<std::size_t, Carry>> started;
    std::size_t grid = 0;
    for (const GumboNode* cell : cells) {
      while (grid < occupied.size() && occupied[grid]) ++grid;
      const int colspan = span_attribute(cell, "colspan", kMaxColspan, false);
      const int rowspan = span_attribute(cell, "rowspan", kMaxRowspan, true);
      const std::string value = cell_text(cell);
      for (int k = 0; k < colspan; ++k, ++grid) {
        // A colspan running into a rowspan is a broken table: the rowspan keeps its position.
        if (grid < occupied.size() && occupied[grid]) continue;
        if (grid >= slots.size()) slots.resize(grid + 1);
        slots[grid] = Slot{k == 0 ? value : std::string(), cell, false};
        if (rowspan > 1) started.push_back({grid, Carry{rowspan - 1, slots[grid].text, cell}});
      }
    }
    for (std::size_t i = 0; i < carry_.size(); ++i) {
      if (occupied[i]) --carry_[i].remaining;
    }
    for (auto& [position, carry] : started) {
      if (position >= carry_.size()) carry_.resize(position + 1);
      carry_[position] = std::move(carry);
    }
    return slots;
  }

  const Slot* slot(const std::vector<Slot>& slots, int column) const {
    const int position = header_.position[column];
    if (position < 0 || static_cast<std::size_t>(position) >= slots.size()) return nullptr;
    return &slots[static_cast<std::size_t>(position)];
  }

  std::string value(const std::vector<Slot>& slots, int column) const {
    const Slot* s = slot(slots, column);
    return s == nullptr ? std::string() : s->text;
  }

  void read_row(const GumboNode* row) {
    const std::vector<const GumboNode*> cells = row_cells(row);
    const std::vector<Slot> slots = layout(cells);
    int first = line_of(row);
    if (first == 0 && !cells.empty()) first = line_of(cells.front());
    const int last = cells.empty() ? first : std::max(first, last_line(cells.back()));

    bool blank = true;
    for (const Slot& s : slots) {
      if (!s.carried && !s.text.empty()) blank = false;
    }
    if (blank) {
      add(first, 0, Severity::info, "blank-row", "empty table row skipped", "跳过空的表格行");
      return;
    }
    std::size_t width = 0;
    if (header_positions(row, &width)) {
      add(first, 0, Severity::info, "repeated-header", "repeated header row skipped",
          "跳过重复的表头行");
      return;
    }
    const std::string seq_text = value(slots, kSeq);
    const std::optional<int> seq = parse_seq(seq_text);
    if (!seq && cells.size() == 1 &&
        span_attribute(cells.front(), "colspan", kMaxColspan, false) > 1) {
      read_section_row(first, slots);
      return;
    }
    check_width(first, slots);
    if (!seq) {
      const Slot* s = slot(slots, kSeq);
      const int column = s != nullptr && s->cell != nullptr ? column_of_node(s->cell) : 0;
      add(first, column, Severity::error, "bad-seq",
          "序号 (seq) is not a positive integer: \"" + excerpt(seq_text) + "\"; row skipped",
          "序号不是正整数：“" + excerpt(seq_text) + "”，跳过该行", "seq");
      return;
    }

    catalog::Item item;
    item.seq = *seq;
    item.category = category(slots, first);
    item.title = value(slots, kTitle);
    item.content = value(slots, kContent);
    item.basis = value(slots, kBasis);
    item.departments = strip_department_label(value(slots, kDepartments));
    item.lines = {first, last};
    result_.items.push_back(std::move(item));
  }

  // A row of one cell spanning the table: a section heading. Without a category column it
  // names the category of the rows below; otherwise it is only reported.
  void read_section_row(int line, const std::vector<Slot>& slots) {
    std::string heading;
    for (const Slot& s : slots) {
      if (!s.carried && !s.text.empty()) heading = s.text;
    }
    if (header_.position[kCategory] < 0) {
      categories_.push_back(parse_category_cell(heading, line));
      current_category_ = categories_.back().name;
      return;
    }
    add(line, 0, Severity::info, "skipped-row",
        "row with a single spanning cell skipped: \"" + excerpt(heading) + "\"",
        "跳过只有一个合并单元格的行：“" + excerpt(heading) + "”");
  }

  void check_width(int line, const std::vector<Slot>& slots) {
    std::size_t filled = 0;
    for (std::size_t i = 0; i < std::min(slots.size(), header_.width); ++i) {
      if (slots[i].cell != nullptr) ++filled;
    }
    if (filled < header_.width) {
      add(line, 0, Severity::warning, "short-row",
          "row has " + std::to_string(filled) + " cells, the header has " +
              std::to_string(header_.width) + "; missing cells are empty",
          "该行有" + std::to_string(filled) + "个单元格，表头有" + std::to_string(header_.width) +
              "个，缺少的单元格按空处理");
    }
    for (std::size_t i = header_.width; i < slots.size(); ++i) {
      if (!slots[i].carried && !slots[i].text.empty()) {
        add(line, 0, Severity::info, "extra-cells",
            "cells beyond the header's " + std::to_string(header_.width) + " columns ignored",
            "超出表头" + std::to_string(header_.width) + "列的单元格已忽略");
        break;
      }
    }
  }

  // The row's category name; a new category cell starts a new CategoryHeader.
  std::string category(const std::vector<Slot>& slots, int line) {
    const Slot* s = slot(slots, kCategory);
    if (s == nullptr || s->text.empty()) return current_category_;
    if (s->cell != current_cell_ && s->text != current_cell_text_) {
      const int header_line = s->carried ? line_of(s->cell) : line;
      categories_.push_back(parse_category_cell(s->text, header_line));
      current_category_ = categories_.back().name;
      current_cell_text_ = s->text;
    }
    current_cell_ = s->cell;
    return current_category_;
  }

  const Header& header_;
  const std::string& file_;
  ParseResult& result_;
  std::vector<Carry> carry_;
  std::vector<CategoryHeader> categories_;
  std::string current_category_;
  std::string current_cell_text_;
  const GumboNode* current_cell_ = nullptr;
};

// Frees gumbo's tree however the parse ends.
struct GumboDeleter {
  const GumboOptions* options;
  void operator()(GumboOutput* output) const { gumbo_destroy_output(options, output); }
};

}  // namespace

ParseResult HtmlParser::parse(std::string_view text, const std::string& file) const {
  ParseResult result;
  if (text::is_blank(text)) {
    result.diagnostics.push_back(make_diagnostic(file, 0, 0, Severity::error, "empty-input",
                                                 "the document is empty", "文档为空"));
    return result;
  }
  GumboOptions options = kGumboDefaultOptions;
  options.tab_stop = 1;    // columns count code points, as Diagnostic::column does
  options.max_errors = 0;  // gumbo's own parse errors are not reported
  std::unique_ptr<GumboOutput, GumboDeleter> output(
      gumbo_parse_with_options(&options, text.data(), text.size()), GumboDeleter{&options});
  const GumboNode* document = output->document;

  std::vector<const GumboNode*> titles;
  find_all(document, GUMBO_TAG_TITLE, titles);
  if (!titles.empty()) result.info.title = cell_text(titles.front());
  if (result.info.title.empty()) {
    if (const GumboNode* heading = first_heading(document)) {
      result.info.title = cell_text(heading);
    }
  }

  const std::optional<Header> header = find_table(document);
  const std::string outside = raw_text(document, header ? header->table : nullptr);
  result.info.issuer = find_issuer(outside);
  result.info.published = find_published(outside);
  if (!header) {
    result.diagnostics.push_back(
        make_diagnostic(file, 0, 0, Severity::error, "no-table",
                        "no table with the list columns (序号 and 扶持政策事项 at least) was found",
                        "未找到含清单列（至少含“序号”和“扶持政策事项”）的表格"));
    return result;
  }
  TableReader reader(*header, file, result);
  reader.read();
  check_items(result.items, reader.categories(), file, result.diagnostics);
  return result;
}

}  // namespace huiqi::ingest
