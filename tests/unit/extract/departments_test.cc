// Golden table: departments field → canonical units.
#include <gtest/gtest.h>

#include <string>

#include "extract/extractor.h"
#include "test_support.h"

namespace huiqi::extract {
namespace {

using testing::bundled_extractor;
using testing::make_item;

//! Names joined with " | "; {note} after a noted suffix, * for the lead, ? for an unknown name.
std::string describe(const std::vector<catalog::DepartmentRef>& departments) {
  std::string out;
  for (const auto& d : departments) {
    if (!out.empty()) out += " | ";
    out += d.name;
    if (d.lead) out += "*";
    if (!d.known) out += "?";
    if (!d.note.empty()) out += "{" + d.note + "}";
  }
  return out;
}

struct DepartmentCase {
  const char* departments;
  const char* expect;
};

TEST(DepartmentsTest, GoldenTable) {
  const DepartmentCase kCases[] = {
      {"市财政局、市发展改革委、市工业和信息化局、人民银行辽阳市中心支行",
       "市财政局 | 市发展改革委 | 市工业和信息化局 | 人民银行辽阳市中心支行"},
      // Never split inside brackets.
      {"各县(市)区政府,市政府办公室、市人力资源社会保障局",
       "各县(市)区政府 | 市政府办公室 | 市人力资源社会保障局"},
      {"各县（市）区政府，市直项目单位", "各县(市)区政府 | 市直项目单位"},
      {"市财政局、市税务局、人民银行辽阳市中心支行等,各项任务均须各县(市、区)人民政府落实",
       "市财政局 | 市税务局 | 人民银行辽阳市中心支行{等} | 各县(市)区政府"},
      // Aliases and typos.
      {"市财政局、市工信局、市发改委、市住建局、市交通运输局、市水利局等",
       "市财政局 | 市工业和信息化局 | 市发展改革委 | 市住房城乡建设局 | 市交通运输局 | "
       "市水利局{等}"},
      {"市发改委、市工息局、市公安局", "市发展改革委 | 市工业和信息化局 | 市公安局"},
      {"市财政局、市人社局、市教育局", "市财政局 | 市人力资源社会保障局 | 市教育局"},
      // Trailing remarks are noted, not part of the name.
      {"市人力资源社会保障局、市教育局、市残联按职责分工负责",
       "市人力资源社会保障局 | 市教育局 | 市残联{按职责分工负责}"},
      {"市财政局等", "市财政局{等}"},
      // A scope written once for several units.
      {"省商务厅、省财政厅,各市(不含大连)商务局、财政局",
       "省商务厅 | 省财政厅 | 各市(不含大连)商务局 | 各市(不含大连)财政局"},
      // Labels, lead markers, other separators.
      {"责任单位:市法院", "市法院"},
      {"责任单位： 市法院", "市法院"},
      {"市财政局(牵头)、市商务局", "市财政局* | 市商务局"},
      {"市财政局;市商务局；市科技局", "市财政局 | 市商务局 | 市科技局"},
      {"市财政局 市商务局", "市财政局 | 市商务局"},
      // Unknown names are kept as written (and reported by check_facts).
      {"市某某局、市财政局", "市某某局? | 市财政局"},
      {"", ""},
      {"、,、", ""},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.departments);
    auto facts = bundled_extractor().extract(make_item("", "", "", c.departments));
    EXPECT_EQ(describe(facts.departments), c.expect);
  }
}

TEST(DepartmentsTest, RawKeepsTheSuffixAndEvidencePointsAtIt) {
  const std::string field = "市财政局、市工信局等";
  auto facts = bundled_extractor().extract(make_item("", "", "", field));
  ASSERT_EQ(facts.departments.size(), 2u);
  const auto& d = facts.departments[1];
  EXPECT_EQ(d.name, "市工业和信息化局");
  EXPECT_EQ(d.raw, "市工信局等");
  EXPECT_EQ(d.note, "等");
  EXPECT_EQ(d.evidence.field, "departments");
  EXPECT_EQ(field.substr(d.evidence.begin, d.evidence.end - d.evidence.begin), "市工信局等");
}

}  // namespace
}  // namespace huiqi::extract
