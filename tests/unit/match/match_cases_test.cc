// Test cases as data (tests/data/match-cases.json): each a profile, an item of the Liaoyang list,
// the expected verdict and amount. Every item that offers something to apply for must have a case
// that qualifies and one that does not.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "match/match.h"
#include "test_support.h"

namespace huiqi::match {
namespace {

using nlohmann::json;

struct Case {
  std::size_t index = 0;
  int item = 0;
  std::string name;
  json profile;
  std::string verdict;
  std::optional<double> amount;
};

const json& cases_file() {
  static const json file = testing::read_json_file(testing::tests_data_dir() + "/match-cases.json");
  return file;
}

json resolve_base(const json& bases, const std::string& name, int depth = 0) {
  if (depth > 8 || !bases.contains(name)) throw std::runtime_error("bad base " + name);
  json base = bases[name];
  if (!base.contains("base")) return base;
  json parent = resolve_base(bases, base["base"].get<std::string>(), depth + 1);
  base.erase("base");
  parent.merge_patch(base);
  return parent;
}

std::vector<Case> load_cases() {
  std::vector<Case> out;
  const json& file = cases_file();
  for (std::size_t i = 0; i < file["cases"].size(); ++i) {
    const json& entry = file["cases"][i];
    Case c;
    c.index = i;
    c.item = entry["item"].get<int>();
    c.name = entry["name"].get<std::string>();
    c.profile = resolve_base(file["base_profiles"], entry["base"].get<std::string>());
    if (entry.contains("profile")) c.profile.merge_patch(entry["profile"]);
    c.verdict = entry["verdict"].get<std::string>();
    if (entry.contains("amount_yuan")) c.amount = entry["amount_yuan"].get<double>();
    out.push_back(std::move(c));
  }
  return out;
}

class MatchCase : public ::testing::TestWithParam<Case> {};

TEST_P(MatchCase, HasTheExpectedVerdictAndAmount) {
  const Case& c = GetParam();
  const RuleItem* rule = testing::find_rule(c.item);
  ASSERT_NE(rule, nullptr) << "no item " << c.item;
  ASSERT_TRUE(rule->offers) << "item " << c.item << " offers nothing to apply for";
  const Profile profile = parse_profile(c.profile, "match-cases.json#" + std::to_string(c.index));
  const MatchOptions options{.as_of = cases_file()["as_of"].get<std::string>(),
                             .include_expired = cases_file()["include_expired"].get<bool>()};
  const MatchResult result = match(profile, {*rule}, options);
  const ItemMatch* found = nullptr;
  for (const auto* list : {&result.eligible, &result.likely, &result.not_eligible}) {
    if (!list->empty()) found = &list->front();
  }
  ASSERT_NE(found, nullptr) << "item left out";
  std::string why;
  for (const ConditionResult& condition : found->conditions) {
    why += "  " + std::string(to_string(condition.value)) + ": " + condition.test + " (" +
           condition.profile_value + ")\n";
  }
  EXPECT_EQ(to_string(found->verdict), c.verdict) << c.name << "\n" << why;
  if (c.amount) {
    ASSERT_TRUE(found->amount.total_yuan.has_value()) << c.name;
    EXPECT_NEAR(*found->amount.total_yuan, *c.amount, 0.01) << c.name;
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return "item" + std::to_string(info.param.item) + "_case" + std::to_string(info.param.index);
}

INSTANTIATE_TEST_SUITE_P(Liaoyang, MatchCase, ::testing::ValuesIn(load_cases()), case_name);

bool has_question_leaf(const Expr& expr) {
  if (expr.kind == Expr::Kind::leaf) return expr.condition.op == Op::ask;
  for (const Expr& child : expr.children) {
    if (has_question_leaf(child)) return true;
  }
  return false;
}

TEST(MatchCases, EveryItemOfferingSomethingHasAQualifyingAndAFailingCase) {
  std::map<int, std::set<std::string>> verdicts;
  for (const Case& c : load_cases()) verdicts[c.item].insert(c.verdict);
  int covered = 0;
  for (const RuleItem& rule : testing::liaoyang_rules().items) {
    if (!rule.offers) continue;
    const auto& seen = verdicts[rule.item.seq];
    // Where a condition is a question no profile field answers, "likely" is the best answer.
    const std::string qualifies = has_question_leaf(rule.rule) ? "likely" : "eligible";
    EXPECT_TRUE(seen.contains(qualifies)) << rule.item.id << " has no " << qualifies << " case";
    EXPECT_TRUE(seen.contains("not_eligible")) << rule.item.id << " has no not_eligible case";
    ++covered;
  }
  EXPECT_EQ(covered, 71);
}

TEST(MatchCases, CasesOnlyNameItemsThatOfferSomething) {
  for (const Case& c : load_cases()) {
    const RuleItem* rule = testing::find_rule(c.item);
    ASSERT_NE(rule, nullptr) << c.item;
    EXPECT_TRUE(rule->offers) << c.item;
  }
}

}  // namespace
}  // namespace huiqi::match
