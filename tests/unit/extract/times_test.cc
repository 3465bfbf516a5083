// Golden table: time phrases → windows and validity; and status on a date.
#include "extract/times.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/extractor.h"
#include "test_support.h"

namespace huiqi::extract {
namespace {

using testing::bundled_extractor;
using testing::make_item;

//! "from..until", "relative" when unresolved, "" for long-term.
std::string validity(const catalog::Facts& f) {
  if (f.validity_unresolved) return "relative";
  if (f.valid_from.empty() && f.valid_until.empty()) return "";
  return f.valid_from + ".." + f.valid_until;
}

//! The time facts: kind from..until, ~ when inferred; joined with " | ".
std::string windows(const catalog::Facts& f) {
  std::string out;
  for (const auto& t : f.times) {
    if (!out.empty()) out += " | ";
    out += t.kind;
    if (!t.from.empty() || !t.until.empty()) out += " " + t.from + ".." + t.until;
    if (t.inferred) out += "~";
  }
  return out;
}

struct TimeCase {
  const char* content;
  const char* basis;  // gives the document year to dates without one
  const char* validity;
  const char* windows;
};

constexpr const char* kBasis2020 = "《甲》辽市政发〔2020〕3号";
constexpr const char* kBasis2022 = "《乙》辽市政发〔2022〕8号";

TEST(TimesTest, GoldenTable) {
  const TimeCase kCases[] = {
      // Explicit ends.
      {"实施期限至2020年12月31日。", "", "..2020-12-31", "end ..2020-12-31"},
      {"实施期限均延长至2020年12月31日。", "", "..2020-12-31", "end ..2020-12-31"},
      {"实施期限截至2020年12月31日。", "", "..2020-12-31", "end ..2020-12-31"},
      {"政策执行期限至2023年12月31日。", "", "..2023-12-31", "end ..2023-12-31"},
      {"还本付息日期原则上最长可延至2023年6月30日。", "", "..2023-06-30", "end ..2023-06-30"},
      {"2023年底前,鼓励担保公司免收担保费。", "", "..2023-12-31", "end ..2023-12-31"},
      {"2022 年底前,将再担保体系…落实。", "", "..2022-12-31", "end ..2022-12-31"},
      {"本轮延期还本付息日期原则上不超过 2022 年底。", "", "..2022-12-31", "end ..2022-12-31"},
      {"缓缴实施期限至 2022 年底。", "", "..2022-12-31", "end ..2022-12-31"},
      {"暂退保证金应在2022年2月5日前如数交还。", "", "..2022-02-05", "end ..2022-02-05"},
      {"延长至2021年2月底", "", "..2021-02-28", "end ..2021-02-28"},
      {"延长至2020年2月底", "", "..2020-02-29", "end ..2020-02-29"},
      {"执行至2022年", "", "..2022-12-31", "end ..2022-12-31~"},
      // The latest end wins.
      {"继续执行降低失业保险费率政策至2021年8月31日。2020年6月底前,允许暂缓缴存。", "",
       "..2021-08-31", "end ..2021-08-31 | end ..2020-06-30"},
      // Windows; the year of "至12月31日" comes from context.
      {"实施期限为2020年1月1日至12月31日。", "", "2020-01-01..2020-12-31",
       "window 2020-01-01..2020-12-31~"},
      {"自2020年1月1日起,调整补贴标准。", "", "2020-01-01..", "start 2020-01-01.."},
      {"2021年后按3年退出政策执行", kBasis2020, "2021-01-01..", "start 2021-01-01.."},
      // A month-day without a year: the nearest year before it, else the document's.
      {"2022 年预算安排资金在 6 月 30 日前下达;确有困难的于 6 月底前明确还款计划。", "",
       "..2022-06-30", "year 2022-01-01..2022-12-31~ | end ..2022-06-30~ | end ..2022-06-30~"},
      {"将征收期延长至3月底;可延长至6月底。", kBasis2020, "..2020-06-30",
       "end ..2020-03-31~ | end ..2020-06-30~"},
      {"自1月1日起,暂对…", kBasis2020, "2020-01-01..", "start 2020-01-01..~"},
      {"6 月 30 日前发行完毕", "", "relative", "relative"},
      // A measure stated only for a year runs through that year.
      {"免除2023年3个月房屋租金。", "", "2023-01-01..2023-12-31", "year 2023-01-01..2023-12-31~"},
      {"2022 年,对受疫情影响的小微企业实行“欠费不停供”措施。", "", "2022-01-01..2022-12-31",
       "year 2022-01-01..2022-12-31~"},
      {"将预留份额 2022 年阶段性提高至 40%以上。", "", "2022-01-01..2022-12-31",
       "year 2022-01-01..2022-12-31~"},
      {"对2020年新增的企业贷款给予贴息,贴息期限不超过1年。", kBasis2020, "2020-01-01..2020-12-31",
       "year 2020-01-01..2020-12-31~"},
      {"2023年以不低于2022年减免幅度为企业减免检验检测费用。", "《丙》辽市政发〔2023〕3号",
       "2023-01-01..2023-12-31", "year 2023-01-01..2023-12-31~"},
      {"(2020—2022年)", "", "2020-01-01..2022-12-31", "year 2020-01-01..2022-12-31~"},
      // Years before the document's are references to the past, not the measure's own.
      {"2019年认定已享受1年期限的人员,可延续1年。", kBasis2020, "", ""},
      {"对会展企业 2021 年度企业所得税等给予奖补。", kBasis2022, "", ""},
      // Goals and bases are not bounds; nor is a date with no cue.
      // A plan's horizon ends its measures.
      {"力争到2022年,培育2家省级工业互联网平台。", "", "..2022-12-31", "end ..2022-12-31~"},
      // "…后," opening a clause says when something starts, not when a measure ends.
      {"疫情解除后,迅速组织现场招聘。", "", "", ""},
      {"在2019年底实有数基础上实行总量控制。", "", "", ""},
      {"该文件于2020年3月1日印发。", "", "", ""},
      {"2020届高校毕业生;60 年代精简退职职工;最长弥补结转年限由5年延长至8年。", "", "", ""},
      // Relative bounds: unresolved unless a date ends the measures.
      {"申请日期原则上为疫情解除后3个月内。", "", "relative", "relative"},
      {"在疫情防控期间,市财政给予20%补贴。", "", "relative", "relative"},
      {"疫情防控期间申请稳岗返还,实施期限均延长至2020年12月31日。", "", "..2020-12-31",
       "relative | end ..2020-12-31"},
      {"政策执行期限按照国家规定执行。", "", "relative", "relative"},
      // Nothing.
      {"", "", "", ""},
      {"畅通24小时热线电话(8890000或12345)。", "", "", ""},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.content);
    auto facts = bundled_extractor().extract(make_item("", c.content, c.basis, ""));
    EXPECT_EQ(validity(facts), c.validity);
    EXPECT_EQ(windows(facts), c.windows);
  }
}

TEST(TimesTest, EvidenceIncludesTheCue) {
  const std::string content = "上述政策,实施期限均延长至2020年12月31日。";
  auto facts = bundled_extractor().extract(make_item("", content));
  ASSERT_EQ(facts.times.size(), 1u);
  EXPECT_EQ(facts.times[0].evidence.phrase, "延长至2020年12月31日");
  EXPECT_EQ(facts.times[0].evidence.field, "content");
}

TEST(TimesTest, StatusOnADate) {
  catalog::Facts f;
  EXPECT_EQ(f.status_on("2023-07-31"), catalog::Status::long_term);
  f.valid_until = "2023-12-31";
  EXPECT_EQ(f.status_on("2023-07-31"), catalog::Status::active);
  EXPECT_EQ(f.status_on("2023-12-31"), catalog::Status::active);
  EXPECT_EQ(f.status_on("2024-01-01"), catalog::Status::expired);
  f.valid_from = "2023-01-01";
  EXPECT_EQ(f.status_on("2022-12-31"), catalog::Status::not_yet);
  catalog::Facts relative;
  relative.validity_unresolved = true;
  EXPECT_EQ(relative.status_on("2023-07-31"), catalog::Status::unknown);
}

TEST(TimesTest, CalendarHelpers) {
  EXPECT_EQ(days_in_month(2020, 2), 29);
  EXPECT_EQ(days_in_month(2100, 2), 28);
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(2023, 4), 30);
  EXPECT_EQ(days_in_month(2023, 13), 0);
  EXPECT_EQ(iso_date(2023, 6, 30), "2023-06-30");
}

}  // namespace
}  // namespace huiqi::extract
