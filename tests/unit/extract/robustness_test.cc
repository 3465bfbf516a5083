// Extraction never throws and stays linear on odd input; it is safe to share between threads.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <iterator>
#include <string>
#include <thread>

#include "catalog/facts_json.h"
#include "extract/checks.h"
#include "extract/extractor.h"
#include "test_support.h"

namespace huiqi::extract {
namespace {

using testing::bundled_extractor;
using testing::liaoyang_items;
using testing::make_item;

void expect_spans_within(const catalog::Item& item, const catalog::Facts& f) {
  auto check = [&](const catalog::Evidence& e) {
    const std::string& raw = e.field == "title"     ? item.title
                             : e.field == "content" ? item.content
                             : e.field == "basis"   ? item.basis
                                                    : item.departments;
    ASSERT_LE(e.begin, e.end);
    ASSERT_LE(e.end, raw.size());
    EXPECT_EQ(raw.substr(e.begin, e.end - e.begin), e.phrase);
  };
  for (const auto& x : f.documents) check(x.evidence);
  for (const auto& x : f.departments) check(x.evidence);
  for (const auto& x : f.beneficiaries) check(x.evidence);
  for (const auto& x : f.forms) check(x.evidence);
  for (const auto& x : f.amounts) check(x.evidence);
  for (const auto& x : f.times) check(x.evidence);
}

TEST(RobustnessTest, EmptyItem) {
  catalog::Item item;
  catalog::Facts f = bundled_extractor().extract(item);
  EXPECT_TRUE(f.documents.empty());
  EXPECT_TRUE(f.departments.empty());
  EXPECT_TRUE(f.times.empty());
  EXPECT_EQ(f.status_on("2023-07-31"), catalog::Status::long_term);
  EXPECT_EQ(check_facts(item, f).size(), 2u);  // no department, no document
}

TEST(RobustnessTest, TenThousandCharacterContentInLinearTime) {
  std::string sentence =
      "对承租国有房屋的服务业小微企业,免除2023年3个月房屋租金,每户最高不超过30万元,"
      "实施期限至2023年12月31日,疫情防控期间由市财政局给予贴息。";
  std::string content;
  while (content.size() < 30000) content += sentence;  // about 10,000 characters
  auto item = make_item("减免房租", content, "《甲》辽市政发〔2023〕3号", "市财政局、市商务局");
  auto start = std::chrono::steady_clock::now();
  catalog::Facts f = bundled_extractor().extract(item);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  EXPECT_EQ(f.valid_until, "2023-12-31");
  EXPECT_GT(f.amounts.size(), 100u);
  expect_spans_within(item, f);

  // Four times the text takes roughly four times as long, not sixteen.
  std::string longer;
  while (longer.size() < 4 * content.size()) longer += sentence;
  auto big = make_item("减免房租", longer, "", "");
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 3; ++i) bundled_extractor().extract(item);
  auto small_time = (std::chrono::steady_clock::now() - t0) / 3;
  t0 = std::chrono::steady_clock::now();
  bundled_extractor().extract(big);
  auto big_time = std::chrono::steady_clock::now() - t0;
  EXPECT_LT(big_time, small_time * 12);
}

TEST(RobustnessTest, InvalidUtf8AndControlBytes) {
  const std::string junk[] = {
      std::string("\xff\xfe\x80\x81", 4),
      std::string("市财政局\xe5\xb8、\xc0\xaf市商务局"),
      std::string("辽市政发[2020\xff]3号《未闭合的标题"),
      std::string("至\xe2\x80", 5),
      std::string("2020年\x00"
                  "12月31日前",
                  16),
      std::string("《《《《》》", 18),
      std::string("〔〔〔2020〕〕", 15),
      std::string(1000, '('),
      std::string("9999999999999999999999年99月99日"),
      std::string("2020年13月45日至2020年0月0日"),
  };
  for (const std::string& s : junk) {
    auto item = make_item(s, s, s, s);
    catalog::Facts f;
    ASSERT_NO_THROW(f = bundled_extractor().extract(item));
    expect_spans_within(item, f);
    ASSERT_NO_THROW(
        catalog::to_json(f).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    ASSERT_NO_THROW(check_facts(item, f));
  }
}

// Random strings made of the pieces the extractors look for, in any order.
TEST(RobustnessTest, RandomPiecesOfPolicyText) {
  const std::string pieces[] = {
      "年",         "月",       "日",        "底",   "前",   "至",       "自",
      "起",         "2020",     "12",        "31",   "1",    "(",        ")",
      "《",         "》",       "〈",        "〉",   "〔",   "〕",       "[",
      "]",          "辽市政发", "号",        "、",   ",",    "。",       "等",
      "牵头",       "的",       "小微企业",  "给予", "补贴", "万元",     "%",
      "最高不超过", "疫情期间", " ",         "-",    "\xff", "\xe5\xb8", "各市(不含大连)",
      "责任单位:",  "2022 年",  "6 月 30 日"};
  std::uint32_t state = 12345;
  auto next = [&] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (int round = 0; round < 2000; ++round) {
    std::string fields[4];
    for (auto& f : fields) {
      std::size_t n = next() % 40;
      for (std::size_t i = 0; i < n; ++i) f += pieces[next() % std::size(pieces)];
    }
    auto item = make_item(fields[0], fields[1], fields[2], fields[3]);
    catalog::Facts f;
    ASSERT_NO_THROW(f = bundled_extractor().extract(item)) << round;
    expect_spans_within(item, f);
    for (const auto& t : f.times) {
      EXPECT_TRUE(t.until.empty() || t.until.size() == 10u) << t.until;
      EXPECT_TRUE(t.from.empty() || t.from.size() == 10u) << t.from;
    }
  }
}

TEST(RobustnessTest, SafeToShareBetweenThreads) {
  const auto& items = liaoyang_items();
  std::vector<std::string> serial;
  for (const auto& item : items)
    serial.push_back(catalog::to_json(bundled_extractor().extract(item)).dump());
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      for (const auto& item : items) {
        results[t].push_back(catalog::to_json(bundled_extractor().extract(item)).dump());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& r : results) EXPECT_EQ(r, serial);
}

}  // namespace
}  // namespace huiqi::extract
