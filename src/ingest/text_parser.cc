#include "ingest/text_parser.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "ingest/cells.h"
#include "ingest/checks.h"
#include "text/utf8.h"

namespace huiqi::ingest {
namespace {

struct Line {
  int number = 0;  // 1-based
  std::string_view text;
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  int number = 1;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back({number++, line});
    if (end == text.size()) break;
    begin = end + 1;
  }
  return lines;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Index of the first space-like code point in text, or npos.
std::size_t find_space(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t at = pos;
    if (text::is_space(text::decode_utf8(text, pos))) return at;
  }
  return std::string_view::npos;
}

// A number followed by one of these is a quantity in running text ("2022 年", "3 个月"), not
// the 序号 of a new item.
bool starts_with_unit(std::string_view rest) {
  for (std::string_view unit : {"年", "月", "日", "号", "个", "万", "元",   "亿", "%",  "％", "项",
                                "人", "家", "户", "岁", "次", "天", "小时", "BP", "倍", "亩"}) {
    if (rest.starts_with(unit)) return true;
  }
  return false;
}

// How far 序号 may jump ahead between consecutive items (Liaoyang skips 113–154).
constexpr int kMaxSeqJump = 1000;

struct ItemStart {
  std::optional<CategoryHeader> category;
  int seq = 0;            // 0 for a category header standing alone on its line
  std::string_view rest;  // the text after the 序号
};

// Recognizes "财政资金支持(共48项) 1 建立…", "49 降低…" and a bare "税收优惠支持(共3项)".
std::optional<ItemStart> match_item_start(std::string_view line, int number) {
  std::string_view text = text::trim(line);
  ItemStart start;
  for (std::string_view marker : {std::string_view("(共"), std::string_view("（共")}) {
    const std::size_t at = text.find(marker);
    if (at == std::string_view::npos || at == 0 || at > 120) continue;
    std::size_t close = text.find("项)", at);
    std::size_t close_length = std::string_view("项)").size();
    if (close == std::string_view::npos) {
      close = text.find("项）", at);
      close_length = std::string_view("项）").size();
    }
    if (close == std::string_view::npos) continue;
    const std::string_view cell = text.substr(0, close + close_length);
    if (find_space(cell) != std::string_view::npos) continue;
    CategoryHeader header = parse_category_cell(cell, number);
    if (header.declared < 0) continue;
    start.category = std::move(header);
    text = text::trim(text.substr(close + close_length));
    break;
  }
  std::size_t digits = 0;
  while (digits < text.size() && is_digit(text[digits])) ++digits;
  if (digits == 0 || digits > 7) {
    if (start.category && text.empty()) return start;
    return std::nullopt;
  }
  std::string_view after = text.substr(digits);
  std::size_t pos = 0;
  if (after.empty() || !text::is_space(text::decode_utf8(after, pos))) return std::nullopt;
  const std::string_view rest = text::trim(after);
  if (rest.empty() || starts_with_unit(rest)) return std::nullopt;
  start.seq = std::stoi(std::string(text.substr(0, digits)));
  if (start.seq <= 0) return std::nullopt;
  start.rest = rest;
  return start;
}

bool is_column_header(std::string_view line) {
  return line.find("序号") != std::string_view::npos &&
         (line.find("政策内容") != std::string_view::npos ||
          line.find("扶持政策事项") != std::string_view::npos);
}

// "来源:辽阳市市场监管局      发布时间:2023-07-31" → the value after a label, up to whitespace.
std::optional<std::string> labelled_value(std::string_view line, std::string_view label) {
  std::size_t at = line.find(label);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = line.substr(at + label.size());
  for (std::string_view colon : {std::string_view(":"), std::string_view("：")}) {
    if (rest.starts_with(colon)) {
      rest.remove_prefix(colon.size());
      break;
    }
  }
  rest = text::trim(rest);
  const std::size_t end = find_space(rest);
  return std::string(end == std::string_view::npos ? rest : rest.substr(0, end));
}

bool ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Joins the lines of one cell: a wrap falls between two characters of the same word.
void append_wrapped(std::string& cell, std::string_view piece) {
  piece = text::trim(piece);
  if (piece.empty()) return;
  if (!cell.empty() && ascii_alnum(cell.back()) && ascii_alnum(piece.front())) cell += ' ';
  cell += piece;
}

bool ends_sentence(std::string_view text) {
  text = text::trim(text);
  for (std::string_view end : {"。", "；", ";", "！", "？"}) {
    if (text.ends_with(end)) return true;
  }
  return false;
}

// Where the 政策依据 cell starts in the rest of an item (after its title), or npos: the first
// 《 that follows a column break (space or line break) with no sentence end after it.
std::size_t find_basis(std::string_view rest) {
  std::size_t fallback = std::string_view::npos;
  for (std::size_t at = rest.find("《"); at != std::string_view::npos;
       at = rest.find("《", at + 1)) {
    if (rest.substr(at).find("。") != std::string_view::npos) continue;
    const bool after_break = at == 0 || rest[at - 1] == ' ' || rest[at - 1] == '\n' ||
                             rest.substr(0, at).ends_with("\u3000");
    if (after_break) return at;
    if (fallback == std::string_view::npos && ends_sentence(rest.substr(0, at))) fallback = at;
  }
  return fallback;
}

struct Record {
  int seq = 0;
  std::string category;
  Line first;
  std::string_view first_rest;
  std::vector<Line> more;  // the following lines up to the next item
};

class RecordSplitter {
 public:
  RecordSplitter(const std::string& file, std::vector<Diagnostic>& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  catalog::Item split(const Record& record) {
    catalog::Item item;
    item.seq = record.seq;
    item.category = record.category;
    item.lines = {record.first.number, record.first.number};

    // Title: up to the first space of the first line, or over space-free lines that follow.
    std::string rest;
    std::vector<std::pair<std::size_t, int>> line_at;  // offset in rest → source line
    std::size_t next = 0;
    const std::size_t space = find_space(record.first_rest);
    if (space != std::string_view::npos) {
      item.title = std::string(record.first_rest.substr(0, space));
      line_at.emplace_back(0, record.first.number);
      rest = std::string(text::trim(record.first_rest.substr(space)));
    } else {
      item.title = std::string(record.first_rest);
      int title_lines = 1;
      while (next < record.more.size()) {
        const std::string_view line = text::trim(record.more[next].text);
        if (line.empty()) {
          ++next;
          break;
        }
        if (find_space(line) != std::string_view::npos || line.starts_with("《") ||
            line.find("责任单位") != std::string_view::npos || ends_sentence(line)) {
          break;
        }
        append_wrapped(item.title, line);
        item.lines.last = record.more[next].number;
        ++title_lines;
        ++next;
      }
      if (title_lines > 1) {
        note(record.first.number, Severity::info, "title-wrapped",
             "the title of item " + std::to_string(item.seq) + " wraps over " +
                 std::to_string(title_lines) + " lines",
             "第" + std::to_string(item.seq) + "项的标题跨" + std::to_string(title_lines) + "行");
      }
    }
    for (; next < record.more.size(); ++next) {
      line_at.emplace_back(rest.size(), record.more[next].number);
      if (!rest.empty()) rest += '\n';
      rest += text::trim(record.more[next].text);
    }

    // Departments: after the last 责任单位 label.
    std::string_view body = rest;
    std::size_t label = std::string_view::npos;
    for (std::size_t at = body.find("责任单位"); at != std::string_view::npos;
         at = body.find("责任单位", at + 1)) {
      label = at;
    }
    if (label != std::string_view::npos) {
      std::string_view departments = body.substr(label + std::string_view("责任单位").size());
      for (std::string_view colon : {":", "："}) {
        if (departments.starts_with(colon)) departments.remove_prefix(colon.size());
      }
      item.departments = join_wrapped_lines(departments);
      body = body.substr(0, label);
    }

    const std::size_t basis = find_basis(body);
    if (basis != std::string_view::npos) {
      item.basis = join_wrapped_lines(body.substr(basis));
      body = body.substr(0, basis);
    }
    item.content = join_wrapped_lines(body);

    for (const auto& [offset, number] : line_at) {
      if (offset < rest.size()) item.lines.last = std::max(item.lines.last, number);
    }
    if (item.content.empty() && item.basis.empty() && item.departments.empty()) {
      note(record.first.number, Severity::warning, "title-unclear",
           "item " + std::to_string(item.seq) +
               " has no column break: title and content could not be told apart",
           "第" + std::to_string(item.seq) + "项没有分栏,无法区分标题和政策内容");
    }
    return item;
  }

 private:
  void note(int line, Severity severity, std::string code, std::string en, std::string zh) {
    diagnostics_.push_back(
        Diagnostic{file_, line, 0, severity, std::move(code), std::move(en), std::move(zh)});
  }

  const std::string& file_;
  std::vector<Diagnostic>& diagnostics_;
};

}  // namespace

ParseResult TextParser::parse(std::string_view text, const std::string& file) const {
  ParseResult result;
  auto note = [&](int line, Severity severity, std::string code, std::string en, std::string zh) {
    result.diagnostics.push_back(
        Diagnostic{file, line, 0, severity, std::move(code), std::move(en), std::move(zh)});
  };
  if (text::is_blank(text)) {
    note(0, Severity::error, "empty-input", "the file is empty", "文件为空");
    return result;
  }

  const std::vector<Line> lines = split_lines(text);
  std::vector<CategoryHeader> headers;
  std::vector<Record> records;
  std::string category;
  bool seen_header = false;

  for (const Line& line : lines) {
    const std::string_view trimmed = text::trim(line.text);
    if (trimmed.empty()) {
      if (!records.empty()) records.back().more.push_back(line);
      continue;
    }
    auto start = match_item_start(trimmed, line.number);
    // A number far beyond the last 序号 is a figure that wrapped to the start of a line
    // ("8890000 或12345"), not a new item; a real gap is a few dozen at most.
    if (start && !start->category && !records.empty() &&
        start->seq > records.back().seq + kMaxSeqJump) {
      start.reset();
    }
    if (start) {
      if (start->category) {
        category = start->category->name;
        headers.push_back(*start->category);
      }
      if (start->seq == 0) continue;  // a category header on a line of its own
      records.push_back(Record{start->seq, category, line, start->rest, {}});
      continue;
    }
    if (is_column_header(trimmed)) {
      if (seen_header || !records.empty()) {
        note(line.number, Severity::info, "repeated-header", "the column header line repeats",
             "表头行重复出现");
      }
      seen_header = true;
      continue;
    }
    if (!records.empty()) {
      records.back().more.push_back(line);
      continue;
    }
    // Above the table: the list's own metadata.
    bool used = false;
    if (auto issuer = labelled_value(trimmed, "来源")) {
      result.info.issuer = *issuer;
      used = true;
    }
    if (auto date = labelled_value(trimmed, "发布时间")) {
      result.info.published = written_date(*date).value_or(std::string(*date));
      used = true;
    }
    if (!used && !seen_header && result.info.title.empty() &&
        text::count_code_points(trimmed) >= 6 && !trimmed.ends_with(".html") &&
        !trimmed.ends_with(".htm")) {
      result.info.title = std::string(trimmed);
      used = true;
    }
    if (!used) {
      const bool stray = seen_header;
      note(line.number, stray ? Severity::warning : Severity::info,
           stray ? "stray-line" : "preamble-line",
           (stray ? "line belongs to no item: " : "line above the table not used: ") +
               excerpt(trimmed),
           (stray ? "该行不属于任何事项:" : "表格上方的行未使用:") + excerpt(trimmed));
    }
  }

  if (records.empty()) {
    note(0, Severity::error, "no-items",
         "no numbered items found: this does not look like a policy list",
         "未找到带序号的事项:该文件不像政策清单");
    return result;
  }

  RecordSplitter splitter(file, result.diagnostics);
  for (Record& record : records) {
    // Lines after the department cell belong to it only when it visibly wraps (ends with 、).
    std::vector<Line> kept;
    bool after_departments = record.first_rest.find("责任单位") != std::string_view::npos;
    std::string_view departments_tail = record.first_rest;
    for (const Line& line : record.more) {
      const std::string_view trimmed = text::trim(line.text);
      if (after_departments && !trimmed.empty()) {
        if (departments_tail.ends_with("、") || departments_tail.ends_with("，") ||
            departments_tail.ends_with(",") || trimmed.starts_with("、")) {
          kept.push_back(line);
          departments_tail = trimmed;
        } else {
          note(line.number, Severity::warning, "stray-line",
               "line after the departments of item " + std::to_string(record.seq) +
                   " belongs to no item: " + excerpt(trimmed),
               "第" + std::to_string(record.seq) +
                   "项实施部门之后的行不属于任何事项:" + excerpt(trimmed));
        }
        continue;
      }
      kept.push_back(line);
      if (trimmed.find("责任单位") != std::string_view::npos) {
        after_departments = true;
        departments_tail = trimmed;
      }
    }
    record.more = std::move(kept);
    result.items.push_back(splitter.split(record));
  }
  check_items(result.items, headers, file, result.diagnostics);
  return result;
}

}  // namespace huiqi::ingest
