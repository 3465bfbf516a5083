#include "base/error.h"

#include <cstdlib>
#include <string_view>

namespace huiqi {

Lang preferred_lang() {
  for (const char* name : {"HUIQI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    return std::string_view(value).starts_with("zh") ? Lang::zh : Lang::en;
  }
  return Lang::en;
}

std::string format_location(const Location& where) {
  std::string out;
  if (!where.file.empty()) out += where.file;
  if (where.line > 0) out += (out.empty() ? "line " : ":") + std::to_string(where.line);
  if (where.column > 0) out += ":" + std::to_string(where.column);
  if (!out.empty()) out += ": ";
  if (!where.field.empty()) out += where.field + ": ";
  return out;
}

UserError::UserError(std::string code, std::string message_en, std::string message_zh,
                     Location where)
    : std::runtime_error(format_location(where) + message_en),
      code_(std::move(code)),
      message_en_(std::move(message_en)),
      message_zh_(std::move(message_zh)),
      where_(std::move(where)) {}

std::string UserError::describe(Lang lang) const { return format_location(where_) + message(lang); }

}  // namespace huiqi
