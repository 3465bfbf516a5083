#include "server/json_writer.h"

#include <charconv>
#include <cmath>

namespace huiqi::server {
namespace {

void append_escaped_ascii(std::string& out, char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default:
      break;
  }
  const auto byte = static_cast<unsigned char>(c);
  if (byte < 0x20 || byte == 0x7f) {
    out += "\\u00";
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0f];
    return;
  }
  out += c;
}

bool needs_escape(unsigned char byte) {
  return byte < 0x20 || byte == '"' || byte == '\\' || byte == 0x7f;
}

// At s[i], a byte >= 0x80: the length (2 to 4) of the well-formed UTF-8 sequence starting there
// as a positive number, or, when there is none, minus the length of its maximal subpart (the
// bytes that could still have begun a sequence, at least 1), which becomes one U+FFFD as
// nlohmann::json's error_handler_t::replace (and the Unicode standard's practice) has it.
int utf8_sequence(std::string_view s, std::size_t i) {
  const auto at = [&](std::size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  const unsigned lead = at(0);
  int needed = 0;
  unsigned low = 0x80;  // the range of the second byte
  unsigned high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    needed = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    needed = 2;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    needed = 3;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return -1;
  }
  for (int k = 1; k <= needed; ++k) {
    const unsigned byte = at(static_cast<std::size_t>(k));
    const bool ok = k == 1 ? byte >= low && byte <= high : (byte & 0xC0u) == 0x80u;
    if (!ok) return -k;
  }
  return needed + 1;
}

template <typename Integer>
void append_integer(std::string& out, Integer value) {
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, ec == std::errc() ? end : buffer);
}

void append_unsigned(std::string& out, std::size_t value) { append_integer(out, value); }

void key(std::string& out, std::string_view name) {
  out += '"';
  out += name;
  out += "\":";
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  // One pass: runs of bytes that need nothing are copied in bulk; text::is_valid_utf8 first
  // would cost as much as all the rest (it tracks lines and columns for diagnostics).
  out += '"';
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      if (needs_escape(byte)) {
        out.append(s.data() + run, i - run);
        append_escaped_ascii(out, s[i]);
        run = i + 1;
      }
      ++i;
      continue;
    }
    const int length = utf8_sequence(s, i);
    if (length < 0) {
      out.append(s.data() + run, i - run);
      out += "\xEF\xBF\xBD";
      i += static_cast<std::size_t>(-length);
      run = i;
      continue;
    }
    i += static_cast<std::size_t>(length);
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void append_json_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, ec == std::errc() ? end : buffer);
  // "3" would read back as an integer; keep doubles doubles, as nlohmann does ("3.0").
  const std::string_view written(buffer, static_cast<std::size_t>(end - buffer));
  if (written.find_first_of(".eE") == std::string_view::npos) out += ".0";
}

std::string search_json(const search::SearchResult& result, std::size_t page, std::size_t size) {
  std::string out;
  out.reserve(1024 + result.hits.size() * 768);
  out += '{';
  key(out, "as_of");
  append_json_string(out, result.as_of);
  out += ',';
  key(out, "facets");
  out += '{';
  bool first_facet = true;
  for (const auto& [name, values] : result.facets) {
    if (!first_facet) out += ',';
    first_facet = false;
    append_json_string(out, name);
    out += ":[";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out += ',';
      out += "{\"count\":";
      append_unsigned(out, values[i].count);
      out += ",\"value\":";
      append_json_string(out, values[i].value);
      out += '}';
    }
    out += ']';
  }
  out += "},";
  key(out, "hits");
  out += '[';
  for (std::size_t h = 0; h < result.hits.size(); ++h) {
    const search::Hit& hit = result.hits[h];
    if (h > 0) out += ',';
    out += '{';
    key(out, "category");
    append_json_string(out, hit.category);
    out += ',';
    key(out, "highlights");
    out += '{';
    bool first_field = true;
    for (const auto& [field, highlight] : hit.highlights) {
      if (!first_field) out += ',';
      first_field = false;
      append_json_string(out, field);
      out += ":{\"snippet\":";
      append_json_string(out, highlight.snippet);
      out += ",\"spans\":[";
      for (std::size_t i = 0; i < highlight.spans.size(); ++i) {
        if (i > 0) out += ',';
        out += '[';
        append_unsigned(out, highlight.spans[i].first);
        out += ',';
        append_unsigned(out, highlight.spans[i].second);
        out += ']';
      }
      out += "]}";
    }
    out += "},";
    key(out, "id");
    append_json_string(out, hit.id);
    out += ',';
    key(out, "list");
    append_json_string(out, hit.list);
    out += ',';
    key(out, "score");
    append_json_number(out, hit.score);
    out += ',';
    key(out, "seq");
    append_integer(out, hit.seq);
    out += ',';
    key(out, "status");
    append_json_string(out, hit.status);
    out += ',';
    key(out, "title");
    append_json_string(out, hit.title);
    out += ',';
    key(out, "weak");
    out += hit.weak ? "true" : "false";
    out += '}';
  }
  out += "],";
  key(out, "page");
  append_unsigned(out, page);
  out += ',';
  key(out, "pages");
  append_unsigned(out, size == 0 ? 0 : (result.total + size - 1) / size);
  out += ',';
  key(out, "size");
  append_unsigned(out, size);
  out += ',';
  key(out, "strong");
  append_unsigned(out, result.strong);
  out += ',';
  key(out, "took_ms");
  append_json_number(out, result.took_ms);
  out += ',';
  key(out, "total");
  append_unsigned(out, result.total);
  out += '}';
  return out;
}

}  // namespace huiqi::server
