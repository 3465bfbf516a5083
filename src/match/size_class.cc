#include "match/size_class.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "base/error.h"

namespace huiqi::match {

namespace {

constexpr std::array<SizeClass, 5> kClasses = {
    SizeClass::large, SizeClass::medium, SizeClass::small, SizeClass::micro, SizeClass::unknown};
constexpr std::array<SizeIndicator, 3> kIndicators = {
    SizeIndicator::employees, SizeIndicator::revenue, SizeIndicator::assets};

// The sections of GB/T 4754-2017 and their divisions: the structure of the code system itself,
// needed to place "C3311" or "3311" under section C and to expand "H" to 61 and 62.
struct SectionSpan {
  char letter;
  int first;
  int last;
};
constexpr std::array<SectionSpan, 20> kSections = {{
    {'A', 1, 5},   {'B', 6, 12},  {'C', 13, 43}, {'D', 44, 46}, {'E', 47, 50},
    {'F', 51, 52}, {'G', 53, 60}, {'H', 61, 62}, {'I', 63, 65}, {'J', 66, 69},
    {'K', 70, 70}, {'L', 71, 72}, {'M', 73, 75}, {'N', 76, 79}, {'O', 80, 82},
    {'P', 83, 83}, {'Q', 84, 85}, {'R', 86, 90}, {'S', 91, 96}, {'T', 97, 97},
}};

const SectionSpan* find_section(char letter) {
  for (const SectionSpan& span : kSections) {
    if (span.letter == letter) return &span;
  }
  return nullptr;
}

const SectionSpan* section_of_division(int division) {
  for (const SectionSpan& span : kSections) {
    if (division >= span.first && division <= span.last) return &span;
  }
  return nullptr;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

std::string_view trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

std::string format_number(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

std::string cn_quote(std::string_view text) { return "“" + std::string(text) + "”"; }

// "从业人员" for employees; the money indicators carry their unit because thresholds are in 万元.
std::string label(SizeIndicator indicator) {
  std::string out = chinese_name(indicator);
  if (indicator != SizeIndicator::employees) out += "(万元)";
  return out;
}

}  // namespace

const char* to_string(SizeClass size) {
  switch (size) {
    case SizeClass::large:
      return "large";
    case SizeClass::medium:
      return "medium";
    case SizeClass::small:
      return "small";
    case SizeClass::micro:
      return "micro";
    case SizeClass::unknown:
      break;
  }
  return "unknown";
}

const char* chinese_name(SizeClass size) {
  switch (size) {
    case SizeClass::large:
      return "大型";
    case SizeClass::medium:
      return "中型";
    case SizeClass::small:
      return "小型";
    case SizeClass::micro:
      return "微型";
    case SizeClass::unknown:
      break;
  }
  return "未知";
}

std::optional<SizeClass> parse_size_class(std::string_view text) {
  for (SizeClass size : kClasses) {
    if (text == to_string(size) || text == chinese_name(size)) return size;
  }
  return std::nullopt;
}

const char* to_string(SizeIndicator indicator) {
  switch (indicator) {
    case SizeIndicator::employees:
      return "employees";
    case SizeIndicator::revenue:
      return "revenue_10k_yuan";
    case SizeIndicator::assets:
      break;
  }
  return "assets_10k_yuan";
}

const char* chinese_name(SizeIndicator indicator) {
  switch (indicator) {
    case SizeIndicator::employees:
      return "从业人员";
    case SizeIndicator::revenue:
      return "营业收入";
    case SizeIndicator::assets:
      break;
  }
  return "资产总额";
}

std::optional<double> SizeFacts::value(SizeIndicator indicator) const {
  switch (indicator) {
    case SizeIndicator::employees:
      return employees;
    case SizeIndicator::revenue:
      return revenue_10k_yuan;
    case SizeIndicator::assets:
      break;
  }
  return assets_10k_yuan;
}

namespace {

// An industry code split into its section letter and its digits ("" for a section alone).
struct ParsedCode {
  char section = 0;
  std::string digits;
};

// Parses "H6210", "6210", "h62", "H": nullopt with why set when it is not a GB/T 4754-2017 code.
std::optional<ParsedCode> parse_code(std::string_view text, std::string& why) {
  ParsedCode code;
  std::string_view rest = text;
  if (!rest.empty() && !is_digit(rest.front())) {
    char letter = rest.front();
    if (letter >= 'a' && letter <= 'z') letter = static_cast<char>(letter - 'a' + 'A');
    if (find_section(letter) == nullptr) {
      why = "行业代码" + cn_quote(text) + "不是 GB/T 4754-2017 行业代码";
      return std::nullopt;
    }
    code.section = letter;
    rest.remove_prefix(1);
  }
  if (rest.empty()) return code;
  if (!all_digits(rest) || rest.size() < 2 || rest.size() > 4) {
    why = "行业代码" + cn_quote(text) + "不是 GB/T 4754-2017 行业代码";
    return std::nullopt;
  }
  const int division = (rest[0] - '0') * 10 + (rest[1] - '0');
  const SectionSpan* span = section_of_division(division);
  if (span == nullptr) {
    why = "行业代码" + cn_quote(text) + "不在 GB/T 4754-2017 行业分类中";
    return std::nullopt;
  }
  if (code.section != 0 && code.section != span->letter) {
    why = "行业代码" + cn_quote(text) + "的门类 " + std::string(1, code.section) + " 与大类 " +
          std::string(rest.substr(0, 2)) + " 不符(应为 " + std::string(1, span->letter) + ")";
    return std::nullopt;
  }
  code.section = span->letter;
  code.digits = std::string(rest);
  return code;
}

std::string code_text(const ParsedCode& code) {
  return code.digits.empty() ? std::string(1, code.section) : code.digits;
}

// One CSV record of a single line; fields may be double-quoted with "" for a quote.
bool split_record(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool in_quotes = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_quotes) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        in_quotes = false;
      }
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == ',') {
      fields.emplace_back(trim(field));
      field.clear();
    } else {
      field += c;
    }
  }
  fields.emplace_back(trim(field));
  return !in_quotes;
}

constexpr std::array<const char*, 7> kColumns = {"row",       "industry",   "scope",    "indicator",
                                                 "large_min", "medium_min", "small_min"};

class TableParser {
 public:
  explicit TableParser(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(int line, std::string field, const std::string& en,
                         const std::string& zh) const {
    throw UserError("bad-size-standard", en, zh,
                    Location{.file = source_, .line = line, .field = std::move(field)});
  }

  std::vector<SizeRow> parse(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    bool header_seen = false;
    int line_number = 0;
    std::vector<std::string> fields;
    while (!text.empty() || line_number == 0) {
      const std::size_t end = text.find('\n');
      const std::string_view raw = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      ++line_number;
      const std::string_view line = trim(raw);
      if (line.empty() || line.front() == '#') continue;
      if (!split_record(line, fields)) {
        fail(line_number, "", "unterminated quoted field", "引号未闭合");
      }
      if (!header_seen) {
        check_header(line_number, fields);
        header_seen = true;
        continue;
      }
      add_record(line_number, fields);
    }
    if (!header_seen) {
      fail(0, "header", "missing header line (" + header_text() + ")",
           "缺少表头行(" + header_text() + ")");
    }
    if (rows_.empty()) fail(0, "", "no rows", "没有数据行");
    check_exclusions();
    return std::move(rows_);
  }

 private:
  static std::string header_text() {
    std::string out;
    for (const char* column : kColumns) out += (out.empty() ? "" : ",") + std::string(column);
    return out;
  }

  void check_header(int line, const std::vector<std::string>& fields) const {
    bool ok = fields.size() == kColumns.size();
    for (std::size_t i = 0; ok && i < fields.size(); ++i) ok = fields[i] == kColumns[i];
    if (!ok) {
      fail(line, "header", "expected the header " + header_text(), "表头应为 " + header_text());
    }
  }

  double number(int line, const char* field, const std::string& text) const {
    double value = 0;
    const char* first = text.data();
    const char* last = first + text.size();
    const auto result = std::from_chars(first, last, value);
    if (text.empty() || result.ec != std::errc() || result.ptr != last || !std::isfinite(value) ||
        value < 0) {
      fail(line, field, "'" + text + "' is not a non-negative number",
           cn_quote(text) + "不是非负数");
    }
    return value;
  }

  // A scope token is a section letter or division/group/class digits, "-" before an exclusion.
  void check_scope_token(int line, const std::string& token) const {
    std::string_view code = token;
    if (code.starts_with('-')) code.remove_prefix(1);
    bool ok = false;
    if (code.size() == 1) {
      ok = find_section(code.front()) != nullptr;
    } else if (all_digits(code) && code.size() <= 4) {
      ok = section_of_division((code[0] - '0') * 10 + (code[1] - '0')) != nullptr;
    }
    if (!ok) {
      fail(line, "scope",
           "'" + token + "' is not a GB/T 4754-2017 section letter or division/group/class digits",
           cn_quote(token) + "不是 GB/T 4754-2017 门类字母或大类/中类/小类代码");
    }
  }

  void add_record(int line, const std::vector<std::string>& fields) {
    if (fields.size() != kColumns.size()) {
      fail(line, "",
           "expected " + std::to_string(kColumns.size()) + " fields, found " +
               std::to_string(fields.size()),
           "应有 " + std::to_string(kColumns.size()) + " 个字段，实有 " +
               std::to_string(fields.size()) + " 个");
    }
    const std::string& id = fields[0];
    const bool uncovered = id == "-";
    if (!uncovered && (!all_digits(id) || id.size() > 3)) {
      fail(line, "row", "'" + id + "' is not a row number or '-'", cn_quote(id) + "不是行号或“-”");
    }
    if (fields[1].empty()) fail(line, "industry", "empty industry", "行业名称为空");
    std::vector<std::string> scope;
    std::istringstream tokens(fields[2]);
    for (std::string token; tokens >> token;) {
      check_scope_token(line, token);
      scope.push_back(token);
    }
    if (scope.empty()) fail(line, "scope", "empty scope", "适用范围为空");

    const bool continues = !uncovered && !rows_.empty() && rows_.back().id == id;
    if (continues) {
      if (rows_.back().industry != fields[1]) {
        fail(line, "industry",
             "row " + id + " names another industry on line " + std::to_string(rows_.back().line),
             "第" + id + "行的行业名称与第 " + std::to_string(rows_.back().line) + " 行不同");
      }
      if (rows_.back().scope != scope) {
        fail(line, "scope",
             "row " + id + " has another scope on line " + std::to_string(rows_.back().line),
             "第" + id + "行的适用范围与第 " + std::to_string(rows_.back().line) + " 行不同");
      }
    } else {
      if (!uncovered) {
        for (const SizeRow& row : rows_) {
          if (row.id == id) {
            fail(line, "row",
                 "row " + id + " already appeared on line " + std::to_string(row.line) +
                     " (keep a row's lines together)",
                 "第" + id + "行已在第 " + std::to_string(row.line) + " 行出现(同一行应连续)");
          }
        }
      }
      add_scope(line, scope);
      rows_.push_back(SizeRow{.id = uncovered ? "" : id,
                              .industry = fields[1],
                              .scope = scope,
                              .thresholds = {},
                              .line = line});
    }
    add_threshold(line, uncovered, fields);
  }

  // Each code may be included by one row only, so resolution never has to break a tie.
  void add_scope(int line, const std::vector<std::string>& scope) {
    for (const std::string& token : scope) {
      if (token.starts_with('-')) continue;
      for (const auto& [code, owner_line] : included_) {
        if (code == token) {
          fail(line, "scope",
               "'" + token + "' is already in the row on line " + std::to_string(owner_line),
               cn_quote(token) + "已属于第 " + std::to_string(owner_line) + " 行");
        }
      }
      included_.emplace_back(token, line);
    }
  }

  void add_threshold(int line, bool uncovered, const std::vector<std::string>& fields) {
    SizeRow& row = rows_.back();
    if (uncovered) {
      if (fields[3] != "-") {
        fail(line, "indicator", "an uncovered industry ('-' row) has indicator '-'",
             "不适用本标准的行业(行号“-”)的指标应为“-”");
      }
      for (std::size_t i = 4; i < fields.size(); ++i) {
        if (!fields[i].empty()) {
          fail(line, kColumns[i], "must be empty for an uncovered industry",
               "不适用本标准的行业不应有阈值");
        }
      }
      return;
    }
    std::optional<SizeIndicator> indicator;
    for (SizeIndicator candidate : kIndicators) {
      if (fields[3] == to_string(candidate)) indicator = candidate;
    }
    if (!indicator) {
      fail(line, "indicator",
           "'" + fields[3] + "' is not employees, revenue_10k_yuan or assets_10k_yuan",
           cn_quote(fields[3]) + "不是 employees、revenue_10k_yuan 或 assets_10k_yuan");
    }
    for (const SizeThreshold& existing : row.thresholds) {
      if (existing.indicator == *indicator) {
        fail(line, "indicator", "row " + row.id + " already has " + fields[3],
             "第" + row.id + "行已有指标 " + fields[3]);
      }
    }
    SizeThreshold threshold{.indicator = *indicator,
                            .large_min = number(line, "large_min", fields[4]),
                            .medium_min = number(line, "medium_min", fields[5]),
                            .small_min = number(line, "small_min", fields[6])};
    if (!(threshold.medium_min < threshold.large_min)) {
      fail(line, "medium_min", "must be below large_min", "应小于 large_min");
    }
    if (!(threshold.small_min < threshold.medium_min)) {
      fail(line, "small_min", "must be below medium_min", "应小于 medium_min");
    }
    row.thresholds.push_back(threshold);
  }

  // An exclusion only makes sense inside something the same row includes.
  void check_exclusions() const {
    for (const SizeRow& row : rows_) {
      for (const std::string& token : row.scope) {
        if (!token.starts_with('-')) continue;
        const std::string_view excluded = std::string_view(token).substr(1);
        const bool inside =
            std::any_of(row.scope.begin(), row.scope.end(), [&](const std::string& include) {
              if (include.starts_with('-')) return false;
              if (include.size() == 1) {
                return excluded.size() > 1 &&
                       section_of_division((excluded[0] - '0') * 10 + (excluded[1] - '0'))
                               ->letter == include[0];
              }
              return excluded.size() > include.size() && excluded.starts_with(include);
            });
        if (!inside) {
          fail(row.line, "scope", "'" + token + "' excludes something the row does not include",
               cn_quote(token) + "排除的代码不在本行范围内");
        }
      }
    }
  }

  std::string source_;
  std::vector<SizeRow> rows_;
  std::vector<std::pair<std::string, int>> included_;  // scope code, line of its row
};

std::string row_name(const SizeRow& row) {
  return row.covered() ? "第" + row.id + "行 " + row.industry : row.industry + "(不适用本标准)";
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

// A larger enumerator is a smaller enterprise. Only known classes are passed.
SizeClass smaller(SizeClass a, SizeClass b) {
  return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

}  // namespace

SizeStandard SizeStandard::load(const std::filesystem::path& csv) {
  std::ifstream in(csv, std::ios::binary);
  if (!in) {
    throw UserError("file-not-found", "cannot read the size standard table",
                    "无法读取企业划型标准表", Location{.file = csv.string()});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), csv.string());
}

SizeStandard SizeStandard::parse(std::string_view csv_text, std::string source) {
  SizeStandard standard;
  standard.rows_ = TableParser(std::move(source)).parse(csv_text);
  for (std::size_t i = 0; i < standard.rows_.size(); ++i) {
    for (const std::string& token : standard.rows_[i].scope) {
      const bool exclude = token.starts_with('-');
      standard.index_[exclude ? token.substr(1) : token].push_back(Entry{i, exclude});
    }
  }
  return standard;
}

void SizeStandard::set_known_codes(const std::vector<std::string>& codes) {
  known_codes_.clear();
  for (const std::string& code : codes) {
    std::string text(trim(code));
    if (text.size() == 1 && text[0] >= 'a' && text[0] <= 'z') {
      text[0] = static_cast<char>(text[0] - 'a' + 'A');
    }
    if (!text.empty()) known_codes_.push_back(std::move(text));
  }
  std::sort(known_codes_.begin(), known_codes_.end());
}

// The row whose most specific scope entry contains the code, unless that row excludes the code
// more specifically (e.g. 5910 is in row 6 by "591", and not in row 7, which has "59 -591").
std::optional<std::size_t> SizeStandard::resolve(char section, const std::string& digits) const {
  std::vector<std::string> chain;
  for (std::size_t length = digits.size(); length >= 2; --length) {
    chain.push_back(digits.substr(0, length));
  }
  chain.emplace_back(1, section);
  std::vector<std::size_t> excluded;
  for (const std::string& key : chain) {
    const auto found = index_.find(key);
    if (found == index_.end()) continue;
    for (const Entry& entry : found->second) {
      if (entry.exclude) {
        excluded.push_back(entry.row);
      } else if (std::find(excluded.begin(), excluded.end(), entry.row) == excluded.end()) {
        return entry.row;
      }
    }
  }
  return std::nullopt;
}

// Every row some part of a coarse code may fall in. For a section: its divisions. For a division
// or group: the rows of the scope entries below it, and the row of the code itself for the parts
// no entry below names. With known codes that remainder is exact (each known class below); without
// them it is assumed present unless an entry ends in 0, which in GB/T 4754 marks the only child.
std::vector<std::optional<std::size_t>> SizeStandard::candidates(char section,
                                                                 const std::string& digits) const {
  std::vector<std::optional<std::size_t>> out;
  const auto add = [&out](std::optional<std::size_t> row) {
    if (std::find(out.begin(), out.end(), row) == out.end()) out.push_back(row);
  };
  if (digits.empty()) {
    const SectionSpan* span = find_section(section);
    for (int division = span->first; division <= span->last; ++division) {
      const std::string two = {static_cast<char>('0' + division / 10),
                               static_cast<char>('0' + division % 10)};
      for (const auto& row : candidates(section, two)) add(row);
    }
  } else if (digits.size() == 4) {
    add(resolve(section, digits));
  } else if (!known_codes_.empty()) {
    for (auto it = std::lower_bound(known_codes_.begin(), known_codes_.end(), digits);
         it != known_codes_.end() && it->starts_with(digits); ++it) {
      if (it->size() == 4) add(resolve(section, *it));
    }
  } else {
    bool only_child_named = false;
    for (auto it = index_.lower_bound(digits); it != index_.end() && it->first.starts_with(digits);
         ++it) {
      if (it->first.size() == digits.size()) continue;
      add(resolve(section, it->first));
      only_child_named = only_child_named || it->first == digits + "0";
    }
    if (!only_child_named) add(resolve(section, digits));
  }
  std::sort(out.begin(), out.end());
  return out;
}

SizeResult SizeStandard::classify_row(const SizeRow& row, const SizeFacts& facts) const {
  SizeResult result;
  result.row = row.id;
  SizeClass lowest = SizeClass::large;
  bool any_known = false;
  std::vector<std::string> missing_names;
  for (const SizeThreshold& threshold : row.thresholds) {
    const std::optional<double> value = facts.value(threshold.indicator);
    const std::string name = label(threshold.indicator);
    if (!value || !std::isfinite(*value) || *value < 0) {
      result.reasons.push_back(value ? name + " " + format_number(*value) + " 无效，视为未知"
                                     : name + "未知");
      result.missing.push_back(to_string(threshold.indicator));
      missing_names.push_back(chinese_name(threshold.indicator));
      continue;
    }
    const std::string v = format_number(*value);
    SizeClass size;
    std::string reason;
    if (*value >= threshold.large_min) {
      size = SizeClass::large;
      reason = name + " " + v + " ≥ " + format_number(threshold.large_min);
    } else if (*value >= threshold.medium_min) {
      size = SizeClass::medium;
      reason = name + " " + format_number(threshold.medium_min) + " ≤ " + v + " < " +
               format_number(threshold.large_min);
    } else if (*value >= threshold.small_min) {
      size = SizeClass::small;
      reason = name + " " + format_number(threshold.small_min) + " ≤ " + v + " < " +
               format_number(threshold.medium_min);
    } else {
      size = SizeClass::micro;
      reason = name + " " + v + " < " + format_number(threshold.small_min);
    }
    result.reasons.push_back(reason + " → " + chinese_name(size));
    lowest = smaller(lowest, size);
    any_known = true;
  }
  if (result.missing.empty()) {
    result.size = lowest;
    result.reasons.push_back("取各指标中最低一档 → " + std::string(chinese_name(lowest)));
  } else if (lowest == SizeClass::micro) {
    // 微型 needs only one indicator below the 小型 bound; the unknown ones cannot raise it.
    result.size = SizeClass::micro;
    result.missing.clear();
    result.reasons.push_back(join(missing_names, "、") + "未知，但已有指标为微型 → 微型");
  } else {
    result.reasons.push_back(
        join(missing_names, "、") + "未知，无法划型" +
        (any_known ? "(已知指标至多为" + std::string(chinese_name(lowest)) + ")" : ""));
  }
  result.largest_possible = result.size != SizeClass::unknown ? result.size
                            : any_known                       ? lowest
                                                              : SizeClass::unknown;
  return result;
}

SizeResult SizeStandard::classify(const SizeFacts& facts) const {
  SizeResult result;
  const std::string_view text = trim(facts.industry);
  if (text.empty()) {
    result.reasons.push_back("行业未知，无法按标准划型");
    result.missing.push_back("industry");
    return result;
  }
  std::string why;
  const std::optional<ParsedCode> parsed = parse_code(text, why);
  if (!parsed) {
    result.reasons.push_back(why);
    return result;
  }
  if (!known_codes_.empty() &&
      !std::binary_search(known_codes_.begin(), known_codes_.end(), code_text(*parsed))) {
    result.reasons.push_back("行业代码" + cn_quote(text) + "不在 GB/T 4754-2017 行业分类中");
    return result;
  }

  const std::vector<std::optional<std::size_t>> rows = candidates(parsed->section, parsed->digits);
  if (rows.size() <= 1) {
    if (rows.empty() || !rows[0]) {
      result.reasons.push_back("行业代码" + cn_quote(text) + "不在划型标准的任何一行中");
      return result;
    }
    const SizeRow& row = rows_[*rows[0]];
    if (!row.covered()) {
      result.reasons.push_back("行业代码" + cn_quote(text) + "属于" + row.industry +
                               "，不适用《中小企业划型标准规定》，需由企业说明规模");
      return result;
    }
    result = classify_row(row, facts);
    result.reasons.insert(result.reasons.begin(),
                          "行业代码" + cn_quote(text) + "适用" + row_name(row));
    return result;
  }

  // A coarse code ("H", "59"): the answer stands only if every row it may fall in agrees.
  std::vector<std::string> names;
  bool all_covered = true;
  for (const auto& index : rows) {
    names.push_back(index ? row_name(rows_[*index]) : "未列入标准的部分");
    all_covered = all_covered && index && rows_[*index].covered();
  }
  const std::string spans = "行业代码" + cn_quote(text) + "涵盖" + join(names, "、");
  if (!all_covered) {
    result.reasons.push_back(spans + "，其中有不适用本标准的部分，请提供更具体的行业代码");
    result.missing.push_back("industry");
    return result;
  }
  std::vector<SizeResult> each;
  std::vector<std::string> ids, verdicts;
  for (const auto& index : rows) {
    each.push_back(classify_row(rows_[*index], facts));
    ids.push_back(rows_[*index].id);
    verdicts.push_back(chinese_name(each.back().size));
  }
  const bool agree = std::all_of(each.begin(), each.end(), [&](const SizeResult& one) {
    return one.size == each.front().size && one.size != SizeClass::unknown;
  });
  if (agree) {
    result.size = each.front().size;
    result.largest_possible = result.size;
    result.row = join(ids, "/");
    result.reasons.push_back(spans + "，各行结果相同");
  } else {
    result.reasons.push_back(spans + "，各行结果不同(" + join(verdicts, "、") +
                             ")，请提供更具体的行业代码");
    const bool bounded = std::all_of(each.begin(), each.end(), [](const SizeResult& one) {
      return one.largest_possible != SizeClass::unknown;
    });
    if (bounded) {
      // The largest class any of the rows still allows.
      result.largest_possible = SizeClass::micro;
      for (const SizeResult& one : each) {
        if (static_cast<int>(one.largest_possible) < static_cast<int>(result.largest_possible)) {
          result.largest_possible = one.largest_possible;
        }
      }
    }
    for (const SizeResult& one : each) {
      for (const std::string& name : one.missing) add_unique(result.missing, name);
    }
    result.missing.push_back("industry");
  }
  for (std::size_t i = 0; i < each.size(); ++i) {
    for (const std::string& reason : each[i].reasons) {
      result.reasons.push_back("[第" + ids[i] + "行] " + reason);
    }
  }
  return result;
}

}  // namespace huiqi::match
