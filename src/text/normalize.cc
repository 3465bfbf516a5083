#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <limits>

#include "text/utf8.h"

namespace huiqi::text {
namespace {

// One output code point and the raw bytes it stands for.
struct Piece {
  char32_t cp;
  std::uint32_t begin;
  std::uint32_t end;
};
using Pieces = std::vector<Piece>;

// A pathological run of combining marks is cut into segments of this many code points so that
// ICU's reordering stays linear; real text never comes near it.
constexpr std::size_t kMaxSegment = 32;

const icu::Normalizer2* nfkc() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

bool is_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }

// Invisible format characters that carry no content; web copies are full of them.
bool is_dropped(char32_t cp) {
  return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

bool is_white(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
         u_isUWhiteSpace(static_cast<UChar32>(cp));
}

// Brackets that may enclose the year of a 文号, after NFKC (［］ → [], （） → (), ﹝﹞ → 〔〕).
constexpr auto kOpenBrackets = std::to_array<char32_t>({U'〔', U'[', U'【', U'(', U'〖', U'〘'});
constexpr auto kCloseBrackets = std::to_array<char32_t>({U'〕', U']', U'】', U')', U'〗', U'〙'});

bool is_one_of(char32_t cp, const auto& set) {
  return std::find(set.begin(), set.end(), cp) != set.end();
}

// Dash-like characters that mean a range when they stand between two numbers (after NFKC,
// which already turned － into '-' and ～ into '~').
constexpr auto kDashes =
    std::to_array<char32_t>({U'-', U'\u2010', U'\u2011', U'\u2012', U'\u2013', U'\u2014', U'\u2015',
                             U'\u2212', U'~', U'\u301C'});

// Units a number is written next to; a space between the number and one of these is removed.
constexpr auto kUnits = std::to_array<std::u32string_view>(
    {U"号", U"年", U"月", U"日", U"时", U"小时", U"分钟", U"周", U"天", U"岁", U"届",
     U"万", U"亿", U"千", U"百", U"元", U"美元", U"%",    U"‰",  U"BP", U"bp", U"个",
     U"人", U"户", U"家", U"亩", U"倍", U"项",   U"次",   U"名", U"吨"});

bool unit_at(const Pieces& in, std::size_t i) {
  for (std::u32string_view unit : kUnits) {
    if (i + unit.size() > in.size()) continue;
    bool match = true;
    for (std::size_t k = 0; k < unit.size() && match; ++k) match = in[i + k].cp == unit[k];
    if (match) return true;
  }
  return false;
}

void emit(Pieces& out, char32_t cp, std::size_t begin, std::size_t end) {
  out.push_back({cp, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
}

// Step 1: NFKC per segment, dropping format characters and collapsing whitespace runs.
Pieces nfkc_pieces(std::string_view raw) {
  Pieces out;
  out.reserve(raw.size());
  bool last_space = false;
  const auto push = [&](char32_t cp, std::size_t begin, std::size_t end) {
    if (is_dropped(cp)) return;
    if (is_white(cp)) {
      if (last_space) {
        out.back().end = static_cast<std::uint32_t>(end);
      } else {
        emit(out, U' ', begin, end);
        last_space = true;
      }
      return;
    }
    emit(out, cp, begin, end);
    last_space = false;
  };

  const icu::Normalizer2* normalizer = nfkc();
  std::vector<std::pair<char32_t, std::size_t>> segment;  // code point, raw begin
  std::size_t pos = 0;
  while (pos < raw.size()) {
    const std::size_t seg_begin = pos;
    segment.clear();
    segment.emplace_back(decode_utf8(raw, pos), seg_begin);
    if (normalizer == nullptr) {
      push(segment.front().first, seg_begin, pos);
      continue;
    }
    while (pos < raw.size() && segment.size() < kMaxSegment) {
      std::size_t next = pos;
      const char32_t cp = decode_utf8(raw, next);
      if (normalizer->hasBoundaryBefore(static_cast<UChar32>(cp))) break;
      segment.emplace_back(cp, pos);
      pos = next;
    }
    if (segment.size() == 1 && normalizer->isInert(static_cast<UChar32>(segment.front().first))) {
      push(segment.front().first, seg_begin, pos);
      continue;
    }
    icu::UnicodeString source;
    for (const auto& [cp, begin] : segment) source.append(static_cast<UChar32>(cp));
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString result = normalizer->normalize(source, status);
    if (U_FAILURE(status)) {
      // Keep the text rather than lose it; each code point keeps its own offsets.
      for (std::size_t k = 0; k < segment.size(); ++k) {
        const std::size_t end = k + 1 < segment.size() ? segment[k + 1].second : pos;
        push(segment[k].first, segment[k].second, end);
      }
      continue;
    }
    for (int32_t k = 0; k < result.length(); k = result.moveIndex32(k, 1)) {
      push(static_cast<char32_t>(result.char32At(k)), seg_begin, pos);
    }
  }
  return out;
}

// Step 2: 〔〕 around a 4-digit year, dropping spaces inside.
Pieces canonical_year_brackets(const Pieces& in) {
  Pieces out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (is_one_of(in[i].cp, kOpenBrackets)) {
      std::size_t digits = i + 1;
      if (digits < in.size() && in[digits].cp == U' ') ++digits;
      std::size_t k = digits;
      while (k < in.size() && is_digit(in[k].cp) && k - digits < 5) ++k;
      if (k - digits == 4) {
        std::size_t close = k;
        if (close < in.size() && in[close].cp == U' ') ++close;
        if (close < in.size() && is_one_of(in[close].cp, kCloseBrackets)) {
          emit(out, U'〔', in[i].begin, in[i].end);
          out.insert(out.end(), in.begin() + static_cast<std::ptrdiff_t>(digits),
                     in.begin() + static_cast<std::ptrdiff_t>(k));
          emit(out, U'〕', in[close].begin, in[close].end);
          i = close;
          continue;
        }
      }
    }
    out.push_back(in[i]);
  }
  return out;
}

// Step 3: a dash between two numbers becomes '-', with the spaces around it dropped.
Pieces canonical_range_dashes(const Pieces& in) {
  Pieces out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (is_one_of(in[i].cp, kDashes)) {
      std::size_t last = i;  // a doubled dash ("——") counts as one
      if (last + 1 < in.size() && is_one_of(in[last + 1].cp, kDashes)) ++last;
      std::size_t left = out.size();
      if (left > 0 && out[left - 1].cp == U' ') --left;
      const bool left_number =
          left > 0 &&
          (is_digit(out[left - 1].cp) || ((out[left - 1].cp == U'%' || out[left - 1].cp == U'‰') &&
                                          left > 1 && is_digit(out[left - 2].cp)));
      std::size_t right = last + 1;
      if (right < in.size() && in[right].cp == U' ') ++right;
      if (left_number && right < in.size() && is_digit(in[right].cp)) {
        out.resize(left);
        emit(out, U'-', in[i].begin, in[last].end);
        i = right - 1;
        continue;
      }
    }
    out.push_back(in[i]);
  }
  return out;
}

// Step 4: spaces that split a number from its own parts.
Pieces join_number_spaces(const Pieces& in) {
  Pieces out;
  out.reserve(in.size());
  // Digits copied since the last thousands-group join, or npos when not inside a grouped number.
  std::size_t group_digits = std::string_view::npos;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char32_t cp = in[i].cp;
    if (cp == U' ' && !out.empty() && i + 1 < in.size()) {
      const char32_t prev = out.back().cp;
      const char32_t next = in[i + 1].cp;
      bool join = false;
      if (is_digit(prev) && unit_at(in, i + 1)) {
        join = true;
      } else if (is_digit(prev) && is_digit(next)) {
        // "1 000 000": 1-3 leading digits, then groups of exactly three.
        std::size_t right = i + 1;
        while (right < in.size() && is_digit(in[right].cp) && right - i <= 4) ++right;
        const bool group_of_three = right - (i + 1) == 3;
        bool left_ok = group_digits == 3;
        if (group_digits == std::string_view::npos) {
          std::size_t run = 0;
          while (run < out.size() && run <= 3 && is_digit(out[out.size() - 1 - run].cp)) ++run;
          const bool standalone = run == out.size() || (out[out.size() - 1 - run].cp != U'.' &&
                                                        out[out.size() - 1 - run].cp != U',');
          left_ok = run >= 1 && run <= 3 && standalone;
        }
        join = group_of_three && left_ok;
        if (join) group_digits = 0;
      } else if ((prev == U'年' || prev == U'月') && out.size() >= 2 &&
                 is_digit(out[out.size() - 2].cp) && is_digit(next)) {
        join = true;  // "2022年 6月 30日"
      } else if (prev == U'〕' && out.size() >= 2 && is_digit(out[out.size() - 2].cp) &&
                 is_digit(next)) {
        join = true;  // "〔2022〕 8号"
      }
      if (join) continue;
    }
    if (is_digit(cp)) {
      if (group_digits != std::string_view::npos) ++group_digits;
    } else {
      group_digits = std::string_view::npos;
    }
    out.push_back(in[i]);
  }
  return out;
}

}  // namespace

std::size_t NormalizedText::raw_offset(std::size_t normalized_offset) const {
  if (to_raw.empty()) return 0;
  return to_raw[std::min(normalized_offset, to_raw.size() - 1)];
}

std::pair<std::size_t, std::size_t> NormalizedText::raw_span(std::size_t begin,
                                                             std::size_t end) const {
  begin = std::min(begin, text.size());
  end = std::min(std::max(begin, end), text.size());
  const std::size_t raw_begin = raw_offset(begin);
  if (begin == end) return {raw_begin, raw_begin};
  return {raw_begin, std::max<std::size_t>(raw_begin, to_raw_end[end - 1])};
}

NormalizedText normalize(std::string_view raw, NormalizeOptions options) {
  if (raw.size() > std::numeric_limits<std::uint32_t>::max()) {
    raw = raw.substr(0, std::numeric_limits<std::uint32_t>::max());
  }
  Pieces pieces =
      join_number_spaces(canonical_range_dashes(canonical_year_brackets(nfkc_pieces(raw))));

  std::size_t first = 0;
  std::size_t last = pieces.size();
  if (options.trim) {
    while (first < last && pieces[first].cp == U' ') ++first;
    while (last > first && pieces[last - 1].cp == U' ') --last;
  }

  NormalizedText result;
  result.text.reserve(last - first);
  result.to_raw.reserve(last - first + 1);
  result.to_raw_end.reserve(last - first);
  for (std::size_t i = first; i < last; ++i) {
    const std::size_t before = result.text.size();
    append_utf8(result.text, pieces[i].cp);
    for (std::size_t b = before; b < result.text.size(); ++b) {
      result.to_raw.push_back(pieces[i].begin);
      result.to_raw_end.push_back(pieces[i].end);
    }
  }
  result.to_raw.push_back(last > first ? pieces[last - 1].end : 0);
  return result;
}

}  // namespace huiqi::text
