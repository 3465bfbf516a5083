// The profile parser: what it accepts, and error messages that name the field (and line).
#include "match/profile.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "base/error.h"
#include "match/fields.h"
#include "match/industries.h"
#include "test_support.h"

namespace huiqi::match {
namespace {

using nlohmann::json;

// Parses and expects a UserError with this code and field.
void expect_error(const std::string& text, const std::string& code, const std::string& field) {
  try {
    parse_profile_text(text, "p.json");
    ADD_FAILURE() << "no error for " << text;
  } catch (const UserError& error) {
    EXPECT_EQ(error.code(), code) << text << " → " << error.describe(Lang::en);
    EXPECT_EQ(error.where().field, field) << text;
    EXPECT_EQ(error.where().file, "p.json");
    EXPECT_FALSE(error.message(Lang::zh).empty());
  }
}

TEST(ProfileParser, ReadsTheReferenceExample) {
  const std::string path = std::string(HUIQI_TEST_SHARED_DIR) + "/reference/profile.example.json";
  const Profile p = parse_profile(testing::read_json_file(path), path);
  EXPECT_EQ(p.name, "辽阳市白塔区某某小吃店");
  EXPECT_EQ(p.entity_type, EntityType::individual_business);
  EXPECT_EQ(p.ownership, Ownership::private_);
  EXPECT_EQ(p.industry, "H6210");
  EXPECT_EQ(p.region, "211002");
  EXPECT_EQ(p.employees, 5);
  EXPECT_EQ(p.size_class, std::nullopt);  // null: computed
  EXPECT_EQ(p.certifications, std::vector<std::string>{});
  EXPECT_EQ(p.premises.rents_state_owned, true);
  EXPECT_EQ(p.finance.seeking_loan_10k_yuan, 30);
  EXPECT_EQ(p.plans, std::vector<std::string>{});
  // Not in the example: unknown, not "no".
  EXPECT_EQ(p.affected_by_epidemic, std::nullopt);
  EXPECT_EQ(p.premises.monthly_rent_yuan, std::nullopt);
}

TEST(ProfileParser, MalformedJsonSaysWhere) {
  try {
    parse_profile_text("{\"employees\": 5,,}", "p.json");
    FAIL();
  } catch (const UserError& error) {
    EXPECT_EQ(error.code(), "profile-json");
    EXPECT_NE(error.message(Lang::en).find("byte"), std::string::npos);
  }
  expect_error("[1, 2]", "profile-type", "");
}

TEST(ProfileParser, WrongTypesNameTheField) {
  expect_error(R"({"employees": "5"})", "profile-type", "employees");
  expect_error(R"({"trade": {"exporter": "yes"}})", "profile-type", "trade.exporter");
  expect_error(R"({"trade": []})", "profile-type", "trade");
  expect_error(R"({"certifications": "tech_sme"})", "profile-type", "certifications");
  expect_error(R"({"industry": 6210})", "profile-type", "industry");
  expect_error(R"({"established": "2019/05/01"})", "profile-type", "established");
}

TEST(ProfileParser, BadValuesNameTheField) {
  expect_error(R"({"employees": -3})", "profile-negative", "employees");
  expect_error(R"({"finance": {"seeking_loan_10k_yuan": -1}})", "profile-negative",
               "finance.seeking_loan_10k_yuan");
  expect_error(R"({"industry": "H6298"})", "profile-industry", "industry");
  expect_error(R"({"industry": "C6210"})", "profile-industry", "industry");
  expect_error(R"({"region": "2110"})", "profile-region", "region");
  expect_error(R"({"entity_type": "company"})", "profile-unknown-value", "entity_type");
  expect_error(R"({"certifications": ["iso9001"]})", "profile-unknown-value", "certifications");
  expect_error(R"({"employes": 5})", "profile-unknown-field", "employes");
  expect_error(R"({"trade": {"exporterr": true}})", "profile-unknown-field", "trade.exporterr");
  expect_error(R"({"size": "small"})", "profile-unknown-field", "size");
}

TEST(ProfileParser, NegativeGrowthIsAllowed) {
  const Profile p = parse_profile_text(R"({"revenue_growth_pct": -12.5})", "p.json");
  EXPECT_EQ(p.revenue_growth_pct, -12.5);
}

TEST(ProfileParser, NullAndAbsentAreUnknownAndEmptySetsAreNone) {
  const Profile p = parse_profile_text(
      R"({"employees": null, "size_class": "unknown", "trade": null, "plans": [],
          "x-source": "registry", "x_row": 7, "notes": "free text"})",
      "p.json");
  EXPECT_EQ(p.employees, std::nullopt);
  EXPECT_EQ(p.size_class, std::nullopt);
  EXPECT_EQ(p.trade.exporter, std::nullopt);
  EXPECT_EQ(p.plans, std::vector<std::string>{});
  EXPECT_EQ(p.certifications, std::nullopt);
}

TEST(ProfileParser, AcceptsChineseLabelsAndCanonicalizesCodes) {
  const Profile p = parse_profile_text(
      R"({"entity_type": "个体工商户", "size_class": "小型", "industry": "6210",
          "certifications": ["科技型中小企业", "tech_sme"], "region": 211002})",
      "p.json");
  EXPECT_EQ(p.entity_type, EntityType::individual_business);
  EXPECT_EQ(p.size_class, SizeClass::small);
  EXPECT_EQ(p.industry, "H6210");
  EXPECT_EQ(p.certifications, std::vector<std::string>{"tech_sme"});
  EXPECT_EQ(p.region, "211002");
  EXPECT_EQ(parse_profile_text(R"({"industry": "h"})", "p").industry, "H");
  EXPECT_EQ(parse_profile_text(R"({"industry": "H62"})", "p").industry, "H62");
}

TEST(ProfileParser, ReportsTheLineForBatchInput) {
  try {
    parse_profile_text(R"({"employees": -1})", "registry.jsonl", default_industries(), 42);
    FAIL();
  } catch (const UserError& error) {
    EXPECT_EQ(error.where().line, 42);
    EXPECT_EQ(error.describe(Lang::en).rfind("registry.jsonl:42", 0), 0U)
        << error.describe(Lang::en);
  }
}

TEST(ProfileParser, ToJsonRoundTrips) {
  const Profile p = parse_profile_text(
      R"({"id": "91211002MA0001", "name": "某某制造", "entity_type": "enterprise",
          "ownership": "private", "industry": "C3311", "region": "211081", "employees": 45,
          "revenue_10k_yuan": 1800, "size_class": "small", "above_designated_size": true,
          "certifications": ["high_tech"], "trade": {"exporter": true,
          "imports_exports_last_year_10k_usd": 320}, "plans": ["overseas_expo"],
          "hiring": {"new_hires_this_year": 3}, "affected_by_epidemic": false})",
      "p.json");
  Profile again = parse_profile(to_json(p), "p.json");
  EXPECT_EQ(again, p);
  EXPECT_FALSE(to_json(p).contains("premises"));  // nothing known there
}

TEST(ProfileSchema, DescribesEveryFieldLikeTheTable) {
  const json schema = testing::read_json_file(testing::data_dir() + "/profile.schema.json");
  const json& properties = schema["properties"];
  std::set<std::string> seen;
  for (const FieldInfo& field : all_fields()) {
    if (field.kind == FieldKind::size) continue;
    const std::string path(field.path);
    const auto dot = path.find('.');
    const json* node = nullptr;
    if (dot == std::string::npos) {
      ASSERT_TRUE(properties.contains(path)) << path;
      node = &properties[path];
      seen.insert(path);
    } else {
      const std::string group = path.substr(0, dot);
      ASSERT_TRUE(properties.contains(group)) << path;
      ASSERT_TRUE(properties[group]["properties"].contains(path.substr(dot + 1))) << path;
      node = &properties[group]["properties"][path.substr(dot + 1)];
      seen.insert(group);
    }
    EXPECT_EQ((*node)["title"], std::string(field.label)) << path;
    EXPECT_EQ((*node)["x-question"], std::string(field.question)) << path;
    if (field.kind == FieldKind::choice || field.kind == FieldKind::set) {
      const json& values =
          field.kind == FieldKind::set ? (*node)["items"]["enum"] : (*node)["enum"];
      std::vector<std::string> listed;
      for (const json& value : values) {
        if (value.is_string()) listed.push_back(value.get<std::string>());
      }
      std::vector<std::string> table;
      for (const Choice& choice : field.choices) table.emplace_back(choice.value);
      EXPECT_EQ(listed, table) << path;
    }
    if (field.kind == FieldKind::number && !field.allow_negative) {
      EXPECT_EQ((*node)["minimum"], 0) << path;
    }
  }
  for (const auto& [key, value] : properties.items()) {
    if (key == "id" || key == "name" || key == "notes") continue;
    EXPECT_TRUE(seen.contains(key)) << "schema property without a field: " << key;
  }
}

TEST(ProfileSchema, IndustryListIsTheReferenceList) {
  std::ifstream in(std::string(HUIQI_TEST_SHARED_DIR) + "/reference/industries-gbt4754-2017.csv");
  ASSERT_TRUE(in);
  std::string line;
  std::getline(in, line);  // header
  std::vector<std::string> codes;
  while (std::getline(in, line)) {
    if (!line.empty()) codes.push_back(line.substr(0, line.find(',')));
  }
  const IndustryCatalog& catalog = default_industries();
  EXPECT_EQ(catalog.raw_codes(), codes);
  EXPECT_EQ(catalog.size(), 1971U);
  EXPECT_EQ(catalog.name("H6210"), "正餐服务");
  EXPECT_EQ(catalog.canonical("0111"), "A0111");
  EXPECT_EQ(catalog.canonical("9700"), "T9700");
  EXPECT_EQ(catalog.canonical("99"), std::nullopt);
}

}  // namespace
}  // namespace huiqi::match
