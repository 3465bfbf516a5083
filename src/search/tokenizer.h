// Search tokens over normalized policy text (DESIGN.md §5).
//
// Golden rules (tests/unit/search/tokenizer_test.cc has the tables):
//  - A run of CJK characters (Han, kana, hangul) gives one position per character. In index
//    mode every character is a unigram at its position and every pair of neighbours a bigram at
//    the position of its first character: "房租补贴" → 房@0 房租@0 租@1 租补@1 补@2 补贴@2 贴@3.
//    In query mode a run gives its bigrams only, or its single character when it is one
//    character long, so that two-character words match exactly and longer words as phrases.
//  - ASCII letters (and other cased letters) form lower-cased words; digit runs, with a decimal
//    point or thousands commas between digits, form numbers ("1,000" → "1000", "1.2" → "1.2");
//    a letter run and a digit run that touch are two tokens at consecutive positions ("5G" →
//    5@0 g@1); the unit signs % ‰ ‱ ℃ are tokens of their own. All of these share the position
//    sequence of the CJK characters around them, so "200万元" → 200@0 万@1 万元@1 元@2 and the
//    query 200万元 (200@0 万元@1) matches it as a phrase.
//  - Spaces separate tokens without using a position; any other character (punctuation, emoji,
//    U+FFFD from invalid UTF-8) separates them and uses one position, so phrases never match
//    across punctuation.
//  - Every code point is folded (fold.h: traditional → simplified, lower case) before it is
//    compared, so 個體工商戶 and 个体工商户 give the same tokens.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace huiqi::search {

enum class TokenKind : std::uint8_t { unigram, bigram, word, number, unit };

struct Token {
  std::string term;        //!< folded UTF-8 text of the token
  std::uint32_t position;  //!< position in the token sequence (see the rules above)
  std::uint32_t begin;     //!< byte span in the text that was tokenized
  std::uint32_t end;
  TokenKind kind;

  bool operator==(const Token&) const = default;
};

enum class TokenizeMode { index, query };

//! Tokenizes text that went through text::normalize() (any bytes are accepted: invalid UTF-8 is
//! a separator). Positions start at first_position. Thread-safe (no shared state).
std::vector<Token> tokenize(std::string_view normalized, TokenizeMode mode,
                            std::uint32_t first_position = 0);

//! One position of the sequence: the character, word, number or unit sign that occupies it and
//! its byte span (a separator position has an empty span where the separator begins). index
//! mode's unigram/word/number/unit tokens are exactly these; used to map positions to text.
struct Slot {
  std::uint32_t begin;
  std::uint32_t end;
};

//! The slots of a text, slot i at position first_position + i. Thread-safe.
std::vector<Slot> slots(std::string_view normalized);

//! For the index builder: the tokens of tokenize(normalized, TokenizeMode::index, first_position)
//! in the same order, as views into `buffer` (valid until it is used again), without building a
//! Token for each; and, when slots_out is not null, the slots() of the text appended to it.
struct IndexToken {
  std::string_view term;
  std::uint32_t position;
  TokenKind kind;
};
void index_tokens(std::string_view normalized, std::uint32_t first_position, std::string& buffer,
                  std::vector<IndexToken>& out, std::vector<Slot>* slots_out);

//! True for characters that form CJK runs (Han ideographs, 〇, kana, hangul syllables).
bool is_cjk(char32_t cp);

}  // namespace huiqi::search
