#include "text/normalize.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"

namespace huiqi::text {
namespace {

using namespace std::string_view_literals;

struct Golden {
  std::string_view in;
  std::string_view out;
};

// Text in → normalized text out. Most inputs are copied from the Liaoyang list.
const Golden kGolden[] = {
    // 文号 brackets around a year.
    {"辽市政发[2020]3号", "辽市政发〔2020〕3号"},
    {"辽市政发〔2020〕12号", "辽市政发〔2020〕12号"},
    {"(辽政办发〔2022〕24 号)", "(辽政办发〔2022〕24号)"},
    {"辽市政发(2020)3号", "辽市政发〔2020〕3号"},
    {"辽政办发【2022】24号", "辽政办发〔2022〕24号"},
    {"辽政办发［2022］24号", "辽政办发〔2022〕24号"},
    {"辽政办发（2022）24号", "辽政办发〔2022〕24号"},
    {"辽市政发〔 2020 〕 3 号", "辽市政发〔2020〕3号"},
    {"辽市政发[2020〕3号", "辽市政发〔2020〕3号"},
    {"(辽商财函〔2020〕117\n号)", "(辽商财函〔2020〕117号)"},
    {"(辽市政发〔2017〕47 号)", "(辽市政发〔2017〕47号)"},
    // Brackets that do not hold exactly a year stay as written.
    {"辽市政发[202011 责任单位", "辽市政发[202011 责任单位"},
    {"各县(市)区政府", "各县(市)区政府"},
    {"各县（市、区）人民政府", "各县(市、区)人民政府"},
    {"畅通24小时热线电话(8890000或12345)", "畅通24小时热线电话(8890000或12345)"},
    {"行动计划(2020—2022年)的通知", "行动计划(2020-2022年)的通知"},
    {"关于印发〈进一步优化营商环境〉的通知", "关于印发〈进一步优化营商环境〉的通知"},
    {"《关于印发<辽阳市工作方案>的通知》", "《关于印发<辽阳市工作方案>的通知》"},
    // Range dashes between numbers.
    {"将小微企业价格扣除比例提高到 10%―20% ,将", "将小微企业价格扣除比例提高到 10%-20% ,将"},
    {"力争再降低 5―15BP,压降", "力争再降低 5-15BP,压降"},
    {"5 ～ 15BP", "5-15BP"},
    {"10%~20%", "10%-20%"},
    {"1–2年", "1-2年"},
    {"2023-07-31", "2023-07-31"},
    {"“云(企业上云)——网(工业互联网)——智(智能制造)”",
     "“云(企业上云)——网(工业互联网)——智(智能制造)”"},
    // 至 is words, not a dash.
    {"实施期限均延长至2020年12月31日", "实施期限均延长至2020年12月31日"},
    {"继续给予3至12个月的低保救助", "继续给予3至12个月的低保救助"},
    {"按照省级风险补偿比例由 20%提高至 40%落实", "按照省级风险补偿比例由 20%提高至 40%落实"},
    // Spaces inside numbers and before units.
    {"缓缴实施期限至 2022 年底", "缓缴实施期限至 2022年底"},
    {"全力提升专项债券资金发行使用进度,6 月 30 日前发行完毕,8 月 31 日前基本使用完毕",
     "全力提升专项债券资金发行使用进度,6月30日前发行完毕,8月31日前基本使用完毕"},
    {"免除 2022 年 3 个月房屋租金", "免除 2022年3个月房屋租金"},
    {"给予最高不超过 100 万元奖励", "给予最高不超过 100万元奖励"},
    {"出口小于 500 万美元的小微外贸企业", "出口小于 500万美元的小微外贸企业"},
    {"48 小时核酸检测阴性证明", "48小时核酸检测阴性证明"},
    {"平均资费再降 10% 。", "平均资费再降 10% 。"},
    {"再降 10 %", "再降 10%"},
    {"1 000 000元", "1000000元"},
    {"12 345 678", "12345678"},
    {"2022 500", "2022 500"},
    {"1.5 000", "1.5 000"},
    {"〔2022〕 8号", "〔2022〕8号"},
    {"60 年代精简退职职工", "60年代精简退职职工"},
    {"〈 2020 年度外经贸发展资金(第一批)项目实施方案〉",
     "〈 2020年度外经贸发展资金(第一批)项目实施方案〉"},
    {"1.加大创新力度", "1.加大创新力度"},
    {"5G+工业互联网", "5G+工业互联网"},
    // NFKC: full-width forms, ideographic space, compatibility characters.
    {"０１２３４５６７８９", "0123456789"},
    {"补贴２０％，每户１万元。", "补贴20%,每户1万元。"},
    {"ＡＢＣ ｌｐｒ", "ABC lpr"},
    {"来源:辽阳市市场监管局\u3000\u3000\u3000发布时间:2023-07-31",
     "来源:辽阳市市场监管局 发布时间:2023-07-31"},
    {"政策内容\u00A0\u00A0政策依据", "政策内容 政策依据"},
    {"①加大力度", "1加大力度"},
    {"e\u0301", "\u00E9"},
    {"﹝2021﹞", "〔2021〕"},
    // Whitespace: runs collapse, ends are trimmed, invisible characters go.
    {"第一行\n第二行\r\n\t第三行", "第一行 第二行 第三行"},
    {"  \u3000前后空白 \n", "前后空白"},
    {"零\u200B宽\uFEFF字符\u00AD", "零宽字符"},
    {"a \u200B b", "a b"},
    {"", ""},
    {" \u3000\n", ""},
    // Invalid UTF-8 becomes U+FFFD, one per byte.
    {"ab\xFF\xFE", "ab\uFFFD\uFFFD"},
    {"中\xE4\xB8", "中\uFFFD\uFFFD"},
};

TEST(NormalizeTest, GoldenTable) {
  for (const Golden& g : kGolden) {
    EXPECT_EQ(normalize(g.in).text, g.out) << "input: " << testing::PrintToString(g.in);
  }
}

TEST(NormalizeTest, OutputIsValidUtf8AndIdempotent) {
  for (const Golden& g : kGolden) {
    const std::string once = normalize(g.in).text;
    EXPECT_TRUE(is_valid_utf8(once)) << testing::PrintToString(g.in);
    EXPECT_EQ(normalize(once).text, once) << testing::PrintToString(g.in);
  }
}

TEST(NormalizeTest, TrimCanBeTurnedOff) {
  EXPECT_EQ(normalize("  \u3000前后 \n", {.trim = false}).text, " 前后 ");
}

// The raw text behind normalized [begin, end).
std::string_view raw_of(std::string_view raw, const NormalizedText& n, std::size_t begin,
                        std::size_t end) {
  const auto [b, e] = n.raw_span(begin, end);
  return raw.substr(b, e - b);
}

// The normalized byte range of the first occurrence of needle.
std::pair<std::size_t, std::size_t> find_span(const NormalizedText& n, std::string_view needle) {
  const std::size_t at = n.text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return {at, at + needle.size()};
}

struct SpanCase {
  std::string_view raw;
  std::string_view normalized_piece;  // found in the normalized text
  std::string_view raw_piece;         // what it maps back to
};

TEST(NormalizeTest, SpansMapBackToTheOriginalWording) {
  const SpanCase kCases[] = {
      {"辽市政发[2020]3号", "〔2020〕", "[2020]"},
      {"辽市政发[2020]3号", "2020", "2020"},
      {"辽市政发[2020]3号", "辽市政发〔2020〕3号", "辽市政发[2020]3号"},
      {"(辽政办发〔2022〕24 号)", "24号", "24 号"},
      {"(辽政办发〔2022〕24 号)", "24", "24"},
      {"6 月 30 日前", "6月30日", "6 月 30 日"},
      {"提高到 10%―20% ,将", "10%-20%", "10%―20%"},
      {"提高到 10%―20% ,将", "-", "―"},
      {"5 ～ 15BP", "5-15BP", "5 ～ 15BP"},
      {"０１２万元", "1", "１"},
      {"０１２万元", "012万元", "０１２万元"},
      {"来源\u3000\u3000发布", " ", "\u3000\u3000"},
      {"\u3000\u3000前后\u3000", "前后", "前后"},
      {"ab\xFF\xFE", "\uFFFD", "\xFF"},
      {"e\u0301x", "\u00E9", "e\u0301"},
      {"零\u200B宽", "零宽", "零\u200B宽"},
      {"最高不超过 100 万元奖励", "100万元", "100 万元"},
  };
  for (const SpanCase& c : kCases) {
    SCOPED_TRACE(testing::PrintToString(c.raw));
    const NormalizedText n = normalize(c.raw);
    const auto [begin, end] = find_span(n, c.normalized_piece);
    EXPECT_EQ(raw_of(c.raw, n, begin, end), c.raw_piece);
  }
}

TEST(NormalizeTest, OffsetMapEdges) {
  const std::string_view raw = "\u3000\u3000辽市政发[2020]3号\u3000";
  const NormalizedText n = normalize(raw);
  ASSERT_EQ(n.text, "辽市政发〔2020〕3号");
  ASSERT_EQ(n.to_raw.size(), n.text.size() + 1);
  ASSERT_EQ(n.to_raw_end.size(), n.text.size());
  EXPECT_EQ(n.raw_offset(0), 6u);  // after the trimmed ideographic spaces
  EXPECT_EQ(n.raw_offset(n.text.size()), raw.size() - 3);
  EXPECT_EQ(n.raw_offset(n.text.size() + 100), raw.size() - 3);  // clamped
  // Every byte of a multi-byte output character maps to the same raw piece.
  const std::size_t bracket = n.text.find("〔");
  for (std::size_t i = bracket; i < bracket + 3; ++i) EXPECT_EQ(n.raw_offset(i), 18u);
  // Empty and inverted spans are empty.
  EXPECT_EQ(n.raw_span(3, 3), std::make_pair(std::size_t{9}, std::size_t{9}));
  EXPECT_EQ(n.raw_span(6, 3), std::make_pair(std::size_t{12}, std::size_t{12}));
  const auto [b, e] = n.raw_span(0, 1000);
  EXPECT_EQ(raw.substr(b, e - b), "辽市政发[2020]3号");

  const NormalizedText empty = normalize("");
  EXPECT_TRUE(empty.text.empty());
  ASSERT_EQ(empty.to_raw.size(), 1u);
  EXPECT_EQ(empty.raw_offset(0), 0u);
  EXPECT_EQ(empty.raw_span(0, 5), std::make_pair(std::size_t{0}, std::size_t{0}));
}

// Invariants of the offset map over any input: sizes, monotonicity, non-empty pieces.
void expect_map_invariants(std::string_view raw, const NormalizedText& n) {
  ASSERT_EQ(n.to_raw.size(), n.text.size() + 1);
  ASSERT_EQ(n.to_raw_end.size(), n.text.size());
  for (std::size_t i = 0; i < n.text.size(); ++i) {
    ASSERT_LT(n.to_raw[i], n.to_raw_end[i]) << i;
    ASSERT_LE(n.to_raw_end[i], raw.size()) << i;
    if (i > 0) {
      ASSERT_LE(n.to_raw[i - 1], n.to_raw[i]) << i;
      ASSERT_LE(n.to_raw_end[i - 1], n.to_raw_end[i]) << i;
    }
  }
  ASSERT_LE(n.to_raw.back(), raw.size());
}

TEST(NormalizeTest, InvalidUtf8NeverCrashesAndMapsOffsets) {
  const std::string_view kInputs[] = {
      "\xFF"sv,
      "\xC0\x80"sv,
      "\xED\xA0\x80 2022 年"sv,
      "\xF4\x90\x80\x80"sv,
      "[\xFF"
      "2020]"sv,
      "10%\xFF―20%"sv,
      "\xE4\xB8"sv,
      "a\0b"sv,
      "\x80\x80\x80 "sv,
      "〔2020\xE3\x80〕"sv,
  };
  for (std::string_view raw : kInputs) {
    SCOPED_TRACE(testing::PrintToString(raw));
    const NormalizedText n = normalize(raw);
    EXPECT_TRUE(is_valid_utf8(n.text));
    expect_map_invariants(raw, n);
  }
  const NormalizedText n = normalize("x\xFFy");
  EXPECT_EQ(n.text, "x\uFFFDy");
  EXPECT_EQ(n.raw_span(1, 4), std::make_pair(std::size_t{1}, std::size_t{2}));
  EXPECT_EQ(n.raw_offset(4), 2u);
}

TEST(NormalizeTest, AllByteValuesAndPathologicalInputs) {
  std::string bytes;
  for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
  expect_map_invariants(bytes, normalize(bytes));

  // Long runs: combining marks, digits with spaces, dashes, brackets. Linear time expected.
  std::string marks = "a";
  for (int i = 0; i < 5000; ++i) marks += "\u0301";
  std::string spaced;
  for (int i = 0; i < 20000; ++i) spaced += "1 000 ";
  std::string dashes;
  for (int i = 0; i < 20000; ++i) dashes += "1―";
  std::string brackets;
  for (int i = 0; i < 20000; ++i) brackets += "[2020]( 2021 )【";
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& raw : {marks, spaced, dashes, brackets}) {
    const NormalizedText n = normalize(raw);
    expect_map_invariants(raw, n);
    EXPECT_EQ(normalize(n.text).text, n.text);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

std::vector<std::string> liaoyang_lines() {
  std::ifstream in(std::string(HUIQI_DEFAULT_DATA_DIR) + "/liaoyang-2023-07-31.txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(NormalizeTest, RealListRoundTrips) {
  const std::vector<std::string> lines = liaoyang_lines();
  if (lines.empty()) GTEST_SKIP() << "the shared Liaoyang list is not available";
  std::size_t same_characters = 0;
  for (const std::string& raw : lines) {
    SCOPED_TRACE(raw.substr(0, 60));
    const NormalizedText n = normalize(raw);
    expect_map_invariants(raw, n);
    EXPECT_EQ(normalize(n.text).text, n.text);
    // No 文号 bracket of the form [YYYY] survives; the ranges use ASCII '-'.
    EXPECT_EQ(n.text.find("]3号"), std::string::npos);
    EXPECT_EQ(n.text.find("―"), std::string::npos);
    // Where a character was not rewritten, its raw span is the very same text.
    for (std::size_t pos = 0; pos < n.text.size();) {
      const std::size_t begin = pos;
      decode_utf8(n.text, pos);
      const std::string_view piece = std::string_view(n.text).substr(begin, pos - begin);
      if (raw_of(raw, n, begin, pos) == piece) ++same_characters;
    }
  }
  EXPECT_GT(same_characters, 35000u);
}

}  // namespace
}  // namespace huiqi::text
