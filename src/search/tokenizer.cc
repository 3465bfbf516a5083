#include "search/tokenizer.h"

#include <unicode/uchar.h>

#include "search/fold.h"
#include "text/utf8.h"

namespace huiqi::search {
namespace {

enum class UnitKind : std::uint8_t { cjk, word, number, sign, separator };

// One position of the sequence. Its folded term is buffer[term, term_end) of the scan's buffer
// (empty for separators); the terms of consecutive units follow each other there, so a bigram
// of two neighbouring CJK units is one contiguous range as well.
struct Unit {
  UnitKind kind;
  std::uint32_t begin;
  std::uint32_t end;
  std::uint32_t term;
  std::uint32_t term_end;
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

// text::decode_utf8 with the common cases (ASCII, a well-formed 3-byte sequence) inline.
inline char32_t decode(std::string_view s, std::size_t& pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  if ((b0 & 0xF0) == 0xE0 && pos + 3 <= s.size()) {
    const auto b1 = static_cast<unsigned char>(s[pos + 1]);
    const auto b2 = static_cast<unsigned char>(s[pos + 2]);
    if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
      const char32_t cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        pos += 3;
        return cp;
      }
    }
  }
  return text::decode_utf8(s, pos);
}

// Splits text into units; separators (other than spaces) collapse into one unit per run.
void scan(std::string_view text, std::vector<Unit>& units, std::string& buffer) {
  units.clear();
  buffer.clear();
  auto at = [&] { return static_cast<std::uint32_t>(buffer.size()); };
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode(text, pos);
    const auto b = static_cast<std::uint32_t>(start);
    if (cp >= 0x80 && is_cjk(cp)) {
      const std::uint32_t t = at();
      text::append_utf8(buffer, fold(cp));
      units.push_back(Unit{UnitKind::cjk, b, static_cast<std::uint32_t>(pos), t, at()});
    } else if (is_ascii_digit(cp)) {
      const std::uint32_t t = at();
      buffer.push_back(static_cast<char>(cp));
      while (pos < text.size()) {
        const char c = text[pos];
        if (c >= '0' && c <= '9') {
          buffer.push_back(c);
          ++pos;
        } else if ((c == '.' || c == ',') && pos + 1 < text.size() && text[pos + 1] >= '0' &&
                   text[pos + 1] <= '9') {
          if (c == '.') buffer.push_back(c);  // thousands commas are dropped
          ++pos;
        } else {
          break;
        }
      }
      units.push_back(Unit{UnitKind::number, b, static_cast<std::uint32_t>(pos), t, at()});
    } else if (is_word_char(cp)) {
      const std::uint32_t t = at();
      text::append_utf8(buffer, fold(cp));
      while (pos < text.size()) {
        std::size_t next = pos;
        const char32_t c = decode(text, next);
        if (!is_word_char(c)) break;
        text::append_utf8(buffer, fold(c));
        pos = next;
      }
      units.push_back(Unit{UnitKind::word, b, static_cast<std::uint32_t>(pos), t, at()});
    } else if (is_sign(cp)) {
      const std::uint32_t t = at();
      text::append_utf8(buffer, cp);
      units.push_back(Unit{UnitKind::sign, b, static_cast<std::uint32_t>(pos), t, at()});
    } else if (is_space_cp(cp)) {
      // no position
    } else {
      if (!units.empty() && units.back().kind == UnitKind::separator && units.back().end == start) {
        units.back().end = static_cast<std::uint32_t>(pos);
      } else {
        units.push_back(Unit{UnitKind::separator, b, static_cast<std::uint32_t>(pos), at(), at()});
      }
    }
  }
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

// Calls emit(unit index, kind, term begin, term end, span end) for every token of the mode.
template <typename Emit>
void for_each_token(const std::vector<Unit>& units, TokenizeMode mode, Emit&& emit) {
  for (std::size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    if (u.kind == UnitKind::separator) continue;
    if (u.kind != UnitKind::cjk) {
      emit(i, token_kind(u.kind), u.term, u.term_end, u.end);
      continue;
    }
    // Neighbours in the same run touch: no byte between them.
    const bool joins_next =
        i + 1 < units.size() && units[i + 1].kind == UnitKind::cjk && units[i + 1].begin == u.end;
    const bool joins_prev =
        i > 0 && units[i - 1].kind == UnitKind::cjk && units[i - 1].end == u.begin;
    if (mode == TokenizeMode::index || (!joins_next && !joins_prev)) {
      emit(i, TokenKind::unigram, u.term, u.term_end, u.end);
    }
    if (joins_next) {
      emit(i, TokenKind::bigram, u.term, units[i + 1].term_end, units[i + 1].end);
    }
  }
}

void append_slots(const std::vector<Unit>& units, std::vector<Slot>& out) {
  out.reserve(out.size() + units.size());
  for (const Unit& u : units) {
    if (u.kind == UnitKind::separator) {
      out.push_back(Slot{u.begin, u.begin});
    } else {
      out.push_back(Slot{u.begin, u.end});
    }
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
  std::vector<Unit> units;
  std::string buffer;
  scan(normalized, units, buffer);
  std::vector<Token> tokens;
  tokens.reserve(units.size() * (mode == TokenizeMode::index ? 2 : 1));
  for_each_token(
      units, mode,
      [&](std::size_t i, TokenKind kind, std::uint32_t t, std::uint32_t t_end, std::uint32_t end) {
        tokens.push_back(Token{buffer.substr(t, t_end - t),
                               first_position + static_cast<std::uint32_t>(i), units[i].begin, end,
                               kind});
      });
  return tokens;
}

std::vector<Slot> slots(std::string_view normalized) {
  std::vector<Unit> units;
  std::string buffer;
  scan(normalized, units, buffer);
  std::vector<Slot> out;
  append_slots(units, out);
  return out;
}

void index_tokens(std::string_view normalized, std::uint32_t first_position, std::string& buffer,
                  std::vector<IndexToken>& out, std::vector<Slot>* slots_out) {
  thread_local std::vector<Unit> units;
  scan(normalized, units, buffer);
  out.clear();
  const std::string_view all(buffer);
  for_each_token(
      units, TokenizeMode::index,
      [&](std::size_t i, TokenKind kind, std::uint32_t t, std::uint32_t t_end, std::uint32_t) {
        out.push_back(IndexToken{all.substr(t, t_end - t),
                                 first_position + static_cast<std::uint32_t>(i), kind});
      });
  if (slots_out != nullptr) append_slots(units, *slots_out);
}

}  // namespace huiqi::search
