#include "cli/output.h"

#include <algorithm>
#include <ostream>

namespace huiqi::cli {

std::string describe(const ingest::Diagnostic& d, Lang lang) {
  const char* severity = ingest::to_string(d.severity);
  if (lang == Lang::zh) {
    severity = d.severity == ingest::Severity::error     ? "错误"
               : d.severity == ingest::Severity::warning ? "警告"
                                                         : "提示";
  }
  Location where{d.file, d.line, d.column, d.field};
  return format_location(where) + severity + ": " + (lang == Lang::zh ? d.message_zh : d.message) +
         " [" + d.code + "]";
}

nlohmann::json to_json(const ingest::Diagnostic& d) {
  nlohmann::json out = {
      {"file", d.file}, {"line", d.line},       {"severity", ingest::to_string(d.severity)},
      {"code", d.code}, {"message", d.message}, {"message_zh", d.message_zh}};
  if (d.column > 0) out["column"] = d.column;
  if (!d.field.empty()) out["field"] = d.field;
  return out;
}

nlohmann::json to_json(const std::vector<ingest::Diagnostic>& diagnostics) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : diagnostics) out.push_back(to_json(d));
  return out;
}

std::string count_summary(const std::vector<ingest::Diagnostic>& diagnostics, Lang lang) {
  int errors = 0;
  int warnings = 0;
  for (const auto& d : diagnostics) {
    errors += d.severity == ingest::Severity::error;
    warnings += d.severity == ingest::Severity::warning;
  }
  if (lang == Lang::zh) {
    return std::to_string(errors) + " 个错误," + std::to_string(warnings) + " 个警告";
  }
  return std::to_string(errors) + (errors == 1 ? " error, " : " errors, ") +
         std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
}

std::vector<std::pair<std::string, int>> category_counts(const std::vector<catalog::Item>& items) {
  std::vector<std::pair<std::string, int>> counts;
  for (const auto& item : items) {
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const auto& entry) { return entry.first == item.category; });
    if (it == counts.end()) {
      counts.emplace_back(item.category, 1);
    } else {
      ++it->second;
    }
  }
  return counts;
}

void print_item(std::ostream& out, const catalog::Item& item, Lang lang) {
  const bool zh = lang == Lang::zh;
  out << item.id << "  " << item.title << "\n"
      << (zh ? "  政策类别: " : "  category:    ") << item.category << "\n"
      << (zh ? "  序号:     " : "  seq:         ") << item.seq << "\n"
      << (zh ? "  政策内容: " : "  content:     ") << item.content << "\n"
      << (zh ? "  政策依据: " : "  basis:       ") << item.basis << "\n"
      << (zh ? "  实施部门: " : "  departments: ") << item.departments << "\n";
  if (item.lines.first > 0) {
    out << (zh ? "  来源行:   " : "  lines:       ") << item.lines.first << "–" << item.lines.last
        << "\n";
  }
}

void print_facts(std::ostream& out, const catalog::Facts& facts, const std::string& as_of,
                 Lang lang) {
  const bool zh = lang == Lang::zh;
  auto join = [](const auto& values, auto name) {
    std::string text;
    for (const auto& value : values) text += (text.empty() ? "" : "、") + name(value);
    return text.empty() ? std::string("-") : text;
  };
  out << (zh ? "  文件:     " : "  documents:   ")
      << join(facts.documents,
              [](const catalog::DocumentRef& d) {
                return (d.number.empty() ? "《" + d.title + "》" : d.number) + " (" +
                       catalog::to_string(d.level) + (d.truncated ? ", truncated" : "") + ")";
              })
      << "\n"
      << (zh ? "  部门:     " : "  departments: ")
      << join(facts.departments, [](const catalog::DepartmentRef& d) { return d.name; }) << "\n"
      << (zh ? "  状态:     " : "  status:      ") << catalog::to_string(facts.status_on(as_of))
      << (zh ? "(截至 " : " (on ") << as_of << ")"
      << (facts.valid_until.empty() ? "" : (zh ? ",有效期至 " : ", ends ") + facts.valid_until)
      << "\n"
      << (zh ? "  对象:     " : "  for:         ")
      << join(facts.beneficiaries, [](const catalog::TagFact& t) { return t.value; }) << "\n"
      << (zh ? "  方式:     " : "  forms:       ")
      << join(facts.forms, [](const catalog::TagFact& t) { return t.value; }) << "\n"
      << (zh ? "  金额:     " : "  amounts:     ")
      << join(facts.amounts, [](const catalog::AmountFact& a) { return a.evidence.phrase; })
      << "\n";
}

}  // namespace huiqi::cli
