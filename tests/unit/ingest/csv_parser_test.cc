#include "ingest/csv_parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "catalog/csv.h"
#include "diagnostics.h"
#include "ingest/text_parser.h"
#include "support/files.h"
#include "text/utf8.h"

namespace huiqi::ingest {
namespace {

ParseResult parse(const std::string& csv) { return CsvParser().parse(csv, "list.csv"); }

using test_diagnostics::has_code;
using test_diagnostics::with_code;

void expect_well_formed(const ParseResult& result) {
  test_diagnostics::expect_well_formed(result, "list.csv");
}

using test_support::read_file;

const std::filesystem::path kDataDir = std::filesystem::path(__FILE__).parent_path() / "../../data";

const std::string kEnglishHeader = "category,seq,title,content,basis,departments\n";

TEST(CsvParserTest, BomChineseHeadersAndCrlf) {
  const ParseResult result = parse(
      "\xEF\xBB\xBF政策类别,序号,扶持政策事项,政策内容,政策依据,实施部门\r\n"
      "财政资金支持(共2项),1,建立复工复产帮扶机制,及时协调解决困难。,《通知》辽市政发[2020]3号,"
      "责任单位:市财政局、市商务局\r\n"
      "财政资金支持(共2项),2, 贷款贴息 ,给予贴息。,《通知》,责任单位：市财政局\r\n");
  expect_well_formed(result);
  EXPECT_TRUE(result.ok());
  EXPECT_TRUE(result.diagnostics.empty()) << result.diagnostics.front().code;
  EXPECT_EQ(result.info, catalog::ListInfo{});
  ASSERT_EQ(result.items.size(), 2u);
  const catalog::Item& first = result.items[0];
  EXPECT_EQ(first.seq, 1);
  EXPECT_EQ(first.category, "财政资金支持");
  EXPECT_EQ(first.title, "建立复工复产帮扶机制");
  EXPECT_EQ(first.content, "及时协调解决困难。");
  EXPECT_EQ(first.basis, "《通知》辽市政发[2020]3号");
  EXPECT_EQ(first.departments, "市财政局、市商务局");
  EXPECT_EQ(first.lines, (catalog::SourceLines{2, 2}));
  EXPECT_EQ(result.items[1].title, "贷款贴息");
  EXPECT_EQ(result.items[1].departments, "市财政局");
  EXPECT_EQ(result.items[1].lines, (catalog::SourceLines{3, 3}));
}

TEST(CsvParserTest, EnglishHeadersInAnyCaseAndOrder) {
  const ParseResult result = parse(
      "ID,Departments,SEQ,Title,note,Basis,content\n"
      "x/1,市财政局,1,标题,备注,《依据》,内容\n"
      "x/2,市税务局,2,标题二,,《依据》,内容二");  // no newline at the end
  expect_well_formed(result);
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.items.size(), 2u);
  EXPECT_EQ(result.items[0].seq, 1);
  EXPECT_EQ(result.items[0].title, "标题");
  EXPECT_EQ(result.items[0].content, "内容");
  EXPECT_EQ(result.items[0].basis, "《依据》");
  EXPECT_EQ(result.items[0].departments, "市财政局");
  EXPECT_EQ(result.items[0].category, "");  // category is optional
  EXPECT_EQ(result.items[1].departments, "市税务局");
  // "id" is ignored quietly, "note" with an info diagnostic.
  const auto unknown = with_code(result, "unknown-column");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0]->severity, Severity::info);
  EXPECT_EQ(unknown[0]->line, 1);
  EXPECT_EQ(unknown[0]->column, 26);
  EXPECT_NE(unknown[0]->message.find("note"), std::string::npos);
}

TEST(CsvParserTest, QuotedFieldsWithCommasQuotesAndNewlines) {
  const ParseResult result = parse(kEnglishHeader +
                                   "类,1,\"a,b\",\"他说\"\"好\"\"\",\"第一行\n第二行\",d\n"
                                   "类,2,t,\"x\r\ny\",\"\",d\n"
                                   "类,3,t,c,b,d\n");
  expect_well_formed(result);
  ASSERT_EQ(result.items.size(), 3u);
  EXPECT_EQ(result.items[0].title, "a,b");
  EXPECT_EQ(result.items[0].content, "他说\"好\"");
  EXPECT_EQ(result.items[0].basis, "第一行\n第二行");
  EXPECT_EQ(result.items[0].lines, (catalog::SourceLines{2, 3}));
  EXPECT_EQ(result.items[1].content, "x\r\ny");
  EXPECT_EQ(result.items[1].basis, "");
  EXPECT_EQ(result.items[1].lines, (catalog::SourceLines{4, 5}));
  EXPECT_EQ(result.items[2].lines, (catalog::SourceLines{6, 6}));
  EXPECT_TRUE(has_code(result, "missing-basis"));  // from check_items, for item 2
}

TEST(CsvParserTest, MissingColumnNamesTheColumn) {
  const ParseResult result = parse("序号,扶持政策事项,政策内容,实施部门\n1,t,c,d\n");
  expect_well_formed(result);
  const auto missing = with_code(result, "missing-column");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0]->severity, Severity::error);
  EXPECT_EQ(missing[0]->line, 1);
  EXPECT_EQ(missing[0]->field, "basis");
  EXPECT_NE(missing[0]->message.find("basis"), std::string::npos);
  EXPECT_NE(missing[0]->message_zh.find("政策依据"), std::string::npos);
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(result.items.empty());
}

TEST(CsvParserTest, EveryRequiredColumnIsChecked) {
  const std::vector<std::string> names = {"seq", "title", "content", "basis", "departments"};
  for (const std::string& left_out : names) {
    std::string header = "category";
    for (const std::string& name : names) {
      if (name != left_out) header += "," + name;
    }
    const ParseResult result = parse(header + "\n");
    const auto missing = with_code(result, "missing-column");
    ASSERT_EQ(missing.size(), 1u) << left_out;
    EXPECT_EQ(missing[0]->field, left_out);
  }
}

TEST(CsvParserTest, FieldCountIsAnErrorWithItsLine) {
  const ParseResult result =
      parse(kEnglishHeader + "类,1,t,c,b,d\n类,2,t,c,b\n类,3,t,\"c\nc\",b,d,extra\n类,4,t,c,b,d\n");
  expect_well_formed(result);
  const auto bad = with_code(result, "field-count");
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0]->severity, Severity::error);
  EXPECT_EQ(bad[0]->line, 3);
  EXPECT_EQ(bad[1]->line, 4);
  ASSERT_EQ(result.items.size(), 2u);
  EXPECT_EQ(result.items[1].seq, 4);
  EXPECT_EQ(result.items[1].lines.first, 6);
  EXPECT_FALSE(result.ok());
}

TEST(CsvParserTest, UnterminatedQuoteIsReportedWhereTheFieldStarts) {
  const ParseResult result = parse(kEnglishHeader + "类,1,t,c,b,d\n类,2,t,\"c,b,d\n类,3,t,c,b,d\n");
  expect_well_formed(result);
  const auto bad = with_code(result, "unterminated-quote");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0]->severity, Severity::error);
  EXPECT_EQ(bad[0]->line, 3);
  EXPECT_EQ(bad[0]->column, 7);
  EXPECT_EQ(result.items.size(), 1u);
  EXPECT_FALSE(result.ok());
}

TEST(CsvParserTest, UnterminatedQuoteInTheHeader) {
  const ParseResult result = parse("\"seq,title\n");
  EXPECT_EQ(with_code(result, "unterminated-quote").size(), 1u);
  EXPECT_FALSE(has_code(result, "empty-input"));
  EXPECT_FALSE(result.ok());
}

TEST(CsvParserTest, BadSeqIsAnErrorWithLineAndColumn) {
  const ParseResult result = parse(
      kEnglishHeader + "类,1,t,c,b,d\n类别,一,t,c,b,d\n类,-2,t,c,b,d\n类,,t,c,b,d\n类,3,t,c,b,d\n");
  expect_well_formed(result);
  const auto bad = with_code(result, "bad-seq");
  ASSERT_EQ(bad.size(), 3u);
  EXPECT_EQ(bad[0]->severity, Severity::error);
  EXPECT_EQ(bad[0]->line, 3);
  EXPECT_EQ(bad[0]->column, 4);  // code points: 类 别 , then the field
  EXPECT_EQ(bad[0]->field, "seq");
  EXPECT_EQ(bad[1]->line, 4);
  EXPECT_EQ(bad[2]->line, 5);
  EXPECT_EQ(result.items.size(), 2u);
  EXPECT_FALSE(result.ok());
}

TEST(CsvParserTest, EmptyInput) {
  for (const std::string input : {"", "\xEF\xBB\xBF", " \r\n\n", "\n,,,\n"}) {
    const ParseResult result = parse(input);
    expect_well_formed(result);
    ASSERT_EQ(with_code(result, "empty-input").size(), 1u) << input;
    EXPECT_FALSE(result.ok());
  }
}

TEST(CsvParserTest, InvalidUtf8IsAnError) {
  const ParseResult result = parse(kEnglishHeader + "类,1,t,\xC3\x28,b,d\n");
  const auto bad = with_code(result, "invalid-encoding");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0]->line, 2);
  EXPECT_EQ(bad[0]->column, 7);
}

TEST(CsvParserTest, LenientQuotingIsReported) {
  const ParseResult result =
      parse(kEnglishHeader + "类,1,5\"寸屏,\"c\"尾巴,b,d\n\n,,,,,\n类,2,t,c,b,d\n");
  expect_well_formed(result);
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.items.size(), 2u);
  EXPECT_EQ(result.items[0].title, "5\"寸屏");
  EXPECT_EQ(result.items[0].content, "c尾巴");
  ASSERT_EQ(with_code(result, "stray-quote").size(), 1u);
  EXPECT_EQ(with_code(result, "stray-quote")[0]->column, 5);
  ASSERT_EQ(with_code(result, "text-after-quote").size(), 1u);
  EXPECT_EQ(with_code(result, "text-after-quote")[0]->column, 13);
  const auto blank = with_code(result, "blank-row");
  ASSERT_EQ(blank.size(), 2u);
  EXPECT_EQ(blank[0]->line, 3);
  EXPECT_EQ(blank[1]->line, 4);
  EXPECT_EQ(result.items[1].lines.first, 5);
}

TEST(CsvParserTest, DuplicateColumnKeepsTheFirst) {
  const ParseResult result = parse("seq,title,content,basis,departments,标题\n1,a,c,b,d,z\n");
  EXPECT_FALSE(has_code(result, "duplicate-column"));  // 标题 is not a column name
  const ParseResult twice =
      parse("seq,title,content,basis,departments,扶持政策事项\n1,a,c,b,d,z\n");
  ASSERT_EQ(with_code(twice, "duplicate-column").size(), 1u);
  ASSERT_EQ(twice.items.size(), 1u);
  EXPECT_EQ(twice.items[0].title, "a");
}

TEST(CsvParserTest, CategoryRunsAreHeadersForTheSharedChecks) {
  const ParseResult result = parse(kEnglishHeader +
                                   "财政资金支持(共3项),1,t,c,b,d\n"
                                   "财政资金支持(共3项),2,t,c,b,d\n"
                                   "税收优惠支持(共1项),3,t,c,b,d\n"
                                   "税收优惠支持(共1项),5,t,c,b,d\n");
  ASSERT_EQ(result.items.size(), 4u);
  EXPECT_EQ(result.items[3].category, "税收优惠支持");
  const auto mismatch = with_code(result, "category-count-mismatch");
  ASSERT_EQ(mismatch.size(), 2u);
  EXPECT_EQ(mismatch[0]->line, 2);
  EXPECT_EQ(mismatch[1]->line, 4);
  EXPECT_TRUE(has_code(result, "seq-gap"));
}

catalog::Item make_item(int seq, std::string category, std::string title, std::string content,
                        std::string basis, std::string departments) {
  catalog::Item item;
  item.seq = seq;
  item.category = std::move(category);
  item.title = std::move(title);
  item.content = std::move(content);
  item.basis = std::move(basis);
  item.departments = std::move(departments);
  return item;
}

void expect_round_trip(const catalog::PolicyList& list) {
  const ParseResult back = parse(catalog::to_csv(list));
  // The shared checks may well complain about the content; reading itself must not.
  for (const char* code : {"empty-input", "invalid-encoding", "missing-column", "field-count",
                           "unterminated-quote", "bad-seq", "stray-quote", "text-after-quote"}) {
    EXPECT_FALSE(has_code(back, code)) << code;
  }
  ASSERT_EQ(back.items.size(), list.items.size());
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    EXPECT_TRUE(back.items[i].same_content(list.items[i]))
        << "item " << list.items[i].seq << ": " << back.items[i].content;
  }
}

TEST(CsvParserTest, ReadsBackWhatToCsvWrites) {
  catalog::PolicyList list;
  list.info.title = "清单";
  list.items = {
      make_item(1, "财政资金支持", "建立复工复产帮扶机制", "畅通24小时热线电话,及时协调。",
                "《通知》辽市政发[2020]3号", "市财政局、市商务局"),
      make_item(2, "财政资金支持", "He said \"yes\"", "第一行\n第二行\r\n第三行\r末行",
                "\"引号开头", "a,b,\"c\""),
      make_item(3, "", "", "", "", ""),
      make_item(4, "金融,支持", "标题", "尾部逗号,", "\n", "\"\""),
      make_item(5, "金融,支持", "id", "seq,title", "category", "departments"),
  };
  // Fields are trimmed on reading, as parsers produce them; "\n" alone would read back empty.
  list.items[3].basis = "a\nb";
  expect_round_trip(list);
}

TEST(CsvParserTest, RandomItemsRoundTrip) {
  std::mt19937 random(42);
  const std::vector<std::string> pieces = {"a",    "Z",  "9",  ",",  "\"",          "\n",
                                           "\r\n", "\r", " ",  "政", "策",          "（",
                                           "）",   "、", "：", "\t", "\xE3\x80\x80"};
  auto random_field = [&] {
    std::string value;
    const int length = static_cast<int>(random() % 12);
    for (int i = 0; i < length; ++i) value += pieces[random() % pieces.size()];
    return std::string(text::trim(value));
  };
  catalog::PolicyList list;
  for (int seq = 1; seq <= 300; ++seq) {
    list.items.push_back(make_item(seq, random_field(), random_field(), random_field(),
                                   random_field(), random_field()));
    // A department that starts with the label would lose it on reading; parsers never make one.
    if (list.items.back().departments.starts_with("责任单位")) list.items.back().departments = "";
  }
  expect_round_trip(list);
}

TEST(CsvParserTest, GarbageNeverCrashes) {
  std::mt19937 random(7);
  std::vector<std::string> inputs = {"\"",
                                     "\"\"\"",
                                     ",",
                                     "\r",
                                     "\r\r\n\n",
                                     "seq,title\n\"",
                                     std::string("seq,title\0,x\n1,\0\n", 17)};
  for (int n = 0; n < 300; ++n) {
    std::string bytes(static_cast<std::size_t>(random() % 500), '\0');
    const bool text_like = n % 2 == 0;
    for (char& c : bytes) {
      c = text_like ? ",\"\r\n ab1"[random() % 8] : static_cast<char>(random());
    }
    if (n % 3 == 0) bytes = kEnglishHeader + bytes;
    inputs.push_back(bytes);
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
TEST(CsvParserTest, FixtureMatchesTheTextFile) {
  const std::filesystem::path csv_path = kDataDir / "liaoyang-2023-07-31.csv";
  const std::filesystem::path text_path =
      std::filesystem::path(HUIQI_DEFAULT_DATA_DIR) / "liaoyang-2023-07-31.txt";
  if (!std::filesystem::exists(csv_path)) GTEST_SKIP() << "no fixture " << csv_path;
  const ParseResult csv = CsvParser().parse(read_file(csv_path), "liaoyang.csv");
  const ParseResult text = TextParser().parse(read_file(text_path), "liaoyang.txt");
  for (const Diagnostic& d : csv.diagnostics) {
    EXPECT_NE(d.severity, Severity::error) << d.code << " " << d.message;
  }
  ASSERT_EQ(csv.items.size(), 130u);
  ASSERT_EQ(text.items.size(), csv.items.size());
  for (std::size_t i = 0; i < csv.items.size(); ++i) {
    EXPECT_TRUE(csv.items[i].same_content(text.items[i])) << "item " << text.items[i].seq;
  }
  // And the text file's items survive to_csv and back.
  catalog::PolicyList list;
  list.items = text.items;
  expect_round_trip(list);
}

}  // namespace
}  // namespace huiqi::ingest
