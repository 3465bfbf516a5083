// The batch engine: bit-parallel evaluation agrees with the per-profile one on every profile and
// rule; readers report bad rows with row and field and go on; counts add up; the synthetic
// registry is deterministic and looks like a city.
#include "match/batch.h"

#include <gtest/gtest.h>

#include <sstream>

#include "match/synthetic.h"
#include "test_support.h"

namespace huiqi::match {
namespace {

using nlohmann::json;

TEST(SizeMemo, AgreesWithTheStandardOnEveryProfile) {
  SyntheticRegistry registry(default_industries(), {.seed = 7, .unknown_rate = 0.3});
  SizeMemo memo(default_size_standard(), default_industries());
  for (int i = 0; i < 50000; ++i) {
    const Profile p = registry.next();
    const Subject expected = make_subject(p, default_size_standard());
    const auto [size, largest] = memo.classify(p);
    ASSERT_EQ(size, expected.size) << to_json(p).dump();
    ASSERT_EQ(largest, expected.largest) << to_json(p).dump();
  }
  // The point of the memo: fewer classifications than profiles, and fewer still as the
  // registry grows (each industry has a few dozen indicator buckets in practice).
  EXPECT_LT(memo.calls(), 25000U);
}

// Every rule, every profile: the bits equal evaluate(rule, subject).
void expect_same_as_per_profile(const std::string& as_of, bool include_expired,
                                std::size_t chunk_size, std::uint64_t seed) {
  const Rules& rules = testing::liaoyang_rules();
  BatchOptions options;
  options.as_of = as_of;
  options.include_expired = include_expired;
  BatchMatcher matcher(rules, options);
  ASSERT_FALSE(matcher.items().empty());
  SyntheticRegistry registry(default_industries(), {.seed = seed, .unknown_rate = 0.25});
  ProfileColumns chunk(chunk_size, default_size_standard(), default_industries());
  std::vector<Profile> profiles;
  std::size_t checked = 0;
  for (int round = 0; round < 3; ++round) {
    chunk.clear();
    profiles.clear();
    while (!chunk.full()) {
      profiles.push_back(registry.next());
      chunk.append(profiles.back(), profiles.size());
    }
    matcher.evaluate(chunk);
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      const Subject subject = make_subject(profiles[i], default_size_standard());
      for (std::size_t k = 0; k < matcher.items().size(); ++k) {
        const Tri expected = evaluate(matcher.items()[k]->rule, subject);
        const bool yes = (matcher.yes(k)[i / 64] >> (i % 64)) & 1U;
        const bool unknown = (matcher.unknown(k)[i / 64] >> (i % 64)) & 1U;
        const Tri got = yes ? Tri::yes : unknown ? Tri::unknown : Tri::no;
        ASSERT_FALSE(yes && unknown);
        ASSERT_EQ(got, expected) << matcher.items()[k]->item.id << " "
                                 << to_json(profiles[i]).dump();
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 0U);
}

TEST(BatchMatcher, AgreesWithPerProfileEvaluation) {
  expect_same_as_per_profile("2023-08-01", true, 4096, 1);
  // A chunk size that is not a multiple of 64, and dates that leave items out.
  expect_same_as_per_profile("2022-06-01", false, 1000, 2);
  expect_same_as_per_profile("2026-11-26", false, 777, 3);
}

TEST(BatchMatcher, SharesConditionsAcrossRules) {
  BatchOptions options;
  options.as_of = "2023-08-01";
  options.include_expired = true;
  const BatchMatcher matcher(testing::liaoyang_rules(), options);
  EXPECT_EQ(matcher.items().size(), 71U);
  std::size_t leaves = 0;
  for (const RuleItem* item : matcher.items()) leaves += huiqi::match::leaves(item->rule).size();
  // The region scope, 小微企业, 个体工商户 … are evaluated once per chunk, not once per rule.
  EXPECT_LT(matcher.node_count(), leaves);
}

TEST(BatchMatcher, LeavesOutExpiredItemsAndRestrictsToChosenItems) {
  BatchOptions options;
  options.as_of = "2026-11-26";
  const BatchMatcher later(testing::liaoyang_rules(), options);
  EXPECT_FALSE(later.expired().empty());
  for (const RuleItem* item : later.items()) {
    EXPECT_NE(item->facts.status_on("2026-11-26"), catalog::Status::expired);
  }
  options.items = {"liaoyang-2023-07-31/58", "liaoyang-2023-07-31/162"};
  options.include_expired = true;
  const BatchMatcher two(testing::liaoyang_rules(), options);
  ASSERT_EQ(two.items().size(), 2U);
}

TEST(CsvReader, SplitsQuotedCells) {
  std::vector<std::string> cells;
  ASSERT_TRUE(split_csv_record(R"(a,"b,c","say ""hi""",,)", cells));
  EXPECT_EQ(cells, (std::vector<std::string>{"a", "b,c", "say \"hi\"", "", ""}));
  EXPECT_FALSE(split_csv_record("a,\"open", cells));
  ASSERT_TRUE(split_csv_record("x,\"two\nlines\"\r", cells));
  EXPECT_EQ(cells.at(1), "two\nlines");
}

TEST(CsvReader, ReadsCellsByFieldKind) {
  const std::vector<std::string> header = {"id",        "entity_type",    "industry",
                                           "employees", "trade.exporter", "certifications",
                                           "plans",     "credit_code"};
  const Profile p = profile_from_csv(
      header, {"7", "individual_business", "6210", "5", "否", "tech_sme;high_tech", "none", "X"},
      "r.csv", 3, default_industries());
  EXPECT_EQ(p.id, "7");
  EXPECT_EQ(p.industry, "H6210");
  EXPECT_EQ(p.employees, 5);
  EXPECT_EQ(p.trade.exporter, false);
  EXPECT_EQ(p.certifications, (std::vector<std::string>{"tech_sme", "high_tech"}));
  EXPECT_EQ(p.plans, std::vector<std::string>{});
  const Profile empty =
      profile_from_csv(header, {"8", "", "", "", "", "", "", ""}, "r.csv", 4, default_industries());
  EXPECT_EQ(empty.employees, std::nullopt);  // empty cell: unknown
  EXPECT_EQ(empty.plans, std::nullopt);
}

TEST(CsvReader, BadCellsNameRowAndField) {
  const std::vector<std::string> header = {"id", "employees", "trade.exporter", "industry"};
  const auto expect_error = [&](const std::vector<std::string>& cells, const std::string& field,
                                const std::string& code) {
    try {
      profile_from_csv(header, cells, "r.csv", 9, default_industries());
      ADD_FAILURE();
    } catch (const UserError& error) {
      EXPECT_EQ(error.code(), code);
      EXPECT_EQ(error.where().field, field);
      EXPECT_EQ(error.where().line, 9);
    }
  };
  expect_error({"1", "-4", "", ""}, "employees", "profile-negative");
  expect_error({"1", "many", "", ""}, "employees", "profile-type");
  expect_error({"1", "", "maybe", ""}, "trade.exporter", "profile-type");
  expect_error({"1", "", "", "X99"}, "industry", "profile-industry");
  expect_error({"1", ""}, "", "profile-csv");
}

std::vector<json> lines_of(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

TEST(RunBatch, CsvWithBadRowsGoesOnAndCountsEverything) {
  std::istringstream in(
      "id,entity_type,industry,region,employees,revenue_10k_yuan,premises.rents_state_owned,"
      "premises.monthly_rent_yuan,address\n"
      "a,individual_business,H6210,211002,5,60,true,3000,\"白塔区, 中华大街\"\n"
      "b,individual_business,H6210,211002,-5,60,true,3000,x\n"
      "c,enterprise,C2614,211004,1500,50000,true,50000,x\n"
      "\n"
      "d,individual_business,H6299X,211002,5,60,true,3000,x\n"
      "e,individual_business,F5211,211003,3,,,,x\n");
  std::ostringstream out;
  std::vector<BatchProgress> progress;
  BatchOptions options;
  options.as_of = "2023-08-01";
  options.chunk_size = 2;
  const BatchSummary summary = run_batch(
      in, Format::csv, out, testing::liaoyang_rules(),
      [&](const BatchProgress& p) { progress.push_back(p); }, options);
  EXPECT_EQ(summary.rows, 5U);
  EXPECT_EQ(summary.bad, 2U);
  EXPECT_EQ(summary.matched, 3U);
  EXPECT_EQ(summary.ignored_columns, std::vector<std::string>{"address"});
  ASSERT_EQ(summary.errors.size(), 2U);
  EXPECT_EQ(summary.errors[0].row, 2U);
  EXPECT_EQ(summary.errors[0].line, 3);
  EXPECT_EQ(summary.errors[0].field, "employees");
  EXPECT_EQ(summary.errors[1].row, 4U);
  EXPECT_EQ(summary.errors[1].line, 6);  // the blank line is not a row
  EXPECT_EQ(summary.errors[1].field, "industry");
  EXPECT_FALSE(progress.empty());
  EXPECT_EQ(progress.back().rows, 5U);

  const std::vector<json> lines = lines_of(out.str());
  // Rows in input order, bad rows among them.
  std::vector<std::uint64_t> rows;
  for (const json& line : lines) rows.push_back(line["row"].get<std::uint64_t>());
  EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end()));
  const json& a = lines.at(0);
  EXPECT_EQ(a["id"], "a");
  const auto& eligible = a["eligible"];
  EXPECT_NE(std::find(eligible.begin(), eligible.end(), "liaoyang-2023-07-31/43"), eligible.end());
  EXPECT_EQ(lines.at(1)["error"]["field"], "employees");

  // The per-policy counts agree with the lines.
  for (const PolicyCount& policy : summary.policies) {
    std::uint64_t eligible_lines = 0;
    std::uint64_t likely_lines = 0;
    for (const json& line : lines) {
      if (!line.contains("eligible")) continue;
      for (const auto& id : line["eligible"]) eligible_lines += id == policy.id;
      for (const auto& id : line["likely"]) likely_lines += id == policy.id;
    }
    EXPECT_EQ(policy.eligible, eligible_lines) << policy.id;
    EXPECT_EQ(policy.likely, likely_lines) << policy.id;
  }
  const json summary_json = to_json(summary);
  EXPECT_EQ(summary_json["bad"], 2);
  EXPECT_EQ(summary_json["errors"][0]["field"], "employees");
}

TEST(RunBatch, JsonlWithMalformedLines) {
  std::istringstream in(
      R"({"id": "1", "entity_type": "individual_business", "industry": "H6210",)"
      R"( "region": "211002", "employees": 4, "premises": {"rents_state_owned": true}})"
      "\n{\"id\": \"2\", \"employees\": \n"
      R"({"id": "3", "entity_type": "enterprise", "employes": 4})"
      "\n");
  std::ostringstream out;
  BatchOptions options;
  options.as_of = "2023-08-01";
  const BatchSummary summary =
      run_batch(in, Format::jsonl, out, testing::liaoyang_rules(), {}, options);
  EXPECT_EQ(summary.rows, 3U);
  EXPECT_EQ(summary.bad, 2U);
  EXPECT_EQ(summary.errors.at(0).code, "profile-json");
  EXPECT_EQ(summary.errors.at(0).line, 2);
  EXPECT_EQ(summary.errors.at(1).field, "employes");
  const std::vector<json> lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0]["id"], "1");
}

TEST(RunBatch, OnePolicyFindsItsBusinesses) {
  // 政策找企业: which registered businesses can use item 43 (rent relief)?
  std::ostringstream registry;
  SyntheticRegistry generator(default_industries(), {.seed = 11});
  for (int i = 0; i < 3000; ++i) registry << to_json(generator.next()).dump() << "\n";
  std::istringstream in(registry.str());
  std::ostringstream out;
  BatchOptions options;
  options.as_of = "2023-08-01";
  options.items = {"liaoyang-2023-07-31/43"};
  options.chunk_size = 512;
  const BatchSummary summary =
      run_batch(in, Format::jsonl, out, testing::liaoyang_rules(), {}, options);
  ASSERT_EQ(summary.policies.size(), 1U);
  EXPECT_EQ(summary.rows, 3000U);
  EXPECT_EQ(summary.bad, 0U);
  EXPECT_GT(summary.policies[0].eligible, 0U);
  EXPECT_GT(summary.policies[0].likely, 0U);
  EXPECT_EQ(lines_of(out.str()).size(), summary.policies[0].eligible + summary.policies[0].likely);
}

TEST(RunBatch, CsvWithoutHeaderIsAnError) {
  std::istringstream in("1,2,3\n4,5,6\n");
  std::ostringstream out;
  EXPECT_THROW(run_batch(in, Format::csv, out, testing::liaoyang_rules()), UserError);
}

TEST(SyntheticRegistry, IsDeterministicAndLooksLikeACity) {
  SyntheticRegistry a(default_industries(), {.seed = 5});
  SyntheticRegistry b(default_industries(), {.seed = 5});
  SyntheticRegistry c(default_industries(), {.seed = 6});
  int individual = 0;
  int differs = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const Profile pa = a.next();
    ASSERT_EQ(pa, b.next());
    differs += pa != c.next();
    individual += pa.entity_type == EntityType::individual_business;
    // Every generated profile is valid input.
    ASSERT_EQ(parse_profile(to_json(pa), "<synthetic>").industry, pa.industry);
  }
  EXPECT_GT(differs, n * 9 / 10);
  EXPECT_GT(individual, n * 60 / 100);  // 个体工商户 the majority
  EXPECT_LT(individual, n * 75 / 100);
}

}  // namespace
}  // namespace huiqi::match
