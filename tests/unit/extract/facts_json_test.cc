// The JSON form of facts round-trips exactly.
#include "catalog/facts_json.h"

#include <gtest/gtest.h>

#include "base/error.h"
#include "test_support.h"

namespace huiqi::catalog {
namespace {

TEST(FactsJsonTest, RoundTripsEveryLiaoyangItem) {
  for (const auto& item : extract::testing::liaoyang_items()) {
    SCOPED_TRACE(item.seq);
    Facts facts = extract::testing::bundled_extractor().extract(item);
    nlohmann::json j = to_json(facts);
    EXPECT_EQ(facts_from_json(j), facts);
    EXPECT_EQ(facts_from_json(nlohmann::json::parse(j.dump())), facts);
  }
}

TEST(FactsJsonTest, RoundTripsEveryField) {
  Facts f;
  f.documents.push_back({"标题",
                         "辽市政发〔2020〕11号",
                         "辽市政发",
                         "辽阳市人民政府",
                         2020,
                         11,
                         DocumentLevel::city,
                         true,
                         true,
                         {"basis", 3, 30, "辽市政发[202011"}});
  f.cited_documents.push_back({.title = "就业补助资金管理办法", .level = DocumentLevel::national});
  f.departments.push_back(
      {"市工业和信息化局", "市工信局等", true, "等", true, {"departments", 0, 15, "市工信局等"}});
  f.beneficiaries.push_back({"小微企业", "出口小于500万美元", {"content", 1, 2, "x"}});
  f.industries.push_back({"H62", "餐饮业", {"content", 5, 11, "餐饮"}});
  f.forms.push_back({"贴息", "", {"title", 0, 6, "贴息"}});
  f.amounts.push_back(
      {"cap", "amount", 300000, 1.5e6, "元", "人", "减免租金", {"content", 0, 9, "最高30万元"}});
  f.amounts.push_back({"rate", "percent", 0.1, std::nullopt, "%", "", "", {}});
  f.times.push_back({"window", "2020-01-01", "2020-12-31", true, {"content", 0, 1, "至"}});
  f.actionable = false;
  f.benefit_kind = BenefitKind::task;
  f.actionability_evidence.push_back({"title", 0, 6, "宣传"});
  f.valid_from = "2020-01-01";
  f.valid_until = "2020-12-31";
  f.validity_unresolved = true;
  nlohmann::json j = to_json(f);
  EXPECT_EQ(j["benefit_kind"], "task");
  EXPECT_EQ(j["documents"][0]["level"], "city");
  EXPECT_TRUE(j["amounts"][1]["high"].is_null());
  EXPECT_EQ(facts_from_json(nlohmann::json::parse(j.dump())), f);
}

TEST(FactsJsonTest, MissingKeysTakeDefaults) {
  Facts f = facts_from_json(nlohmann::json::object());
  EXPECT_EQ(f, Facts{});
}

TEST(FactsJsonTest, WrongTypesAndUnknownNamesAreUserErrors) {
  EXPECT_THROW(facts_from_json(nlohmann::json::array()), UserError);
  EXPECT_THROW(facts_from_json({{"actionable", "yes"}}), UserError);
  EXPECT_THROW(facts_from_json({{"benefit_kind", "money"}}), UserError);
  EXPECT_THROW(facts_from_json({{"documents", {{{"level", "galactic"}}}}}), UserError);
  EXPECT_THROW(facts_from_json({{"documents", {{{"year", "2020"}}}}}), UserError);
  EXPECT_THROW(facts_from_json({{"times", "soon"}}), UserError);
  EXPECT_THROW(facts_from_json({{"amounts", {{{"evidence", {{"begin", -1}}}}}}}), UserError);
}

TEST(FactsJsonTest, EnumNames) {
  for (auto level : {DocumentLevel::national, DocumentLevel::provincial, DocumentLevel::city,
                     DocumentLevel::county, DocumentLevel::other, DocumentLevel::unknown}) {
    EXPECT_EQ(parse_document_level(to_string(level)), level);
  }
  for (auto s :
       {Status::active, Status::expired, Status::not_yet, Status::long_term, Status::unknown}) {
    EXPECT_EQ(parse_status(to_string(s)), s);
  }
  for (auto k : {BenefitKind::direct, BenefitKind::service, BenefitKind::task}) {
    EXPECT_EQ(parse_benefit_kind(to_string(k)), k);
  }
  EXPECT_FALSE(parse_status("soon").has_value());
}

}  // namespace
}  // namespace huiqi::catalog
