// The override file and rule compilation: the bundled overrides fit the bundled list, stale
// quotes are detected, government tasks never get a rule, facts alone give a coarse rule.
#include "match/rules.h"

#include <gtest/gtest.h>

#include <set>

#include "base/error.h"
#include "test_support.h"

namespace huiqi::match {
namespace {

using testing::find_rule;
using testing::liaoyang_facts;
using testing::liaoyang_items;
using testing::liaoyang_rules;

std::string issues_text(const Rules& rules, const std::string& code) {
  std::string out;
  for (const RuleIssue& issue : rules.issues) {
    if (issue.code == code) out += issue.item + ": " + issue.message + "\n";
  }
  return out;
}

TEST(Overrides, BundledFileCoversTheListWithoutStaleEntries) {
  const Rules& rules = liaoyang_rules();
  ASSERT_EQ(rules.items.size(), 130U);
  EXPECT_EQ(issues_text(rules, "stale-override"), "");
  EXPECT_EQ(issues_text(rules, "unknown-item"), "");
  EXPECT_EQ(issues_text(rules, "override-on-task"), "");
  EXPECT_EQ(issues_text(rules, "no-override"), "");
  EXPECT_EQ(issues_text(rules, "amount-not-in-facts"), "");
}

TEST(Overrides, EveryActionableItemIsReviewed) {
  int offers = 0;
  for (const RuleItem& rule : liaoyang_rules().items) {
    if (rule.facts.actionable) {
      EXPECT_EQ(rule.source, RuleItem::Source::override) << rule.item.id;
    }
    if (rule.offers) {
      ++offers;
      EXPECT_FALSE(rule.note.empty()) << rule.item.id;
      EXPECT_FALSE(rule.rule.children.empty()) << rule.item.id;
    } else {
      EXPECT_FALSE(rule.context_reason.empty()) << rule.item.id;
    }
  }
  // 71 items of the list offer a business something to apply for (see the override file).
  EXPECT_EQ(offers, 71);
}

TEST(Overrides, GovernmentTasksAreContextEvenWithARule) {
  const RuleItem* task = find_rule(100);  // 做好宣传和舆论引导工作
  ASSERT_NE(task, nullptr);
  EXPECT_FALSE(task->facts.actionable);
  EXPECT_FALSE(task->offers);

  // An override that tries to give a task a rule is reported and not applied.
  Overrides overrides = default_overrides();
  Override entry;
  entry.item = task->item.id;
  entry.clause = "大力宣传党中央";
  entry.note = "test";
  entry.quotes = {entry.clause};
  entry.rule = Expr::all_of({});
  overrides.entries.push_back(entry);
  const Rules rules = compile_rules({task->item}, {task->facts}, overrides, default_industries());
  ASSERT_EQ(rules.items.size(), 1U);
  EXPECT_FALSE(rules.items[0].offers);
  EXPECT_NE(issues_text(rules, "override-on-task"), "");
}

TEST(Overrides, ChangedItemTextMakesTheOverrideStale) {
  const RuleItem* rent = find_rule(43);
  ASSERT_NE(rent, nullptr);
  ASSERT_EQ(rent->source, RuleItem::Source::override);
  catalog::Item changed = rent->item;
  // The relief changes from 3 to 2 months: the quoted clause no longer holds.
  const auto at = changed.content.find("3个月房屋租金");
  ASSERT_NE(at, std::string::npos);
  changed.content.replace(at, 1, "2");
  const Rules rules =
      compile_rules({changed}, {rent->facts}, default_overrides(), default_industries());
  ASSERT_EQ(rules.items.size(), 1U);
  EXPECT_TRUE(rules.items[0].stale);
  EXPECT_EQ(rules.items[0].source, RuleItem::Source::facts);
  EXPECT_NE(issues_text(rules, "stale-override").find("免除2023年3个月房屋租金"),
            std::string::npos);

  // White space alone does not make it stale.
  catalog::Item spaced = rent->item;
  spaced.content.insert(spaced.content.find("免除"), " \n ");
  const Rules same =
      compile_rules({spaced}, {rent->facts}, default_overrides(), default_industries());
  EXPECT_FALSE(same.items[0].stale);
  EXPECT_EQ(same.items[0].source, RuleItem::Source::override);
}

TEST(Overrides, OverrideSurvivesReExtraction) {
  // Other facts (as a changed extractor might give) do not touch a reviewed rule.
  const RuleItem* rent = find_rule(43);
  catalog::Facts facts = rent->facts;
  facts.beneficiaries.clear();
  facts.industries.clear();
  const Rules rules =
      compile_rules({rent->item}, {facts}, default_overrides(), default_industries());
  EXPECT_EQ(rules.items[0].rule, rent->rule);
}

TEST(Overrides, RuleFromFactsMapsBeneficiariesAndIndustries) {
  catalog::Facts facts;
  facts.beneficiaries.push_back({"小微企业", "", {"content", 0, 0, "小微企业"}});
  facts.beneficiaries.push_back({"担保机构", "", {"content", 0, 0, "担保机构"}});
  facts.industries.push_back({"H62", "餐饮业", {"content", 0, 0, "餐饮"}});
  const Expr rule = rule_from_facts(facts, default_overrides(), default_industries());
  ASSERT_EQ(rule.kind, Expr::Kind::all);
  ASSERT_EQ(rule.children.size(), 2U);
  EXPECT_EQ(rule.children[0].kind, Expr::Kind::any);
  EXPECT_EQ(rule.children[0].children[0].label, "小微企业");
  // An unmapped beneficiary becomes a question, never a silent yes.
  EXPECT_EQ(rule.children[0].children[1].condition.op, Op::ask);
  EXPECT_EQ(rule.children[1].condition.codes, std::vector<std::string>{"H62"});
}

TEST(Overrides, ItemsWithoutAnEntryGetAFactsRuleAndAnIssue) {
  catalog::Item item;
  item.id = "other-list/1";
  item.seq = 1;
  item.title = "对小微企业给予补贴";
  catalog::Facts facts;
  facts.beneficiaries.push_back({"小微企业", "", {"title", 3, 15, "小微企业"}});
  facts.amounts.push_back(
      {"cap", "amount", 100000, std::nullopt, "元", "", "", {"content", 0, 0, "最高10万元"}});
  const Rules rules = compile_rules({item}, {facts}, default_overrides(), default_industries());
  ASSERT_EQ(rules.items.size(), 1U);
  EXPECT_EQ(rules.items[0].source, RuleItem::Source::facts);
  EXPECT_NE(issues_text(rules, "no-override"), "");
  ASSERT_EQ(rules.items[0].amounts.size(), 1U);
  EXPECT_EQ(rules.items[0].amounts[0].kind, AmountSpec::Kind::up_to);
  EXPECT_EQ(rules.items[0].amounts[0].value, 100000);
}

TEST(Overrides, MalformedFilesNameThePlace) {
  const auto& industries = default_industries();
  const auto expect_error = [&](const std::string& text, const std::string& field) {
    try {
      Overrides::parse(nlohmann::json::parse(text), "o.json", industries);
      ADD_FAILURE() << "no error for " << text;
    } catch (const UserError& error) {
      EXPECT_EQ(error.where().field, field) << text;
      EXPECT_EQ(error.where().file, "o.json");
    }
  };
  expect_error(R"({"version": 2, "list": "x", "items": []})", "/version");
  expect_error(R"({"version": 1, "list": "x", "items": [{"item": "x/1", "clause": "c"}]})",
               "/items/0");
  expect_error(
      R"({"version": 1, "list": "x", "items": [{"item": "x/1", "clause": "c", "note": "n",
          "rule": {"field": "industry", "in": ["Z99"]}}]})",
      "/items/0/rule/in");
  expect_error(
      R"({"version": 1, "list": "x", "items": [{"item": "x/1", "clause": "c", "note": "n",
          "rule": {"ref": "nowhere"}}]})",
      "/items/0/rule/ref");
  expect_error(
      R"({"version": 1, "list": "x", "items": [{"item": "x/1", "clause": "c", "note": "n",
          "rule": {"all": []}, "amounts": [{"label": "a", "clause": "c", "rate": 0.2}]}]})",
      "/items/0/amounts/0");
}

TEST(Overrides, DefinitionsMayUseEachOtherInAnyOrder) {
  const Overrides overrides = Overrides::parse(nlohmann::json::parse(R"({
      "version": 1, "list": "x",
      "definitions": {"a": {"all": [{"ref": "b"}]}, "b": {"field": "trade.exporter", "is": true}},
      "items": []})"),
                                               "o.json", default_industries());
  ASSERT_TRUE(overrides.definitions.contains("a"));
  EXPECT_EQ(overrides.definitions.at("a").children.at(0).label, "b");
}

}  // namespace
}  // namespace huiqi::match
