#include "search/index.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "search/fold.h"
#include "search/index_data.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace huiqi::search {
namespace {

// BM25F field weights and length normalization: the title names the measure, so a word there
// says far more than one in a long content cell; departments and extracted facts are short
// lists where a match is a strong signal; the basis cell is mostly document titles.
constexpr std::array<float, kFieldCount> kWeight = {4.0f, 1.0f, 0.5f, 1.5f, 1.5f};
constexpr std::array<float, kFieldCount> kB = {0.5f, 0.75f, 0.5f, 0.5f, 0.5f};
// Positions left between the segments of one field so that no phrase spans two of them.
constexpr std::uint32_t kSegmentGap = 8;
// Dictionary words longer than this are not indexed whole (none is yet: 人力资源社会保障局 has 9).
constexpr std::size_t kMaxIndexedWordChars = 16;

double cap_in_yuan(const catalog::AmountFact& a) {
  if (a.kind != "cap" || a.quantity != "amount") return -1;
  const std::string& u = a.unit;
  if (u.find("美元") != std::string::npos) return -1;  // no exchange rate is invented
  double v = a.high.value_or(a.value);
  if (u.find("亿") != std::string::npos) {
    v *= 1e8;
  } else if (u.find("万") != std::string::npos) {
    v *= 1e4;
  } else if (u.find("元") == std::string::npos && !u.empty()) {
    return -1;
  }
  return v;
}

// Departments from the raw 实施部门 text, for items whose facts have none yet (before
// extraction): split at the list separators, without the 责任单位 label.
std::vector<std::string> raw_departments(const std::string& raw) {
  std::string s = text::normalize(raw).text;
  for (const char* label : {"责任单位:", "牵头单位:", "实施部门:"}) {
    for (std::size_t at; (at = s.find(label)) != std::string::npos;) {
      s.replace(at, std::string(label).size(), "、");
    }
  }
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    const auto t = std::string(text::trim(cur));
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    cur.clear();
  };
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, 3, "、") == 0) {
      flush();
      i += 3;
    } else if (s[i] == ',' || s[i] == ';') {
      flush();
      ++i;
    } else {
      cur.push_back(s[i++]);
    }
  }
  flush();
  return out;
}

template <typename T>
std::size_t bytes_of(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

class Builder {
 public:
  explicit Builder(Index::Data& data) : data_(data) {
    // The dictionary's words of three Chinese characters or more, grouped by their first
    // bigram (a bigram term created later looks its group up once).
    for (const std::string& word : data_.synonyms.words()) {
      IndexedWord w;
      w.text = word;
      bool cjk = true;
      for (std::size_t at = 0; at < word.size() && cjk;) {
        const std::size_t begin = at;
        cjk = is_cjk(text::decode_utf8(word, at));
        w.chars.push_back(word.substr(begin, at - begin));
      }
      if (!cjk || w.chars.size() < 3 || w.chars.size() > kMaxIndexedWordChars) continue;
      auto [it, inserted] = word_groups_by_bigram_.try_emplace(
          w.chars[0] + w.chars[1], static_cast<std::uint32_t>(word_groups_.size()));
      if (inserted) word_groups_.emplace_back();
      word_groups_[it->second].push_back(static_cast<std::uint32_t>(words_.size()));
      words_.push_back(std::move(w));
    }
  }

  void add(std::uint32_t doc_id) {
    const Document& doc = data_.documents[doc_id];
    const catalog::Item& item = doc.item;
    const catalog::Facts& facts = doc.facts;
    const std::size_t slash = item.id.rfind('/');
    const std::string list = slash == std::string::npos ? std::string() : item.id.substr(0, slash);
    {
      auto [it, inserted] =
          list_ids_.try_emplace(list, static_cast<std::uint32_t>(data_.lists.size()));
      if (inserted) data_.lists.push_back(list);
      data_.list_of[doc_id] = it->second;
    }

    entries_.clear();
    std::array<std::vector<std::string>, kFieldCount> extra;
    for (const auto& d : facts.documents) {
      if (!d.title.empty()) extra[kBasis].push_back(d.title);
      if (!d.number.empty()) extra[kBasis].push_back(d.number);
    }
    for (const auto& d : facts.departments) extra[kDepartments].push_back(d.name);
    extra[kFacts].push_back(item.category);
    for (const auto& b : facts.beneficiaries) extra[kFacts].push_back(b.value);
    for (const auto& f : facts.forms) extra[kFacts].push_back(f.value);
    for (const auto& i : facts.industries) extra[kFacts].push_back(i.name);

    const std::array<const std::string*, kRawFieldCount> raw = {&item.title, &item.content,
                                                                &item.basis, &item.departments};
    data_.slot_offset[doc_id] = data_.slot_bytes.size();
    for (auto& units : forward_) units.clear();
    for (int f = 0; f < kFieldCount; ++f) {
      std::uint32_t next = 0;
      if (f < kRawFieldCount) {
        next = add_segment(f, *raw[f], 0, true);
        add_slots();
      }
      for (const auto& s : extra[f])
        next = add_segment(f, s, next == 0 ? 0 : next + kSegmentGap, false);
      lengths_[doc_id][f] = next;
    }
    add_words();
    flush(doc_id);

    // Facets: (facet << 24 | value id) now, global value ids once every value is known.
    std::array<std::vector<std::uint32_t>, kStoredFacetCount> facet_ids;
    auto add_facet = [&](Facet facet, const std::string& value) {
      if (value.empty()) return;
      const std::string key = canonical(value);
      if (key.empty()) return;
      auto [it, inserted] = data_.facet_lookup[facet].try_emplace(
          key, static_cast<std::uint32_t>(data_.facet_values[facet].size()));
      if (inserted) data_.facet_values[facet].push_back(text::normalize(value).text);
      auto& ids = facet_ids[facet];
      if (std::find(ids.begin(), ids.end(), it->second) == ids.end()) ids.push_back(it->second);
    };
    add_facet(kCategory, item.category);
    if (facts.departments.empty()) {
      for (const auto& d : raw_departments(item.departments)) add_facet(kDepartment, d);
    }
    for (const auto& d : facts.departments) add_facet(kDepartment, d.name);
    for (const auto& d : facts.documents) {
      add_facet(kDocument, d.number);
      add_facet(kLevel, catalog::to_string(d.level));
      if (d.year > 0) add_facet(kYear, std::to_string(d.year));
    }
    for (const auto& b : facts.beneficiaries) add_facet(kBeneficiary, b.value);
    for (const auto& i : facts.industries) add_facet(kIndustry, i.name);
    for (const auto& f : facts.forms) add_facet(kForm, f.value);
    add_facet(kList, list);
    facet_start_[doc_id] = static_cast<std::uint32_t>(facet_ids_.size());
    for (std::uint32_t f = 0; f < kStoredFacetCount; ++f) {
      auto& ids = facet_ids[f];
      std::sort(ids.begin(), ids.end());
      for (std::uint32_t id : ids) facet_ids_.push_back((f << 24) | id);
    }
    Validity& v = data_.validity[doc_id];
    v.from = date_number(facts.valid_from);
    v.until = date_number(facts.valid_until);
    v.unresolved = facts.validity_unresolved;
    v.exact = v.from >= 0 && v.until >= 0;
    double cap = -1;
    for (const auto& a : facts.amounts) cap = std::max(cap, cap_in_yuan(a));
    data_.amount_cap[doc_id] = cap;
  }

  void finish() {
    const std::size_t n = data_.documents.size();
    std::array<double, kFieldCount> avg{};
    for (const auto& l : lengths_) {
      for (int f = 0; f < kFieldCount; ++f) avg[f] += l[f];
    }
    for (auto& a : avg) a = n == 0 ? 0 : a / static_cast<double>(n);
    for (std::size_t d = 0; d < n; ++d) {
      for (int f = 0; f < kFieldCount; ++f) {
        const double ratio = avg[f] > 0 ? lengths_[d][f] / avg[f] : 1.0;
        data_.fw[d][f] = static_cast<float>(kWeight[f] / (1.0 - kB[f] + kB[f] * ratio));
      }
    }
    lengths_ = {};

    // Facet value ids → global ids.
    std::uint32_t g = 0;
    for (int f = 0; f < kStoredFacetCount; ++f) {
      data_.facet_base[f] = g;
      g += static_cast<std::uint32_t>(data_.facet_values[f].size());
      data_.facet_of.resize(g, static_cast<std::uint8_t>(f));
    }
    data_.facet_base[kStoredFacetCount] = g;
    for (auto& id : facet_ids_) id = data_.facet_base[id >> 24] + (id & 0xFFFFFFu);
    facet_start_[n] = static_cast<std::uint32_t>(facet_ids_.size());
    // Each document's values as a set shared by the documents with the same values.
    std::map<std::vector<std::uint32_t>, std::uint32_t> sets;
    std::vector<std::uint32_t> values;
    data_.set_start.assign(1, 0);
    for (std::size_t d = 0; d < n; ++d) {
      values.assign(facet_ids_.begin() + facet_start_[d], facet_ids_.begin() + facet_start_[d + 1]);
      auto [it, inserted] = sets.try_emplace(values, static_cast<std::uint32_t>(sets.size()));
      if (inserted) {
        data_.set_values.insert(data_.set_values.end(), values.begin(), values.end());
        data_.set_start.push_back(static_cast<std::uint32_t>(data_.set_values.size()));
      }
      data_.facet_set[d] = it->second;
    }
    facet_start_ = {};
    facet_ids_ = {};

    // valid_until order: dates ascending, documents without one last.
    std::vector<std::uint32_t> order(n);
    for (std::uint32_t d = 0; d < n; ++d) order[d] = d;
    auto until = [&](std::uint32_t d) -> const std::string& {
      return data_.documents[d].facts.valid_until;
    };
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      const std::string& x = until(a);
      const std::string& y = until(b);
      if (x.empty() != y.empty()) return y.empty();
      return x < y;
    });
    std::uint32_t rank = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0 && until(order[i]) != until(order[i - 1])) ++rank;
      data_.until_rank[order[i]] = rank;
    }

    // Postings: the sequential build streams → blocks in one array, with the skip entries and
    // the neighbour dictionaries of the bigrams.
    std::size_t total = 0;
    for (const auto& t : terms_) total += t.bytes.size() + 5 * (t.df / kBlock + 1);
    data_.post_bytes.reserve(total + kPostPadding);
    data_.terms.resize(terms_.size());
    std::array<std::uint32_t, kBlock> docs{};
    std::array<std::uint8_t, kBlock> codes{};
    std::vector<std::uint8_t> escapes;
    std::vector<std::uint32_t> positions;
    std::array<std::vector<std::uint32_t>, 2> around;  // prev, next per position
    std::array<std::vector<std::uint32_t>, 2> seen;    // codes seen, for the dictionaries
    std::array<std::vector<std::pair<std::uint32_t, std::uint32_t>>, 2> index;  // code → index
    std::vector<std::uint8_t>& out = data_.post_bytes;
    for (std::size_t id = 0; id < terms_.size(); ++id) {
      BuildTerm& t = terms_[id];
      TermPostings& term = data_.terms[id];
      term.offset = out.size();
      term.df = t.df;
      term.skip = static_cast<std::uint32_t>(data_.skips.size());
      // Reads one posting of the stream at p: document delta, code, counts, positions.
      auto read_posting = [&](const std::uint8_t*& p, std::uint32_t& doc, std::uint8_t& code,
                              auto&& position) {
        doc += get_varint(p);
        code = *p++;
        std::array<std::uint32_t, kFieldCount> count{};
        if (code != kTfEscape) {
          count[kTf.field[code]] = kTf.count[code];
        } else {
          // Escaped: the fields present (a bit each), then their counts.
          std::uint8_t present = 0;
          for (int f = 0; f < kFieldCount; ++f) {
            count[f] = get_varint(p);
            if (count[f] != 0) present = static_cast<std::uint8_t>(present | (1u << f));
          }
          escapes.push_back(present);
          for (std::uint32_t c : count) {
            if (c != 0) put_varint(escapes, c);
          }
        }
        for (std::uint32_t c : count) {
          std::uint32_t v = 0;
          for (std::uint32_t j = 0; j < c; ++j) {
            v += get_varint(p);
            std::uint32_t before = 0;
            std::uint32_t after = 0;
            if (t.bigram) {
              before = get_varint(p);
              after = get_varint(p);
            }
            position(v, before, after);
          }
        }
      };
      if (t.bigram) {
        // Dictionaries: the characters by frequency, most frequent first (index 1).
        for (auto& v : seen) v.clear();
        const std::uint8_t* p = t.bytes.data();
        std::uint32_t doc = 0;
        std::uint8_t code = 0;
        for (std::uint32_t i = 0; i < t.df; ++i) {
          read_posting(p, doc, code, [&](std::uint32_t, std::uint32_t before, std::uint32_t after) {
            if (before != 0) seen[0].push_back(before);
            if (after != 0) seen[1].push_back(after);
          });
        }
        escapes.clear();
        for (int side = 0; side < 2; ++side) {
          auto& v = seen[static_cast<std::size_t>(side)];
          std::sort(v.begin(), v.end());
          std::vector<std::pair<std::uint32_t, std::uint32_t>> freq;  // (count, code)
          for (std::size_t i = 0; i < v.size();) {
            std::size_t j = i;
            while (j < v.size() && v[j] == v[i]) ++j;
            freq.emplace_back(static_cast<std::uint32_t>(j - i), v[i]);
            i = j;
          }
          std::sort(freq.begin(), freq.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
          });
          auto& idx = index[static_cast<std::size_t>(side)];
          idx.clear();
          const auto begin = static_cast<std::uint32_t>(data_.neighbours.size());
          for (std::size_t i = 0; i < freq.size(); ++i) {
            data_.neighbours.push_back(freq[i].second - 1);  // term id
            idx.emplace_back(freq[i].second, static_cast<std::uint32_t>(i + 1));
          }
          std::sort(idx.begin(), idx.end());
          if (side == 0) {
            term.prev = begin;
            term.prev_size = static_cast<std::uint32_t>(freq.size());
          } else {
            term.next = begin;
            term.next_size = static_cast<std::uint32_t>(freq.size());
          }
        }
      }
      auto index_of = [&](int side, std::uint32_t code) -> std::uint32_t {
        if (code == 0) return 0;
        const auto& idx = index[static_cast<std::size_t>(side)];
        return std::lower_bound(idx.begin(), idx.end(), std::pair{code, 0u})->second;
      };
      const std::uint8_t* p = t.bytes.data();
      std::uint32_t doc = 0;
      std::uint32_t prev_last = 0;
      for (std::uint32_t first = 0; first < t.df; first += kBlock) {
        const std::uint32_t m = std::min(kBlock, t.df - first);
        std::uint32_t max_delta = 0;
        std::uint32_t max_position = 0;
        std::array<std::uint32_t, 2> max_around{};
        escapes.clear();
        positions.clear();
        for (auto& v : around) v.clear();
        for (std::uint32_t i = 0; i < m; ++i) {
          read_posting(p, doc, codes[i],
                       [&](std::uint32_t v, std::uint32_t before, std::uint32_t after) {
                         positions.push_back(v);
                         max_position = std::max(max_position, v);
                         if (!t.bigram) return;
                         const std::uint32_t b = index_of(0, before);
                         const std::uint32_t a = index_of(1, after);
                         around[0].push_back(b);
                         around[1].push_back(a);
                         max_around[0] = std::max(max_around[0], b);
                         max_around[1] = std::max(max_around[1], a);
                       });
          docs[i] = doc;
          max_delta = std::max(max_delta, doc - (i == 0 ? prev_last : docs[i - 1]));
        }
        positions_ += positions.size();
        const std::uint64_t offset = out.size() - term.offset;
        if (offset > 0xFFFFFFFFu) {
          throw std::length_error("search index: the postings of a term exceed 4 GiB");
        }
        data_.skips.push_back(Skip{docs[m - 1], static_cast<std::uint32_t>(offset)});
        const std::uint32_t bd = static_cast<std::uint32_t>(std::bit_width(max_delta));
        const std::uint32_t bp = static_cast<std::uint32_t>(std::bit_width(max_position));
        const std::uint32_t bprev = static_cast<std::uint32_t>(std::bit_width(max_around[0]));
        const std::uint32_t bnext = static_cast<std::uint32_t>(std::bit_width(max_around[1]));
        out.push_back(static_cast<std::uint8_t>(bd));
        out.push_back(static_cast<std::uint8_t>(bp));
        out.push_back(escapes.empty() ? 0 : 1);
        out.push_back(static_cast<std::uint8_t>(bprev));
        out.push_back(static_cast<std::uint8_t>(bnext));
        pack(out, m, bd,
             [&](std::uint32_t i) { return docs[i] - (i == 0 ? prev_last : docs[i - 1]); });
        // The codes: the block's distinct codes, then each posting's index among them.
        std::array<std::uint8_t, kBlock> distinct{};
        std::copy(codes.begin(), codes.begin() + m, distinct.begin());
        std::sort(distinct.begin(), distinct.begin() + m);
        const auto c = static_cast<std::uint32_t>(
            std::unique(distinct.begin(), distinct.begin() + m) - distinct.begin());
        out.push_back(static_cast<std::uint8_t>(c));
        out.insert(out.end(), distinct.begin(), distinct.begin() + c);
        pack(out, m, static_cast<std::uint32_t>(std::bit_width(c - 1)), [&](std::uint32_t i) {
          return static_cast<std::uint32_t>(
              std::lower_bound(distinct.begin(), distinct.begin() + c, codes[i]) -
              distinct.begin());
        });
        out.insert(out.end(), escapes.begin(), escapes.end());
        const auto count = static_cast<std::uint32_t>(positions.size());
        pack(out, count, bp, [&](std::uint32_t i) { return positions[i]; });
        pack(out, static_cast<std::uint32_t>(around[0].size()), bprev,
             [&](std::uint32_t i) { return around[0][i]; });
        pack(out, static_cast<std::uint32_t>(around[1].size()), bnext,
             [&](std::uint32_t i) { return around[1][i]; });
        prev_last = docs[m - 1];
      }
      t.bytes = {};
    }
    out.resize(out.size() + kPostPadding, 0);
    out.shrink_to_fit();
    terms_ = {};
  }

  void resize(std::size_t n) {
    lengths_.assign(n, {});
    data_.fw.assign(n, {});
    data_.validity.assign(n, {});
    data_.amount_cap.assign(n, -1);
    data_.until_rank.assign(n, 0);
    data_.list_of.assign(n, 0);
    data_.facet_set.assign(n, 0);
    facet_start_.assign(n + 1, 0);
    data_.slot_offset.assign(n, 0);
  }

  std::size_t positions() const { return positions_; }

  // Appends m values of `bits` bits each (value(i) for i < m), little-endian bit order.
  template <typename Value>
  static void pack(std::vector<std::uint8_t>& out, std::uint32_t m, std::uint32_t bits,
                   Value&& value) {
    std::uint64_t acc = 0;
    std::uint32_t have = 0;
    for (std::uint32_t i = 0; i < m; ++i) {
      acc |= std::uint64_t{value(i)} << have;
      have += bits;
      while (have >= 8) {
        out.push_back(static_cast<std::uint8_t>(acc));
        acc >>= 8;
        have -= 8;
      }
    }
    if (have > 0) out.push_back(static_cast<std::uint8_t>(acc));
  }

 private:
  struct BuildTerm {
    std::vector<std::uint8_t> bytes;
    std::uint32_t last = 0;
    std::uint32_t df = 0;
    bool bigram = false;
    std::uint32_t words = kNoWords;  // a bigram: the group of words it starts (word_groups_)
  };
  static constexpr std::uint32_t kNoWords = 0xFFFFFFFFu;

  // A dictionary word indexed whole.
  struct IndexedWord {
    std::string text;
    std::vector<std::string> chars;
    std::vector<std::uint32_t> units;           // term id + 1 of each character, once all are terms
    std::uint32_t term = Index::Data::kNoTerm;  // once it occurs
  };

  // Whether word w stands at fp: its characters at the positions from there, each next to the
  // one before (a bigram starts at each position but the last).
  bool stands_at(IndexedWord& w, std::uint32_t fp) {
    if (w.units.empty()) {
      for (const std::string& c : w.chars) {
        const std::uint32_t id = data_.term(c);
        if (id == Index::Data::kNoTerm) {
          w.units.clear();
          return false;  // a character not seen yet
        }
        w.units.push_back(id + 1);
      }
    }
    const auto& units = forward_[field_of(fp)];
    const std::uint32_t p = fp & kPosMask;
    const std::size_t n = w.units.size();
    if (p + n > units.size()) return false;
    for (std::size_t i = 0; i < n; ++i) {
      if ((units[p + i] >> 1) != w.units[i] || (i + 1 < n && (units[p + i] & 1u) == 0)) {
        return false;
      }
    }
    return true;
  }

  // Adds the document's dictionary words (IndexedWord) to its entries, where their first
  // bigram stands.
  void add_words() {
    const std::size_t tokens = entries_.size();
    for (std::size_t i = 0; i < tokens; ++i) {
      const auto [term, fp] = entries_[i];
      const std::uint32_t group = terms_[term].words;
      if (group == kNoWords) continue;
      for (const std::uint32_t w : word_groups_[group]) {
        IndexedWord& word = words_[w];
        if (!stands_at(word, fp)) continue;
        if (word.term == Index::Data::kNoTerm) {
          word.term = static_cast<std::uint32_t>(terms_.size());
          data_.term_ids.emplace(word.text, word.term);
          terms_.emplace_back();
        }
        entries_.emplace_back(word.term, fp);
      }
    }
  }

  // Tokenizes one segment of a field from position first; returns the position after it.
  // keep_slots: record the segment's slots (mapped to raw bytes) in slots_.
  std::uint32_t add_segment(int field, const std::string& raw, std::uint32_t first,
                            bool keep_slots) {
    const text::NormalizedText nt = text::normalize(raw);
    unit_slots_.clear();
    index_tokens(nt.text, first, buffer_, tokens_, keep_slots ? &unit_slots_ : nullptr);
    if (keep_slots) {
      slots_.clear();
      for (const Slot& s : unit_slots_) {
        const auto [b, e] = s.begin == s.end
                                ? std::pair{nt.raw_offset(s.begin), nt.raw_offset(s.begin)}
                                : nt.raw_span(s.begin, s.end);
        slots_.push_back(Slot{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
      }
    }
    std::uint32_t last = first;
    auto& units = forward_[static_cast<std::size_t>(field)];
    for (const IndexToken& t : tokens_) {
      if (t.position > kPosMask) break;  // absurdly long field: the rest is not indexed
      auto it = data_.term_ids.find(t.term);
      if (it == data_.term_ids.end()) {
        it = data_.term_ids.emplace(std::string(t.term), static_cast<std::uint32_t>(terms_.size()))
                 .first;
        terms_.emplace_back();
        terms_.back().bigram = t.kind == TokenKind::bigram;
        if (terms_.back().bigram) {
          const auto group = word_groups_by_bigram_.find(t.term);
          if (group != word_groups_by_bigram_.end()) terms_.back().words = group->second;
        }
      }
      entries_.emplace_back(it->second,
                            (static_cast<std::uint32_t>(field) << kFieldShift) | t.position);
      last = std::max(last, t.position + 1);
      if (units.size() <= t.position) units.resize(t.position + 1, 0);
      if (t.kind == TokenKind::bigram) {
        units[t.position] |= 1u;
      } else {
        units[t.position] |= (it->second + 1) << 1;
      }
    }
    return tokens_.empty() ? first : last;
  }

  // Appends the slot map of the segment just added (slots_) to the document's.
  void add_slots() {
    encoded_.clear();
    std::uint32_t prev_end = 0;
    for (const Slot& s : slots_) {
      const std::int64_t gap = static_cast<std::int64_t>(s.begin) - prev_end;
      const std::uint32_t length = s.end - s.begin;
      if (gap >= 0 && gap < 7 && length < 32) {
        encoded_.push_back(static_cast<std::uint8_t>(gap * 32 + length));
      } else {
        encoded_.push_back(kSlotEscape);
        put_varint(encoded_, zigzag(gap));
        put_varint(encoded_, length);
      }
      prev_end = s.end;
    }
    put_varint(data_.slot_bytes, slots_.size());
    put_varint(data_.slot_bytes, encoded_.size());
    data_.slot_bytes.insert(data_.slot_bytes.end(), encoded_.begin(), encoded_.end());
  }

  void flush(std::uint32_t doc_id) {
    std::sort(entries_.begin(), entries_.end());
    for (std::size_t i = 0; i < entries_.size();) {
      const std::uint32_t term = entries_[i].first;
      std::size_t end = i;
      std::array<std::uint32_t, kFieldCount> count{};
      for (; end < entries_.size() && entries_[end].first == term; ++end) {
        ++count[field_of(entries_[end].second)];
      }
      BuildTerm& t = terms_[term];
      put_varint(t.bytes, doc_id - t.last);
      t.last = doc_id;
      ++t.df;
      int fields = 0;
      int field = 0;
      for (int f = 0; f < kFieldCount; ++f) {
        if (count[f] > 0) {
          ++fields;
          field = f;
        }
      }
      if (fields == 1 && count[field] <= kTfMaxSingle) {
        t.bytes.push_back(tf_code(field, count[field]));
      } else {
        t.bytes.push_back(kTfEscape);
        for (std::uint32_t c : count) put_varint(t.bytes, c);
      }
      std::uint32_t prev_field = kFieldCount;
      std::uint32_t prev = 0;
      for (; i < end; ++i) {
        const std::uint32_t fp = entries_[i].second;
        const std::uint32_t pos = fp & kPosMask;
        if (field_of(fp) != prev_field) {
          prev_field = field_of(fp);
          prev = 0;
        }
        put_varint(t.bytes, pos - prev);
        prev = pos;
        if (t.bigram) {
          // The characters around the bigram, as term id + 1 (0: no bigram there).
          const auto& units = forward_[field_of(fp)];
          put_varint(t.bytes, pos >= 1 && (units[pos - 1] & 1u) ? units[pos - 1] >> 1 : 0);
          put_varint(t.bytes, (units[pos + 1] & 1u) ? units[pos + 2] >> 1 : 0);
        }
      }
    }
  }

  Index::Data& data_;
  std::vector<BuildTerm> terms_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> entries_;
  std::vector<std::array<std::uint32_t, kFieldCount>> lengths_;
  std::unordered_map<std::string, std::uint32_t> list_ids_;
  std::string buffer_;
  std::vector<IndexToken> tokens_;
  std::vector<Slot> unit_slots_;
  std::vector<Slot> slots_;
  std::vector<std::uint8_t> encoded_;
  std::array<std::vector<std::uint32_t>, kFieldCount> forward_;
  std::vector<IndexedWord> words_;
  std::vector<std::vector<std::uint32_t>> word_groups_;  // word indexes sharing a first bigram
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>>
      word_groups_by_bigram_;
  std::size_t positions_ = 0;
  // Facet values per document (facet << 24 | value id, global ids after finish()), until
  // finish() turns them into shared sets.
  std::vector<std::uint32_t> facet_start_;
  std::vector<std::uint32_t> facet_ids_;
};

}  // namespace

const char* field_name(int field) {
  static const char* const names[] = {"title", "content", "basis", "departments", "facts"};
  return field >= 0 && field < kFieldCount ? names[field] : "";
}

const char* facet_name(int facet) {
  static const char* const names[] = {"category", "department", "document", "level", "beneficiary",
                                      "industry", "form",       "year",     "list"};
  return facet >= 0 && facet < kStoredFacetCount ? names[facet] : "";
}

std::int32_t date_number(const std::string& date) {
  if (date.empty()) return 0;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return -1;
  std::int32_t out = 0;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (date[i] < '0' || date[i] > '9') return -1;
    out = out * 10 + (date[i] - '0');
  }
  return out;
}

std::shared_ptr<const Index> Index::build(std::vector<Document> documents, Synonyms synonyms) {
  const auto start = std::chrono::steady_clock::now();
  auto data = std::make_unique<Data>();
  data->documents = std::move(documents);
  data->synonyms = std::move(synonyms);
  const std::size_t n = data->documents.size();
  if (n >= 0xFFFFFFFFu) throw std::length_error("search index: too many documents");
  std::size_t positions = 0;
  {
    Builder builder(*data);
    builder.resize(n);
    for (std::uint32_t d = 0; d < n; ++d) builder.add(d);
    builder.finish();
    positions = builder.positions();
  }
  data->term_text.resize(data->terms.size());
  for (const auto& [term, id] : data->term_ids) data->term_text[id] = term;
  data->neighbours.shrink_to_fit();
  data->slot_bytes.shrink_to_fit();
  data->set_values.shrink_to_fit();
  data->skips.shrink_to_fit();

  IndexStats& s = data->stats;
  s.documents = n;
  s.terms = data->terms.size();
  for (const auto& t : data->terms) s.postings += t.df;
  s.positions = positions;
  std::size_t bytes = bytes_of(data->post_bytes) + bytes_of(data->skips) + bytes_of(data->terms);
  for (const auto& [term, id] : data->term_ids) bytes += 48 + term.capacity();
  for (const auto& doc : data->documents) {
    const auto& item = doc.item;
    bytes += sizeof(Document) + item.title.capacity() + item.content.capacity() +
             item.basis.capacity() + item.departments.capacity() + item.category.capacity() +
             item.id.capacity();
  }
  bytes += bytes_of(data->fw) + bytes_of(data->validity) + bytes_of(data->amount_cap) +
           bytes_of(data->until_rank) + bytes_of(data->list_of) + bytes_of(data->facet_set) +
           bytes_of(data->set_start) + bytes_of(data->set_values) + bytes_of(data->facet_of) +
           bytes_of(data->slot_offset) + bytes_of(data->slot_bytes) + bytes_of(data->neighbours);
  s.memory_bytes = bytes;
#if defined(__GLIBC__)
  malloc_trim(0);  // give the build's scratch memory back to the system
#endif
  s.build_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return std::make_shared<const Index>(std::move(data));
}

Index::Index(std::unique_ptr<const Data> data) : data_(std::move(data)) {}
Index::~Index() = default;

std::size_t Index::size() const { return data_->documents.size(); }
const Document& Index::document(std::size_t i) const { return data_->documents.at(i); }
const IndexStats& Index::stats() const { return data_->stats; }

}  // namespace huiqi::search
