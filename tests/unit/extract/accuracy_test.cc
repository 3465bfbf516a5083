// Scoring extraction against a small inline expected-facts table.
#include "extract/accuracy.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/error.h"
#include "test_support.h"

namespace huiqi::extract {
namespace {

using testing::bundled_extractor;
using testing::liaoyang_items;

constexpr const char* kExpected =
    "# seq\tdocuments\tdepartments\tvalid_until\tnotes\n"
    "seq\tdocuments\tdepartments\tvalid_until\tnotes\n"
    "2\t辽市政发[2020]3号\t市财政局;市发展改革委;市工业和信息化局;人民银行辽阳市中心支行\tnone\t"
    "2020 loans\n"
    "11\t辽市政发〔2020〕12号\t市教育局; 市人力资源社会保障局;市财政局;市卫生健康委;市国资委;"
    "市征兵办;市扶贫办;各县(市)区政府\t2020-12-31\n"
    "43\t辽市政发〔2023〕3号\t市住房城乡建设局\t2023-12-31?\tyear measure\n"
    "79\t辽市政发〔2020〕3号\t各县(市)区政府;市科技局;市工业和信息化局\trelative\n"
    "82\t辽市政发〔2020〕11号?\t\t\tcut-off 文号; departments not annotated\n"
    "155\t《辽阳市中级人民法院服务企业八项措施》\t市法院\tnone\n"
    "999\t-\t-\tnone\tno such item\n";

TEST(AccuracyTest, ScoresEachFieldAndListsMismatches) {
  AccuracyReport r = evaluate_text(liaoyang_items(), bundled_extractor(), kExpected);
  EXPECT_EQ(r.rows, 7);
  EXPECT_EQ(r.missing, (std::vector<int>{999}));
  EXPECT_EQ(r.documents.compared, 6);
  EXPECT_EQ(r.documents.correct, 6);
  EXPECT_EQ(r.departments.compared, 5);  // 82 is not annotated
  EXPECT_EQ(r.departments.correct, 4);   // 79 also names 市国资委
  EXPECT_EQ(r.valid_until.compared, 5);
  EXPECT_EQ(r.valid_until.correct, 4);  // 2 is a 2020 measure: 2020-12-31
  ASSERT_EQ(r.mismatches.size(), 2u);
  EXPECT_EQ(r.mismatches[0].seq, 2);
  EXPECT_EQ(r.mismatches[0].field, "valid_until");
  EXPECT_EQ(r.mismatches[0].expected, "none");
  EXPECT_EQ(r.mismatches[0].actual, "2020-12-31");
  EXPECT_EQ(r.mismatches[1].seq, 79);
  EXPECT_EQ(r.mismatches[1].field, "departments");
  EXPECT_NEAR(r.departments.accuracy(), 0.8, 1e-9);
  std::string text = to_text(r);
  EXPECT_NE(text.find("departments"), std::string::npos);
  EXPECT_NE(text.find("missing item 999"), std::string::npos);
}

TEST(AccuracyTest, AnImpliedNumberMustBeMarked) {
  auto r = evaluate_text(liaoyang_items(), bundled_extractor(), "82\t辽市政发〔2020〕11号\t\t\n");
  EXPECT_EQ(r.documents.correct, 0);
  ASSERT_EQ(r.mismatches.size(), 1u);
  EXPECT_EQ(r.mismatches[0].actual, "辽市政发〔2020〕11号?");
}

TEST(AccuracyTest, MalformedLinesAreUserErrors) {
  try {
    evaluate_text(liaoyang_items(), bundled_extractor(), "# c\n2\tonly two\n", "e.tsv");
    FAIL();
  } catch (const UserError& e) {
    EXPECT_EQ(e.where().file, "e.tsv");
    EXPECT_EQ(e.where().line, 2);
  }
  EXPECT_THROW(evaluate_text(liaoyang_items(), bundled_extractor(), "x\t\t\t\n"), UserError);
  EXPECT_THROW(evaluate(liaoyang_items(), bundled_extractor(), "/nonexistent.tsv"), UserError);
}

TEST(AccuracyTest, ReadsTheListFileItself) {
  auto path = std::filesystem::temp_directory_path() / "huiqi-accuracy-test.tsv";
  {
    std::ofstream out(path);
    out << "43\t辽市政发〔2023〕3号\t市住房城乡建设局\t2023-12-31\n";
  }
  auto r =
      evaluate_list(testing::data_dir() + "/liaoyang-2023-07-31.txt", bundled_extractor(), path);
  std::filesystem::remove(path);
  EXPECT_EQ(r.documents.correct, 1);
  EXPECT_EQ(r.departments.correct, 1);
  EXPECT_EQ(r.valid_until.correct, 1);
}

}  // namespace
}  // namespace huiqi::extract
