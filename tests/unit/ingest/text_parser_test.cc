#include "ingest/text_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "support/files.h"

namespace huiqi::ingest {
namespace {

using test_diagnostics::with_code;

std::string read_bundled() {
  return test_support::read_file(std::string(HUIQI_DEFAULT_DATA_DIR) + "/liaoyang-2023-07-31.txt");
}

const catalog::Item& item(const ParseResult& result, int seq) {
  auto it = std::find_if(result.items.begin(), result.items.end(),
                         [&](const catalog::Item& i) { return i.seq == seq; });
  if (it == result.items.end()) throw std::runtime_error("no item " + std::to_string(seq));
  return *it;
}

class LiaoyangList : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { result_ = TextParser().parse(read_bundled(), "liaoyang.txt"); }
  static ParseResult result_;
};
ParseResult LiaoyangList::result_;

TEST_F(LiaoyangList, ReadsAll130ItemsWithoutErrors) {
  EXPECT_TRUE(result_.ok());
  EXPECT_EQ(result_.items.size(), 130u);
}

TEST_F(LiaoyangList, CountsItemsPerCategory) {
  std::map<std::string, int> counts;
  for (const auto& i : result_.items) ++counts[i.category];
  EXPECT_EQ(counts["财政资金支持"], 48);
  EXPECT_EQ(counts["金融资金支持"], 22);
  EXPECT_EQ(counts["税收优惠支持"], 3);
  EXPECT_EQ(counts["其他优惠支持"], 57);
  EXPECT_EQ(counts.size(), 4u);
}

TEST_F(LiaoyangList, ReadsTheMetadataAboveTheTable) {
  EXPECT_EQ(result_.info.title, "辽阳市小微企业、个体工商户扶持政策事项清单");
  EXPECT_EQ(result_.info.issuer, "辽阳市市场监管局");
  EXPECT_EQ(result_.info.published, "2023-07-31");
}

TEST_F(LiaoyangList, ReportsHeaderCountsThatDisagree) {
  const auto mismatches = with_code(result_, "category-count-mismatch");
  ASSERT_EQ(mismatches.size(), 2u);
  EXPECT_EQ(mismatches[0]->line, 56);  // 金融资金支持(共23项), 22 present
  EXPECT_NE(mismatches[0]->message.find("23"), std::string::npos);
  EXPECT_NE(mismatches[0]->message.find("22 are present"), std::string::npos);
  EXPECT_EQ(mismatches[1]->line, 94);  // 其他优惠支持(共107项), 57 present
  EXPECT_EQ(mismatches[0]->severity, Severity::warning);
}

TEST_F(LiaoyangList, ReportsTheNumberingGap) {
  const auto gaps = with_code(result_, "seq-gap");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0]->line, 133);
  EXPECT_NE(gaps[0]->message.find("113–154"), std::string::npos);
  EXPECT_TRUE(with_code(result_, "seq-duplicate").empty());
}

TEST_F(LiaoyangList, FlagsTheTruncatedDocumentNumbers) {
  std::vector<int> lines;
  for (const Diagnostic* d : with_code(result_, "truncated-doc-number")) lines.push_back(d->line);
  EXPECT_EQ(lines, (std::vector<int>{58, 102, 103, 104, 105, 106, 107, 108, 109, 110}));
}

TEST_F(LiaoyangList, EveryItemHasBasisAndDepartments) {
  EXPECT_TRUE(with_code(result_, "missing-basis").empty());
  EXPECT_TRUE(with_code(result_, "missing-departments").empty());
  EXPECT_TRUE(with_code(result_, "stray-line").empty());
  for (const auto& i : result_.items) {
    EXPECT_TRUE(i.basis.starts_with("《")) << i.seq << ": " << i.basis;
    EXPECT_EQ(i.departments.find("责任单位"), std::string::npos) << i.seq;
    EXPECT_FALSE(i.title.empty()) << i.seq;
    EXPECT_FALSE(i.content.empty()) << i.seq;
  }
}

TEST_F(LiaoyangList, NotesThePreambleLinesItDoesNotUse) {
  std::vector<int> lines;
  for (const Diagnostic* d : with_code(result_, "preamble-line")) lines.push_back(d->line);
  EXPECT_EQ(lines, (std::vector<int>{1, 6}));  // "辽阳" and the page's file name
}

TEST_F(LiaoyangList, Item55TitleStandsAloneAndContentFollowsABlankLine) {
  const auto& i = item(result_, 55);
  EXPECT_EQ(i.category, "金融资金支持");
  EXPECT_EQ(i.title, "扩大知识产权质押融资规模");
  EXPECT_EQ(i.content,
            "完善知识产权质押融资风险补偿分担机制,开展知识产权“入园惠企”行动,支持资产评估机构开展"
            "知识产权价值评估,提升质押融资评估服务能力。");
  EXPECT_EQ(
      i.basis,
      "《辽宁省人民政府办公厅关于印发〈进一步优化营商环境加大对中小微企业和个体工商户纾困帮扶力"
      "度的政策措施〉的通知》(辽政办发〔2022〕24 号)");
  EXPECT_EQ(i.departments, "市市场监管局");
  EXPECT_EQ(i.lines.first, 62);
  EXPECT_EQ(i.lines.last, 66);
}

TEST_F(LiaoyangList, Item58TitleWrapsOverThreeLinesAndItsBasisOverTwo) {
  const auto& i = item(result_, 58);
  EXPECT_EQ(
      i.title,
      "对小微民营企业(上一年度进出口额不超过500万美元的民营企业)投保短期出口信用保险缴纳的保费,"
      "按100%的比例给予支持;对其他民营企业投保短期出口信用保险缴纳的保费,按80%的比例给予支持");
  EXPECT_TRUE(i.content.starts_with("保费支持实行企业先缴后补,"));
  EXPECT_TRUE(i.content.ends_with("按 80%的比例给予支持。"));
  EXPECT_EQ(
      i.basis,
      "《辽宁省商务厅 辽宁省财政厅关于印发〈 2020 年度外经贸发展资金(第一批)项目实施方案〉的通"
      "知》(辽商财函〔2020〕117号)");
  EXPECT_EQ(i.departments, "省商务厅、省财政厅,各市(不含大连)商务局、财政局");
  EXPECT_EQ(i.lines.first, 71);
  EXPECT_EQ(i.lines.last, 76);
  const auto wrapped = with_code(result_, "title-wrapped");
  ASSERT_EQ(wrapped.size(), 1u);
  EXPECT_EQ(wrapped[0]->line, 71);
}

TEST_F(LiaoyangList, Item59BasisWrapsOntoTheNextLine) {
  const auto& i = item(result_, 59);
  EXPECT_EQ(i.title, "科技型中小微企业贷款补贴资金");
  EXPECT_EQ(i.content,
            "对获得辽阳市科技型中小微企业贷款的企业,还本付息后,按人民银行同期贷款利率的 "
            "50%给予资金补贴,单个企业补贴额最高不超过 50 万元。");
  EXPECT_EQ(i.basis, "《关于印发〈辽阳市加快科技创新若干政策〉的通知》(辽市政发〔2017〕47 号)");
  EXPECT_EQ(i.departments, "市科技局、市财政局");
  EXPECT_EQ(i.lines.first, 77);
  EXPECT_EQ(i.lines.last, 79);
}

TEST_F(LiaoyangList, Item60KeepsItsNumberedContent) {
  const auto& i = item(result_, 60);
  EXPECT_EQ(i.title, "进一步加强个体工商户金融服务");
  EXPECT_TRUE(i.content.starts_with("1.加大创新力度,"));
  EXPECT_TRUE(i.content.ends_with("推动开放政府数据。"));
  EXPECT_EQ(
      i.basis,
      "《辽宁银保监局办公室关于进一步加强个体工商户金融服务的通知》(辽银保监办发〔2021〕344 号)");
  EXPECT_EQ(i.departments, "银行保险机构");
  EXPECT_EQ(i.lines.first, 80);
  EXPECT_EQ(i.lines.last, 80);
}

TEST_F(LiaoyangList, ContentWithAnEmbeddedBookTitleKeepsIt) {
  // Item 17's content cites 《就业补助资金管理办法》; its basis is the last 《…》 cell.
  const auto& i = item(result_, 17);
  EXPECT_NE(i.content.find("《就业补助资金管理办法》"), std::string::npos);
  EXPECT_EQ(i.basis,
            "《辽阳市人民政府关于深入实施就业优先政策进一步做好稳就业工作的若干意见》辽市政发〔2020"
            "〕12号");
}

TEST_F(LiaoyangList, EveryNonBlankLineIsAccountedFor) {
  // Each non-blank line is inside an item's line range or named by a diagnostic.
  std::istringstream in(read_bundled());
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    bool covered = number == 3 || number == 4 || number == 7;  // title, 来源/发布时间, header
    for (const auto& i : result_.items)
      covered |= number >= i.lines.first && number <= i.lines.last;
    for (const auto& d : result_.diagnostics) covered |= d.line == number;
    EXPECT_TRUE(covered) << "line " << number;
  }
}

ParseResult parse(const std::string& text) { return TextParser().parse(text, "t.txt"); }

TEST(TextParser, EmptyInputIsAnError) {
  const auto result = parse("  \n\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics[0].code, "empty-input");
}

TEST(TextParser, TextWithoutNumberedItemsIsAnError) {
  const auto result = parse("这是一段普通的文字。\n没有任何序号。\n");
  ASSERT_FALSE(result.ok());
  EXPECT_FALSE(with_code(result, "no-items").empty());
}

TEST(TextParser, DuplicateNumbersAreAnError) {
  const auto result = parse(
      "类别(共2项) 1 标题一 内容一。 《文件》辽市政发〔2020〕3号 责任单位:市财政局\n"
      "1 标题二 内容二。 《文件》辽市政发〔2020〕3号 责任单位:市财政局\n");
  EXPECT_FALSE(result.ok());
  const auto duplicates = with_code(result, "seq-duplicate");
  ASSERT_EQ(duplicates.size(), 1u);
  EXPECT_EQ(duplicates[0]->line, 2);
  EXPECT_NE(duplicates[0]->message.find("line 1"), std::string::npos);
}

TEST(TextParser, MissingBasisAndDepartmentsAreWarnings) {
  const auto result = parse("1 标题 只有内容,没有依据。\n");
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.items.size(), 1u);
  EXPECT_EQ(result.items[0].content, "只有内容,没有依据。");
  EXPECT_EQ(with_code(result, "missing-basis").size(), 1u);
  EXPECT_EQ(with_code(result, "missing-departments").size(), 1u);
}

TEST(TextParser, AnItemWithoutAnyColumnBreakIsFlagged) {
  const auto result = parse("1 标题和内容连在一起没有空格\n");
  EXPECT_EQ(with_code(result, "title-unclear").size(), 1u);
}

TEST(TextParser, StrayLinesBeforeTheFirstItemAndAfterDepartmentsAreReported) {
  const auto result = parse(
      "政策类别 序号 扶持政策事项 政策内容 政策依据 实施部门\n"
      "多余的一行\n"
      "1 标题 内容。 《文件》辽市政发〔2020〕3号 责任单位:市财政局\n"
      "打印本页\n");
  const auto stray = with_code(result, "stray-line");
  ASSERT_EQ(stray.size(), 2u);
  EXPECT_EQ(stray[0]->line, 2);
  EXPECT_EQ(stray[1]->line, 4);
  EXPECT_EQ(result.items[0].departments, "市财政局");
}

TEST(TextParser, DepartmentsThatVisiblyWrapContinue) {
  const auto result =
      parse("1 标题 内容。 《文件》辽市政发〔2020〕3号 责任单位:市财政局、\n市商务局\n");
  ASSERT_EQ(result.items.size(), 1u);
  EXPECT_EQ(result.items[0].departments, "市财政局、市商务局");
  EXPECT_TRUE(with_code(result, "stray-line").empty());
}

TEST(TextParser, QuantitiesAtLineStartAreNotItemNumbers) {
  const auto result = parse(
      "1 标题 内容在下一行继续\n2022 年底前完成,\n3 个月内办结。 《文件》辽市政发〔2020〕3号 "
      "责任单位:市财政局\n");
  ASSERT_EQ(result.items.size(), 1u);
  EXPECT_EQ(result.items[0].content, "内容在下一行继续2022 年底前完成,3 个月内办结。");
}

TEST(TextParser, LargeNumbersWrappedToALineStartAreNotItems) {
  const auto result = parse(
      "1 标题 畅通热线电话\n8890000 或12345。 《文件》辽市政发〔2020〕3号 责任单位:市财政局\n"
      "2 标题 内容。 《文件》辽市政发〔2020〕3号 责任单位:市财政局\n");
  ASSERT_EQ(result.items.size(), 2u);
  EXPECT_EQ(result.items[0].content, "畅通热线电话8890000 或12345。");
}

TEST(TextParser, SixAndSevenDigitNumbersAreItems) {
  const auto result = parse(
      "99999 标题 内容。 《文件》辽市政发〔2020〕3号 责任单位:市财政局\n"
      "100000 标题 内容。 《文件》辽市政发〔2020〕3号 责任单位:市财政局\n");
  ASSERT_EQ(result.items.size(), 2u);
  EXPECT_EQ(result.items[1].seq, 100000);
}

TEST(TextParser, CategoryHeaderOnItsOwnLineAndFullWidthBrackets) {
  const auto result = parse(
      "税收优惠支持（共2项）\n"
      "7 标题 内容。 《文件》辽市政发〔2020〕3号 责任单位：市税务局\n"
      "8 标题 内容。 《文件》辽市政发〔2020〕3号 责任单位：市税务局\n");
  ASSERT_EQ(result.items.size(), 2u);
  EXPECT_EQ(result.items[0].category, "税收优惠支持");
  EXPECT_EQ(result.items[1].departments, "市税务局");
  EXPECT_TRUE(with_code(result, "category-count-mismatch").empty());
  EXPECT_EQ(with_code(result, "seq-gap").size(), 1u);  // numbering starts at 7
}

TEST(TextParser, WindowsLineEndingsAndIdeographicSpaces) {
  const auto result =
      parse("1\u3000标题\u3000内容。\u3000《文件》辽市政发〔2020〕3号 责任单位:市财政局\r\n");
  ASSERT_EQ(result.items.size(), 1u);
  EXPECT_EQ(result.items[0].title, "标题");
  EXPECT_EQ(result.items[0].departments, "市财政局");
}

TEST(TextParser, ArbitraryBytesNeverCrash) {
  std::string noise;
  for (int i = 0; i < 5000; ++i) noise += static_cast<char>((i * 7919) % 251 + 1);
  const auto result = parse(noise);
  EXPECT_FALSE(result.ok());
}

}  // namespace
}  // namespace huiqi::ingest
