// Extraction findings and near-duplicate items.
#include "extract/checks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "test_support.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace huiqi::extract {
namespace {

using testing::bundled_extractor;
using testing::liaoyang_items;
using testing::make_item;

std::vector<std::string> codes(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.code);
  return out;
}

TEST(CheckFactsTest, ACleanItemHasNoFindings) {
  auto item = make_item("减免房租", "1个月房租免收。", "《甲》辽市政发〔2020〕3号", "市财政局");
  EXPECT_TRUE(check_facts(item, bundled_extractor().extract(item)).empty());
}

TEST(CheckFactsTest, ReportsWhatIsMissingOrWrong) {
  auto item = make_item("减免房租", "1个月房租免收。", "辽市政发[202011", "");
  item.seq = 82;
  auto findings = check_facts(item, bundled_extractor().extract(item));
  EXPECT_EQ(codes(findings),
            (std::vector<std::string>{"no-department", "document-number-unparsed"}));
  EXPECT_EQ(findings[0].seq, 82);
  EXPECT_FALSE(findings[1].message.empty());
  EXPECT_FALSE(findings[1].message_zh.empty());

  auto unknown = make_item("", "", "", "市某某局、市财政局");
  EXPECT_EQ(codes(check_facts(unknown, bundled_extractor().extract(unknown))),
            (std::vector<std::string>{"unknown-department", "no-document"}));
}

TEST(CheckFactsTest, AmountsWithoutUnitAndContradictoryDates) {
  catalog::Facts facts;
  facts.departments.push_back({.name = "市财政局", .known = true});
  facts.documents.push_back({.number = "辽市政发〔2020〕3号"});
  catalog::AmountFact amount;
  amount.kind = "fixed";
  amount.value = 1000;
  amount.evidence.phrase = "给予1000补贴";
  facts.amounts.push_back(amount);
  facts.valid_from = "2021-01-01";
  facts.valid_until = "2020-12-31";
  catalog::TimeFact window;
  window.kind = "window";
  window.from = "2021-01-01";
  window.until = "2020-12-31";
  facts.times.push_back(window);
  EXPECT_EQ(codes(check_facts(make_item("", ""), facts)),
            (std::vector<std::string>{"amount-without-unit", "contradictory-dates",
                                      "contradictory-dates"}));
}

TEST(CheckFactsTest, LiaoyangFindings) {
  std::set<int> truncated;
  for (const auto& item : liaoyang_items()) {
    for (const auto& f : check_facts(item, bundled_extractor().extract(item))) {
      EXPECT_EQ(f.code, "document-number-unparsed") << item.seq << " " << f.message;
      truncated.insert(f.seq);
    }
  }
  // 辽市政发[202011 of the 东北亚 document.
  EXPECT_EQ(truncated, (std::set<int>{51, 82, 83, 84, 85, 86, 87, 88, 89, 90}));
}

TEST(NearDuplicatesTest, FindsTheRepeatedLiaoyangItems) {
  auto pairs = near_duplicates(liaoyang_items());
  auto has = [&](int a, int b) {
    return std::any_of(pairs.begin(), pairs.end(),
                       [&](const NearDuplicate& p) { return p.seq_a == a && p.seq_b == b; });
  };
  EXPECT_TRUE(has(81, 91));
  EXPECT_TRUE(has(43, 162));
  for (const auto& p : pairs) {
    EXPECT_LT(p.seq_a, p.seq_b);
    EXPECT_TRUE(p.similarity >= 0.6 || p.containment >= 0.8);
  }
  EXPECT_EQ(pairs.size(), 2u);
}

// Prefix filtering must find exactly what comparing every pair finds.
std::vector<std::uint64_t> bigram_set(const std::string& raw) {
  std::string s = text::normalize(raw).text;
  std::vector<std::uint64_t> out;
  char32_t prev = 0;
  for (std::size_t pos = 0; pos < s.size();) {
    char32_t cp = text::decode_utf8(s, pos);
    if (cp == U' ') continue;
    if (prev != 0) out.push_back((std::uint64_t{prev} << 21) | cp);
    prev = cp;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TEST(NearDuplicatesTest, AgreesWithComparingEveryPair) {
  const auto& items = liaoyang_items();
  std::vector<std::vector<std::uint64_t>> sets;
  for (const auto& item : items) sets.push_back(bigram_set(item.content));
  for (auto [threshold, containment] :
       {std::pair{0.3, 1.0}, {0.45, 0.7}, {0.6, 0.8}, {0.9, 0.5}, {1.0, 0.6}}) {
    SCOPED_TRACE(threshold);
    std::set<std::pair<int, int>> expected;
    for (std::size_t i = 0; i < items.size(); ++i) {
      for (std::size_t j = i + 1; j < items.size(); ++j) {
        if (sets[i].empty() || sets[j].empty()) continue;
        std::vector<std::uint64_t> common;
        std::set_intersection(sets[i].begin(), sets[i].end(), sets[j].begin(), sets[j].end(),
                              std::back_inserter(common));
        double jaccard = static_cast<double>(common.size()) /
                         static_cast<double>(sets[i].size() + sets[j].size() - common.size());
        double contained = static_cast<double>(common.size()) /
                           static_cast<double>(std::min(sets[i].size(), sets[j].size()));
        if (jaccard >= threshold || contained >= containment) {
          expected.insert(
              {std::min(items[i].seq, items[j].seq), std::max(items[i].seq, items[j].seq)});
        }
      }
    }
    std::set<std::pair<int, int>> actual;
    for (const auto& p : near_duplicates(items, threshold, containment)) {
      actual.insert({p.seq_a, p.seq_b});
    }
    EXPECT_EQ(actual, expected);
  }
}

TEST(NearDuplicatesTest, EmptyAndSingleLists) {
  EXPECT_TRUE(near_duplicates({}).empty());
  EXPECT_TRUE(near_duplicates({make_item("", "同样的内容")}).empty());
  auto a = make_item("", "");
  auto b = make_item("", "");
  b.seq = 2;
  EXPECT_TRUE(near_duplicates({a, b}).empty());  // empty contents are skipped
}

}  // namespace
}  // namespace huiqi::extract
