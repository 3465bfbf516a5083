#include "ingest/json_parser.h"

#include <nlohmann/json.hpp>

#include "catalog/json.h"
#include "ingest/checks.h"

namespace huiqi::ingest {
namespace {

int line_of_offset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

}  // namespace

ParseResult JsonParser::parse(std::string_view text, const std::string& file) const {
  ParseResult result;
  auto error = [&](int line, std::string code, std::string en, std::string zh,
                   std::string field = {}) {
    result.diagnostics.push_back(Diagnostic{file, line, 0, Severity::error, std::move(code),
                                            std::move(en), std::move(zh), std::move(field)});
  };
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    error(line_of_offset(text, e.byte > 0 ? e.byte - 1 : 0), "bad-json",
          std::string("not valid JSON: ") + e.what(), std::string("不是有效的 JSON:") + e.what());
    return result;
  }
  if (!doc.is_object() || doc.value("format", "") != catalog::kListFormatName) {
    error(1, "not-huiqi-json",
          "JSON is not a huiqi list export (expected \"format\": \"huiqi-list\")",
          "JSON 不是 huiqi 清单导出格式(应含 \"format\": \"huiqi-list\")");
    return result;
  }
  if (doc.value("format_version", 0) > catalog::kListFormatVersion) {
    error(
        1, "format-version",
        "format_version " + doc["format_version"].dump() + " is newer than this huiqi reads (" +
            std::to_string(catalog::kListFormatVersion) + ")",
        "format_version 版本过新,本程序只能读取版本" + std::to_string(catalog::kListFormatVersion));
    return result;
  }

  auto string_field = [&](const nlohmann::json& object, const char* name, const std::string& path,
                          bool required) -> std::string {
    const auto it = object.find(name);
    if (it == object.end() || it->is_null()) {
      if (required) {
        error(0, "missing-field", "field is missing", "缺少该字段", path + "." + name);
      }
      return {};
    }
    if (!it->is_string()) {
      error(0, "bad-field", "must be a string", "应为字符串", path + "." + name);
      return {};
    }
    return it->get<std::string>();
  };

  if (const auto list = doc.find("list"); list != doc.end() && list->is_object()) {
    result.info.id = string_field(*list, "id", "list", false);
    result.info.title = string_field(*list, "title", "list", false);
    result.info.issuer = string_field(*list, "issuer", "list", false);
    result.info.region = string_field(*list, "region", "list", false);
    result.info.published = string_field(*list, "published", "list", false);
    result.info.source = string_field(*list, "source", "list", false);
  }
  const auto items = doc.find("items");
  if (items == doc.end() || !items->is_array()) {
    error(0, "missing-field", "missing or not an array", "缺少该数组", "items");
    return result;
  }
  std::vector<CategoryHeader> headers;
  for (std::size_t index = 0; index < items->size(); ++index) {
    const nlohmann::json& entry = (*items)[index];
    const std::string path = "items[" + std::to_string(index) + "]";
    if (!entry.is_object()) {
      error(0, "bad-field", "must be an object", "应为对象", path);
      continue;
    }
    catalog::Item item;
    const auto seq = entry.find("seq");
    if (seq == entry.end() || !seq->is_number_integer() || seq->get<long long>() <= 0 ||
        seq->get<long long>() > 1'000'000'000) {
      error(0, "bad-seq", "must be a positive integer", "应为正整数", path + ".seq");
      continue;
    }
    item.seq = seq->get<int>();
    item.category = string_field(entry, "category", path, false);
    item.title = string_field(entry, "title", path, true);
    item.content = string_field(entry, "content", path, true);
    item.basis = string_field(entry, "basis", path, true);
    item.departments = string_field(entry, "departments_raw", path, true);
    if (const auto lines = entry.find("source_lines"); lines != entry.end() && lines->is_object()) {
      item.lines.first = lines->value("first", 0);
      item.lines.last = lines->value("last", 0);
    }
    result.items.push_back(std::move(item));
  }
  check_items(result.items, headers, file, result.diagnostics);
  return result;
}

}  // namespace huiqi::ingest
