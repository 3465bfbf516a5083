#include "search/tokenizer.h"

#include <unicode/uchar.h>

#include "search/fold.h"
#include "text/utf8.h"

namespace huiqi::search {
namespace {

enum class UnitKind : std::uint8_t { cjk, word, number, sign, separator };

// One position of the sequence.
struct Unit {
  UnitKind kind;
  std::uint32_t begin;
  std::uint32_t end;
  std::string term;  // folded; empty for separators
};

bool is_ascii_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }

bool is_sign(char32_t cp) {
  return cp == '%' || cp == U'\u2030' || cp == U'\u2031' || cp == U'\u00B0' || cp == '$' ||
         cp == U'\u00A5' || cp == U'\u20AC';
}

bool is_word_char(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return cp != 0xFFFD && !is_cjk(cp) && u_isalnum(static_cast<UChar32>(cp));
}

bool is_space_cp(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0;
}

// Splits text into units; separators (other than spaces) collapse into one unit per run.
std::vector<Unit> scan(std::string_view text) {
  std::vector<Unit> units;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = text::decode_utf8(text, pos);
    const auto b = static_cast<std::uint32_t>(start);
    if (is_cjk(cp)) {
      Unit u{UnitKind::cjk, b, static_cast<std::uint32_t>(pos), {}};
      text::append_utf8(u.term, fold(cp));
      units.push_back(std::move(u));
    } else if (is_ascii_digit(cp)) {
      Unit u{UnitKind::number, b, 0, std::string(1, static_cast<char>(cp))};
      while (pos < text.size()) {
        const char c = text[pos];
        if (c >= '0' && c <= '9') {
          u.term.push_back(c);
          ++pos;
        } else if ((c == '.' || c == ',') && pos + 1 < text.size() && text[pos + 1] >= '0' &&
                   text[pos + 1] <= '9') {
          if (c == '.') u.term.push_back(c);  // thousands commas are dropped
          ++pos;
        } else {
          break;
        }
      }
      u.end = static_cast<std::uint32_t>(pos);
      units.push_back(std::move(u));
    } else if (is_word_char(cp)) {
      Unit u{UnitKind::word, b, 0, {}};
      text::append_utf8(u.term, fold(cp));
      while (pos < text.size()) {
        std::size_t next = pos;
        const char32_t c = text::decode_utf8(text, next);
        if (!is_word_char(c)) break;
        text::append_utf8(u.term, fold(c));
        pos = next;
      }
      u.end = static_cast<std::uint32_t>(pos);
      units.push_back(std::move(u));
    } else if (is_sign(cp)) {
      Unit u{UnitKind::sign, b, static_cast<std::uint32_t>(pos), {}};
      text::append_utf8(u.term, cp);
      units.push_back(std::move(u));
    } else if (is_space_cp(cp)) {
      // no position
    } else {
      if (!units.empty() && units.back().kind == UnitKind::separator && units.back().end == start) {
        units.back().end = static_cast<std::uint32_t>(pos);
      } else {
        units.push_back(Unit{UnitKind::separator, b, static_cast<std::uint32_t>(pos), {}});
      }
    }
  }
  return units;
}

TokenKind token_kind(UnitKind kind) {
  switch (kind) {
    case UnitKind::cjk:
      return TokenKind::unigram;
    case UnitKind::word:
      return TokenKind::word;
    case UnitKind::number:
      return TokenKind::number;
    default:
      return TokenKind::unit;
  }
}

}  // namespace

bool is_cjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3007 ||
         (cp >= 0x3041 && cp <= 0x30FF && cp != 0x30FB) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

std::vector<Token> tokenize(std::string_view normalized, TokenizeMode mode,
                            std::uint32_t first_position) {
  const std::vector<Unit> units = scan(normalized);
  std::vector<Token> tokens;
  tokens.reserve(units.size() * (mode == TokenizeMode::index ? 2 : 1));
  for (std::size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    const auto position = first_position + static_cast<std::uint32_t>(i);
    if (u.kind == UnitKind::separator) continue;
    if (u.kind != UnitKind::cjk) {
      tokens.push_back(Token{u.term, position, u.begin, u.end, token_kind(u.kind)});
      continue;
    }
    // Neighbours in the same run touch: no byte between them.
    const bool joins_next =
        i + 1 < units.size() && units[i + 1].kind == UnitKind::cjk && units[i + 1].begin == u.end;
    const bool joins_prev =
        i > 0 && units[i - 1].kind == UnitKind::cjk && units[i - 1].end == u.begin;
    if (mode == TokenizeMode::index || (!joins_next && !joins_prev)) {
      tokens.push_back(Token{u.term, position, u.begin, u.end, TokenKind::unigram});
    }
    if (joins_next) {
      tokens.push_back(Token{u.term + units[i + 1].term, position, u.begin, units[i + 1].end,
                             TokenKind::bigram});
    }
  }
  return tokens;
}

std::vector<Slot> slots(std::string_view normalized) {
  const std::vector<Unit> units = scan(normalized);
  std::vector<Slot> out;
  out.reserve(units.size());
  for (const Unit& u : units) {
    if (u.kind == UnitKind::separator) {
      out.push_back(Slot{u.begin, u.begin});
    } else {
      out.push_back(Slot{u.begin, u.end});
    }
  }
  return out;
}

}  // namespace huiqi::search
