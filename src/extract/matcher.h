// Dictionary phrase matching over normalized text: leftmost-longest, non-overlapping, in time
// linear in the text (times the few phrases that share a first character).
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace huiqi::extract {

//! A set of phrases, each with the ids of what it stands for. Build with add(), then call
//! finish(); after that the matcher is immutable and safe to share between threads.
class PhraseMatcher {
 public:
  struct Match {
    std::size_t begin = 0;  //!< byte offsets in the text
    std::size_t end = 0;
    //! The ids added with this phrase (empty for a stop phrase added with no id).
    const std::vector<std::uint32_t>* ids = nullptr;
  };

  //! Adds a phrase (non-empty UTF-8); with an id, or none for a stop phrase. A phrase added
  //! again collects the ids of every addition.
  void add(std::string_view phrase);
  void add(std::string_view phrase, std::uint32_t id);
  //! Sorts the phrases for matching; add() must not be called afterwards.
  void finish();

  //! Every match: at each position the longest phrase that starts there, and scanning resumes
  //! after it (so a longer phrase hides the shorter ones inside it).
  std::vector<Match> find_all(std::string_view text) const;

  //! The longest phrase that starts exactly at pos, if any.
  bool match_at(std::string_view text, std::size_t pos, Match& out) const;

  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    std::string phrase;
    std::vector<std::uint32_t> ids;
  };
  Entry& entry(std::string_view phrase);

  std::vector<Entry> entries_;
  //! First code point → indices into entries_, longest phrase first.
  std::unordered_map<char32_t, std::vector<std::uint32_t>> by_first_;
  //! A cheap filter: which first code points (modulo the size) start any phrase.
  std::bitset<65536> first_seen_;
};

}  // namespace huiqi::extract
