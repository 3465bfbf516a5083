#include "ingest/html_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "ingest/text_parser.h"
#include "support/files.h"

namespace huiqi::ingest {
namespace {

ParseResult parse(const std::string& html) { return HtmlParser().parse(html, "list.html"); }

using test_diagnostics::has_code;
using test_diagnostics::with_code;

void expect_well_formed(const ParseResult& result) {
  test_diagnostics::expect_well_formed(result, "list.html");
}

using test_support::read_file;

const std::filesystem::path kDataDir = std::filesystem::path(__FILE__).parent_path() / "../../data";

// The list as published: a title, the 来源/发布时间 line, the category cell spanning its items.
const char* const kPage = R"(<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>辽阳市小微企业、个体工商户扶持政策事项清单</title></head>
<body>
<h1>清单标题不用</h1>
<div class="info">来源:辽阳市市场监管局&nbsp;&nbsp;发布时间:2023-07-31</div>
<table border="1">
<tr><th>政策类别</th><th>序号</th><th>扶持政策事项</th><th>政策内容</th><th>政策依据</th><th>实施部门</th></tr>
<tr>
  <td rowspan="3">财政资金支持(共3项)</td>
  <td>1</td>
  <td>建立复工复产帮扶机制</td>
  <td>畅通24小时热线电话,
      及时协调解决困难。</td>
  <td>《通知》辽市政发[2020]3号</td>
  <td>责任单位:市财政局、市商务局</td>
</tr>
<tr><td>2</td><td>贷款贴息</td><td>给予贴息。</td><td>《通知》辽市政发[2020]3号</td><td>责任单位：市财政局</td></tr>
<tr><td>3</td><td>防疫物资</td><td>给予补贴。</td><td>《通知》辽市政发[2020]3号</td><td>市工业和信息化局</td></tr>
<tr><td rowspan="2">金融资金支持(共2项)</td><td>4</td><td>降低融资成本</td><td>不抽贷。</td><td>《意见》辽市政发〔2020〕12号</td><td>责任单位:人民银行辽阳市中心支行</td></tr>
<tr><td>5</td><td>融资增信</td><td>快速审批。</td><td>《意见》辽市政发〔2020〕12号</td><td>责任单位:市金融发展局</td></tr>
</table>
</body>
</html>
)";

TEST(HtmlParserTest, ReadsTableWithRowspanCategory) {
  const ParseResult result = parse(kPage);
  expect_well_formed(result);
  EXPECT_TRUE(result.ok());
  EXPECT_TRUE(result.diagnostics.empty()) << result.diagnostics.front().code;
  EXPECT_EQ(result.info.title, "辽阳市小微企业、个体工商户扶持政策事项清单");
  EXPECT_EQ(result.info.issuer, "辽阳市市场监管局");
  EXPECT_EQ(result.info.published, "2023-07-31");

  ASSERT_EQ(result.items.size(), 5u);
  const catalog::Item& first = result.items[0];
  EXPECT_EQ(first.seq, 1);
  EXPECT_EQ(first.category, "财政资金支持");
  EXPECT_EQ(first.title, "建立复工复产帮扶机制");
  EXPECT_EQ(first.content, "畅通24小时热线电话,及时协调解决困难。");
  EXPECT_EQ(first.basis, "《通知》辽市政发[2020]3号");
  EXPECT_EQ(first.departments, "市财政局、市商务局");
  EXPECT_EQ(first.lines.first, 9);  // the <tr>
  EXPECT_EQ(first.lines.last, 16);  // the end of its last cell, not the </tr> below

  EXPECT_EQ(result.items[1].category, "财政资金支持");
  EXPECT_EQ(result.items[1].departments, "市财政局");  // full-width colon label
  EXPECT_EQ(result.items[2].category, "财政资金支持");
  EXPECT_EQ(result.items[2].departments, "市工业和信息化局");  // no label
  EXPECT_EQ(result.items[3].category, "金融资金支持");
  EXPECT_EQ(result.items[4].category, "金融资金支持");
  EXPECT_EQ(result.items[4].seq, 5);
  EXPECT_EQ(result.items[4].lines.first, 21);
  EXPECT_EQ(result.items[4].lines.last, 21);
}

TEST(HtmlParserTest, DeclaredCountIsCheckedByTheSharedChecks) {
  std::string page = kPage;
  page.replace(page.find("(共2项)"), std::string("(共2项)").size(), "(共7项)");
  const ParseResult result = parse(page);
  const auto mismatch = with_code(result, "category-count-mismatch");
  ASSERT_EQ(mismatch.size(), 1u);
  EXPECT_EQ(mismatch[0]->line, 20);
  EXPECT_NE(mismatch[0]->message.find("金融资金支持"), std::string::npos);
}

TEST(HtmlParserTest, MapsColumnsByHeaderName) {
  const ParseResult result = parse(R"(<table>
<thead><tr><td>序 号</td><td>实施部门</td><td>扶持政策事项</td><td>政策依据</td><td>政策内容</td><td>政策类别</td></tr></thead>
<tbody>
<tr><td>7</td><td>责任单位:市财政局</td><td>标题七</td><td>《依据》</td><td>内容七</td><td>税收优惠支持</td></tr>
<tr><td>8</td><td>市税务局</td><td>标题八</td><td>《依据八》</td><td>内容八</td><td>税收优惠支持</td></tr>
</tbody></table>)");
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.items.size(), 2u);
  EXPECT_EQ(result.items[0].seq, 7);
  EXPECT_EQ(result.items[0].title, "标题七");
  EXPECT_EQ(result.items[0].content, "内容七");
  EXPECT_EQ(result.items[0].basis, "《依据》");
  EXPECT_EQ(result.items[0].departments, "市财政局");
  EXPECT_EQ(result.items[0].category, "税收优惠支持");
  EXPECT_EQ(result.items[1].departments, "市税务局");
  EXPECT_TRUE(result.info.title.empty());
  EXPECT_TRUE(result.info.issuer.empty());
  EXPECT_TRUE(result.info.published.empty());
}

TEST(HtmlParserTest, AcceptsEnglishHeaderNames) {
  const ParseResult result = parse(
      "<table><tr><th>Seq</th><th>TITLE</th><th>content</th><th>basis</th>"
      "<th>departments</th></tr><tr><td>1</td><td>t</td><td>c</td><td>b</td><td>d</td></tr>"
      "</table>");
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.items.size(), 1u);
  EXPECT_EQ(result.items[0].title, "t");
  EXPECT_EQ(result.items[0].category, "");
}

TEST(HtmlParserTest, DecodesEntitiesAndJoinsLineBreaks) {
  const ParseResult result = parse(
      "<table><tr><th>序号</th><th>扶持政策事项</th><th>政策内容</th><th>政策依据</th>"
      "<th>实施部门</th></tr>\n"
      "<tr><td> 1 </td><td>A&amp;B &lt;企业&gt;</td>"
      "<td><p>第一段，</p><p>第二段&#x3002;</p>按LPR<br>减点;利率<br/>LPR<br>rate</td>"
      "<td>《通知》<br>&#36797;市政发〔2020〕3号</td>"
      "<td>&nbsp;责任单位:市财政局、<br>\n  市商务局&#12288;</td></tr></table>");
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.items.size(), 1u);
  const catalog::Item& item = result.items[0];
  EXPECT_EQ(item.seq, 1);
  EXPECT_EQ(item.title, "A&B <企业>");
  // Breaks vanish between Chinese characters; two ASCII words keep a space, as in the text
  // parser.
  EXPECT_EQ(item.content, "第一段，第二段。按LPR减点;利率LPR rate");
  EXPECT_EQ(item.basis, "《通知》辽市政发〔2020〕3号");
  EXPECT_EQ(item.departments, "市财政局、市商务局");
}

TEST(HtmlParserTest, RowspanRepeatsAnyCellAndColspanFillsTheFirstColumn) {
  const ParseResult result = parse(R"(<table>
<tr><td colspan="6">辽阳市扶持政策事项清单</td></tr>
<tr><th>政策类别</th><th>序号</th><th>扶持政策事项</th><th>政策内容</th><th>政策依据</th><th>实施部门</th></tr>
<tr><td rowspan="3">其他优惠支持</td><td>1</td><td>一</td><td>内容一</td><td rowspan="2">《共同依据》</td><td rowspan="3">市发展改革委</td></tr>
<tr><td>2</td><td>二</td><td>内容二</td></tr>
<tr><td>3</td><td>三</td><td colspan="2">内容三</td></tr>
</table>)");
  ASSERT_EQ(result.items.size(), 3u);
  for (const catalog::Item& item : result.items) {
    EXPECT_EQ(item.category, "其他优惠支持");
    EXPECT_EQ(item.departments, "市发展改革委");
  }
  EXPECT_EQ(result.items[0].basis, "《共同依据》");
  EXPECT_EQ(result.items[1].basis, "《共同依据》");
  EXPECT_EQ(result.items[1].content, "内容二");
  EXPECT_EQ(result.items[2].content, "内容三");
  EXPECT_EQ(result.items[2].basis, "");
  EXPECT_TRUE(has_code(result, "missing-basis"));  // from check_items
  EXPECT_FALSE(has_code(result, "short-row"));
  EXPECT_TRUE(result.ok());
}

TEST(HtmlParserTest, EmptyCategoryCellInheritsTheOneAbove) {
  const ParseResult result = parse(
      "<table><tr><th>政策类别</th><th>序号</th><th>扶持政策事项</th><th>政策内容</th>"
      "<th>政策依据</th><th>实施部门</th></tr>"
      "<tr><td>财政资金支持(共2项)</td><td>1</td><td>a</td><td>c</td><td>b</td><td>d</td></tr>"
      "<tr><td></td><td>2</td><td>a</td><td>c</td><td>b</td><td>d</td></tr></table>");
  ASSERT_EQ(result.items.size(), 2u);
  EXPECT_EQ(result.items[1].category, "财政资金支持");
  EXPECT_FALSE(has_code(result, "category-count-mismatch"));
}

TEST(HtmlParserTest, SectionRowNamesCategoryWhenThereIsNoCategoryColumn) {
  const ParseResult result = parse(
      "<table><tr><th>序号</th><th>扶持政策事项</th><th>政策内容</th><th>政策依据</th>"
      "<th>实施部门</th></tr>\n"
      "<tr><td colspan=\"5\">税收优惠支持(共1项)</td></tr>\n"
      "<tr><td>1</td><td>a</td><td>c</td><td>b</td><td>d</td></tr></table>");
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.items.size(), 1u);
  EXPECT_EQ(result.items[0].category, "税收优惠支持");
  EXPECT_FALSE(has_code(result, "category-count-mismatch"));
}

TEST(HtmlParserTest, SectionRowIsReportedWhenThereIsACategoryColumn) {
  const ParseResult result = parse(
      "<table><tr><th>政策类别</th><th>序号</th><th>扶持政策事项</th><th>政策内容</th>"
      "<th>政策依据</th><th>实施部门</th></tr>\n"
      "<tr><td colspan=\"6\">第一部分</td></tr>\n"
      "<tr><td>类</td><td>1</td><td>a</td><td>c</td><td>b</td><td>d</td></tr></table>");
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.items.size(), 1u);
  const auto skipped = with_code(result, "skipped-row");
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0]->severity, Severity::info);
  EXPECT_EQ(skipped[0]->line, 2);
}

TEST(HtmlParserTest, SkipsBlankAndRepeatedHeaderRows) {
  const ParseResult result = parse(
      "<table><tr><th>序号</th><th>扶持政策事项</th><th>政策内容</th><th>政策依据</th>"
      "<th>实施部门</th></tr>\n"
      "<tr><td>1</td><td>a</td><td>c</td><td>b</td><td>d</td></tr>\n"
      "<tr><td> </td><td></td><td></td><td></td><td>&nbsp;</td></tr>\n"
      "<tr><th>序号</th><th>扶持政策事项</th><th>政策内容</th><th>政策依据</th>"
      "<th>实施部门</th></tr>\n"
      "<tr><td>2</td><td>a</td><td>c</td><td>b</td><td>d</td></tr></table>");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.items.size(), 2u);
  ASSERT_EQ(with_code(result, "blank-row").size(), 1u);
  EXPECT_EQ(with_code(result, "blank-row")[0]->line, 3);
  ASSERT_EQ(with_code(result, "repeated-header").size(), 1u);
  EXPECT_EQ(with_code(result, "repeated-header")[0]->line, 4);
}

TEST(HtmlParserTest, FindsTheTableInsideALayoutTable) {
  const ParseResult result = parse(
      "<table><tr><td>导航</td></tr><tr><td>"
      "<table><tr><th>序号</th><th>扶持政策事项</th></tr><tr><td>1</td><td>t</td></tr></table>"
      "</td></tr></table>");
  ASSERT_EQ(result.items.size(), 1u);
  EXPECT_EQ(result.items[0].title, "t");
  // content, basis, departments columns are absent.
  EXPECT_EQ(with_code(result, "missing-column").size(), 3u);
  EXPECT_TRUE(result.ok());
}

TEST(HtmlParserTest, MetadataFromHeadingAndFullWidthLabels) {
  const ParseResult result = parse(
      "<body><h2>某市扶持政策清单</h2><p><span>信息来源：某市市场监管局</span>"
      "<span>发布时间：2022年3月4日</span></p>"
      "<table><tr><th>序号</th><th>扶持政策事项</th></tr><tr><td>1</td><td>t</td></tr>"
      "<tr><td>2</td><td>来源:表格里的不算</td></tr></table></body>");
  EXPECT_EQ(result.info.title, "某市扶持政策清单");
  EXPECT_EQ(result.info.issuer, "某市市场监管局");
  EXPECT_EQ(result.info.published, "2022-03-04");
}

TEST(HtmlParserTest, MetadataIsNotTakenFromTheTable) {
  const ParseResult result = parse(
      "<table><tr><th>序号</th><th>扶持政策事项</th></tr>"
      "<tr><td>1</td><td>来源:表格 发布时间:2020-01-01</td></tr></table>");
  EXPECT_TRUE(result.info.issuer.empty());
  EXPECT_TRUE(result.info.published.empty());
}

TEST(HtmlParserTest, EmptyInput) {
  for (const std::string input : {"", "  \n\t ", "\xE3\x80\x80"}) {
    const ParseResult result = parse(input);
    expect_well_formed(result);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].code, "empty-input");
    EXPECT_EQ(result.diagnostics[0].severity, Severity::error);
    EXPECT_FALSE(result.ok());
  }
}

TEST(HtmlParserTest, NoTable) {
  for (const std::string input :
       {"<html><body><p>没有表格</p></body></html>",
        "<table><tr><td>序号</td><td>名称</td></tr><tr><td>1</td><td>x</td></tr></table>",
        "财政资金支持(共48项) 1 建立复工复产帮扶机制 畅通……"}) {
    const ParseResult result = parse(input);
    expect_well_formed(result);
    const auto found = with_code(result, "no-table");
    ASSERT_EQ(found.size(), 1u) << input;
    EXPECT_EQ(found[0]->severity, Severity::error);
    EXPECT_TRUE(result.items.empty());
    EXPECT_FALSE(result.ok());
  }
}

TEST(HtmlParserTest, BadSeqIsAnErrorWithLineAndColumn) {
  const ParseResult result = parse(
      "<table><tr><th>序号</th><th>扶持政策事项</th></tr>\n"
      "<tr><td>1</td><td>a</td></tr>\n"
      "<tr>  <td>二</td><td>b</td></tr>\n"
      "<tr><td>0</td><td>c</td></tr>\n"
      "<tr><td>３</td><td>d</td></tr>\n"
      "</table>");
  expect_well_formed(result);
  const auto bad = with_code(result, "bad-seq");
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0]->severity, Severity::error);
  EXPECT_EQ(bad[0]->line, 3);
  EXPECT_EQ(bad[0]->column, 7);
  EXPECT_EQ(bad[0]->field, "seq");
  EXPECT_NE(bad[0]->message.find("二"), std::string::npos);
  EXPECT_EQ(bad[1]->line, 4);
  ASSERT_EQ(result.items.size(), 2u);
  EXPECT_EQ(result.items[1].seq, 3);  // full-width digits are accepted
  EXPECT_FALSE(result.ok());
}

TEST(HtmlParserTest, ShortRowIsAWarning) {
  const ParseResult result = parse(
      "<table><tr><th>序号</th><th>扶持政策事项</th><th>政策内容</th><th>政策依据</th>"
      "<th>实施部门</th></tr>\n"
      "<tr><td>1</td><td>a</td><td>c</td></tr>\n"
      "</table>");
  expect_well_formed(result);
  const auto short_rows = with_code(result, "short-row");
  ASSERT_EQ(short_rows.size(), 1u);
  EXPECT_EQ(short_rows[0]->severity, Severity::warning);
  EXPECT_EQ(short_rows[0]->line, 2);
  ASSERT_EQ(result.items.size(), 1u);
  EXPECT_EQ(result.items[0].content, "c");
  EXPECT_EQ(result.items[0].basis, "");
  EXPECT_TRUE(result.ok());
}

TEST(HtmlParserTest, ExtraCellsAreReported) {
  const ParseResult result = parse(
      "<table><tr><th>序号</th><th>扶持政策事项</th></tr>"
      "<tr><td>1</td><td>a</td><td>多余</td></tr></table>");
  EXPECT_TRUE(has_code(result, "extra-cells"));
  ASSERT_EQ(result.items.size(), 1u);
  EXPECT_EQ(result.items[0].title, "a");
}

TEST(HtmlParserTest, SharedChecksRun) {
  const ParseResult result = parse(
      "<table><tr><th>序号</th><th>扶持政策事项</th><th>政策依据</th><th>实施部门</th></tr>"
      "<tr><td>1</td><td>a</td><td>b</td><td>d</td></tr>"
      "<tr><td>3</td><td>c</td><td>b</td><td>d</td></tr>"
      "<tr><td>3</td><td>e</td><td>b</td><td>d</td></tr></table>");
  EXPECT_TRUE(has_code(result, "seq-gap"));
  EXPECT_TRUE(has_code(result, "seq-duplicate"));
}

TEST(HtmlParserTest, GarbageNeverCrashes) {
  std::mt19937 random(20230731);
  std::vector<std::string> inputs = {
      "<",
      "<table",
      "<table><tr><th>序号",
      "<table><tr><th>序号</th><th>扶持政策事项</th></tr><tr>",
      "<table><tr><th>序号</th><th>扶持政策事项</th></tr><tr><td rowspan=999999999>1"
      "<td colspan=-5>x<td colspan=99999999>y</table>",
      "<table><tr><th>序号</th><th>扶持政策事项</th></tr><tr><td rowspan=0>1</td><td>a</td></tr>"
      "<tr><td>b</td></tr><tr></tr></table>",
      std::string("\0\0\0<table>\0", 10),
      "\xFF\xFE<\x00t\x00",
      "&#xD800;&#0;&bogus;"};
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div><span>";  // gumbo is quadratic in depth
  inputs.push_back(deep + "<table><tr><th>序号</th><th>扶持政策事项</th></tr><tr><td>1<td>x");
  for (int n = 0; n < 200; ++n) {
    std::string bytes(static_cast<std::size_t>(random() % 2000), '\0');
    for (char& c : bytes) c = static_cast<char>(random());
    inputs.push_back(bytes);
  }
  // Mutations of a real page.
  for (int n = 0; n < 200; ++n) {
    std::string page = kPage;
    for (int k = 0; k < 5; ++k) {
      const std::size_t at = random() % page.size();
      page.erase(at, random() % 30);
      page.insert(static_cast<std::size_t>(random() % (page.size() + 1)),
                  std::string(1, "<>\"&=/ \n"[random() % 8]));
    }
    inputs.push_back(page);
  }
  for (const std::string& input : inputs) {
    const ParseResult result = parse(input);
    for (const Diagnostic& d : result.diagnostics) {
      EXPECT_FALSE(d.code.empty());
      EXPECT_FALSE(d.message_zh.empty());
    }
    for (const catalog::Item& item : result.items) EXPECT_GT(item.seq, 0);
  }
}

// The fixture holds the same items as the shared text file: both parsers must agree.
TEST(HtmlParserTest, FixtureMatchesTheTextFile) {
  const std::filesystem::path html_path = kDataDir / "liaoyang-2023-07-31.html";
  const std::filesystem::path text_path =
      std::filesystem::path(HUIQI_DEFAULT_DATA_DIR) / "liaoyang-2023-07-31.txt";
  if (!std::filesystem::exists(html_path)) GTEST_SKIP() << "no fixture " << html_path;
  const ParseResult html = HtmlParser().parse(read_file(html_path), "liaoyang.html");
  const ParseResult text = TextParser().parse(read_file(text_path), "liaoyang.txt");
  EXPECT_TRUE(html.ok());
  EXPECT_EQ(html.info.title, "辽阳市小微企业、个体工商户扶持政策事项清单");
  EXPECT_EQ(html.info.issuer, "辽阳市市场监管局");
  EXPECT_EQ(html.info.published, "2023-07-31");
  ASSERT_EQ(html.items.size(), 130u);
  ASSERT_EQ(text.items.size(), html.items.size());
  for (std::size_t i = 0; i < html.items.size(); ++i) {
    EXPECT_TRUE(html.items[i].same_content(text.items[i])) << "item " << text.items[i].seq;
  }
  // The declared counts are carried in the category cells as in the text file.
  EXPECT_EQ(with_code(html, "category-count-mismatch").size(),
            with_code(text, "category-count-mismatch").size());
  for (const Diagnostic& d : html.diagnostics) {
    EXPECT_NE(d.severity, Severity::error) << d.code << " " << d.message;
  }
}

}  // namespace
}  // namespace huiqi::ingest
