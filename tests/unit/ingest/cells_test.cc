#include "ingest/cells.h"

#include <gtest/gtest.h>

namespace huiqi::ingest {
namespace {

TEST(WrittenDate, TheWaysListPagesWriteADate) {
  EXPECT_EQ(written_date("2023-07-31"), "2023-07-31");
  EXPECT_EQ(written_date("2023/7/31"), "2023-07-31");
  EXPECT_EQ(written_date("2023.7.1 浏览次数:12"), "2023-07-01");
  EXPECT_EQ(written_date("  2023年7月31日"), "2023-07-31");
  EXPECT_EQ(written_date("2024-02-29"), "2024-02-29");
}

TEST(WrittenDate, NotADate) {
  for (const char* text : {"", "七月三十一日", "2023-02-29", "2023-13-01", "2023", "2023-07",
                           "0023-07-31", "2023 07 31", "发布时间:2023-07-31"}) {
    EXPECT_EQ(written_date(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace huiqi::ingest
