#include "ingest/csv_parser.h"

#include <array>
#include <cstddef>
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

constexpr int kIdColumn = kColumnCount;  // "id": accepted and ignored

// Header name → column (kIdColumn for "id"), or -1.
int csv_column_of(std::string_view header) {
  if (header_key(header) == "id") return kIdColumn;
  return column_of(header);
}

struct Field {
  std::string value;
  int line = 0;
  int column = 0;
  bool quoted = false;
};

struct Record {
  std::vector<Field> fields;
  int first_line = 0;
  int last_line = 0;

  bool blank() const {
    for (const Field& field : fields) {
      if (field.quoted || !text::is_blank(field.value)) return false;
    }
    return true;
  }
};

// Splits the text into records, tracking lines and code point columns.
class Lexer {
 public:
  Lexer(std::string_view text, const std::string& file, std::vector<Diagnostic>& diagnostics)
      : text_(text), file_(file), diagnostics_(diagnostics) {}

  //! The next record; nullopt at the end, or after an unterminated quote (which ends the file).
  std::optional<Record> next() {
    if (pos_ >= text_.size()) return std::nullopt;
    Record record;
    record.first_line = line_;
    while (true) {
      Field field;
      field.line = line_;
      field.column = column_;
      if (peek() == '"') {
        if (!read_quoted(field)) return std::nullopt;
      } else {
        read_plain(field);
      }
      record.fields.push_back(std::move(field));
      if (peek() == ',') {
        advance();
        continue;
      }
      record.last_line = line_;
      end_line();
      return record;
    }
  }

 private:
  // -1 at the end of the text.
  int peek() const { return pos_ < text_.size() ? static_cast<unsigned char>(text_[pos_]) : -1; }

  bool at_line_end() const { return peek() == '\n' || peek() == '\r' || peek() == -1; }

  // Consumes one byte, counting lines (LF, CRLF or a lone CR) and code point columns.
  void advance() {
    const char c = text_[pos_++];
    if (c == '\n' || (c == '\r' && peek() != '\n')) {
      ++line_;
      column_ = 1;
    } else if (c != '\r' && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;
    }
  }

  void end_line() {
    if (peek() == '\r') advance();
    if (peek() == '\n') advance();
  }

  void read_plain(Field& field) {
    const std::size_t begin = pos_;
    bool stray_quote = false;
    while (peek() != ',' && !at_line_end()) {
      if (peek() == '"') stray_quote = true;
      advance();
    }
    field.value = std::string(text_.substr(begin, pos_ - begin));
    if (stray_quote) {
      warn(field.line, field.column, "stray-quote",
           "a quote inside an unquoted field is kept as text",
           "未加引号的字段中含有引号，按普通字符处理");
    }
  }

  // Reads "…" with "" escapes, then anything up to the next comma or line end.
  bool read_quoted(Field& field) {
    field.quoted = true;
    advance();
    while (true) {
      if (peek() == -1) {
        diagnostics_.push_back(
            Diagnostic{file_,
                       field.line,
                       field.column,
                       Severity::error,
                       "unterminated-quote",
                       "quoted field never closed: the rest of the file was read into it",
                       "引号字段没有结束引号，文件其余内容都被读入该字段",
                       {}});
        return false;
      }
      const std::size_t begin = pos_;
      if (peek() == '"') {
        advance();
        if (peek() != '"') break;
        advance();
        field.value += '"';
        continue;
      }
      advance();
      field.value.append(text_.substr(begin, pos_ - begin));
    }
    if (peek() != ',' && !at_line_end()) {
      const int line = line_;
      const int column = column_;
      const std::size_t begin = pos_;
      while (peek() != ',' && !at_line_end()) advance();
      field.value.append(text_.substr(begin, pos_ - begin));
      warn(line, column, "text-after-quote", "text after a closing quote is kept in the field",
           "结束引号之后的文字并入该字段");
    }
    return true;
  }

  void warn(int line, int column, std::string code, std::string en, std::string zh) {
    diagnostics_.push_back(Diagnostic{
        file_, line, column, Severity::warning, std::move(code), std::move(en), std::move(zh), {}});
  }

  std::string_view text_;
  const std::string& file_;
  std::vector<Diagnostic>& diagnostics_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

class CsvReader {
 public:
  CsvReader(std::string_view text, const std::string& file, ParseResult& result)
      : lexer_(text, file, result.diagnostics), file_(file), result_(result) {
    index_.fill(-1);
  }

  void read() {
    std::optional<Record> record = lexer_.next();
    while (record && record->blank()) {
      blank_row(*record);
      record = lexer_.next();
    }
    if (!record) {
      if (!has_errors(result_.diagnostics)) {
        add(0, 0, Severity::error, "empty-input", "the file has no header and no records",
            "文件没有表头也没有记录");
      }
      return;
    }
    if (!read_header(*record)) return;
    while ((record = lexer_.next())) read_record(*record);
    check_items(result_.items, categories_, file_, result_.diagnostics);
  }

 private:
  void add(int line, int column, Severity severity, std::string code, std::string en,
           std::string zh, std::string field = {}) {
    result_.diagnostics.push_back(Diagnostic{file_, line, column, severity, std::move(code),
                                             std::move(en), std::move(zh), std::move(field)});
  }

  void blank_row(const Record& record) {
    add(record.first_line, 0, Severity::info, "blank-row", "empty record skipped", "跳过空记录");
  }

  bool read_header(const Record& header) {
    width_ = header.fields.size();
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      const Field& field = header.fields[i];
      const std::string name(text::trim(field.value));
      const int column = csv_column_of(name);
      if (column == kIdColumn) continue;
      if (column < 0) {
        add(field.line, field.column, Severity::info, "unknown-column",
            "unknown column \"" + excerpt(name) + "\" ignored", "忽略未知列“" + excerpt(name) + "”",
            name);
      } else if (index_[column] >= 0) {
        add(field.line, field.column, Severity::warning, "duplicate-column",
            "column \"" + excerpt(name) + "\" appears again; the first one is used",
            "列“" + excerpt(name) + "”重复，使用第一列", name);
      } else {
        index_[column] = static_cast<int>(i);
      }
    }
    bool complete = true;
    for (int c : {kSeq, kTitle, kContent, kBasis, kDepartments}) {
      if (index_[c] >= 0) continue;
      const ColumnName& name = kColumnNames[c];
      add(header.first_line, 0, Severity::error, "missing-column",
          "the header has no " + std::string(name.en) + " (" + std::string(name.zh) + ") column",
          "表头缺少“" + std::string(name.zh) + "”(" + std::string(name.en) + ")列",
          std::string(name.en));
      complete = false;
    }
    return complete;
  }

  std::string value(const Record& record, int column) const {
    if (index_[column] < 0) return {};
    return std::string(text::trim(record.fields[static_cast<std::size_t>(index_[column])].value));
  }

  void read_record(const Record& record) {
    if (record.blank()) {
      blank_row(record);
      return;
    }
    if (record.fields.size() != width_) {
      add(record.first_line, 0, Severity::error, "field-count",
          "record has " + std::to_string(record.fields.size()) + " fields, the header has " +
              std::to_string(width_) + "; record skipped",
          "该记录有" + std::to_string(record.fields.size()) + "个字段，表头有" +
              std::to_string(width_) + "个，跳过该记录");
      return;
    }
    const std::string seq_text = value(record, kSeq);
    const std::optional<int> seq = parse_seq(seq_text);
    if (!seq) {
      const Field& field = record.fields[static_cast<std::size_t>(index_[kSeq])];
      add(field.line, field.column, Severity::error, "bad-seq",
          "序号 (seq) is not a positive integer: \"" + excerpt(seq_text) + "\"; record skipped",
          "序号不是正整数：“" + excerpt(seq_text) + "”，跳过该记录", "seq");
      return;
    }
    catalog::Item item;
    item.seq = *seq;
    item.category = category(value(record, kCategory), record.first_line);
    item.title = value(record, kTitle);
    item.content = value(record, kContent);
    item.basis = value(record, kBasis);
    item.departments = strip_department_label(value(record, kDepartments));
    item.lines = {record.first_line, record.last_line};
    result_.items.push_back(std::move(item));
  }

  // Each run of records with the same category cell is one CategoryHeader.
  std::string category(const std::string& cell, int line) {
    if (cell.empty()) return {};
    if (categories_.empty() || cell != current_cell_) {
      categories_.push_back(parse_category_cell(cell, line));
      current_cell_ = cell;
    }
    return categories_.back().name;
  }

  Lexer lexer_;
  const std::string& file_;
  ParseResult& result_;
  std::array<int, kColumnCount> index_;  // field index of each column, -1 when absent
  std::size_t width_ = 0;
  std::vector<CategoryHeader> categories_;
  std::string current_cell_;
};

}  // namespace

ParseResult CsvParser::parse(std::string_view text, const std::string& file) const {
  ParseResult result;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text::is_blank(text)) {
    result.diagnostics.push_back(Diagnostic{
        file, 0, 0, Severity::error, "empty-input", "the file is empty", "文件为空", {}});
    return result;
  }
  if (const auto problem = text::find_invalid_utf8(text)) {
    result.diagnostics.push_back(Diagnostic{file,
                                            problem->line,
                                            problem->column,
                                            Severity::error,
                                            "invalid-encoding",
                                            "the file is not valid UTF-8",
                                            "文件不是有效的 UTF-8 编码",
                                            {}});
    return result;
  }
  CsvReader(text, file, result).read();
  return result;
}

}  // namespace huiqi::ingest
