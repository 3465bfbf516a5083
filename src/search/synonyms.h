// The synonym and alias dictionary that query understanding uses (data/synonyms.tsv).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/string_hash.h"

namespace huiqi::search {

//! Query-side expansions: a word a user types → other wordings of the same thing in policy
//! text (个体户 → 个体工商户, 人社局 → 人力资源社会保障局). Entries are one-way; a file lists
//! both directions where both are wanted. Keys and values are stored in canonical form
//! (fold.h), so traditional or full-width spellings find the same entries.
//!
//! File format (UTF-8): one entry a line, `term<TAB>alternative|alternative|…`; `#` starts a
//! comment line; blank lines are ignored. A term may appear on several lines (the alternatives
//! add up). A line `!word` marks a filler: a word of a question (怎么, 申请) that says what the
//! user wants done rather than what an item is about.
//!
//! Immutable after construction; safe for concurrent readers.
class Synonyms {
 public:
  Synonyms() = default;

  //! Parses the file format above. Throws huiqi::UserError (code "bad-synonym-line", with file
  //! and line) for a line without a tab or without alternatives.
  static Synonyms parse(std::string_view text, const std::string& file);
  //! Reads and parses a file; UserError "file-not-found" when it cannot be read.
  static Synonyms load(const std::string& path);
  //! data/synonyms.tsv from the data directory (HUIQI_DATA_DIR, else the source tree's data/).
  static Synonyms bundled();

  //! Alternatives for one canonical query word, best first, without the word itself: the
  //! entry for the whole word, then words made by replacing one dictionary term found inside it
  //! (个体户贷款 → 个体工商户贷款). At most max_alternatives.
  std::vector<std::string> expand(std::string_view word, std::size_t max_alternatives = 8) const;

  std::size_t size() const { return entries_.size(); }

  //! Whether a canonical word is one of the dictionary's terms or alternatives: a word users
  //! and lists write, which query segmentation keeps whole.
  bool known_word(std::string_view word) const { return words_.contains(word); }
  //! Every known word (canonical), in no particular order.
  const std::unordered_set<std::string, StringHash, std::equal_to<>>& words() const {
    return words_;
  }

  //! The length in characters of the longest known word that starts with the first character
  //! of text (0 when none does).
  std::size_t longest_word_from(std::string_view text) const {
    return longest_from(longest_word_from_, text);
  }

  //! Whether a canonical word is a filler (`!word` lines).
  bool filler(std::string_view word) const { return fillers_.contains(word); }

 private:
  // Looked up by string_view, without making a string (segmentation asks for many pieces).
  std::unordered_map<std::string, std::vector<std::string>, StringHash, std::equal_to<>> entries_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> words_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> fillers_;
  // First character → the longest key / known word that starts with it, in characters: a
  // query's substrings are looked up only as long as some entry could be.
  using Longest = std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>>;
  Longest longest_key_from_;
  Longest longest_word_from_;
  static std::size_t longest_from(const Longest& table, std::string_view text);
  static void note_length(Longest& table, const std::string& word);
};

}  // namespace huiqi::search
