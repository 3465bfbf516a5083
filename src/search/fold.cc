#include "search/fold.h"

#include <unicode/uchar.h>

#include <array>
#include <cstdlib>
#include <exception>
#include <memory>
#include <opencc/SimpleConverter.hpp>
#include <vector>

#include "text/normalize.h"
#include "text/utf8.h"

namespace huiqi::search {
namespace {

// Code points OpenCC may change: the CJK blocks of the BMP. Supplementary ideographs are left
// as they are (policy text does not use them, and the table stays a flat array).
constexpr std::array<std::pair<char32_t, char32_t>, 3> kFoldedRanges = {
    {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}}};

struct Table {
  std::vector<char32_t> map;  // BMP code point → folded code point
  bool t2s = false;
};

std::unique_ptr<opencc::SimpleConverter> open_t2s() {
  std::vector<std::string> candidates;
  if (const char* dir = std::getenv("HUIQI_OPENCC_DIR"))
    candidates.push_back(std::string(dir) + "/t2s.json");
  candidates.push_back("/usr/share/opencc/t2s.json");
  candidates.push_back("t2s.json");  // OpenCC's own search path
  for (const auto& path : candidates) {
    try {
      return std::make_unique<opencc::SimpleConverter>(path);
    } catch (const std::exception&) {
      // try the next location
    }
  }
  return nullptr;
}

Table build_table() {
  Table table;
  table.map.resize(0x10000);
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    const auto lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
    // Lower-casing must not leave the BMP or produce a surrogate.
    table.map[cp] = (lower < 0x10000 && (lower < 0xD800 || lower > 0xDFFF)) ? lower : cp;
  }
  auto converter = open_t2s();
  if (!converter) return table;
  // One character per line, so OpenCC's phrase table never joins two of them.
  std::string input;
  std::vector<char32_t> order;
  for (const auto& [first, last] : kFoldedRanges) {
    for (char32_t cp = first; cp <= last; ++cp) {
      text::append_utf8(input, cp);
      input.push_back('\n');
      order.push_back(cp);
    }
  }
  std::string output;
  try {
    output = converter->Convert(input);
  } catch (const std::exception&) {
    return table;
  }
  std::size_t pos = 0;
  std::size_t index = 0;
  while (pos < output.size() && index < order.size()) {
    const std::size_t nl = output.find('\n', pos);
    const std::string_view line(output.data() + pos,
                                (nl == std::string::npos ? output.size() : nl) - pos);
    pos = nl == std::string::npos ? output.size() : nl + 1;
    std::size_t at = 0;
    const char32_t folded = text::decode_utf8(line, at);
    // Only one-to-one replacements inside the BMP; anything else keeps the character.
    if (at == line.size() && folded < 0x10000 && folded != 0xFFFD) table.map[order[index]] = folded;
    ++index;
  }
  table.t2s = index == order.size();
  // Make folding idempotent (fold(fold(c)) == fold(c)): follow chains such as a → b → c.
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    char32_t to = table.map[cp];
    for (int step = 0; step < 4 && table.map[to] != to; ++step) to = table.map[to];
    table.map[cp] = to;
  }
  return table;
}

const Table& table() {
  static const Table instance = build_table();
  return instance;
}

}  // namespace

char32_t fold(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp < 0x10000) return table().map[cp];
  return cp;
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) text::append_utf8(out, fold(text::decode_utf8(text, pos)));
  return out;
}

std::string canonical(std::string_view raw) { return fold(text::normalize(raw).text); }

bool t2s_available() { return table().t2s; }

}  // namespace huiqi::search
