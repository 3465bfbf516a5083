#include "search/query.h"

#include <algorithm>

#include "base/error.h"
#include "search/fold.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace huiqi::search {
namespace {

bool is_quote(char32_t cp) { return cp == '"' || cp == U'\u201C' || cp == U'\u201D'; }
bool is_blank(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'; }

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_ascii_name(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  });
}

// Reads a quoted string starting after the opening quote; returns its content and moves pos
// past the closing quote (or to the end when it is missing).
std::string read_quoted(std::string_view s, std::size_t& pos) {
  std::string out;
  while (pos < s.size()) {
    std::size_t next = pos;
    const char32_t cp = text::decode_utf8(s, next);
    if (is_quote(cp)) {
      pos = next;
      return out;
    }
    out.append(s.substr(pos, next - pos));
    pos = next;
  }
  return out;
}

}  // namespace

const std::vector<std::string>& text_fields() {
  static const std::vector<std::string> names{"title", "content", "basis", "departments", "facts"};
  return names;
}

const std::vector<std::string>& filter_fields() {
  static const std::vector<std::string> names{"category",    "department", "document", "level",
                                              "beneficiary", "industry",   "form",     "status",
                                              "year",        "list"};
  return names;
}

ParsedQuery parse_query(std::string_view raw) {
  const std::string s = text::normalize(raw).text;
  ParsedQuery out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t next = pos;
    char32_t cp = text::decode_utf8(s, next);
    if (is_blank(cp)) {
      pos = next;
      continue;
    }
    QueryClause clause;
    if (cp == '-' && next < s.size()) {
      std::size_t after = next;
      const char32_t following = text::decode_utf8(s, after);
      if (!is_blank(following)) {
        clause.negated = true;
        pos = next;
        next = after;
        cp = following;
      }
    }
    std::string word;
    if (is_quote(cp)) {
      pos = next;
      word = read_quoted(s, pos);
      clause.phrase = true;
    } else {
      // A bare word runs to the next blank; a quote inside it starts a quoted value (field:"…").
      while (pos < s.size()) {
        std::size_t n = pos;
        const char32_t c = text::decode_utf8(s, n);
        if (is_blank(c)) break;
        if (is_quote(c)) {
          pos = n;
          word += read_quoted(s, pos);
          clause.phrase = true;
          continue;
        }
        word.append(s.substr(pos, n - pos));
        pos = n;
      }
      const std::size_t colon = word.find(':');
      if (colon != std::string::npos && colon > 0) {
        std::string name = word.substr(0, colon);
        if (is_ascii_name(name)) {
          std::transform(name.begin(), name.end(), name.begin(), [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
          });
          std::string value = word.substr(colon + 1);
          if (contains(filter_fields(), name) && !clause.negated) {
            if (!value.empty()) out.filters.emplace_back(name, std::move(value));
            continue;
          }
          if (contains(text_fields(), name)) {
            clause.field = name;
            word = std::move(value);
          } else {
            throw UserError("unknown-field", "unknown search field \"" + name + "\" in the query",
                            "查询中的字段 \"" + name + "\" 不存在", Location{{}, 0, 0, "query"});
          }
        }
      }
    }
    clause.text = fold(word);  // idempotent, so tokenizing it again changes nothing
    if (!text::trim(clause.text).empty()) out.clauses.push_back(std::move(clause));
  }
  return out;
}

}  // namespace huiqi::search
