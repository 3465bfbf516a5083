#include "match/profile.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "base/dates.h"
#include "base/error.h"
#include "match/fields.h"
#include "match/industries.h"

namespace huiqi::match {

namespace {

std::string type_name(const nlohmann::json& value) {
  if (value.is_boolean()) return "boolean";
  if (value.is_number()) return "number";
  if (value.is_string()) return "string";
  if (value.is_array()) return "array";
  if (value.is_object()) return "object";
  return "null";
}

std::string type_name_zh(const nlohmann::json& value) {
  if (value.is_boolean()) return "布尔值";
  if (value.is_number()) return "数字";
  if (value.is_string()) return "字符串";
  if (value.is_array()) return "数组";
  if (value.is_object()) return "对象";
  return "null";
}

[[noreturn]] void fail(const char* code, const Location& where, const std::string& en,
                       const std::string& zh) {
  throw UserError(code, en, zh, where);
}

[[noreturn]] void wrong_type(const Location& where, const char* expected_en,
                             const char* expected_zh, const nlohmann::json& value) {
  fail("profile-type", where,
       std::string("expected ") + expected_en + ", found " + type_name(value),
       std::string("应为") + expected_zh + "，实为" + type_name_zh(value));
}

std::string quote(const std::string& text) { return "“" + text + "”"; }

// A vocabulary value by its JSON spelling or its Chinese label.
std::optional<int> lookup_choice(const FieldInfo& field, const std::string& text) {
  for (std::size_t i = 0; i < field.choices.size(); ++i) {
    if (field.choices[i].value == text || field.choices[i].label == text) {
      return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

std::string allowed_values(const FieldInfo& field) {
  std::string out;
  for (const Choice& choice : field.choices) {
    if (!out.empty()) out += ", ";
    out += std::string(choice.value);
  }
  return out;
}

// Group objects of the JSON form and the fields under them.
constexpr std::array<std::string_view, 8> kGroups = {
    "trade", "premises", "hiring", "social_insurance", "finance", "investment", "deposits", "tax"};

bool is_group(std::string_view key) {
  return std::find(kGroups.begin(), kGroups.end(), key) != kGroups.end();
}

bool is_extension(std::string_view key) { return key.starts_with("x-") || key.starts_with("x_"); }

std::string identifier(const nlohmann::json& value, const Location& where) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return value.dump();
  wrong_type(where, "a string", "字符串", value);
}

}  // namespace

void set_field(Profile& profile, Field id, const nlohmann::json& value,
               const IndustryCatalog& industries, const Location& where) {
  const FieldInfo& field = info(id);
  switch (field.kind) {
    case FieldKind::boolean: {
      if (value.is_null()) {
        *bool_slot(profile, id) = std::nullopt;
      } else if (value.is_boolean()) {
        *bool_slot(profile, id) = value.get<bool>();
      } else {
        wrong_type(where, "true, false or null", "true、false 或 null", value);
      }
      return;
    }
    case FieldKind::number: {
      if (value.is_null()) {
        *number_slot(profile, id) = std::nullopt;
        return;
      }
      if (!value.is_number()) wrong_type(where, "a number or null", "数字或 null", value);
      const double number = value.get<double>();
      if (!std::isfinite(number)) {
        fail("profile-type", where, "not a finite number", "不是有限的数字");
      }
      if (number < 0 && !field.allow_negative) {
        fail("profile-negative", where, "must not be negative (" + value.dump() + ")",
             "不能为负数(" + value.dump() + ")");
      }
      *number_slot(profile, id) = number;
      return;
    }
    case FieldKind::choice: {
      if (value.is_null()) {
        set_choice(profile, id, std::nullopt);
        return;
      }
      if (!value.is_string()) wrong_type(where, "a string or null", "字符串或 null", value);
      const std::string text = value.get<std::string>();
      if (id == Field::size_class && (text == "unknown" || text == "未知")) {
        set_choice(profile, id, std::nullopt);
        return;
      }
      const auto index = lookup_choice(field, text);
      if (!index) {
        fail("profile-unknown-value", where,
             "'" + text + "' is not one of: " + allowed_values(field),
             quote(text) + "不是可选值之一: " + allowed_values(field));
      }
      set_choice(profile, id, index);
      return;
    }
    case FieldKind::code: {
      std::optional<std::string>& slot = *code_slot(profile, id);
      if (value.is_null()) {
        slot = std::nullopt;
        return;
      }
      if (id == Field::region) {
        std::string text;
        if (value.is_string()) {
          text = value.get<std::string>();
        } else if (value.is_number_unsigned() || value.is_number_integer()) {
          text = value.dump();
        } else {
          wrong_type(where, "a six-digit code", "六位行政区划代码", value);
        }
        const bool ok = text.size() == 6 && std::all_of(text.begin(), text.end(), [](char c) {
                          return c >= '0' && c <= '9';
                        });
        if (!ok) {
          fail("profile-region", where,
               "'" + text + "' is not a six-digit GB/T 2260 administrative division code",
               quote(text) + "不是六位 GB/T 2260 行政区划代码");
        }
        slot = text;
        return;
      }
      if (!value.is_string()) {
        wrong_type(where, "a GB/T 4754-2017 code as a string", "字符串形式的 GB/T 4754-2017 代码",
                   value);
      }
      const std::string text = value.get<std::string>();
      auto canonical = industries.canonical(text);
      if (!canonical) {
        fail("profile-industry", where, "'" + text + "' is not a GB/T 4754-2017 industry code",
             quote(text) + "不是 GB/T 4754-2017 国民经济行业分类代码");
      }
      slot = std::move(*canonical);
      return;
    }
    case FieldKind::text: {
      std::optional<std::string>& slot = *code_slot(profile, id);
      if (value.is_null()) {
        slot = std::nullopt;
        return;
      }
      if (!value.is_string()) wrong_type(where, "a date YYYY-MM-DD", "日期 YYYY-MM-DD", value);
      const std::string text = value.get<std::string>();
      if (!is_iso_date(text)) {
        fail("profile-type", where, "'" + text + "' is not a date YYYY-MM-DD",
             quote(text) + "不是 YYYY-MM-DD 格式的日期");
      }
      slot = text;
      return;
    }
    case FieldKind::set: {
      auto& slot = *set_slot(profile, id);
      if (value.is_null()) {
        slot = std::nullopt;
        return;
      }
      if (!value.is_array()) wrong_type(where, "an array or null", "数组或 null", value);
      std::vector<std::string> values;
      for (const auto& element : value) {
        if (!element.is_string()) wrong_type(where, "an array of strings", "字符串数组", element);
        const std::string text = element.get<std::string>();
        const auto index = lookup_choice(field, text);
        if (!index) {
          fail("profile-unknown-value", where,
               "'" + text + "' is not one of: " + allowed_values(field),
               quote(text) + "不是可选值之一: " + allowed_values(field));
        }
        const std::string canonical(field.choices[static_cast<std::size_t>(*index)].value);
        if (std::find(values.begin(), values.end(), canonical) == values.end()) {
          values.push_back(canonical);
        }
      }
      slot = std::move(values);
      return;
    }
    case FieldKind::size:
      break;
  }
  fail("profile-unknown-field", where, "not a profile field", "不是企业画像字段");
}

Profile parse_profile(const nlohmann::json& json, const std::string& source,
                      const IndustryCatalog& industries, int line) {
  Profile profile;
  profile.source = source;
  profile.line = line;
  const auto at = [&](std::string field) {
    return Location{.file = source, .line = line, .field = std::move(field)};
  };
  if (!json.is_object()) wrong_type(at(""), "a JSON object", "JSON 对象", json);
  for (const auto& [key, value] : json.items()) {
    if (is_extension(key) || key == "notes") continue;
    if (key == "id") {
      profile.id = identifier(value, at(key));
    } else if (key == "name") {
      if (!value.is_null()) profile.name = identifier(value, at(key));
    } else if (is_group(key)) {
      if (value.is_null()) continue;
      if (!value.is_object()) wrong_type(at(key), "an object or null", "对象或 null", value);
      for (const auto& [sub, sub_value] : value.items()) {
        const std::string path = key + "." + sub;
        const FieldInfo* field = find_field(path);
        if (field == nullptr) {
          fail("profile-unknown-field", at(path), "unknown field", "未知字段");
        }
        set_field(profile, field->id, sub_value, industries, at(path));
      }
    } else {
      const FieldInfo* field = find_field(key);
      if (field == nullptr || key.find('.') != std::string::npos ||
          field->kind == FieldKind::size) {
        fail("profile-unknown-field", at(key), "unknown field", "未知字段");
      }
      set_field(profile, field->id, value, industries, at(key));
    }
  }
  return profile;
}

Profile parse_profile(const nlohmann::json& json, const std::string& source) {
  return parse_profile(json, source, default_industries());
}

Profile parse_profile_text(std::string_view text, const std::string& source,
                           const IndustryCatalog& industries, int line) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    const std::string offset = std::to_string(error.byte);
    throw UserError("profile-json", "malformed JSON at byte " + offset,
                    "JSON 格式错误(第 " + offset + " 字节处)",
                    Location{.file = source, .line = line});
  }
  return parse_profile(json, source, industries, line);
}

Profile parse_profile_text(std::string_view text, const std::string& source) {
  return parse_profile_text(text, source, default_industries());
}

nlohmann::json to_json(const Profile& profile) {
  nlohmann::json out = nlohmann::json::object();
  if (!profile.id.empty()) out["id"] = profile.id;
  if (!profile.name.empty()) out["name"] = profile.name;
  for (const FieldInfo& field : all_fields()) {
    nlohmann::json value;
    switch (field.kind) {
      case FieldKind::boolean:
        if (const auto v = get_bool(profile, field.id)) value = *v;
        break;
      case FieldKind::number:
        if (const auto v = get_number(profile, field.id)) value = *v;
        break;
      case FieldKind::choice:
        if (const auto v = get_choice(profile, field.id)) {
          value = std::string(field.choices[static_cast<std::size_t>(*v)].value);
        }
        break;
      case FieldKind::code:
      case FieldKind::text:
        if (const auto& v = get_code(profile, field.id)) value = *v;
        break;
      case FieldKind::set:
        if (const auto* v = set_slot(const_cast<Profile&>(profile), field.id); *v) value = **v;
        break;
      case FieldKind::size:
        break;
    }
    if (value.is_null()) continue;
    const std::string path(field.path);
    const auto dot = path.find('.');
    if (dot == std::string::npos) {
      out[path] = std::move(value);
    } else {
      out[path.substr(0, dot)][path.substr(dot + 1)] = std::move(value);
    }
  }
  return out;
}

}  // namespace huiqi::match
