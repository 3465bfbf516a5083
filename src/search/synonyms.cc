#include "search/synonyms.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/data_dir.h"
#include "base/error.h"
#include "search/fold.h"
#include "text/utf8.h"

namespace huiqi::search {
namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    parts.push_back(s.substr(start, at == std::string_view::npos ? s.size() - start : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return parts;
}

// Byte offsets of the code point boundaries of s (including s.size()).
std::vector<std::size_t> boundaries(std::string_view s) {
  std::vector<std::size_t> out{0};
  std::size_t pos = 0;
  while (pos < s.size()) {
    text::decode_utf8(s, pos);
    out.push_back(pos);
  }
  return out;
}

// The first character of text (its UTF-8 bytes).
std::string_view first_character(std::string_view text) {
  std::size_t end = 0;
  text::decode_utf8(text, end);
  return text.substr(0, end);
}

}  // namespace

Synonyms Synonyms::parse(std::string_view text, const std::string& file) {
  Synonyms result;
  int line_no = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view trimmed = text::trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    const Location where{file, line_no, 0, "synonyms"};
    if (trimmed.front() == '!') {
      const std::string word = canonical(trimmed.substr(1));
      if (word.empty()) {
        throw UserError("bad-synonym-line", "'!' needs a word after it", "'!' 后应有一个词", where);
      }
      result.fillers_.insert(word);
      continue;
    }
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      throw UserError("bad-synonym-line", "expected term<TAB>alternative|…", "应为 词<TAB>同义词|…",
                      where);
    }
    const std::string key = canonical(line.substr(0, tab));
    std::vector<std::string> values;
    for (std::string_view v : split(line.substr(tab + 1), '|')) {
      std::string value = canonical(v);
      if (!value.empty() && value != key) values.push_back(std::move(value));
    }
    if (key.empty() || values.empty()) {
      throw UserError("bad-synonym-line", "a term needs at least one alternative",
                      "词条至少要有一个同义词", where);
    }
    result.words_.insert(key);
    note_length(result.longest_word_from_, key);
    note_length(result.longest_key_from_, key);
    for (const auto& v : values) {
      result.words_.insert(v);
      note_length(result.longest_word_from_, v);
    }
    auto& entry = result.entries_[key];
    for (auto& v : values) {
      if (std::find(entry.begin(), entry.end(), v) == entry.end()) entry.push_back(std::move(v));
    }
  }
  return result;
}

std::size_t Synonyms::longest_from(const Longest& table, std::string_view text) {
  if (text.empty()) return 0;
  const auto it = table.find(first_character(text));
  return it == table.end() ? 0 : it->second;
}

void Synonyms::note_length(Longest& table, const std::string& word) {
  if (word.empty()) return;
  std::size_t& longest = table[std::string(first_character(word))];
  longest = std::max(longest, text::count_code_points(word));
}

Synonyms Synonyms::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw UserError("file-not-found", "cannot read " + path, "无法读取 " + path,
                    Location{path, 0, 0, {}});
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path);
}

Synonyms Synonyms::bundled() { return load((data_dir() / "synonyms.tsv").string()); }

std::vector<std::string> Synonyms::expand(std::string_view word,
                                          std::size_t max_alternatives) const {
  std::vector<std::string> out;
  auto add = [&](std::string candidate) {
    if (out.size() < max_alternatives && candidate != word &&
        std::find(out.begin(), out.end(), candidate) == out.end()) {
      out.push_back(std::move(candidate));
    }
  };
  if (auto it = entries_.find(word); it != entries_.end()) {
    for (const auto& v : it->second) add(v);
  }
  // Terms inside a longer word: the longest match at each start, two characters at least.
  const auto cuts = boundaries(word);
  const std::size_t n = cuts.size() - 1;
  for (std::size_t i = 0; i < n && out.size() < max_alternatives; ++i) {
    const std::size_t longest = longest_from(longest_key_from_, word.substr(cuts[i]));
    for (std::size_t len = std::min(longest, n - i); len >= 2; --len) {
      if (i == 0 && len == n) continue;  // the whole word, done above
      auto it = entries_.find(word.substr(cuts[i], cuts[i + len] - cuts[i]));
      if (it == entries_.end()) continue;
      for (const auto& v : it->second) {
        add(std::string(word.substr(0, cuts[i])) + v + std::string(word.substr(cuts[i + len])));
      }
      break;
    }
  }
  return out;
}

}  // namespace huiqi::search
