#include "extract/matcher.h"

#include <algorithm>

#include "text/utf8.h"

namespace huiqi::extract {
namespace {

char32_t first_code_point(std::string_view text, std::size_t pos) {
  return text::decode_utf8(text, pos);
}

}  // namespace

PhraseMatcher::Entry& PhraseMatcher::entry(std::string_view phrase) {
  // Building is rare and small (hundreds of phrases), so a linear search keeps it simple.
  for (Entry& e : entries_) {
    if (e.phrase == phrase) return e;
  }
  entries_.push_back(Entry{std::string(phrase), {}});
  return entries_.back();
}

void PhraseMatcher::add(std::string_view phrase) {
  if (!phrase.empty()) entry(phrase);
}

void PhraseMatcher::add(std::string_view phrase, std::uint32_t id) {
  if (phrase.empty()) return;
  std::vector<std::uint32_t>& ids = entry(phrase).ids;
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

void PhraseMatcher::finish() {
  by_first_.clear();
  first_seen_.reset();
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    char32_t cp = first_code_point(entries_[i].phrase, 0);
    by_first_[cp].push_back(i);
    first_seen_.set(cp % first_seen_.size());
  }
  for (auto& [cp, list] : by_first_) {
    std::stable_sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) {
      return entries_[a].phrase.size() > entries_[b].phrase.size();
    });
  }
}

bool PhraseMatcher::match_at(std::string_view text, std::size_t pos, Match& out) const {
  if (pos >= text.size()) return false;
  char32_t cp = first_code_point(text, pos);
  if (!first_seen_.test(cp % first_seen_.size())) return false;
  auto it = by_first_.find(cp);
  if (it == by_first_.end()) return false;
  for (std::uint32_t index : it->second) {
    const Entry& e = entries_[index];
    if (text.compare(pos, e.phrase.size(), e.phrase) == 0) {
      out = Match{pos, pos + e.phrase.size(), &e.ids};
      return true;
    }
  }
  return false;
}

std::vector<PhraseMatcher::Match> PhraseMatcher::find_all(std::string_view text) const {
  std::vector<Match> out;
  if (entries_.empty()) return out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    Match m;
    if (match_at(text, pos, m)) {
      out.push_back(m);
      pos = m.end;
      continue;
    }
    std::size_t next = pos;
    text::decode_utf8(text, next);
    pos = next;
  }
  return out;
}

}  // namespace huiqi::extract
