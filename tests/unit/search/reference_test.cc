// Search answers against references, on random requests over the bundled list and over a
// synthetic corpus made of its sentences with facts attached: the top k by score bounds against
// scoring and ranking every hit (TopK), a search split between two threads against one thread
// (SplitSearch), quoted phrases against a brute-force look through the text (PhraseMatch).
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "ingest/text_parser.h"
#include "search/fold.h"
#include "search/index.h"
#include "search/index_data.h"
#include "support/files.h"
#include "text/utf8.h"

namespace huiqi::search {
namespace {

using test_support::read_file;

std::uint64_t splitmix(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::vector<catalog::Item> liaoyang() {
  auto parsed = ingest::TextParser().parse(
      read_file(std::string(HUIQI_DEFAULT_DATA_DIR) + "/liaoyang-2023-07-31.txt"), "liaoyang");
  for (auto& i : parsed.items) i.id = catalog::make_item_id("liaoyang-2023-07-31", i.seq);
  return parsed.items;
}

// Items recombined from the list's sentences (many near-duplicates, so many equal scores), with
// facts for the facets, filters and sorts.
std::vector<Document> synthetic(const std::vector<catalog::Item>& base, std::size_t n) {
  std::vector<std::string> pool;
  for (const auto& item : base) {
    const std::string& c = item.content;
    std::size_t start = 0;
    for (std::size_t i = 0; i < c.size();) {
      const bool end = c.compare(i, 3, "。") == 0 || c.compare(i, 3, "；") == 0;
      i += end ? 3 : 1;
      if (end || i >= c.size()) {
        if (i > start) pool.push_back(c.substr(start, i - start));
        start = i;
      }
    }
  }
  static const char* const kForms[] = {"补贴", "贴息", "减免", "缓缴", "担保"};
  static const char* const kUntil[] = {"", "2022-12-31", "2023-07-31", "2024-06-30", "2023-08"};
  std::uint64_t seed = 7;
  std::vector<Document> out;
  for (std::size_t k = 0; k < n; ++k) {
    Document d;
    catalog::Item& item = d.item;
    item.seq = static_cast<int>(k + 1);
    item.id = (k % 3 == 0 ? "other/" : "synthetic/") + std::to_string(k + 1);
    const auto& a = base[splitmix(seed) % base.size()];
    item.title = a.title;
    item.category = a.category;
    item.basis = base[splitmix(seed) % base.size()].basis;
    item.departments = base[splitmix(seed) % base.size()].departments;
    const std::size_t count = 1 + splitmix(seed) % 5;
    for (std::size_t i = 0; i < count; ++i) item.content += pool[splitmix(seed) % pool.size()];
    d.facts.forms.push_back({kForms[splitmix(seed) % 5], "", {}});
    d.facts.valid_until = kUntil[splitmix(seed) % 5];
    if (splitmix(seed) % 4 == 0) d.facts.valid_from = "2023-01-01";
    d.facts.amounts.push_back({"cap",
                               "amount",
                               static_cast<double>(splitmix(seed) % 4) * 100,
                               std::nullopt,
                               "万元",
                               "",
                               "",
                               {}});
    out.push_back(std::move(d));
  }
  return out;
}

// A random piece of an item's text, 1–6 characters, without query syntax characters.
std::string piece_of(const std::vector<Document>& docs, std::uint64_t& seed) {
  const auto& it = docs[splitmix(seed) % docs.size()].item;
  const std::string* fields[] = {&it.title, &it.content, &it.content, &it.departments, &it.basis};
  const std::string& s = *fields[splitmix(seed) % 5];
  std::vector<std::size_t> cuts{0};
  for (std::size_t p = 0; p < s.size();) {
    text::decode_utf8(s, p);
    cuts.push_back(p);
  }
  if (cuts.size() < 2) return "补贴";
  const std::size_t chars = cuts.size() - 1;
  const std::size_t len = 1 + splitmix(seed) % std::min<std::size_t>(6, chars);
  const std::size_t start = splitmix(seed) % (chars - len + 1);
  std::string out = s.substr(cuts[start], cuts[start + len] - cuts[start]);
  for (char& c : out) {
    if (c == ' ' || c == '"' || c == '-' || c == ':') c = 'x';
  }
  return out;
}

SearchRequest random_request(const std::vector<Document>& docs, std::uint64_t& seed) {
  static const char* const kFields[] = {"title:", "content:", "basis:", "departments:", "facts:"};
  static const char* const kSorts[] = {"", "", "", "amount", "valid_until", "seq"};
  SearchRequest r;
  r.as_of = splitmix(seed) % 2 == 0 ? "2023-07-31" : "2022-06-01";
  const std::size_t terms = 1 + splitmix(seed) % 4;
  for (std::size_t t = 0; t < terms; ++t) {
    if (!r.query.empty()) r.query += ' ';
    std::string p = piece_of(docs, seed);
    switch (splitmix(seed) % 8) {
      case 0:
        p = "-" + p;
        break;
      case 1:
        p = "\"" + p + "\"";
        break;
      case 2:
        p = kFields[splitmix(seed) % 5] + p;
        break;
      case 3:
        p += piece_of(docs, seed);  // a longer word across the two
        break;
      default:
        break;
    }
    r.query += p;
  }
  r.sort = kSorts[splitmix(seed) % 6];
  r.offset = splitmix(seed) % 4 == 0 ? splitmix(seed) % 15 : 0;
  r.limit = 1 + splitmix(seed) % 25;
  if (splitmix(seed) % 5 == 0) r.filters = {{"status", "active"}};
  if (splitmix(seed) % 7 == 0) r.filters.push_back({"form", "补贴"});
  return r;
}

std::string dump(const SearchResult& result) {
  auto j = to_json(result);
  j.erase("took_ms");
  return j.dump();
}

std::string describe(const SearchRequest& r) {
  return r.query + " | sort " + r.sort + " | offset " + std::to_string(r.offset) + " limit " +
         std::to_string(r.limit) + " | as_of " + r.as_of;
}

SearchResult exhaustive(const Index& index, const SearchRequest& r) {
  detail::exhaustive_ranking = true;
  SearchResult out = index.search(r);
  detail::exhaustive_ranking = false;
  return out;
}

TEST(TopK, EqualsRankingEveryHitOnRandomRequests) {
  const auto items = liaoyang();
  std::vector<Document> list_docs;
  for (const auto& item : items) list_docs.push_back({item, {}});
  const auto small = Index::build(list_docs);
  const std::vector<Document> synth = synthetic(items, 3000);
  const auto large = Index::build(synth);
  std::uint64_t seed = 2024;
  std::size_t with_hits = 0;
  for (int round = 0; round < 400; ++round) {
    const bool on_large = round % 2 == 1;
    const Index& index = on_large ? *large : *small;
    const SearchRequest r = random_request(on_large ? synth : list_docs, seed);
    const SearchResult pruned = index.search(r);
    ASSERT_EQ(dump(pruned), dump(exhaustive(index, r))) << describe(r);
    with_hits += pruned.hits.empty() ? 0 : 1;
  }
  EXPECT_GT(with_hits, 150u);  // the requests do find things
}

// On this thread, every search that can be split is (whatever its size), until destroyed.
struct SplitAlways {
  std::size_t documents = detail::parallel_min_documents;
  std::size_t postings = detail::parallel_min_postings;
  SplitAlways() { detail::parallel_min_documents = detail::parallel_min_postings = 0; }
  ~SplitAlways() {
    detail::parallel_min_documents = documents;
    detail::parallel_min_postings = postings;
  }
  SplitAlways(const SplitAlways&) = delete;
  SplitAlways& operator=(const SplitAlways&) = delete;
};

// A search split between two threads (each its half of the documents) answers exactly what
// one thread does: hits, order, scores, totals, facets and highlights.
TEST(SplitSearch, TwoThreadsGiveWhatOneGives) {
  const std::vector<Document> synth = synthetic(liaoyang(), 3000);
  const auto index = Index::build(synth);
  std::uint64_t seed = 77;
  const SplitAlways split_always;
  const std::size_t split_before = detail::split_searches;
  std::size_t with_hits = 0;
  for (int round = 0; round < 300; ++round) {
    SearchRequest r = random_request(synth, seed);
    if (round % 10 == 0) r.query.clear();  // every item, in halves
    detail::parallel_search = false;
    const SearchResult one = index->search(r);
    detail::parallel_search = true;
    const SearchResult two = index->search(r);
    ASSERT_EQ(dump(two), dump(one)) << describe(r);
    with_hits += one.hits.empty() ? 0 : 1;
  }
  const std::size_t split = detail::split_searches - split_before;
  EXPECT_GT(with_hits, 100u);
  // The helper is free between these searches unless another test holds it: most were split.
  if (std::thread::hardware_concurrency() > 1) {
    EXPECT_GT(split, 250u);
  }
}

// Concurrent searches compete for the one helper: whoever gets it splits, the others run
// alone, and every answer is still the one-thread answer.
TEST(SplitSearch, ConcurrentSearchesShareTheHelper) {
  const std::vector<Document> synth = synthetic(liaoyang(), 2000);
  const auto index = Index::build(synth);
  std::uint64_t seed = 99;
  std::vector<SearchRequest> requests;
  std::vector<std::string> expected;
  detail::parallel_search = false;
  for (int i = 0; i < 120; ++i) {
    requests.push_back(random_request(synth, seed));
    expected.push_back(dump(index->search(requests.back())));
  }
  detail::parallel_search = true;
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const SplitAlways split_always;
      for (std::size_t i = static_cast<std::size_t>(t); i < requests.size(); i += 2) {
        if (dump(index->search(requests[i])) != expected[i])
          ++mismatches[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(TopK, PagesAreSlicesOfTheWholeRanking) {
  const std::vector<Document> synth = synthetic(liaoyang(), 2000);
  const auto index = Index::build(synth);
  for (const char* q : {"补贴", "小微企业 贷款", "社保 缓缴", "企业", "", "就业 -补贴"}) {
    for (const char* sort : {"", "amount", "valid_until", "seq"}) {
      SearchRequest all;
      all.query = q;
      all.as_of = "2023-07-31";
      all.sort = sort;
      all.limit = 1000;
      all.highlight = false;
      const auto whole = index->search(all);
      for (std::size_t offset : {0u, 1u, 7u, 30u}) {
        SearchRequest page = all;
        page.offset = offset;
        page.limit = 10;
        const auto part = index->search(page);
        EXPECT_EQ(part.total, whole.total) << q;
        for (std::size_t i = 0; i < part.hits.size(); ++i) {
          ASSERT_LT(offset + i, whole.hits.size()) << q;
          EXPECT_EQ(part.hits[i].id, whole.hits[offset + i].id)
              << q << " " << sort << " " << offset;
          EXPECT_EQ(part.hits[i].score, whole.hits[offset + i].score) << q;
        }
        EXPECT_EQ(
            part.hits.size(),
            std::min<std::size_t>(10, whole.hits.size() > offset ? whole.hits.size() - offset : 0))
            << q;
      }
    }
  }
}

TEST(TopK, ThreadsInterleavingDifferentRequestsAgree) {
  const auto items = liaoyang();
  const std::vector<Document> synth = synthetic(items, 1500);
  const auto index = Index::build(synth);
  std::uint64_t seed = 99;
  std::vector<SearchRequest> requests;
  for (int i = 0; i < 40; ++i) requests.push_back(random_request(synth, seed));
  std::vector<std::string> expected;
  for (const auto& r : requests) expected.push_back(dump(index->search(r)));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int rep = 0; rep < 3; ++rep) {
        for (std::size_t i = 0; i < requests.size(); ++i) {
          const std::size_t k = (i * 7 + static_cast<std::size_t>(t) * 13 + rep) % requests.size();
          if (dump(index->search(requests[k])) != expected[k]) ++mismatches[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(TopK, PhrasesAcrossPunctuationAndNumbers) {
  std::vector<Document> docs;
  auto add = [&](int seq, const std::string& title, const std::string& content) {
    Document d;
    d.item.id = "t/" + std::to_string(seq);
    d.item.seq = seq;
    d.item.title = title;
    d.item.content = content;
    d.item.category = "其他";
    docs.push_back(std::move(d));
  };
  add(1, "房，租", "免收房租3个月。");
  add(2, "房租", "房 租 分开写。");
  add(3, "社会保险费", "缴纳社会保险费和社会保险。");
  add(4, "社会保险", "社会 保险费");
  add(5, "A房B", "5年内 2020年");
  const auto index = Index::build(docs);
  auto seqs = [&](const std::string& q) {
    SearchRequest r;
    r.query = q;
    r.as_of = "2023-07-31";
    std::vector<int> out;
    for (const auto& h : index->search(r).hits) {
      if (!h.weak) out.push_back(h.seq);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(seqs("\"房，租\""), (std::vector<int>{1}));  // 房@0 租@2 only where 房，租 stands
  EXPECT_EQ(seqs("\"房、租\""), (std::vector<int>{1}));
  EXPECT_EQ(seqs("\"社会保险费\""), (std::vector<int>{3}));
  EXPECT_EQ(seqs("\"社会保险\""), (std::vector<int>{3, 4}));
  EXPECT_EQ(seqs("\"会保险\""), (std::vector<int>{3, 4}));
  EXPECT_EQ(seqs("3个月"), (std::vector<int>{1}));
  EXPECT_EQ(seqs("5年"), (std::vector<int>{5}));
  EXPECT_EQ(seqs("a房b"), (std::vector<int>{5}));
}

// A space between two characters takes no position but parts them: a quoted phrase must not
// match where a space stands at any of its junctions, whichever bigrams the match is anchored on.
TEST(PhraseMatch, ASpaceAtAnyJunctionPartsThePhrase) {
  for (const std::string phrase :
       {"延期还本付息", "创业担保贷款", "个体工商户", "人力资源社会保障局"}) {
    std::vector<std::string> chars;
    for (std::size_t i = 0; i < phrase.size(); i += 3) chars.push_back(phrase.substr(i, 3));
    std::vector<Document> docs;
    auto add = [&](const std::string& content) {
      Document d;
      d.item.seq = static_cast<int>(docs.size()) + 1;
      d.item.id = "t/" + std::to_string(d.item.seq);
      d.item.title = "事项";
      d.item.content = content;
      d.item.category = "其他";
      docs.push_back(std::move(d));
    };
    add("办理" + phrase + "业务");  // seq 1: the phrase whole
    for (std::size_t cut = 1; cut < chars.size(); ++cut) {
      std::string parted;
      for (std::size_t i = 0; i < chars.size(); ++i) parted += (i == cut ? " " : "") + chars[i];
      add("办理" + parted + "业务");
    }
    const auto index = Index::build(docs);
    SearchRequest r;
    r.query = "\"" + phrase + "\"";
    r.as_of = "2023-07-31";
    std::vector<int> found;
    for (const auto& h : index->search(r).hits) {
      if (!h.weak) found.push_back(h.seq);
    }
    EXPECT_EQ(found, (std::vector<int>{1})) << phrase;
  }
}

// A CJK piece of 2–8 characters of an item's title or content (canonical, as the index holds
// it), or empty when the text there is not a run of Chinese characters that long.
std::string cjk_piece(const std::vector<Document>& docs, std::uint64_t& seed, bool title) {
  const auto& item = docs[splitmix(seed) % docs.size()].item;
  const std::string text = canonical(title ? item.title : item.content);
  std::vector<std::size_t> cuts{0};
  for (std::size_t p = 0; p < text.size();) {
    text::decode_utf8(text, p);
    cuts.push_back(p);
  }
  const std::size_t chars = cuts.size() - 1;
  if (chars < 2) return {};
  const std::size_t len = 2 + splitmix(seed) % std::min<std::size_t>(7, chars - 1);
  const std::size_t start = splitmix(seed) % (chars - len + 1);
  for (std::size_t c = start; c < start + len; ++c) {
    std::size_t p = cuts[c];
    const char32_t cp = text::decode_utf8(text, p);
    if (cp < 0x4E00 || cp > 0x9FFF) return {};
  }
  return text.substr(cuts[start], cuts[start + len] - cuts[start]);
}

// A quoted phrase in one field is found in exactly the items whose text there holds it, however
// the phrase is proved (one bigram with its neighbours, or several lists aligned by position),
// on one thread and split between two; two pieces joined are not found where they stand apart.
// Quoted phrases in the title or the content of 3,000 synthetic items, checked against the items'
// canonical text.
class PhraseChecker {
 public:
  PhraseChecker() : docs_(synthetic(liaoyang(), 3000)), index_(Index::build(docs_)) {
    for (const auto& d : docs_) {
      titles_.push_back(canonical(d.item.title));
      contents_.push_back(canonical(d.item.content));
    }
  }
  const std::vector<Document>& docs() const { return docs_; }

  // Expects the quoted phrase to find exactly the items whose title (or content) holds it, on
  // one thread and split between two; returns their number.
  std::size_t check(const std::string& phrase, bool title) const {
    std::size_t holding = 0;
    for (const auto& t : title ? titles_ : contents_) {
      holding += t.find(phrase) != std::string::npos ? 1 : 0;
    }
    SearchRequest r;
    r.query = std::string(title ? "title:" : "content:") + "\"" + phrase + "\"";
    r.as_of = "2023-07-31";
    r.limit = 0;
    const SearchResult one = index_->search(r);
    EXPECT_EQ(one.strong, holding) << r.query;
    EXPECT_EQ(one.total, holding) << r.query;
    const SplitAlways split_always;
    EXPECT_EQ(index_->search(r).strong, holding) << r.query << " (split)";
    return holding;
  }

 private:
  std::vector<Document> docs_;
  std::shared_ptr<const Index> index_;
  std::vector<std::string> titles_;
  std::vector<std::string> contents_;
};

// The dictionary's words of three characters or more are indexed whole: each must find exactly
// the items holding it.
TEST(PhraseMatch, DictionaryWordsFindExactlyTheItemsHoldingThem) {
  const PhraseChecker checker;
  std::size_t found = 0;
  const Synonyms synonyms = Synonyms::bundled();
  for (const std::string& word : synonyms.words()) {
    if (text::count_code_points(word) < 3) continue;
    for (const bool title : {true, false}) found += checker.check(word, title) > 0 ? 1 : 0;
  }
  EXPECT_GE(found, 20u);  // (the check means something only for words the items hold)
}

TEST(PhraseMatch, QuotedPhrasesFindExactlyTheItemsHoldingThem) {
  const PhraseChecker checker;
  std::uint64_t seed = 4754;
  std::size_t checked = 0;
  for (int round = 0; round < 600 || checked < 300; ++round) {
    ASSERT_LT(round, 5000);
    const bool title = round % 3 == 0;
    std::string phrase = cjk_piece(checker.docs(), seed, title);
    if (round % 4 == 3) {  // two pieces joined: mostly found apart only, or nowhere
      const std::string more = cjk_piece(checker.docs(), seed, title);
      phrase = phrase.substr(0, 9) + more.substr(0, 9);
    }
    if (phrase.size() < 6) continue;
    checker.check(phrase, title);
    ++checked;
  }
}

}  // namespace
}  // namespace huiqi::search
