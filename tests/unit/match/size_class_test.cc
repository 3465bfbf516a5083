#include "match/size_class.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/error.h"

namespace huiqi::match {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr double kHuge = 1e9;  // large under every threshold, so another indicator decides

const SizeStandard& standard() {
  static const SizeStandard loaded =
      SizeStandard::load(std::string(HUIQI_DEFAULT_DATA_DIR) + "/sme-size-standard.csv");
  return loaded;
}

SizeFacts facts(std::string industry, std::optional<double> employees,
                std::optional<double> revenue, std::optional<double> assets = std::nullopt) {
  return SizeFacts{.industry = std::move(industry),
                   .employees = employees,
                   .revenue_10k_yuan = revenue,
                   .assets_10k_yuan = assets};
}

std::string all_reasons(const SizeResult& result) {
  std::string out;
  for (const std::string& reason : result.reasons) out += reason + "\n";
  return out;
}

// ---- Names ----------------------------------------------------------------------------------

TEST(SizeClassNames, EnglishAndChinese) {
  EXPECT_STREQ(to_string(SizeClass::large), "large");
  EXPECT_STREQ(to_string(SizeClass::medium), "medium");
  EXPECT_STREQ(to_string(SizeClass::small), "small");
  EXPECT_STREQ(to_string(SizeClass::micro), "micro");
  EXPECT_STREQ(to_string(SizeClass::unknown), "unknown");
  EXPECT_STREQ(chinese_name(SizeClass::large), "大型");
  EXPECT_STREQ(chinese_name(SizeClass::medium), "中型");
  EXPECT_STREQ(chinese_name(SizeClass::small), "小型");
  EXPECT_STREQ(chinese_name(SizeClass::micro), "微型");
  EXPECT_STREQ(chinese_name(SizeClass::unknown), "未知");
  EXPECT_EQ(parse_size_class("micro"), SizeClass::micro);
  EXPECT_EQ(parse_size_class("小型"), SizeClass::small);
  EXPECT_EQ(parse_size_class("tiny"), std::nullopt);
  EXPECT_STREQ(to_string(SizeIndicator::revenue), "revenue_10k_yuan");
  EXPECT_STREQ(chinese_name(SizeIndicator::assets), "资产总额");
}

// ---- Boundaries -----------------------------------------------------------------------------

// Written by hand from ../shared/reference/sme-size-standard.md, not read from the CSV, so these
// tests check the data file. One line per (row, indicator): 大型, 中型, 小型 lower bounds.
struct Bound {
  const char* code;  // a code in the row
  const char* row;
  SizeIndicator indicator;
  double large;
  double medium;
  double small;
};

constexpr SizeIndicator X = SizeIndicator::employees;
constexpr SizeIndicator Y = SizeIndicator::revenue;
constexpr SizeIndicator Z = SizeIndicator::assets;

const Bound kBounds[] = {
    {"0111", "1", Y, 20000, 500, 50},      // 农、林、牧、渔业
    {"C3311", "2", X, 1000, 300, 20},      // 工业
    {"C3311", "2", Y, 40000, 2000, 300},   //
    {"47", "3", Y, 80000, 6000, 300},      // 建筑业
    {"47", "3", Z, 80000, 5000, 300},      //
    {"F51", "4", X, 200, 20, 5},           // 批发业
    {"F51", "4", Y, 40000, 5000, 1000},    //
    {"52", "5", X, 300, 50, 10},           // 零售业
    {"52", "5", Y, 20000, 500, 100},       //
    {"5411", "6", X, 1000, 300, 20},       // 交通运输业
    {"5411", "6", Y, 30000, 3000, 200},    //
    {"5920", "7", X, 200, 100, 20},        // 仓储业
    {"5920", "7", Y, 30000, 1000, 100},    //
    {"60", "8", X, 1000, 300, 20},         // 邮政业
    {"60", "8", Y, 30000, 2000, 100},      //
    {"61", "9", X, 300, 100, 10},          // 住宿业
    {"61", "9", Y, 10000, 2000, 100},      //
    {"H6210", "10", X, 300, 100, 10},      // 餐饮业
    {"H6210", "10", Y, 10000, 2000, 100},  //
    {"63", "11", X, 2000, 100, 10},        // 信息传输业
    {"63", "11", Y, 100000, 1000, 100},    //
    {"6511", "12", X, 300, 100, 10},       // 软件和信息技术服务业
    {"6511", "12", Y, 10000, 1000, 50},    //
    {"7010", "13", Y, 200000, 1000, 100},  // 房地产开发经营
    {"7010", "13", Z, 10000, 5000, 2000},  //
    {"7020", "14", X, 1000, 300, 100},     // 物业管理
    {"7020", "14", Y, 5000, 1000, 500},    //
    {"L", "15", X, 300, 100, 10},          // 租赁和商务服务业
    {"L", "15", Z, 120000, 8000, 100},     //
    {"M", "16", X, 300, 100, 10},          // 其他未列明行业
};

class SizeBoundaryTest : public ::testing::TestWithParam<Bound> {};

// The tested indicator at value; the others huge (large), so it alone sets the class.
SizeResult classify_at(const Bound& bound, double value) {
  SizeFacts f = facts(bound.code, kHuge, kHuge, kHuge);
  switch (bound.indicator) {
    case SizeIndicator::employees:
      f.employees = value;
      break;
    case SizeIndicator::revenue:
      f.revenue_10k_yuan = value;
      break;
    case SizeIndicator::assets:
      f.assets_10k_yuan = value;
      break;
  }
  return standard().classify(f);
}

TEST_P(SizeBoundaryTest, EachThresholdBelowAtAbove) {
  const Bound& bound = GetParam();
  // Headcounts step by one person; money by one hundredth of 万元 (100 yuan).
  const double step = bound.indicator == SizeIndicator::employees ? 1 : 0.01;
  struct Probe {
    double value;
    SizeClass expected;
  };
  const Probe probes[] = {
      {bound.large - step, SizeClass::medium}, {bound.large, SizeClass::large},
      {bound.large + step, SizeClass::large},  {bound.medium - step, SizeClass::small},
      {bound.medium, SizeClass::medium},       {bound.medium + step, SizeClass::medium},
      {bound.small - step, SizeClass::micro},  {bound.small, SizeClass::small},
      {bound.small + step, SizeClass::small},  {0, SizeClass::micro},
  };
  for (const Probe& probe : probes) {
    const SizeResult result = classify_at(bound, probe.value);
    EXPECT_EQ(result.size, probe.expected)
        << bound.code << " " << to_string(bound.indicator) << "=" << probe.value << "\n"
        << all_reasons(result);
    EXPECT_EQ(result.largest_possible, probe.expected);
    EXPECT_EQ(result.row, bound.row) << bound.code;
    EXPECT_THAT(result.missing, IsEmpty());
  }
}

INSTANTIATE_TEST_SUITE_P(AllRows, SizeBoundaryTest, ::testing::ValuesIn(kBounds),
                         [](const ::testing::TestParamInfo<Bound>& param_info) {
                           return "Row" + std::string(param_info.param.row) + "_" +
                                  to_string(param_info.param.indicator);
                         });

TEST(SizeBoundaries, EveryRowAndIndicatorInTheDataIsInTheHandTable) {
  std::size_t covered_lines = 0;
  for (const SizeRow& row : standard().rows()) {
    for (const SizeThreshold& threshold : row.thresholds) {
      ++covered_lines;
      bool found = false;
      for (const Bound& bound : kBounds) {
        if (row.id == bound.row && threshold.indicator == bound.indicator) found = true;
      }
      EXPECT_TRUE(found) << "row " << row.id << " " << to_string(threshold.indicator);
    }
  }
  EXPECT_EQ(covered_lines, std::size(kBounds));
}

// Only the indicators a row lists are needed.
TEST(SizeBoundaries, RowsNeedOnlyTheirIndicators) {
  EXPECT_EQ(standard().classify(facts("A", std::nullopt, 600)).size, SizeClass::medium);
  EXPECT_EQ(standard().classify(facts("M", 150, std::nullopt)).size, SizeClass::medium);
  EXPECT_EQ(standard().classify(facts("E", std::nullopt, 7000, 6000)).size, SizeClass::medium);
  EXPECT_EQ(standard().classify(facts("L", 150, std::nullopt, 9000)).size, SizeClass::medium);
  EXPECT_EQ(standard().classify(facts("7010", std::nullopt, 2000, 6000)).size, SizeClass::medium);
}

// ---- Combination rule -----------------------------------------------------------------------

TEST(SizeCombination, WorkedCasesFromTheStandardNote) {
  EXPECT_EQ(standard().classify(facts("C", 15, 200)).size, SizeClass::micro);
  const SizeResult result = standard().classify(facts("C", 300, 1500));
  EXPECT_EQ(result.size, SizeClass::small);
  EXPECT_EQ(result.row, "2");
}

TEST(SizeCombination, OneSmallOneMediumIsSmall) {
  EXPECT_EQ(standard().classify(facts("C", 500, 1000)).size, SizeClass::small);
  EXPECT_EQ(standard().classify(facts("C", 100, 5000)).size, SizeClass::small);
}

TEST(SizeCombination, LargeNeedsEveryIndicator) {
  EXPECT_EQ(standard().classify(facts("C", 1000, 40000)).size, SizeClass::large);
  EXPECT_EQ(standard().classify(facts("C", 1000, 39999)).size, SizeClass::medium);
  EXPECT_EQ(standard().classify(facts("C", 999, 40000)).size, SizeClass::medium);
}

TEST(SizeCombination, OneMicroIndicatorIsEnough) {
  EXPECT_EQ(standard().classify(facts("C", 19, 50000)).size, SizeClass::micro);
  EXPECT_EQ(standard().classify(facts("C", 5000, 299)).size, SizeClass::micro);
  EXPECT_EQ(standard().classify(facts("E", std::nullopt, 100000, 299)).size, SizeClass::micro);
}

TEST(SizeCombination, ProfileExample) {
  // ../shared/reference/profile.example.json: a snack shop.
  const SizeResult result = standard().classify(facts("H6210", 5, 60, 20));
  EXPECT_EQ(result.size, SizeClass::micro);
  EXPECT_EQ(result.row, "10");
}

TEST(SizeCombination, ReasonsNameEachIndicator) {
  const SizeResult result = standard().classify(facts("C3311", 8, 1500));
  EXPECT_EQ(result.size, SizeClass::micro);
  EXPECT_THAT(result.reasons, Contains("从业人员 8 < 20 → 微型"));
  EXPECT_THAT(result.reasons, Contains("营业收入(万元) 300 ≤ 1500 < 2000 → 小型"));
  EXPECT_THAT(all_reasons(result), HasSubstr("第2行 工业"));
  EXPECT_THAT(standard().classify(facts("C", 1000, 40000.5)).reasons,
              Contains("营业收入(万元) 40000.5 ≥ 40000 → 大型"));
}

// ---- Missing indicators ---------------------------------------------------------------------

TEST(SizeMissing, MicroStandsWithoutTheOtherIndicator) {
  const SizeResult result = standard().classify(facts("C", 10, std::nullopt));
  EXPECT_EQ(result.size, SizeClass::micro);
  EXPECT_THAT(result.missing, IsEmpty());
  EXPECT_THAT(all_reasons(result), HasSubstr("营业收入未知"));
  EXPECT_EQ(standard().classify(facts("C", std::nullopt, 100)).size, SizeClass::micro);
}

TEST(SizeMissing, OtherwiseUnknownWithWhatIsMissing) {
  SizeResult result = standard().classify(facts("C", 500, std::nullopt));
  EXPECT_EQ(result.size, SizeClass::unknown);
  EXPECT_EQ(result.largest_possible, SizeClass::medium);
  EXPECT_THAT(result.missing, ElementsAre("revenue_10k_yuan"));
  EXPECT_EQ(result.row, "2");

  result = standard().classify(facts("C", 50, std::nullopt));
  EXPECT_EQ(result.size, SizeClass::unknown);
  EXPECT_EQ(result.largest_possible, SizeClass::small);  // small or micro: enough for 小微

  result = standard().classify(facts("C", std::nullopt, std::nullopt));
  EXPECT_EQ(result.size, SizeClass::unknown);
  EXPECT_EQ(result.largest_possible, SizeClass::unknown);
  EXPECT_THAT(result.missing, ElementsAre("employees", "revenue_10k_yuan"));

  result = standard().classify(facts("E", 5, 7000));
  EXPECT_EQ(result.size, SizeClass::unknown);
  EXPECT_THAT(result.missing, ElementsAre("assets_10k_yuan"));

  result = standard().classify(facts("A", 3, std::nullopt));
  EXPECT_EQ(result.size, SizeClass::unknown);
  EXPECT_THAT(result.missing, ElementsAre("revenue_10k_yuan"));
}

TEST(SizeMissing, NoIndustry) {
  const SizeResult result = standard().classify(facts("  ", 1, 1, 1));
  EXPECT_EQ(result.size, SizeClass::unknown);
  EXPECT_THAT(result.missing, ElementsAre("industry"));
  EXPECT_EQ(result.row, "");
}

TEST(SizeMissing, InvalidValuesCountAsUnknown) {
  SizeResult result = standard().classify(facts("C", -3, 5000));
  EXPECT_EQ(result.size, SizeClass::unknown);
  EXPECT_THAT(result.missing, ElementsAre("employees"));
  EXPECT_THAT(all_reasons(result), HasSubstr("无效"));
  result = standard().classify(facts("C", std::numeric_limits<double>::quiet_NaN(), 5000));
  EXPECT_EQ(result.size, SizeClass::unknown);
  EXPECT_EQ(standard().classify(facts("C", std::numeric_limits<double>::infinity(), 5)).size,
            SizeClass::micro);
}

// ---- Scope ----------------------------------------------------------------------------------

// The row each code belongs to; "" when the standard does not cover it. By hand from the .md.
TEST(SizeScope, CodesResolveToTheirRow) {
  const std::map<std::string, std::string> expected = {
      {"A", "1"},    {"01", "1"},    {"0111", "1"},   {"A05", "1"},    {"B", "2"},
      {"06", "2"},   {"12", "2"},    {"C", "2"},      {"13", "2"},     {"C3311", "2"},
      {"43", "2"},   {"D", "2"},     {"4411", "2"},   {"D46", "2"},    {"E", "3"},
      {"47", "3"},   {"50", "3"},    {"51", "4"},     {"F5111", "4"},  {"52", "5"},
      {"54", "6"},   {"55", "6"},    {"56", "6"},     {"57", "6"},     {"58", "6"},
      {"591", "6"},  {"5910", "6"},  {"G5910", "6"},  {"592", "7"},    {"5920", "7"},
      {"5941", "7"}, {"G599", "7"},  {"60", "8"},     {"61", "9"},     {"62", "10"},
      {"621", "10"}, {"6210", "10"}, {"H6210", "10"}, {"H62", "10"},   {"63", "11"},
      {"64", "11"},  {"65", "12"},   {"651", "12"},   {"I6511", "12"}, {"7010", "13"},
      {"701", "13"}, {"7020", "14"}, {"702", "14"},   {"7030", "16"},  {"7090", "16"},
      {"L", "15"},   {"71", "15"},   {"72", "15"},    {"L7211", "15"}, {"M", "16"},
      {"73", "16"},  {"N", "16"},    {"79", "16"},    {"O", "16"},     {"80", "16"},
      {"85", "16"},  {"Q85", "16"},  {"R", "16"},     {"86", "16"},    {"90", "16"},
      {"J", ""},     {"66", ""},     {"J6711", ""},   {"53", ""},      {"5311", ""},
      {"G53", ""},   {"P", ""},      {"83", ""},      {"84", ""},      {"S", ""},
      {"91", ""},    {"96", ""},     {"T", ""},       {"97", ""},      {"7040", ""},
      {"704", ""},   {"K", ""},      {"70", ""},      {"G", ""},       {"Q", ""},
  };
  for (const auto& [code, row] : expected) {
    // Micro under every row, so a row that applies always answers.
    const SizeResult result = standard().classify(facts(code, 1, 1, 1));
    EXPECT_EQ(result.row, row) << code << "\n" << all_reasons(result);
    EXPECT_EQ(result.size, row.empty() ? SizeClass::unknown : SizeClass::micro) << code;
  }
}

TEST(SizeScope, OutOfScopeIndustriesSayWhy) {
  SizeResult result = standard().classify(facts("J6611", 5, 10, 10));
  EXPECT_EQ(result.size, SizeClass::unknown);
  EXPECT_THAT(all_reasons(result), HasSubstr("金融业"));
  EXPECT_THAT(result.missing, IsEmpty());
  result = standard().classify(facts("5311", 5, 10, 10));
  EXPECT_THAT(all_reasons(result), HasSubstr("铁路运输业"));
  result = standard().classify(facts("7040", 5, 10, 10));
  EXPECT_THAT(all_reasons(result), HasSubstr("自有房地产经营活动"));
  result = standard().classify(facts("Q", 5, 10, 10));  // 84 卫生 is out, 85 社会工作 is in
  EXPECT_THAT(result.missing, ElementsAre("industry"));
}

TEST(SizeScope, CodeForms) {
  for (const char* code : {"H6210", "6210", "H62", "62", "h6210", " H621 ", "621"}) {
    const SizeResult result = standard().classify(facts(code, 50, 500));
    EXPECT_EQ(result.size, SizeClass::small) << code;
    EXPECT_EQ(result.row, "10") << code;
  }
  // "H" spans 住宿业 and 餐饮业, whose thresholds are the same.
  const SizeResult result = standard().classify(facts("H", 50, 500));
  EXPECT_EQ(result.size, SizeClass::small);
  EXPECT_EQ(result.row, "9/10");
}

TEST(SizeScope, InvalidOrUnknownCodes) {
  for (const char* code :
       {"99", "00", "98", "Z", "U", "X1", "123456", "6", "abc", "H62a", "H5110", "62-1", "C 33"}) {
    const SizeResult result = standard().classify(facts(code, 1, 1, 1));
    EXPECT_EQ(result.size, SizeClass::unknown) << code;
    EXPECT_EQ(result.row, "") << code;
    EXPECT_THAT(result.reasons, Not(IsEmpty())) << code;
  }
  EXPECT_THAT(all_reasons(standard().classify(facts("H5110", 1, 1))), HasSubstr("不符"));
}

TEST(SizeScope, CoarseCodesAnswerOnlyWhenTheirRowsAgree) {
  // 59 = 591 装卸搬运 (row 6) + 592–599 仓储 (row 7).
  SizeResult result = standard().classify(facts("59", 150, 500));
  EXPECT_EQ(result.size, SizeClass::small);
  EXPECT_EQ(result.row, "6/7");
  result = standard().classify(facts("59", 250, 2000));  // row 6 小型, row 7 中型
  EXPECT_EQ(result.size, SizeClass::unknown);
  EXPECT_EQ(result.largest_possible, SizeClass::medium);
  EXPECT_THAT(result.missing, ElementsAre("industry"));
  EXPECT_EQ(result.row, "");

  // I = 信息传输业 (63, 64) + 软件和信息技术服务业 (65).
  EXPECT_EQ(standard().classify(facts("I", 150, 500)).size, SizeClass::small);
  result = standard().classify(facts("I", 500, 50000));  // row 11 中型, row 12 大型
  EXPECT_EQ(result.size, SizeClass::unknown);
  EXPECT_EQ(result.largest_possible, SizeClass::large);
  EXPECT_THAT(all_reasons(result), HasSubstr("各行结果不同"));
  result = standard().classify(facts("I", 500, std::nullopt));
  EXPECT_EQ(result.size, SizeClass::unknown);
  EXPECT_THAT(result.missing, ElementsAre("revenue_10k_yuan", "industry"));
  EXPECT_EQ(standard().classify(facts("I", 5, std::nullopt)).size, SizeClass::micro);

  // F = 批发业 + 零售业: different thresholds.
  EXPECT_EQ(standard().classify(facts("F", 100, 3000)).size, SizeClass::unknown);
  EXPECT_EQ(standard().classify(facts("F", 2, 50)).size, SizeClass::micro);
}

// ---- The reference industry list ------------------------------------------------------------

struct Industry {
  std::string code, level, parent;
};

std::vector<Industry> reference_industries() {
  std::ifstream in(std::string(HUIQI_TEST_SHARED_DIR) + "/reference/industries-gbt4754-2017.csv");
  std::vector<Industry> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.ends_with('\r')) line.pop_back();
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, ',');) fields.push_back(field);
    if (fields.size() == 3) fields.emplace_back();  // a section has no parent
    if (fields.size() == 4) out.push_back({fields[0], fields[1], fields[3]});
  }
  return out;
}

TEST(SizeReference, EveryClassIsInARowOrExplicitlyUncovered) {
  const std::vector<Industry> industries = reference_industries();
  if (industries.empty()) GTEST_SKIP() << "reference industry list not found";
  std::map<std::string, std::string> parent;
  for (const Industry& industry : industries) parent[industry.code] = industry.parent;
  int classes = 0;
  for (const Industry& industry : industries) {
    if (industry.level != "class") continue;
    ++classes;
    const std::string section = parent[parent[parent[industry.code]]];
    ASSERT_EQ(section.size(), 1u) << industry.code;
    const SizeResult plain = standard().classify(facts(industry.code, 1, 1, 1));
    const SizeResult prefixed = standard().classify(facts(section + industry.code, 1, 1, 1));
    EXPECT_EQ(plain.row, prefixed.row) << industry.code;
    if (plain.size == SizeClass::unknown) {
      // Only the industries the standard leaves out.
      EXPECT_THAT(all_reasons(plain), HasSubstr("不适用")) << industry.code;
    } else {
      EXPECT_EQ(plain.size, SizeClass::micro) << industry.code;
    }
  }
  EXPECT_EQ(classes, 1381);
}

TEST(SizeReference, KnownCodesRejectCodesNotInTheList) {
  SizeStandard restricted = standard();
  std::vector<std::string> codes;
  for (const Industry& industry : reference_industries()) codes.push_back(industry.code);
  if (codes.empty()) GTEST_SKIP() << "reference industry list not found";
  EXPECT_EQ(restricted.classify(facts("6298", 1, 1)).size, SizeClass::micro);
  restricted.set_known_codes(codes);
  const SizeResult result = restricted.classify(facts("6298", 1, 1));
  EXPECT_EQ(result.size, SizeClass::unknown);
  EXPECT_THAT(all_reasons(result), HasSubstr("不在 GB/T 4754-2017"));
  EXPECT_EQ(restricted.classify(facts("H6291", 1, 1)).size, SizeClass::micro);
  EXPECT_EQ(restricted.classify(facts("H", 1, 1)).size, SizeClass::micro);
  // Coarse codes expand over the known classes below them.
  EXPECT_EQ(restricted.classify(facts("701", 1, 1, 1)).row, "13");
  EXPECT_EQ(restricted.classify(facts("59", 150, 500)).row, "6/7");
  EXPECT_EQ(restricted.classify(facts("70", 1, 1, 1)).size, SizeClass::unknown);  // 7040
  EXPECT_EQ(restricted.classify(facts("G", 1, 1, 1)).size, SizeClass::unknown);   // 53
  EXPECT_EQ(restricted.classify(facts("C", 1, 1)).row, "2");
  restricted.set_known_codes({"62"});  // a list without classes: nothing to expand to
  EXPECT_EQ(restricted.classify(facts("62", 1, 1)).size, SizeClass::unknown);
}

// ---- Loading --------------------------------------------------------------------------------

TEST(SizeLoad, BundledTable) {
  const std::vector<SizeRow>& rows = standard().rows();
  int covered = 0;
  for (const SizeRow& row : rows) covered += row.covered() ? 1 : 0;
  EXPECT_EQ(covered, 16);
  EXPECT_EQ(rows.size(), 23u);
  EXPECT_EQ(rows[6].industry, "仓储业");
  EXPECT_THAT(rows[6].scope, ElementsAre("59", "-591"));
}

TEST(SizeLoad, MissingFile) {
  try {
    SizeStandard::load("/nonexistent/size.csv");
    FAIL() << "no error";
  } catch (const UserError& error) {
    EXPECT_EQ(error.code(), "file-not-found");
    EXPECT_EQ(error.where().file, "/nonexistent/size.csv");
  }
}

TEST(SizeLoad, InMemoryWithQuotesCommentsAndCrlf) {
  const SizeStandard parsed = SizeStandard::parse(
      "\xEF\xBB\xBF# comment\r\n\r\nrow,industry,scope,indicator,large_min,medium_min,small_min\r\n"
      "1,\"餐饮业, \"\"test\"\"\",62,employees,300,100,10\r\n");
  ASSERT_EQ(parsed.rows().size(), 1u);
  EXPECT_EQ(parsed.rows()[0].industry, "餐饮业, \"test\"");
  EXPECT_EQ(parsed.rows()[0].line, 4);
  EXPECT_EQ(parsed.classify(facts("6210", 99, std::nullopt)).size, SizeClass::small);
  // 61 is in no row of this table.
  EXPECT_EQ(parsed.classify(facts("61", 1, 1)).size, SizeClass::unknown);
}

struct Malformed {
  const char* name;
  std::string body;  // after the header, which is line 2
  int line;
  const char* field;
};

class SizeMalformedTest : public ::testing::TestWithParam<Malformed> {};

TEST_P(SizeMalformedTest, NamesLineAndField) {
  const Malformed& bad = GetParam();
  const std::string text =
      "# header comment\nrow,industry,scope,indicator,large_min,medium_min,small_min\n" + bad.body;
  try {
    SizeStandard::parse(text, "bad.csv");
    FAIL() << bad.name << ": no error";
  } catch (const UserError& error) {
    EXPECT_EQ(error.code(), "bad-size-standard") << bad.name;
    EXPECT_EQ(error.where().file, "bad.csv") << bad.name;
    EXPECT_EQ(error.where().line, bad.line) << bad.name << ": " << error.what();
    EXPECT_EQ(error.where().field, bad.field) << bad.name << ": " << error.what();
    EXPECT_FALSE(error.message(Lang::zh).empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SizeMalformedTest,
    ::testing::Values(
        Malformed{"NotANumber", "1,工业,C,employees,1000,abc,20\n", 3, "medium_min"},
        Malformed{"Negative", "1,工业,C,employees,1000,300,-1\n", 3, "small_min"},
        Malformed{"TrailingText", "1,工业,C,employees,1000x,300,20\n", 3, "large_min"},
        Malformed{"EmptyThreshold", "1,工业,C,employees,,300,20\n", 3, "large_min"},
        Malformed{"BoundsOutOfOrder", "1,工业,C,employees,300,1000,20\n", 3, "medium_min"},
        Malformed{"SmallNotBelowMedium", "1,工业,C,employees,1000,300,300\n", 3, "small_min"},
        Malformed{"FieldCount", "1,工业,C,employees,1000,300\n", 3, ""},
        Malformed{"BadIndicator", "1,工业,C,staff,1000,300,20\n", 3, "indicator"},
        Malformed{"RepeatedIndicator",
                  "1,工业,C,employees,1000,300,20\n\n1,工业,C,employees,1000,300,20\n", 5,
                  "indicator"},
        Malformed{"BadRowId", "一,工业,C,employees,1000,300,20\n", 3, "row"},
        Malformed{"EmptyIndustry", "1,,C,employees,1000,300,20\n", 3, "industry"},
        Malformed{"BadScopeCode", "1,工业,C 99,employees,1000,300,20\n", 3, "scope"},
        Malformed{"PrefixedScopeCode", "1,工业,C33,employees,1000,300,20\n", 3, "scope"},
        Malformed{"EmptyScope", "1,工业, ,employees,1000,300,20\n", 3, "scope"},
        Malformed{"ScopeInTwoRows",
                  "1,工业,C,employees,1000,300,20\n2,餐饮业,62 C,employees,300,100,10\n", 4,
                  "scope"},
        Malformed{"ScopeChangesWithinRow",
                  "1,工业,C,employees,1000,300,20\n1,工业,B C,revenue_10k_yuan,4,3,2\n", 4,
                  "scope"},
        Malformed{"IndustryChangesWithinRow",
                  "1,工业,C,employees,1000,300,20\n1,制造业,C,revenue_10k_yuan,4,3,2\n", 4,
                  "industry"},
        Malformed{"RowNotContiguous",
                  "1,工业,C,employees,1000,300,20\n2,餐饮业,62,employees,300,100,10\n"
                  "1,工业,C,revenue_10k_yuan,4,3,2\n",
                  5, "row"},
        Malformed{"ExclusionOutsideScope", "7,仓储业,59 -601,employees,200,100,20\n", 3, "scope"},
        Malformed{"UncoveredWithIndicator", "-,金融业,J,employees,,,\n", 3, "indicator"},
        Malformed{"UncoveredWithThreshold", "-,金融业,J,-,1,,\n", 3, "large_min"},
        Malformed{"UnterminatedQuote", "1,\"工业,C,employees,1000,300,20\n", 3, ""},
        Malformed{"NoRows", "# nothing\n", 0, ""}),
    [](const ::testing::TestParamInfo<Malformed>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(SizeMalformed, BadHeaderAndNoHeader) {
  try {
    SizeStandard::parse("\n# c\nrow,industry,scope,indicator,large,medium,small\n", "h.csv");
    FAIL() << "no error";
  } catch (const UserError& error) {
    EXPECT_EQ(error.where().line, 3);
    EXPECT_EQ(error.where().field, "header");
    EXPECT_THAT(error.what(), HasSubstr("h.csv:3: header: "));
  }
  try {
    SizeStandard::parse("# only a comment\n", "h.csv");
    FAIL() << "no error";
  } catch (const UserError& error) {
    EXPECT_EQ(error.where().field, "header");
  }
}

}  // namespace
}  // namespace huiqi::match
