#include "base/dates.h"

#include <gtest/gtest.h>

namespace huiqi {
namespace {

TEST(Dates, CalendarDatesOnly) {
  for (const char* ok : {"2023-07-31", "2024-02-29", "2000-02-29", "1900-01-01", "2099-12-31"}) {
    EXPECT_TRUE(is_iso_date(ok)) << ok;
  }
  for (const char* bad :
       {"2023-02-29", "1900-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-7-31",
        "2023/07/31", "20230731", "2023-07-31 ", "２０２３-07-31", "", "abcd-ef-gh"}) {
    EXPECT_FALSE(is_iso_date(bad)) << bad;
  }
}

TEST(Dates, TodayIsADate) {
  const std::string t = today();
  EXPECT_TRUE(is_iso_date(t)) << t;
  EXPECT_GE(t, "2024-01-01");
}

}  // namespace
}  // namespace huiqi
