// The worked examples of ../shared/eval/dev-extraction.md on the real Liaoyang items, and
// properties that must hold for every one of the 130 items.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "extract/extractor.h"
#include "test_support.h"

namespace huiqi::extract {
namespace {

using testing::bundled_extractor;
using testing::liaoyang_item;
using testing::liaoyang_items;

std::set<std::string> numbers(const catalog::Facts& f) {
  std::set<std::string> out;
  for (const auto& d : f.documents) out.insert(d.number);
  return out;
}

std::vector<std::string> department_names(const catalog::Facts& f) {
  std::vector<std::string> out;
  for (const auto& d : f.departments) out.push_back(d.name);
  return out;
}

bool has_tag(const std::vector<catalog::TagFact>& tags, const std::string& value) {
  return std::any_of(tags.begin(), tags.end(),
                     [&](const catalog::TagFact& t) { return t.value == value; });
}

const catalog::TagFact* tag(const std::vector<catalog::TagFact>& tags, const std::string& value) {
  auto it = std::find_if(tags.begin(), tags.end(),
                         [&](const catalog::TagFact& t) { return t.value == value; });
  return it == tags.end() ? nullptr : &*it;
}

bool has_amount(const catalog::Facts& f, const std::string& kind, double value,
                const std::string& unit, const std::string& per = "") {
  return std::any_of(f.amounts.begin(), f.amounts.end(), [&](const catalog::AmountFact& a) {
    return a.kind == kind && a.value == value && a.unit == unit && a.per == per;
  });
}

TEST(LiaoyangTest, ReadsAll130Items) { EXPECT_EQ(liaoyang_items().size(), 130u); }

TEST(LiaoyangTest, Item2InterestSubsidyForKeyEpidemicSuppliers) {
  auto f = bundled_extractor().extract(liaoyang_item(2));
  ASSERT_EQ(f.documents.size(), 1u);
  EXPECT_EQ(f.documents[0].number, "辽市政发〔2020〕3号");
  EXPECT_EQ(f.documents[0].evidence.phrase.find("辽市政发[2020]3号") != std::string::npos, true);
  EXPECT_EQ(f.documents[0].level, catalog::DocumentLevel::city);
  EXPECT_TRUE(has_tag(f.forms, "贴息"));
  EXPECT_EQ(department_names(f),
            (std::vector<std::string>{"市财政局", "市发展改革委", "市工业和信息化局",
                                      "人民银行辽阳市中心支行"}));
  // 贴息期限不超过1年; the loans are those newly taken in 2020.
  EXPECT_TRUE(has_amount(f, "cap", 1, "年"));
  EXPECT_TRUE(std::any_of(f.times.begin(), f.times.end(), [](const catalog::TimeFact& t) {
    return t.kind == "year" && t.from == "2020-01-01" && t.until == "2020-12-31";
  }));
  EXPECT_TRUE(f.actionable);
  EXPECT_EQ(f.benefit_kind, catalog::BenefitKind::direct);
}

TEST(LiaoyangTest, Item11GraduateEmployment) {
  auto f = bundled_extractor().extract(liaoyang_item(11));
  const catalog::TagFact* graduates = tag(f.beneficiaries, "高校毕业生");
  ASSERT_NE(graduates, nullptr);
  EXPECT_FALSE(graduates->condition.empty());  // the evidence is the occurrence with a condition
  EXPECT_TRUE(has_amount(f, "per_unit", 1000, "元", "人"));  // 每人1000元
  EXPECT_TRUE(has_amount(f, "cap", 12, "个月"));             // 最长不超过12个月
  EXPECT_TRUE(has_amount(f, "rate", 60, "%"));               // 实际缴费的60%
  EXPECT_TRUE(has_amount(f, "cap", 24, "个月"));             // 最长不超过24个月
  EXPECT_EQ(f.valid_until, "2020-12-31");                    // 实施期限截至2020年12月31日
  EXPECT_FALSE(f.validity_unresolved);
  EXPECT_EQ(f.status_on("2023-07-31"), catalog::Status::expired);
  EXPECT_EQ(f.status_on("2020-06-01"), catalog::Status::active);
  EXPECT_TRUE(has_tag(f.forms, "补贴"));
}

TEST(LiaoyangTest, Item43RentWaiverFor2023) {
  auto f = bundled_extractor().extract(liaoyang_item(43));
  const catalog::TagFact* small = tag(f.beneficiaries, "小微企业");
  ASSERT_NE(small, nullptr);
  EXPECT_NE(small->condition.find("承租国有房屋"), std::string::npos);
  EXPECT_NE(small->condition.find("服务业"), std::string::npos);
  EXPECT_TRUE(has_tag(f.beneficiaries, "个体工商户"));
  EXPECT_TRUE(has_tag(f.forms, "减免"));
  EXPECT_EQ(f.valid_until, "2023-12-31");  // 免除2023年3个月房屋租金
  EXPECT_EQ(numbers(f), (std::set<std::string>{"辽市政发〔2023〕3号"}));
  EXPECT_EQ(department_names(f), (std::vector<std::string>{"市住房城乡建设局"}));
  EXPECT_EQ(f.status_on("2023-07-31"), catalog::Status::active);
  EXPECT_EQ(f.status_on("2024-01-01"), catalog::Status::expired);
}

TEST(LiaoyangTest, Item79RentReliefForSmes) {
  auto f = bundled_extractor().extract(liaoyang_item(79));
  EXPECT_TRUE(has_tag(f.beneficiaries, "中小企业"));
  EXPECT_TRUE(has_tag(f.beneficiaries, "孵化基地"));  // 创业园, 科技企业孵化器
  EXPECT_TRUE(has_tag(f.forms, "减免"));
  EXPECT_TRUE(has_tag(f.forms, "补贴"));
  EXPECT_TRUE(has_amount(f, "rate", 50, "%"));
  EXPECT_TRUE(has_amount(f, "cap", 300000, "元"));  // 最高补贴额度不超过30万元
  EXPECT_EQ(numbers(f), (std::set<std::string>{"辽市政发〔2020〕3号"}));
  EXPECT_TRUE(f.validity_unresolved);  // 在疫情期间: no date
  EXPECT_EQ(f.status_on("2023-07-31"), catalog::Status::unknown);
}

TEST(LiaoyangTest, DepartmentAliasesAndSingleUnits) {
  auto names = [](int seq) {
    return department_names(bundled_extractor().extract(liaoyang_item(seq)));
  };
  EXPECT_EQ(names(45), (std::vector<std::string>{"市财政局", "市工业和信息化局"}));
  EXPECT_EQ(names(47), (std::vector<std::string>{"市财政局", "市工业和信息化局", "市发展改革委",
                                                 "市住房城乡建设局", "市交通运输局", "市水利局"}));
  auto n164 = names(164);
  EXPECT_NE(std::find(n164.begin(), n164.end(), "市工业和信息化局"), n164.end());  // 市工息局
  auto n170 = names(170);
  EXPECT_NE(std::find(n170.begin(), n170.end(), "市人力资源社会保障局"), n170.end());  // 市人社局
  EXPECT_EQ(names(73), (std::vector<std::string>{"市财政局", "市税务局", "人民银行辽阳市中心支行",
                                                 "各县(市)区政府"}));
  EXPECT_EQ(names(4), (std::vector<std::string>{"各县(市)区政府", "市直项目单位"}));
  for (const auto& item : liaoyang_items()) {
    for (const auto& d : bundled_extractor().extract(item).departments) {
      EXPECT_TRUE(d.known) << item.seq << ": " << d.name;
    }
  }
}

TEST(LiaoyangTest, TruncatedAndTitleOnlyDocuments) {
  auto f = bundled_extractor().extract(liaoyang_item(82));
  ASSERT_EQ(f.documents.size(), 1u);
  EXPECT_TRUE(f.documents[0].truncated);
  EXPECT_TRUE(f.documents[0].inferred);
  EXPECT_EQ(f.documents[0].year, 2020);
  EXPECT_EQ(f.documents[0].serial, 11);
  auto court = bundled_extractor().extract(liaoyang_item(155));
  ASSERT_EQ(court.documents.size(), 1u);
  EXPECT_EQ(court.documents[0].number, "");
  EXPECT_EQ(court.documents[0].title, "辽阳市中级人民法院服务企业八项措施");
  EXPECT_EQ(court.documents[0].level, catalog::DocumentLevel::city);
  EXPECT_TRUE(court.documents[0].inferred);
}

TEST(LiaoyangTest, EveryItemHasADocument) {
  for (const auto& item : liaoyang_items()) {
    EXPECT_FALSE(bundled_extractor().extract(item).documents.empty()) << item.seq;
  }
}

struct ValidityCase {
  int seq;
  const char* valid_until;  // "none" long-term, "relative" unresolved
};

TEST(LiaoyangTest, ValidUntil) {
  const ValidityCase kCases[] = {
      {5, "2020-12-31"},   {7, "2020-12-31"},   {8, "2020-12-31"},   {10, "2020-12-31"},
      {14, "2020-12-31"},  {15, "relative"},    {19, "2023-06-30"},  {23, "2023-12-31"},
      {24, "2023-12-31"},  {42, "2023-12-31"},  {44, "2023-12-31"},  {47, "2022-12-31"},
      {52, "2021-08-31"},  {62, "2022-12-31"},  {63, "2022-12-31"},  {76, "relative"},
      {77, "2022-02-05"},  {96, "none"},        {100, "none"},       {103, "2022-12-31"},
      {156, "2022-12-31"}, {161, "2022-12-31"}, {162, "2022-12-31"}, {171, "none"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.seq);
    auto f = bundled_extractor().extract(liaoyang_item(c.seq));
    std::string actual = !f.valid_until.empty()  ? f.valid_until
                         : f.validity_unresolved ? "relative"
                                                 : "none";
    EXPECT_EQ(actual, c.valid_until);
  }
  auto f8 = bundled_extractor().extract(liaoyang_item(8));
  EXPECT_EQ(f8.valid_from, "2020-01-01");  // 实施期限为2020年1月1日至12月31日
}

TEST(LiaoyangTest, GovernmentTasksAreNotActionable) {
  for (int seq : {45, 46, 61, 97, 98, 99, 100}) {
    auto f = bundled_extractor().extract(liaoyang_item(seq));
    EXPECT_FALSE(f.actionable) << seq;
    EXPECT_EQ(f.benefit_kind, catalog::BenefitKind::task) << seq;
    EXPECT_FALSE(f.actionability_evidence.empty()) << seq;
  }
  for (int seq : {2, 3, 5, 7, 11, 24, 43, 71, 75, 79, 162}) {
    auto f = bundled_extractor().extract(liaoyang_item(seq));
    EXPECT_TRUE(f.actionable) << seq;
    EXPECT_EQ(f.benefit_kind, catalog::BenefitKind::direct) << seq;
  }
  for (int seq : {21, 22, 155}) {
    auto f = bundled_extractor().extract(liaoyang_item(seq));
    EXPECT_EQ(f.benefit_kind, catalog::BenefitKind::service) << seq;
  }
}

//! The raw text of the field an evidence names.
const std::string& field_text(const catalog::Item& item, const std::string& field) {
  if (field == "title") return item.title;
  if (field == "content") return item.content;
  if (field == "basis") return item.basis;
  if (field == "departments") return item.departments;
  throw std::runtime_error("unknown field " + field);
}

void expect_evidence(const catalog::Item& item, const catalog::Evidence& e, const char* what) {
  SCOPED_TRACE(std::to_string(item.seq) + " " + what + " " + e.phrase);
  const std::string& raw = field_text(item, e.field);
  ASSERT_LE(e.begin, e.end);
  ASSERT_LE(e.end, raw.size());
  EXPECT_FALSE(e.phrase.empty());
  EXPECT_EQ(raw.substr(e.begin, e.end - e.begin), e.phrase);
}

TEST(LiaoyangTest, EveryFactsEvidenceIsItsRawSpan) {
  std::size_t checked = 0;
  for (const auto& item : liaoyang_items()) {
    auto f = bundled_extractor().extract(item);
    for (const auto& x : f.documents) expect_evidence(item, x.evidence, "document");
    for (const auto& x : f.cited_documents) expect_evidence(item, x.evidence, "cited");
    for (const auto& x : f.departments) expect_evidence(item, x.evidence, "department");
    for (const auto& x : f.beneficiaries) expect_evidence(item, x.evidence, "beneficiary");
    for (const auto& x : f.industries) expect_evidence(item, x.evidence, "industry");
    for (const auto& x : f.forms) expect_evidence(item, x.evidence, "form");
    for (const auto& x : f.amounts) expect_evidence(item, x.evidence, "amount");
    for (const auto& x : f.times) expect_evidence(item, x.evidence, "time");
    for (const auto& x : f.actionability_evidence) expect_evidence(item, x, "actionability");
    checked += f.documents.size() + f.cited_documents.size() + f.departments.size() +
               f.beneficiaries.size() + f.industries.size() + f.forms.size() + f.amounts.size() +
               f.times.size() + f.actionability_evidence.size();
  }
  EXPECT_GT(checked, 1500u);
}

}  // namespace
}  // namespace huiqi::extract
