// Search over the bundled Liaoyang list and over hand-made documents.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "base/error.h"
#include "ingest/text_parser.h"
#include "search/fold.h"
#include "search/index.h"
#include "search/query.h"
#include "support/files.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace huiqi::search {
namespace {

using test_support::read_file;

struct Judged {
  std::string query;
  std::map<int, int> grades;
};

// The judged development queries (../shared/eval/dev-queries.tsv), read, not copied.
std::vector<Judged> dev_queries() {
  std::vector<Judged> out;
  std::istringstream in(read_file(std::string(HUIQI_TEST_SHARED_DIR) + "/eval/dev-queries.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    Judged j{line.substr(0, tab), {}};
    std::istringstream grades(line.substr(tab + 1));
    std::string g;
    while (grades >> g) {
      const auto colon = g.find(':');
      j.grades[std::stoi(g.substr(0, colon))] = std::stoi(g.substr(colon + 1));
    }
    out.push_back(std::move(j));
  }
  return out;
}

class Liaoyang : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto parsed = ingest::TextParser().parse(
        read_file(std::string(HUIQI_DEFAULT_DATA_DIR) + "/liaoyang-2023-07-31.txt"), "liaoyang");
    items_ = parsed.items;
    for (auto& i : items_) i.id = catalog::make_item_id("liaoyang-2023-07-31", i.seq);
    std::vector<Document> docs;
    for (const auto& item : items_) docs.push_back({item, {}});
    index_ = Index::build(std::move(docs));
  }

  static SearchResult run(const std::string& query, std::size_t limit = 10) {
    SearchRequest req;
    req.query = query;
    req.as_of = "2023-07-31";
    req.limit = limit;
    return index_->search(req);
  }

  static std::vector<int> seqs(const SearchResult& r) {
    std::vector<int> out;
    for (const auto& h : r.hits) out.push_back(h.seq);
    return out;
  }

  static const catalog::Item& item(int seq) {
    return *std::find_if(items_.begin(), items_.end(), [&](const auto& i) { return i.seq == seq; });
  }

  static std::vector<catalog::Item> items_;
  static std::shared_ptr<const Index> index_;
};
std::vector<catalog::Item> Liaoyang::items_;
std::shared_ptr<const Index> Liaoyang::index_;

TEST_F(Liaoyang, IndexesAllItems) {
  EXPECT_EQ(index_->size(), 130u);
  EXPECT_GT(index_->stats().terms, 1000u);
  EXPECT_GT(index_->stats().memory_bytes, 0u);
}

TEST_F(Liaoyang, DevQueriesFindEveryExactAnswerInTheTopTen) {
  const auto judged = dev_queries();
  ASSERT_FALSE(judged.empty());
  for (const auto& j : judged) {
    const auto top = seqs(run(j.query));
    ASSERT_FALSE(top.empty()) << j.query;
    EXPECT_TRUE(j.grades.count(top.front())) << j.query << ": first hit " << top.front();
    for (const auto& [seq, grade] : j.grades) {
      if (grade < 2) continue;
      EXPECT_NE(std::find(top.begin(), top.end(), seq), top.end())
          << j.query << ": " << seq << " not in the top 10";
    }
  }
}

TEST_F(Liaoyang, StrongHitsComeBeforeWeakOnes) {
  for (const char* q : {"职业技能培训", "小微企业 贷款", "社保 缓缴", "消费补贴"}) {
    const auto r = run(q, 100);
    bool seen_weak = false;
    for (const auto& h : r.hits) {
      if (h.weak) seen_weak = true;
      EXPECT_FALSE(seen_weak && !h.weak) << q << ": strong hit " << h.id << " after a weak one";
    }
    EXPECT_EQ(r.strong, static_cast<std::size_t>(std::count_if(
                            r.hits.begin(), r.hits.end(), [](const Hit& h) { return !h.weak; })));
  }
}

TEST_F(Liaoyang, NothingRelevantGivesNoHitsOrOnlyWeakOnes) {
  for (const char* q : {"火箭发射卫星", "量子计算机", "xyzzy", "😀"}) {
    const auto r = run(q, 100);
    EXPECT_EQ(r.strong, 0u) << q;
    for (const auto& h : r.hits) EXPECT_TRUE(h.weak) << q << ": " << h.id;
  }
}

// A word of the query that the list has nowhere (火星, 量子) leaves the items holding the rest
// of it as weak hits only: they answer part of the wording.
TEST_F(Liaoyang, AWordFoundNowhereLeavesTheRestWeak) {
  for (const char* q : {"火星企业", "量子补贴", "企业火星"}) {
    const auto r = run(q, 200);
    EXPECT_GT(r.total, 0u) << q;
    EXPECT_EQ(r.strong, 0u) << q;
  }
  EXPECT_GT(run("企业").strong, 0u);
}

// Two words typed together, one of which the lists write otherwise (个体户 → 个体工商户), are
// read as the two words.
TEST_F(Liaoyang, ADictionaryWordTypedInACompoundIsReadApart) {
  const auto together = run("个体户贷款", 200);
  const auto apart = run("个体户 贷款", 200);
  EXPECT_GT(together.strong, 0u);
  EXPECT_EQ(together.strong, apart.strong);
  EXPECT_EQ(seqs(together), seqs(apart));
}

TEST_F(Liaoyang, TraditionalCharactersFindTheSameItems) {
  EXPECT_EQ(seqs(run("個體工商戶", 200)), seqs(run("个体工商户", 200)));
  EXPECT_FALSE(run("個體工商戶").hits.empty());
}

TEST_F(Liaoyang, AliasesFindTheFullDepartmentName) {
  const auto r = run("人社局", 200);
  const auto hit_seqs = seqs(r);
  const std::set<int> found(hit_seqs.begin(), hit_seqs.end());
  std::size_t naming = 0;
  for (const auto& i : items_) {
    if (i.departments.find("市人力资源社会保障局") == std::string::npos) continue;
    ++naming;
    EXPECT_TRUE(found.count(i.seq)) << i.seq;
  }
  EXPECT_GT(naming, 5u);
  for (const auto& h : r.hits) EXPECT_FALSE(h.weak) << h.id;
}

TEST_F(Liaoyang, SynonymsWidenAQuery) {
  // 个体户 is not written in the list; 个体工商户 is.
  const auto r = run("个体户");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_FALSE(r.hits.front().weak);
}

TEST_F(Liaoyang, EmptyQueryReturnsEverythingWithFacets) {
  const auto r = run("", 5);
  EXPECT_EQ(r.total, 130u);
  EXPECT_EQ(r.hits.size(), 5u);
  std::size_t sum = 0;
  for (const auto& f : r.facets.at("category")) sum += f.count;
  EXPECT_EQ(sum, 130u);
  EXPECT_EQ(seqs(r), (std::vector<int>{1, 2, 3, 4, 5}));
}

TEST_F(Liaoyang, LongQueriesAreRejectedNamingTheField) {
  SearchRequest req;
  req.query = std::string(10000, 'a');
  try {
    index_->search(req);
    FAIL() << "no error";
  } catch (const UserError& e) {
    EXPECT_EQ(e.where().field, "query");
  }
  std::string cjk;
  for (int i = 0; i < 10000; ++i) cjk += "房";
  req.query = cjk;
  EXPECT_THROW(index_->search(req), UserError);
  // 1000 characters are fine.
  req.query = std::string(1000, 'a');
  EXPECT_NO_THROW(index_->search(req));
}

TEST_F(Liaoyang, BadRequestsNameTheField) {
  auto field_of = [](const SearchRequest& req) {
    try {
      index_->search(req);
    } catch (const UserError& e) {
      return e.where().field;
    }
    return std::string("(no error)");
  };
  SearchRequest req;
  req.as_of = "2023-02-30";
  EXPECT_EQ(field_of(req), "as_of");
  req.as_of = "yesterday";
  EXPECT_EQ(field_of(req), "as_of");
  req.as_of = "2023-07-31";
  req.filters = {{"colour", "red"}};
  EXPECT_EQ(field_of(req), "filters");
  req.filters = {{"status", "sleeping"}};
  EXPECT_EQ(field_of(req), "status");
  req.filters = {};
  req.sort = "random";
  EXPECT_EQ(field_of(req), "sort");
  req.sort = "";
  req.query = "colour:red";
  EXPECT_EQ(field_of(req), "query");
  req.query = "";
  req.limit = 100000;
  EXPECT_EQ(field_of(req), "limit");
}

TEST_F(Liaoyang, FacetCountsEqualABruteForceCount) {
  for (const char* q : {"", "贷款", "房租", "社保 缓缴", "补贴 -疫情"}) {
    const auto all = run(q, 1000);
    ASSERT_EQ(all.hits.size(), all.total) << q;
    std::map<std::string, std::size_t> category;
    for (const auto& h : all.hits) ++category[h.category];
    std::map<std::string, std::size_t> facet;
    for (const auto& f : all.facets.at("category")) facet[f.value] = f.count;
    EXPECT_EQ(facet, category) << q;
    std::size_t status_sum = 0;
    for (const auto& f : all.facets.at("status")) status_sum += f.count;
    EXPECT_EQ(status_sum, all.total) << q;
  }
}

TEST_F(Liaoyang, FilterNarrowsHitsAndKeepsItsOwnFacetOpen) {
  const auto all = run("补贴", 1000);
  SearchRequest req;
  req.query = "补贴";
  req.as_of = "2023-07-31";
  req.limit = 1000;
  req.filters = {{"category", "金融资金支持"}};
  const auto filtered = index_->search(req);
  std::size_t expected = 0;
  for (const auto& h : all.hits) expected += h.category == "金融资金支持" ? 1 : 0;
  EXPECT_EQ(filtered.total, expected);
  for (const auto& h : filtered.hits) EXPECT_EQ(h.category, "金融资金支持");
  // The category facet still counts the other categories (ignoring its own filter).
  EXPECT_EQ(filtered.facets.at("category"), all.facets.at("category"));
  // The same filter written in the query.
  EXPECT_EQ(run("补贴 category:金融资金支持", 1000).total, expected);
}

TEST_F(Liaoyang, ExclusionAndFieldRestriction) {
  for (const auto& h : run("补贴 -疫情", 200).hits) {
    const auto& i = item(h.seq);
    const std::string all =
        canonical(i.title + " " + i.content + " " + i.basis + " " + i.departments);
    EXPECT_EQ(all.find("疫情"), std::string::npos) << h.id;
  }
  // Only title matches count (贴息 or its synonyms 利息补贴, 财政贴息).
  const auto r = run("title:贴息", 200);
  ASSERT_FALSE(r.hits.empty());
  for (const auto& h : r.hits) {
    ASSERT_TRUE(h.highlights.count("title")) << h.id;
    EXPECT_EQ(h.highlights.size(), 1u) << h.id;
  }
  EXPECT_LT(r.total, run("贴息", 200).total);
}

TEST_F(Liaoyang, QuotedPhraseNeedsTheWordsTogether) {
  const auto phrase = run("\"稳岗返还\"", 200);
  ASSERT_FALSE(phrase.hits.empty());
  for (const auto& h : phrase.hits) {
    const auto& i = item(h.seq);
    EXPECT_NE(canonical(i.title + i.content).find("稳岗返还"), std::string::npos) << h.id;
    EXPECT_FALSE(h.weak);
  }
}

// 一次性补贴 is mostly written with words between (一次性吸纳就业补贴): those items are found
// too, after the ones with the whole word.
TEST_F(Liaoyang, AWordIsAlsoFoundWrittenApart) {
  const auto r = run("一次性补贴", 50);
  bool apart_seen = false;
  std::size_t apart = 0;
  for (const auto& h : r.hits) {
    const std::string text = canonical(item(h.seq).title + item(h.seq).content);
    const bool whole = text.find("一次性补贴") != std::string::npos;
    if (!whole) {
      EXPECT_NE(text.find("一次性"), std::string::npos) << h.id;
      EXPECT_NE(text.find("补贴"), std::string::npos) << h.id;
      apart_seen = true;
      ++apart;
    } else {
      EXPECT_FALSE(apart_seen) << h.id << " (with the whole word) after one without it";
    }
  }
  EXPECT_GE(apart, 3u);
  EXPECT_LT(apart, r.hits.size());
  // Quoted, the whole word only.
  for (const auto& h : run("\"一次性补贴\"", 50).hits) {
    EXPECT_NE(canonical(item(h.seq).title + item(h.seq).content).find("一次性补贴"),
              std::string::npos);
  }
}

// A question typed without spaces is read as its words: the same hits, in the same order, as
// the words typed apart. Dictionary words stay whole (个体户, though the list writes 个体工商户),
// and the words of the question itself (怎么, 申请, 什么, 能) are left out.
TEST_F(Liaoyang, AQuestionWithoutSpacesIsReadAsItsWords) {
  const std::pair<const char*, const char*> cases[] = {
      {"餐饮企业房租减免", "餐饮 企业 房租 减免"},
      {"小微企业贷款贴息怎么申请", "小微企业 贷款 贴息"},
      {"我是个体户能享受什么补贴", "个体户 补贴"},
      {"疫情期间房租能减免吗", "疫情 期间 房租 减免"},
  };
  for (const auto& [question, words] : cases) {
    const auto asked = run(question, 50);
    const auto typed = run(words, 50);
    EXPECT_FALSE(asked.hits.empty()) << question;
    EXPECT_EQ(seqs(asked), seqs(typed)) << question;
    EXPECT_EQ(asked.total, typed.total) << question;
  }
  // A word that is not a sentence stays one word.
  EXPECT_EQ(seqs(run("延期还本付息", 50)), seqs(run("\"延期还本付息\"", 50)));
}

TEST_F(Liaoyang, HighlightsMapToTheRawTextExactly) {
  for (const char* q : {"房租", "社保 缓缴", "5G", "200万元", "人社局"}) {
    const auto r = run(q);
    ASSERT_FALSE(r.hits.empty()) << q;
    for (const auto& h : r.hits) {
      const auto& i = item(h.seq);
      const std::map<std::string, const std::string*> raw = {{"title", &i.title},
                                                             {"content", &i.content},
                                                             {"basis", &i.basis},
                                                             {"departments", &i.departments}};
      EXPECT_FALSE(h.highlights.empty()) << q << " " << h.id;
      for (const auto& [field, hl] : h.highlights) {
        const std::string& text = *raw.at(field);
        std::set<std::string> marked;
        for (const auto& [b, e] : hl.spans) {
          ASSERT_LT(b, e);
          ASSERT_LE(e, text.size());
          const std::string m = text.substr(b, e - b);
          EXPECT_TRUE(text::is_valid_utf8(m)) << q << " " << h.id;
          marked.insert(m);
        }
        // Every «…» in the snippet shows the raw bytes of one of the spans.
        for (std::size_t at = hl.snippet.find("«"); at != std::string::npos;
             at = hl.snippet.find("«", at + 1)) {
          const std::size_t close = hl.snippet.find("»", at);
          ASSERT_NE(close, std::string::npos);
          const std::string m = hl.snippet.substr(at + 2, close - at - 2);
          EXPECT_TRUE(marked.count(m)) << q << " " << h.id << " " << field << ": " << m;
        }
      }
    }
  }
  // For a plain word, what is marked is the word or one of its synonyms, as written.
  const std::set<std::string> wordings = {"房租", "租金", "房屋租金", "租赁费"};
  for (const auto& h : run("房租").hits) {
    const auto& i = item(h.seq);
    for (const auto& [field, hl] : h.highlights) {
      const std::string& text = field == "title"     ? i.title
                                : field == "content" ? i.content
                                : field == "basis"   ? i.basis
                                                     : i.departments;
      for (const auto& [b, e] : hl.spans) {
        EXPECT_TRUE(wordings.count(text.substr(b, e - b))) << h.id << ": " << text.substr(b, e - b);
      }
    }
  }
}

TEST_F(Liaoyang, SnippetsAreShort) {
  for (const auto& h : run("贷款").hits) {
    for (const auto& [field, hl] : h.highlights) {
      // ~80 characters plus marks and ellipses.
      EXPECT_LE(text::normalize(hl.snippet).text.size(), 3u * 80 + 40) << h.id;
    }
  }
}

TEST_F(Liaoyang, JsonAndTextOutput) {
  const auto r = run("房租");
  const auto j = to_json(r);
  EXPECT_EQ(j.at("total"), r.total);
  ASSERT_FALSE(j.at("hits").empty());
  const auto& h = j.at("hits").at(0);
  for (const char* key : {"id", "list", "seq", "title", "score", "highlights", "status", "weak"}) {
    EXPECT_TRUE(h.contains(key)) << key;
  }
  EXPECT_EQ(h.at("list"), "liaoyang-2023-07-31");
  EXPECT_TRUE(j.at("facets").contains("category"));
  const std::string text = to_text(r);
  EXPECT_NE(text.find(r.hits.front().title), std::string::npos);
  EXPECT_NE(text.find("«"), std::string::npos);
}

TEST_F(Liaoyang, ConcurrentSearchesAgree) {
  const auto expected = seqs(run("小微企业 贷款"));
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (seqs(run("小微企业 贷款")) != expected) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// Hand-made documents with facts.
catalog::Item make_item(int seq, std::string title, std::string content) {
  catalog::Item i;
  i.id = "test/" + std::to_string(seq);
  i.seq = seq;
  i.category = "财政资金支持";
  i.title = std::move(title);
  i.content = std::move(content);
  i.departments = "市财政局";
  return i;
}

std::shared_ptr<const Index> hand_made() {
  std::vector<Document> docs;
  {
    Document d{make_item(1, "房租减免", "对承租国有房屋的个体工商户免收3个月房租。"), {}};
    d.facts.valid_until = "2020-12-31";
    d.facts.forms.push_back({"减免", "", {}});
    d.facts.amounts.push_back({"cap", "amount", 50, std::nullopt, "万元", "", "", {}});
    docs.push_back(std::move(d));
  }
  {
    Document d{make_item(2, "贷款贴息", "给予ＡＢＣ公司贷款贴息，最高200万元。"), {}};
    d.facts.valid_from = "2023-01-01";
    d.facts.valid_until = "2025-12-31";
    d.facts.forms.push_back({"贴息", "", {}});
    d.facts.amounts.push_back({"cap", "amount", 2000000, std::nullopt, "元", "", "", {}});
    d.facts.departments.push_back({"市人力资源社会保障局", "市人社局", true, {}});
    catalog::DocumentRef ref;
    ref.number = "辽市政发〔2020〕3号";
    ref.year = 2020;
    ref.level = catalog::DocumentLevel::city;
    d.facts.documents.push_back(ref);
    docs.push_back(std::move(d));
  }
  {
    Document d{make_item(3, "稳岗返还", "失业保险稳岗返还。"), {}};
    d.facts.validity_unresolved = true;
    docs.push_back(std::move(d));
  }
  {
    Document d{make_item(4, "社保缓缴", "阶段性缓缴社会保险费。"), {}};
    docs.push_back(std::move(d));
  }
  return Index::build(std::move(docs));
}

SearchResult search(const Index& index, std::string query, std::string as_of,
                    std::vector<std::pair<std::string, std::string>> filters = {},
                    std::string sort = "") {
  SearchRequest req;
  req.query = std::move(query);
  req.as_of = std::move(as_of);
  req.filters = std::move(filters);
  req.sort = std::move(sort);
  req.limit = 100;
  return index.search(req);
}

std::map<std::string, std::size_t> facet(const SearchResult& r, const std::string& name) {
  std::map<std::string, std::size_t> out;
  for (const auto& f : r.facets.at(name)) out[f.value] = f.count;
  return out;
}

TEST(HandMade, AsOfChangesTheStatusFacet) {
  const auto index = hand_made();
  const auto in2020 = search(*index, "", "2020-06-01");
  EXPECT_EQ(facet(in2020, "status"),
            (std::map<std::string, std::size_t>{
                {"active", 1}, {"not_yet", 1}, {"unknown", 1}, {"long_term", 1}}));
  const auto in2024 = search(*index, "", "2024-06-01");
  EXPECT_EQ(facet(in2024, "status"),
            (std::map<std::string, std::size_t>{
                {"expired", 1}, {"active", 1}, {"unknown", 1}, {"long_term", 1}}));
  const auto active = search(*index, "", "2024-06-01", {{"status", "active"}});
  ASSERT_EQ(active.total, 1u);
  EXPECT_EQ(active.hits[0].seq, 2);
  EXPECT_EQ(active.hits[0].status, "active");
  // Status as Facts::status_on decides it, for every document and a range of dates.
  for (const char* date : {"2019-01-01", "2020-12-31", "2021-01-01", "2022-12-31", "2023-01-01",
                           "2025-12-31", "2026-01-01"}) {
    for (const auto& h : search(*index, "", date).hits) {
      const auto& doc = index->document(static_cast<std::size_t>(h.seq - 1));
      EXPECT_EQ(h.status, catalog::to_string(doc.facts.status_on(date))) << date << " " << h.id;
    }
  }
}

TEST(HandMade, FactsFacetsAndFilters) {
  const auto index = hand_made();
  const auto all = search(*index, "", "2023-07-31");
  EXPECT_EQ(facet(all, "form"), (std::map<std::string, std::size_t>{{"减免", 1}, {"贴息", 1}}));
  EXPECT_EQ(facet(all, "document"),
            (std::map<std::string, std::size_t>{{"辽市政发〔2020〕3号", 1}}));
  EXPECT_EQ(facet(all, "year"), (std::map<std::string, std::size_t>{{"2020", 1}}));
  EXPECT_EQ(facet(all, "level"), (std::map<std::string, std::size_t>{{"city", 1}}));
  // Canonical department names from facts; raw names where facts have none.
  EXPECT_EQ(facet(all, "department"),
            (std::map<std::string, std::size_t>{{"市人力资源社会保障局", 1}, {"市财政局", 3}}));
  const auto r = search(*index, "", "2023-07-31", {{"department", "市人力资源社会保障局"}});
  ASSERT_EQ(r.total, 1u);
  EXPECT_EQ(r.hits[0].seq, 2);
  // Two values of one field are alternatives; two fields must both hold.
  EXPECT_EQ(search(*index, "", "2023-07-31", {{"form", "减免"}, {"form", "贴息"}}).total, 2u);
  EXPECT_EQ(search(*index, "", "2023-07-31", {{"form", "减免"}, {"year", "2020"}}).total, 0u);
  // The canonical department name is searchable.
  EXPECT_EQ(search(*index, "人社局", "2023-07-31").hits.at(0).seq, 2);
}

TEST(HandMade, SortByAmountAndEndDate) {
  const auto index = hand_made();
  auto order = [](const SearchResult& r) {
    std::vector<int> out;
    for (const auto& h : r.hits) out.push_back(h.seq);
    return out;
  };
  EXPECT_EQ(order(search(*index, "", "2023-07-31", {}, "amount")), (std::vector<int>{2, 1, 3, 4}));
  EXPECT_EQ(order(search(*index, "", "2023-07-31", {}, "valid_until")),
            (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(order(search(*index, "", "2023-07-31", {}, "seq")), (std::vector<int>{1, 2, 3, 4}));
}

TEST(HandMade, HighlightsOnFullWidthRawText) {
  const auto index = hand_made();
  const auto r = search(*index, "abc 200万元", "2023-07-31");
  ASSERT_EQ(r.total, 1u);
  const auto& hl = r.hits[0].highlights.at("content");
  const std::string& raw = index->document(1).item.content;
  ASSERT_EQ(hl.spans.size(), 2u);
  EXPECT_EQ(raw.substr(hl.spans[0].first, hl.spans[0].second - hl.spans[0].first), "ＡＢＣ");
  EXPECT_EQ(raw.substr(hl.spans[1].first, hl.spans[1].second - hl.spans[1].first), "200万元");
  EXPECT_EQ(hl.snippet, "给予«ＡＢＣ»公司贷款贴息，最高«200万元»。");
}

TEST(HandMade, PhraseAcrossNumbersAndUnits) {
  const auto index = hand_made();
  EXPECT_EQ(search(*index, "200万元", "2023-07-31").total, 1u);
  EXPECT_EQ(search(*index, "300万元", "2023-07-31").strong, 0u);
  EXPECT_EQ(search(*index, "3个月", "2023-07-31").hits.at(0).seq, 1);
}

TEST(Query, ParsesClausesFiltersAndPhrases) {
  const auto q = parse_query("房租 -疫情 \"社保 缓缴\" title:贴息 category:税收优惠支持 個體戶");
  ASSERT_EQ(q.clauses.size(), 5u);
  EXPECT_EQ(q.clauses[0].text, "房租");
  EXPECT_TRUE(q.clauses[1].negated);
  EXPECT_TRUE(q.clauses[2].phrase);
  EXPECT_EQ(q.clauses[2].text, "社保 缓缴");
  EXPECT_EQ(q.clauses[3].field, "title");
  EXPECT_EQ(q.clauses[4].text, "个体户");
  ASSERT_EQ(q.filters.size(), 1u);
  EXPECT_EQ(q.filters[0], (std::pair<std::string, std::string>{"category", "税收优惠支持"}));
  // Chinese text before a colon is text, not a field.
  EXPECT_EQ(parse_query("责任单位:市财政局").clauses.size(), 1u);
  EXPECT_THROW(parse_query("colour:red"), UserError);
}

TEST(SynonymsFile, ParsesAndExpands) {
  const auto s =
      Synonyms::parse("# comment\n個體戶\t个体工商户|个体经营户\n社保\t社会保险\n", "x.tsv");
  EXPECT_EQ(s.size(), 2u);
  EXPECT_EQ(s.expand("个体户"), (std::vector<std::string>{"个体工商户", "个体经营户"}));
  EXPECT_EQ(s.expand("社保缓缴"), (std::vector<std::string>{"社会保险缓缴"}));
  EXPECT_TRUE(s.expand("房租").empty());
  try {
    Synonyms::parse("ok\tfine\nno tab here\n", "x.tsv");
    FAIL();
  } catch (const UserError& e) {
    EXPECT_EQ(e.where().line, 2);
  }
  EXPECT_GT(Synonyms::bundled().size(), 50u);
}

TEST(SynonymsFile, KnownWordsAndFillers) {
  const auto s = Synonyms::parse("个体户\t个体工商户\n!怎么\n! 申请\n", "x.tsv");
  EXPECT_EQ(s.size(), 1u);
  EXPECT_TRUE(s.known_word("个体户"));
  EXPECT_TRUE(s.known_word("个体工商户"));
  EXPECT_FALSE(s.known_word("个体"));
  EXPECT_TRUE(s.filler("怎么"));
  EXPECT_TRUE(s.filler("申请"));
  EXPECT_FALSE(s.filler("个体户"));
  try {
    Synonyms::parse("!\n", "x.tsv");
    FAIL();
  } catch (const UserError& e) {
    EXPECT_EQ(e.where().line, 1);
  }
}

}  // namespace
}  // namespace huiqi::search
