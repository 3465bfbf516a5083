#include "match/industries.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "base/data_dir.h"
#include "base/error.h"

namespace huiqi::match {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

[[noreturn]] void bad_schema(const std::string& source, const std::string& en,
                             const std::string& zh) {
  throw UserError("bad-profile-schema", en, zh,
                  Location{.file = source, .field = "$defs.industry.x-gbt4754-2017"});
}

}  // namespace

IndustryCatalog IndustryCatalog::from_schema(const nlohmann::json& schema,
                                             const std::string& source) {
  const nlohmann::json* list = nullptr;
  if (schema.is_object() && schema.contains("$defs") && schema["$defs"].is_object() &&
      schema["$defs"].contains("industry") && schema["$defs"]["industry"].is_object()) {
    const auto& industry = schema["$defs"]["industry"];
    if (industry.contains("x-gbt4754-2017")) list = &industry["x-gbt4754-2017"];
  }
  if (list == nullptr || !list->is_array() || list->empty()) {
    bad_schema(source, "the industry code list is missing", "缺少行业代码表");
  }
  IndustryCatalog catalog;
  // Entries are [code, name, parent] in the standard's order, so a parent precedes its children
  // and a code's section is its parent's.
  for (const auto& entry : *list) {
    if (!entry.is_array() || entry.size() != 3 || !entry[0].is_string() || !entry[1].is_string() ||
        !entry[2].is_string()) {
      bad_schema(source, "an entry is not [code, name, parent]", "条目应为 [代码, 名称, 上级]");
    }
    const std::string code = entry[0].get<std::string>();
    const std::string parent = entry[2].get<std::string>();
    std::string canonical;
    if (code.size() == 1 && code[0] >= 'A' && code[0] <= 'T' && parent.empty()) {
      canonical = code;
    } else if (code.size() >= 2 && code.size() <= 4 && is_digit(code[0]) && is_digit(code[1]) &&
               (code.size() < 3 || is_digit(code[2])) && (code.size() < 4 || is_digit(code[3]))) {
      std::optional<std::size_t> parent_index;
      if (parent.size() == 1 && catalog.by_canonical_.contains(parent)) {
        parent_index = catalog.by_canonical_.at(parent);
      } else if (parent.size() > 1 && catalog.by_digits_.contains(parent)) {
        parent_index = catalog.by_digits_.at(parent);
      }
      if (!parent_index || (parent.size() > 1 && !code.starts_with(parent))) {
        bad_schema(source, "'" + code + "' has an unknown parent '" + parent + "'",
                   code + " 的上级 " + parent + " 未在其前列出");
      }
      canonical = catalog.canonical_[*parent_index].substr(0, 1) + code;
    } else {
      bad_schema(source, "'" + code + "' is not a GB/T 4754-2017 code",
                 code + " 不是 GB/T 4754-2017 代码");
    }
    if (catalog.by_canonical_.contains(canonical)) {
      bad_schema(source, "'" + code + "' is listed twice", code + " 重复");
    }
    const std::size_t index = catalog.canonical_.size();
    catalog.raw_.push_back(code);
    catalog.canonical_.push_back(canonical);
    catalog.names_.push_back(entry[1].get<std::string>());
    catalog.by_canonical_[canonical] = index;
    if (is_digit(code[0])) catalog.by_digits_[code] = index;
  }
  return catalog;
}

IndustryCatalog IndustryCatalog::load(const std::filesystem::path& schema_file) {
  std::ifstream in(schema_file, std::ios::binary);
  if (!in) {
    throw UserError("file-not-found", "cannot read the profile schema", "无法读取企业画像模式文件",
                    Location{.file = schema_file.string()});
  }
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json schema = nlohmann::json::parse(text.str(), nullptr, false);
  if (schema.is_discarded()) {
    throw UserError("bad-profile-schema", "the profile schema is not valid JSON",
                    "企业画像模式文件不是有效的 JSON", Location{.file = schema_file.string()});
  }
  return from_schema(schema, schema_file.string());
}

std::optional<std::string> IndustryCatalog::canonical(std::string_view code) const {
  if (code.empty()) return std::nullopt;
  char letter = 0;
  if (!is_digit(code.front())) {
    letter = code.front();
    if (letter >= 'a' && letter <= 'z') letter = static_cast<char>(letter - 'a' + 'A');
    code.remove_prefix(1);
  }
  if (code.empty()) {
    const std::string section(1, letter);
    return by_canonical_.contains(section) ? std::optional(section) : std::nullopt;
  }
  const auto found = by_digits_.find(std::string(code));
  if (found == by_digits_.end()) return std::nullopt;
  const std::string& canonical_code = canonical_[found->second];
  if (letter != 0 && canonical_code.front() != letter) return std::nullopt;
  return canonical_code;
}

std::string IndustryCatalog::name(std::string_view canonical_code) const {
  const auto found = by_canonical_.find(std::string(canonical_code));
  return found == by_canonical_.end() ? std::string() : names_[found->second];
}

std::optional<std::size_t> IndustryCatalog::index(std::string_view canonical_code) const {
  const auto found = by_canonical_.find(std::string(canonical_code));
  if (found == by_canonical_.end()) return std::nullopt;
  return found->second;
}

const IndustryCatalog& default_industries() {
  static const IndustryCatalog catalog = IndustryCatalog::load(data_dir() / "profile.schema.json");
  return catalog;
}

}  // namespace huiqi::match
