// Text normalization applied before anything else looks at policy text (extraction, search,
// matching), with a byte-accurate map back to the raw text so that evidence and highlights can be
// shown on the original wording.
//
// The steps, in order (each works on the result of the previous one):
//  1. NFKC per normalization segment (ICU): full-width letters, digits and punctuation become
//     ASCII, U+3000 and U+00A0 become spaces. Invalid UTF-8 bytes become U+FFFD, one per byte.
//     Format characters with no visible content (U+200B..U+200D, U+2060, U+FEFF, U+00AD) are
//     dropped; every run of whitespace or control characters becomes one ASCII space.
//  2. Brackets around a 4-digit year, as written in document numbers (文号), become 〔〕:
//     〔〕 [] 【】 () 〖〗 〘〙 in any pairing, with optional spaces inside:
//     "辽市政发[2020]3号", "辽市政发(2020)3号", "辽政办发【2022】24号" → "…〔2020〕3号".
//     Other brackets are left alone, so ASCII "(…)" (NFKC's form of full-width （…）) stays.
//  3. A dash-like character (- ‐ ‑ ‒ – — ― − ~ 〜, or a run of two) between two numbers becomes
//     ASCII '-': "10%―20%" → "10%-20%", "5―15BP" → "5-15BP", "2020—2022年" → "2020-2022年".
//     The left side may end in a digit, '%' or '‰'; the right side must start with a digit.
//     至 is never rewritten ("延长至2020年12月31日" stays as is).
//  4. Spaces that split a number from itself are removed: around such a range dash, inside a
//     year bracket, between thousands groups ("1 000" → "1000": a group of 1-3 digits followed
//     by groups of exactly 3), between a number and its unit ("2022 年" → "2022年",
//     "24 号" → "24号", "100 万元", "10 %", "48 小时"), between 年/月 of a date and the next
//     number ("6 月 30 日" → "6月30日"), and between 〕 and a following document serial
//     ("〔2022〕 8号"). A space after '%' is kept ("10% 。").
//
// Nothing else is changed: no case folding, no traditional → simplified folding (search does
// that on its own copy), no punctuation rewriting beyond what NFKC does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace huiqi::text {

//! Normalized text plus, for every byte of it, where that byte came from in the raw text.
//!
//! A byte produced from a raw piece (one code point, or one NFKC segment when characters
//! compose, or a whole whitespace run collapsed into one space) maps to that piece's raw
//! [begin, end). Offsets are 32-bit: raw texts are limited to 4 GiB.
struct NormalizedText {
  //! The normalized UTF-8 text (always well-formed).
  std::string text;
  //! to_raw[i] = raw byte offset where the piece that produced text[i] begins; one more entry
  //! for text.size(), which is the raw offset just past the last piece that produced output.
  std::vector<std::uint32_t> to_raw;
  //! to_raw_end[i] = raw byte offset just past the piece that produced text[i].
  std::vector<std::uint32_t> to_raw_end;

  //! Raw byte offset for a normalized byte offset (clamped to text.size()).
  std::size_t raw_offset(std::size_t normalized_offset) const;

  //! Raw [begin, end) covering exactly the raw pieces behind normalized [begin, end). An empty
  //! span maps to an empty span at raw_offset(begin). Offsets are clamped to text.size().
  std::pair<std::size_t, std::size_t> raw_span(std::size_t begin, std::size_t end) const;
};

struct NormalizeOptions {
  //! Drop whitespace at both ends (the map still points into the untrimmed raw text).
  bool trim = true;
};

//! Normalizes raw text as described at the top of this file. Total: never throws on any byte
//! string (ICU failures fall back to the unnormalized code point) and runs in linear time.
//! Thread-safe (the ICU normalizer instance is immutable and shared).
NormalizedText normalize(std::string_view raw, NormalizeOptions options = {});

}  // namespace huiqi::text
