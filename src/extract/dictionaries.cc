#include "extract/dictionaries.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <map>
#include <sstream>

#include "base/data_dir.h"
#include "base/error.h"
#include "text/normalize.h"

namespace huiqi::extract {
namespace {

struct Row {
  int line = 0;
  std::vector<std::string_view> fields;
};

//! A TSV text being read: knows its file name and column names for error messages.
class TsvReader {
 public:
  TsvReader(std::string file, std::initializer_list<const char*> columns)
      : file_(std::move(file)), columns_(columns) {}

  [[noreturn]] void fail(int line, std::string_view field, const std::string& en,
                         const std::string& zh) const {
    throw UserError("dictionary-invalid", en, zh, Location{file_, line, 0, std::string(field)});
  }

  //! The rows of text after its header; an empty text has none.
  std::vector<Row> rows(std::string_view text) const {
    std::vector<Row> out;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    bool header_seen = false;
    int line_no = 0;
    while (!text.empty()) {
      std::size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      ++line_no;
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      std::vector<std::string_view> fields = split(line);
      if (!header_seen) {
        check_header(line_no, fields);
        header_seen = true;
        continue;
      }
      if (fields.size() != columns_.size()) {
        std::string field = fields.size() < columns_.size() ? columns_[fields.size()] : "";
        fail(line_no, field,
             "expected " + std::to_string(columns_.size()) + " tab-separated fields, found " +
                 std::to_string(fields.size()),
             "应有 " + std::to_string(columns_.size()) + " 个以制表符分隔的字段，实有 " +
                 std::to_string(fields.size()) + " 个");
      }
      out.push_back(Row{line_no, std::move(fields)});
    }
    return out;
  }

  //! A column's text normalized like the text it will be matched against; never empty.
  std::string phrase(const Row& row, std::size_t column) const {
    std::string normalized = text::normalize(row.fields[column]).text;
    if (normalized.empty()) {
      fail(row.line, columns_[column], "is empty", "为空");
    }
    return normalized;
  }

  const char* column(std::size_t index) const { return columns_[index]; }

 private:
  static std::vector<std::string_view> split(std::string_view line) {
    std::vector<std::string_view> fields;
    while (true) {
      std::size_t tab = line.find('\t');
      fields.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    return fields;
  }

  void check_header(int line_no, const std::vector<std::string_view>& fields) const {
    std::string expected;
    for (const char* c : columns_) expected += (expected.empty() ? "" : "<TAB>") + std::string(c);
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i >= fields.size() || fields[i] != columns_[i]) {
        fail(line_no, columns_[i], "header must be " + expected, "表头应为 " + expected);
      }
    }
    if (fields.size() != columns_.size()) {
      fail(line_no, "", "header must be " + expected, "表头应为 " + expected);
    }
  }

  std::string file_;
  std::vector<const char*> columns_;
};

template <typename Enum>
Enum parse_name(const TsvReader& reader, const Row& row, std::size_t column,
                std::initializer_list<std::pair<const char*, Enum>> names) {
  std::string allowed;
  for (const auto& [name, value] : names) {
    if (row.fields[column] == name) return value;
    allowed += (allowed.empty() ? "" : " | ") + std::string(name);
  }
  reader.fail(
      row.line, reader.column(column),
      "unknown value \"" + std::string(row.fields[column]) + "\" (expected " + allowed + ")",
      "未知的值“" + std::string(row.fields[column]) + "”（应为 " + allowed + "）");
}

std::vector<IssuerRule> parse_issuers(std::string_view text) {
  TsvReader reader(kIssuersFile, {"match", "pattern", "level", "issuer"});
  using catalog::DocumentLevel;
  std::vector<IssuerRule> out;
  for (const Row& row : reader.rows(text)) {
    IssuerRule rule;
    rule.match = parse_name<IssuerRule::Match>(reader, row, 0,
                                               {{"code", IssuerRule::Match::code},
                                                {"prefix", IssuerRule::Match::prefix},
                                                {"title", IssuerRule::Match::title}});
    rule.pattern = reader.phrase(row, 1);
    rule.level = parse_name<DocumentLevel>(reader, row, 2,
                                           {{"national", DocumentLevel::national},
                                            {"provincial", DocumentLevel::provincial},
                                            {"city", DocumentLevel::city},
                                            {"county", DocumentLevel::county},
                                            {"other", DocumentLevel::other}});
    rule.issuer = text::normalize(row.fields[3]).text;
    out.push_back(std::move(rule));
  }
  return out;
}

std::vector<DepartmentRule> parse_departments(std::string_view text) {
  TsvReader reader(kDepartmentsFile, {"kind", "text", "canonical"});
  std::vector<DepartmentRule> out;
  std::map<std::string, std::string> canonical_of;  // name text → canonical, for conflicts
  std::map<std::string, int> first_use;             // canonical → line of its first use
  for (const Row& row : reader.rows(text)) {
    DepartmentRule rule;
    rule.kind = parse_name<DepartmentRule::Kind>(reader, row, 0,
                                                 {{"name", DepartmentRule::Kind::name},
                                                  {"suffix", DepartmentRule::Kind::suffix},
                                                  {"lead", DepartmentRule::Kind::lead},
                                                  {"label", DepartmentRule::Kind::label},
                                                  {"scope", DepartmentRule::Kind::scope}});
    rule.text = reader.phrase(row, 1);
    if (rule.kind == DepartmentRule::Kind::name) {
      rule.canonical = reader.phrase(row, 2);
      auto [it, inserted] = canonical_of.emplace(rule.text, rule.canonical);
      if (!inserted && it->second != rule.canonical) {
        reader.fail(row.line, "canonical",
                    "\"" + rule.text + "\" is already mapped to \"" + it->second + "\"",
                    "“" + rule.text + "”已对应“" + it->second + "”");
      }
      first_use.emplace(rule.canonical, row.line);
    } else if (!row.fields[2].empty()) {
      reader.fail(row.line, "canonical", "must be empty for kind " + std::string(row.fields[0]),
                  "类型为 " + std::string(row.fields[0]) + " 时应为空");
    }
    out.push_back(std::move(rule));
  }
  // Every canonical name is itself a known name, so canonical output is always recognized.
  for (const auto& [canonical, line] : first_use) {
    auto it = canonical_of.find(canonical);
    if (it == canonical_of.end() || it->second != canonical) {
      reader.fail(line, "canonical",
                  "canonical name \"" + canonical + "\" has no row mapping it to itself",
                  "规范名称“" + canonical + "”缺少映射到自身的行");
    }
  }
  return out;
}

std::vector<TagRule> parse_tags(const char* file, const char* value_column, std::string_view text) {
  TsvReader reader(file, {"phrase", value_column});
  std::vector<TagRule> out;
  for (const Row& row : reader.rows(text)) {
    TagRule rule;
    rule.phrase = reader.phrase(row, 0);
    if (row.fields[1] != "-") rule.value = reader.phrase(row, 1);
    out.push_back(std::move(rule));
  }
  return out;
}

bool is_industry_code(std::string_view code) {
  if (code.empty() || code[0] < 'A' || code[0] > 'T') return false;
  std::string_view digits = code.substr(1);
  if (!(digits.empty() || (digits.size() >= 2 && digits.size() <= 4))) return false;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::vector<IndustryRule> parse_industries(std::string_view text) {
  TsvReader reader(kIndustriesFile, {"phrase", "code", "name"});
  std::vector<IndustryRule> out;
  for (const Row& row : reader.rows(text)) {
    IndustryRule rule;
    rule.phrase = reader.phrase(row, 0);
    if (row.fields[1] != "-") {
      if (!is_industry_code(row.fields[1])) {
        reader.fail(row.line, "code",
                    "\"" + std::string(row.fields[1]) +
                        "\" is not a GB/T 4754 code (a section letter and 0, 2, 3 or 4 digits)",
                    "“" + std::string(row.fields[1]) +
                        "”不是 GB/T 4754 代码（门类字母加 0、2、3 或 4 位数字）");
      }
      rule.code = std::string(row.fields[1]);
      rule.name = reader.phrase(row, 2);
    } else if (!row.fields[2].empty()) {
      reader.fail(row.line, "name", "must be empty for a stop phrase (code -)",
                  "停用短语（代码 -）的名称应为空");
    }
    out.push_back(std::move(rule));
  }
  return out;
}

std::vector<ActionCue> parse_actionability(std::string_view text) {
  TsvReader reader(kActionabilityFile, {"cue", "kind", "weight"});
  using catalog::BenefitKind;
  std::vector<ActionCue> out;
  for (const Row& row : reader.rows(text)) {
    ActionCue cue;
    cue.phrase = reader.phrase(row, 0);
    cue.kind = parse_name<BenefitKind>(reader, row, 1,
                                       {{"direct", BenefitKind::direct},
                                        {"service", BenefitKind::service},
                                        {"task", BenefitKind::task}});
    std::string_view w = row.fields[2];
    auto [ptr, ec] = std::from_chars(w.data(), w.data() + w.size(), cue.weight);
    if (ec != std::errc() || ptr != w.data() + w.size() || cue.weight < 1 || cue.weight > 100) {
      reader.fail(row.line, "weight", "must be a whole number from 1 to 100",
                  "应为 1 到 100 的整数");
    }
    out.push_back(std::move(cue));
  }
  return out;
}

std::vector<TimeCue> parse_time_cues(std::string_view text) {
  TsvReader reader(kTimeCuesFile, {"cue", "role", "position"});
  std::vector<TimeCue> out;
  for (const Row& row : reader.rows(text)) {
    TimeCue cue;
    cue.phrase = reader.phrase(row, 0);
    cue.role = parse_name<TimeCue::Role>(reader, row, 1,
                                         {{"end", TimeCue::Role::end},
                                          {"start", TimeCue::Role::start},
                                          {"ignore", TimeCue::Role::ignore},
                                          {"relative", TimeCue::Role::relative}});
    cue.position = parse_name<TimeCue::Position>(reader, row, 2,
                                                 {{"before", TimeCue::Position::before},
                                                  {"after", TimeCue::Position::after},
                                                  {"phrase", TimeCue::Position::phrase}});
    if ((cue.role == TimeCue::Role::relative) != (cue.position == TimeCue::Position::phrase)) {
      reader.fail(row.line, "position", "a relative cue, and only it, has position phrase",
                  "仅 relative 类提示词的位置为 phrase");
    }
    out.push_back(std::move(cue));
  }
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw UserError("file-not-found", "cannot read dictionary " + path.string(),
                    "无法读取词典 " + path.string(), Location{path.string(), 0, 0, ""});
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

Dictionaries Dictionaries::load(const std::filesystem::path& data_dir) {
  DictionarySources sources;
  sources.issuers = read_file(data_dir / kIssuersFile);
  sources.departments = read_file(data_dir / kDepartmentsFile);
  sources.beneficiaries = read_file(data_dir / kBeneficiariesFile);
  sources.industries = read_file(data_dir / kIndustriesFile);
  sources.forms = read_file(data_dir / kFormsFile);
  sources.actionability = read_file(data_dir / kActionabilityFile);
  sources.time_cues = read_file(data_dir / kTimeCuesFile);
  return parse(sources);
}

Dictionaries Dictionaries::load_default() { return load(data_dir()); }

Dictionaries Dictionaries::parse(const DictionarySources& sources) {
  Dictionaries d;
  d.issuers_ = parse_issuers(sources.issuers);
  d.departments_ = parse_departments(sources.departments);
  d.beneficiaries_ = parse_tags(kBeneficiariesFile, "beneficiary", sources.beneficiaries);
  d.industries_ = parse_industries(sources.industries);
  d.forms_ = parse_tags(kFormsFile, "form", sources.forms);
  d.actionability_ = parse_actionability(sources.actionability);
  d.time_cues_ = parse_time_cues(sources.time_cues);
  return d;
}

}  // namespace huiqi::extract
