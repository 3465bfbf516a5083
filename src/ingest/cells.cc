#include "ingest/cells.h"

#include <cstdio>

#include "base/dates.h"
#include "text/utf8.h"

namespace huiqi::ingest {
namespace {

bool ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::string header_key(std::string_view header) {
  std::string key;
  for (std::size_t pos = 0; pos < header.size();) {
    const std::size_t start = pos;
    const char32_t cp = text::decode_utf8(header, pos);
    if (text::is_space(cp)) continue;
    if (cp >= 'A' && cp <= 'Z') {
      key += static_cast<char>(cp - 'A' + 'a');
    } else {
      key.append(header.substr(start, pos - start));
    }
  }
  return key;
}

int column_of(std::string_view header) {
  const std::string key = header_key(header);
  for (int c = 0; c < kColumnCount; ++c) {
    if (key == kColumnNames[c].zh || key == kColumnNames[c].en) return c;
  }
  return -1;
}

std::optional<int> parse_seq(std::string_view cell) {
  if (cell.empty()) return std::nullopt;
  long value = 0;
  for (std::size_t pos = 0; pos < cell.size();) {
    const char32_t cp = text::decode_utf8(cell, pos);
    int digit = -1;
    if (cp >= '0' && cp <= '9') digit = static_cast<int>(cp - '0');
    if (cp >= U'０' && cp <= U'９') digit = static_cast<int>(cp - U'０');
    if (digit < 0) return std::nullopt;
    value = value * 10 + digit;
    if (value > 1'000'000'000) return std::nullopt;
  }
  if (value <= 0) return std::nullopt;
  return static_cast<int>(value);
}

std::string strip_department_label(std::string_view cell) {
  constexpr std::string_view kLabel = "责任单位";
  if (cell.starts_with(kLabel)) {
    std::string_view rest = cell.substr(kLabel.size());
    for (std::string_view colon : {std::string_view(":"), std::string_view("：")}) {
      if (rest.starts_with(colon)) return std::string(text::trim(rest.substr(colon.size())));
    }
  }
  return std::string(cell);
}

std::string join_wrapped_lines(std::string_view raw) {
  std::string out;
  std::size_t begin = 0;
  while (begin <= raw.size()) {
    std::size_t end = raw.find_first_of("\r\n", begin);
    if (end == std::string_view::npos) end = raw.size();
    const std::string_view piece = text::trim(raw.substr(begin, end - begin));
    if (!piece.empty()) {
      if (!out.empty() && ascii_alnum(out.back()) && ascii_alnum(piece.front())) out += ' ';
      out.append(piece);
    }
    begin = end + 1;
  }
  return out;
}

std::string excerpt(std::string_view value, std::size_t limit) {
  value = text::trim(value);
  std::string out;
  std::size_t pos = 0;
  for (std::size_t n = 0; pos < value.size(); ++n) {
    if (n == limit) return out + "…";
    const std::size_t start = pos;
    text::decode_utf8(value, pos);
    out.append(value.substr(start, pos - start));
  }
  return out;
}

std::optional<std::string> written_date(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  // 1–max digits at pos.
  auto number = [&](std::size_t max_digits) -> std::optional<int> {
    int value = 0;
    std::size_t digits = 0;
    while (pos < text.size() && digits < max_digits && text[pos] >= '0' && text[pos] <= '9') {
      value = value * 10 + (text[pos++] - '0');
      ++digits;
    }
    return digits == 0 ? std::nullopt : std::optional<int>(value);
  };
  auto separator = [&](std::string_view unit) {
    for (std::string_view s :
         {std::string_view("-"), std::string_view("/"), std::string_view("."), unit}) {
      if (text.substr(pos, s.size()) == s) {
        pos += s.size();
        return true;
      }
    }
    return false;
  };
  const auto year = number(4);
  if (!year || !separator("年")) return std::nullopt;
  const auto month = number(2);
  if (!month || !separator("月")) return std::nullopt;
  const auto day = number(2);
  if (!day) return std::nullopt;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", *year, *month, *day);
  if (!is_iso_date(buffer) || *year < 1900) return std::nullopt;
  return std::string(buffer);
}

}  // namespace huiqi::ingest
