#include "catalog/csv.h"

#include <gtest/gtest.h>

#include <string>

namespace huiqi::catalog {
namespace {

Item make_item(int seq, std::string category, std::string title, std::string content,
               std::string basis, std::string departments) {
  Item item;
  item.id = "list/" + std::to_string(seq);
  item.seq = seq;
  item.category = std::move(category);
  item.title = std::move(title);
  item.content = std::move(content);
  item.basis = std::move(basis);
  item.departments = std::move(departments);
  item.lines = {seq * 2, seq * 2 + 1};
  return item;
}

TEST(CsvTest, EmptyListIsTheHeaderAlone) {
  EXPECT_EQ(to_csv(PolicyList{}), "category,seq,title,content,basis,departments\n");
}

TEST(CsvTest, WritesOneRecordPerItemWithLfEndings) {
  PolicyList list;
  list.info.title = "清单";  // metadata is not written
  list.info.issuer = "辽阳市市场监管局";
  list.items = {make_item(1, "财政资金支持", "建立复工复产帮扶机制", "及时协调解决困难。",
                          "《通知》辽市政发[2020]3号", "市财政局、市商务局"),
                make_item(2, "", "标题", "", "", "")};
  EXPECT_EQ(to_csv(list),
            "category,seq,title,content,basis,departments\n"
            "财政资金支持,1,建立复工复产帮扶机制,及时协调解决困难。,《通知》辽市政发[2020]3号,"
            "市财政局、市商务局\n"
            ",2,标题,,,\n");
}

TEST(CsvTest, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(csv_field("plain 文本（全角，逗号）"), "plain 文本（全角，逗号）");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("\""), "\"\"\"\"");
  EXPECT_EQ(csv_field("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(csv_field("cr\rlf"), "\"cr\rlf\"");
  EXPECT_EQ(csv_field("crlf\r\n"), "\"crlf\r\n\"");
}

TEST(CsvTest, QuotedFieldsInARecord) {
  PolicyList list;
  list.items = {make_item(12, "金融,支持", "He said \"yes\"", "第一行\n第二行", "《依据》", "a,b")};
  EXPECT_EQ(to_csv(list),
            "category,seq,title,content,basis,departments\n"
            "\"金融,支持\",12,\"He said \"\"yes\"\"\",\"第一行\n第二行\",《依据》,\"a,b\"\n");
}

TEST(CsvTest, NoByteOrderMark) {
  PolicyList list;
  list.items = {make_item(1, "类", "t", "c", "b", "d")};
  EXPECT_FALSE(to_csv(list).starts_with("\xEF\xBB\xBF"));
}

}  // namespace
}  // namespace huiqi::catalog
