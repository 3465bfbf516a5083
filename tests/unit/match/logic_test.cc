// Three-valued logic: the truth tables, each kind of condition with known and unknown facts, and
// what match() makes of unknowns (questions) and single failures (near misses).
#include <gtest/gtest.h>

#include "base/error.h"
#include "match/match.h"
#include "match/rule.h"
#include "test_support.h"

namespace huiqi::match {
namespace {

using nlohmann::json;
constexpr Tri Y = Tri::yes;
constexpr Tri N = Tri::no;
constexpr Tri U = Tri::unknown;

Expr rule(const std::string& text) {
  return parse_expr(json::parse(text), default_overrides().definitions, default_industries(),
                    "<test>");
}

Tri eval(const std::string& rule_text, const std::string& profile_text) {
  const Profile profile = parse_profile_text(profile_text, "<test>");
  return evaluate(rule(rule_text), make_subject(profile, default_size_standard()));
}

TEST(ThreeValuedLogic, KleeneTables) {
  // and: no dominates, yes is the identity.
  EXPECT_EQ(tri_and(Y, Y), Y);
  EXPECT_EQ(tri_and(Y, N), N);
  EXPECT_EQ(tri_and(Y, U), U);
  EXPECT_EQ(tri_and(N, U), N);
  EXPECT_EQ(tri_and(U, U), U);
  EXPECT_EQ(tri_and(N, N), N);
  // or: yes dominates, no is the identity.
  EXPECT_EQ(tri_or(N, N), N);
  EXPECT_EQ(tri_or(Y, N), Y);
  EXPECT_EQ(tri_or(Y, U), Y);
  EXPECT_EQ(tri_or(N, U), U);
  EXPECT_EQ(tri_or(U, U), U);
  EXPECT_EQ(tri_or(Y, Y), Y);
  EXPECT_EQ(tri_not(Y), N);
  EXPECT_EQ(tri_not(N), Y);
  EXPECT_EQ(tri_not(U), U);
  for (Tri a : {Y, N, U}) {
    for (Tri b : {Y, N, U}) {
      EXPECT_EQ(tri_and(a, b), tri_and(b, a));
      EXPECT_EQ(tri_or(a, b), tri_or(b, a));
      // De Morgan holds in Kleene logic.
      EXPECT_EQ(tri_not(tri_and(a, b)), tri_or(tri_not(a), tri_not(b)));
    }
  }
}

TEST(ThreeValuedLogic, MissingFactsAreUnknownNeverNo) {
  const std::string empty = "{}";
  EXPECT_EQ(eval(R"({"field": "premises.rents_state_owned", "is": true})", empty), U);
  EXPECT_EQ(eval(R"({"field": "premises.rents_state_owned", "is": false})", empty), U);
  EXPECT_EQ(eval(R"({"field": "employees", "ge": 10})", empty), U);
  EXPECT_EQ(eval(R"({"field": "entity_type", "in": ["enterprise"]})", empty), U);
  EXPECT_EQ(eval(R"({"field": "industry", "in": ["H62"]})", empty), U);
  EXPECT_EQ(eval(R"({"field": "certifications", "has": ["tech_sme"]})", empty), U);
  EXPECT_EQ(eval(R"({"field": "size", "in": ["small", "micro"]})", empty), U);
  EXPECT_EQ(eval(R"({"ask": "是否…?"})", R"({"employees": 3})"), U);
  // An empty set is known: none.
  EXPECT_EQ(
      eval(R"({"field": "certifications", "has": ["tech_sme"]})", R"({"certifications": []})"), N);
}

TEST(ThreeValuedLogic, EachConditionKind) {
  EXPECT_EQ(eval(R"({"field": "premises.rents_state_owned", "is": true})",
                 R"({"premises": {"rents_state_owned": true}})"),
            Y);
  EXPECT_EQ(eval(R"({"field": "premises.rents_state_owned", "is": true})",
                 R"({"premises": {"rents_state_owned": false}})"),
            N);
  EXPECT_EQ(eval(R"({"field": "employees", "ge": 10})", R"({"employees": 10})"), Y);
  EXPECT_EQ(eval(R"({"field": "employees", "gt": 10})", R"({"employees": 10})"), N);
  EXPECT_EQ(eval(R"({"field": "trade.imports_exports_last_year_10k_usd", "le": 500})",
                 R"({"trade": {"imports_exports_last_year_10k_usd": 500}})"),
            Y);
  EXPECT_EQ(eval(R"({"field": "trade.exports_last_year_10k_usd", "lt": 500})",
                 R"({"trade": {"exports_last_year_10k_usd": 500}})"),
            N);
  EXPECT_EQ(eval(R"({"field": "entity_type", "in": ["enterprise", "farmer_cooperative"]})",
                 R"({"entity_type": "farmer_cooperative"})"),
            Y);
  EXPECT_EQ(eval(R"({"field": "certifications", "has": ["specialized_new", "little_giant"]})",
                 R"({"certifications": ["little_giant"]})"),
            Y);
}

TEST(ThreeValuedLogic, CodesArePrefixesAndCoarseCodesAreUnknown) {
  const std::string restaurant = R"({"field": "industry", "in": ["H62"]})";
  EXPECT_EQ(eval(restaurant, R"({"industry": "H6210"})"), Y);
  EXPECT_EQ(eval(restaurant, R"({"industry": "62"})"), Y);
  EXPECT_EQ(eval(restaurant, R"({"industry": "H"})"), U);  // 住宿 or 餐饮
  EXPECT_EQ(eval(restaurant, R"({"industry": "H61"})"), N);
  EXPECT_EQ(eval(restaurant, R"({"industry": "C"})"), N);
  EXPECT_EQ(eval(R"({"field": "industry", "in": ["H"]})", R"({"industry": "6210"})"), Y);

  EXPECT_EQ(code_in({"2110"}, std::string("211002"), Field::region), Y);
  EXPECT_EQ(code_in({"2110"}, std::string("211000"), Field::region), Y);  // the city itself
  EXPECT_EQ(code_in({"211021"}, std::string("211000"), Field::region), U);
  EXPECT_EQ(code_in({"2110"}, std::string("210000"), Field::region), U);  // somewhere in 辽宁
  EXPECT_EQ(code_in({"2110"}, std::string("210102"), Field::region), N);  // 沈阳
  EXPECT_EQ(code_in({"21"}, std::string("211081"), Field::region), Y);
}

TEST(ThreeValuedLogic, SizeClassUsesWhatTheKnownIndicatorsAllow) {
  const std::uint64_t small_or_micro = (1U << 2) | (1U << 3);
  EXPECT_EQ(size_in(small_or_micro, SizeClass::micro, SizeClass::micro), Y);
  EXPECT_EQ(size_in(small_or_micro, SizeClass::medium, SizeClass::medium), N);
  EXPECT_EQ(size_in(small_or_micro, SizeClass::unknown, SizeClass::small), Y);  // small or less
  EXPECT_EQ(size_in(small_or_micro, SizeClass::unknown, SizeClass::medium), U);
  EXPECT_EQ(size_in(small_or_micro, SizeClass::unknown, SizeClass::unknown), U);
  EXPECT_EQ(size_in(1U << 0, SizeClass::unknown, SizeClass::small), N);  // cannot be large

  const std::string small = R"({"field": "size", "in": ["small", "micro"]})";
  // 餐饮业 with 8 employees is 微型 whatever the revenue.
  EXPECT_EQ(eval(small, R"({"industry": "H6210", "employees": 8})"), Y);
  // 工业 with 100 employees and no revenue: small or micro, enough for 小微.
  EXPECT_EQ(eval(small, R"({"industry": "C3311", "employees": 100})"), Y);
  // 工业 with 500 employees and no revenue: medium, small or micro.
  EXPECT_EQ(eval(small, R"({"industry": "C3311", "employees": 500})"), U);
  EXPECT_EQ(eval(small, R"({"industry": "C3311", "employees": 500, "revenue_10k_yuan": 5000})"), N);
  // A stated class wins.
  EXPECT_EQ(eval(small, R"({"industry": "C3311", "employees": 500, "size_class": "small"})"), Y);
  // 金融业 is outside the standard: unknown unless stated.
  EXPECT_EQ(eval(small, R"({"industry": "J6621", "employees": 5, "revenue_10k_yuan": 10})"), U);
}

TEST(ThreeValuedLogic, CombinatorsFollowKleene) {
  const std::string text =
      R"({"all": [{"field": "trade.exporter", "is": true},
                  {"any": [{"field": "employees", "ge": 10},
                           {"field": "plans", "has": ["ipo_bse"]}]},
                  {"not": {"field": "premises.rents_private", "is": true}}]})";
  EXPECT_EQ(eval(text, R"({"trade": {"exporter": false}})"), N);  // one no decides
  EXPECT_EQ(eval(text, R"({"trade": {"exporter": true}, "employees": 12})"), U);
  EXPECT_EQ(eval(text, R"({"trade": {"exporter": true}, "employees": 12,
                           "premises": {"rents_private": false}})"),
            Y);
  EXPECT_EQ(eval(text, R"({"trade": {"exporter": true}, "employees": 3, "plans": [],
                           "premises": {"rents_private": false}})"),
            N);
  const Expr parsed = rule(text);
  std::vector<Tri> values = {Y, N, U, N};
  EXPECT_EQ(combine(parsed, values), U);
  values[2] = Y;
  EXPECT_EQ(combine(parsed, values), Y);
  EXPECT_EQ(leaves(parsed).size(), 4U);
  EXPECT_EQ(combine(Expr::all_of({}), {}), Y);  // no conditions
}

TEST(RuleSyntax, RoundTripsAndExpandsReferences) {
  const Expr parsed = rule(R"({"all": [{"ref": "小微企业和个体工商户"},
      {"field": "industry", "in": ["62", "H61"], "phrase": "餐饮、住宿"}]})");
  ASSERT_EQ(parsed.children.size(), 2U);
  EXPECT_EQ(parsed.children[0].label, "小微企业和个体工商户");
  EXPECT_EQ(parsed.children[1].condition.codes, (std::vector<std::string>{"H62", "H61"}));
  EXPECT_EQ(parse_expr(to_json(parsed), {}, default_industries(), "<test>"), parsed);
}

TEST(RuleSyntax, ErrorsNameTheNode) {
  const auto expect_error = [](const std::string& text, const std::string& pointer) {
    try {
      rule(text);
      ADD_FAILURE() << text;
    } catch (const UserError& error) {
      EXPECT_EQ(error.code(), "bad-rule");
      EXPECT_EQ(error.where().field, pointer) << text;
    }
  };
  expect_error(R"({"field": "employes", "ge": 1})", "/");
  expect_error(R"({"field": "employees", "is": true})", "/is");
  expect_error(R"({"all": [{"field": "employees", "ge": 1}, {"field": "plans", "in": ["ipo"]}]})",
               "/all/1/in");
  expect_error(R"({"field": "region", "in": ["21100"]})", "/in");
  expect_error(R"({"field": "employees", "ge": 1, "le": 5})", "/");
  expect_error(R"({"nand": []})", "/");
}

TEST(RuleText, DescribesAndAsksInChinese) {
  EXPECT_EQ(describe(rule(R"({"field": "employees", "ge": 10})").condition), "从业人员 ≥ 10人");
  EXPECT_EQ(describe(rule(R"({"field": "premises.rents_state_owned", "is": true})").condition),
            "承租国有房屋: 是");
  EXPECT_EQ(describe(rule(R"({"field": "size", "in": ["small", "micro"]})").condition),
            "企业规模: 小型或微型");
  EXPECT_EQ(
      describe(rule(R"({"field": "industry", "in": ["H62"]})").condition, &default_industries()),
      "所属行业: H62 餐饮业");
  EXPECT_EQ(
      question_for(
          rule(R"({"field": "trade.imports_exports_last_year_10k_usd", "le": 500})").condition),
      "上一年度进出口额(万美元)?");
  EXPECT_EQ(question_for(rule(R"({"field": "certifications", "has": ["tech_sme"]})").condition),
            "是否已入库(认定)为科技型中小企业?");
}

// A hand-made item: 从业人员 ≥ 10, exporter, amount 每人1000元 × new hires.
RuleItem hand_item() {
  RuleItem item;
  item.item.id = "test/1";
  item.item.seq = 1;
  item.item.title = "测试政策";
  item.rule = rule(R"({"all": [{"field": "employees", "ge": 10, "phrase": "从业人员10人以上"},
                               {"field": "trade.exporter", "is": true, "phrase": "外贸企业"}]})");
  AmountSpec spec;
  spec.kind = AmountSpec::Kind::rate;
  spec.label = "吸纳就业补贴";
  spec.clause = "每新招用1人给予1000元";
  spec.value = 1000;
  spec.rate_text = "每新招用1人1000元";
  spec.of = Field::hiring_new_hires_this_year;
  item.amounts.push_back(spec);
  item.facts.departments.push_back({"市人力资源社会保障局", "市人社局", false, "", true, {}});
  return item;
}

TEST(MatchOne, NearMissNamesTheConditionAndTheValue) {
  const Profile p = parse_profile_text(R"({"employees": 8, "trade": {"exporter": true}})", "<t>");
  const MatchResult result = match(p, {hand_item()}, {.as_of = "2023-08-01"});
  ASSERT_EQ(result.not_eligible.size(), 1U);
  EXPECT_EQ(result.not_eligible[0].near_misses,
            std::vector<std::string>{"差一个条件: 从业人员 ≥ 10人, 您为 8人"});
  EXPECT_NE(to_text(result).find("差一个条件: 从业人员 ≥ 10人, 您为 8人"), std::string::npos);
}

TEST(MatchOne, UnknownsBecomeQuestionsAndTheVerdictIsLikely) {
  const Profile p =
      parse_profile_text(R"({"employees": 12, "hiring": {"new_hires_this_year": 3}})", "<t>");
  const MatchResult result = match(p, {hand_item()}, {.as_of = "2023-08-01"});
  ASSERT_EQ(result.likely.size(), 1U);
  const ItemMatch& item = result.likely[0];
  ASSERT_EQ(item.questions.size(), 1U);
  EXPECT_EQ(item.questions[0].text, "是否有出口业务?");
  EXPECT_EQ(item.questions[0].field, "trade.exporter");
  ASSERT_EQ(result.questions.size(), 1U);
  EXPECT_EQ(result.questions[0].items, std::vector<std::string>{"test/1"});
  // Each condition with its verdict, the profile's value and the phrase.
  ASSERT_EQ(item.conditions.size(), 2U);
  EXPECT_EQ(item.conditions[0].value, Tri::yes);
  EXPECT_EQ(item.conditions[0].profile_value, "12人");
  EXPECT_EQ(item.conditions[0].phrase, "从业人员10人以上");
  EXPECT_EQ(item.conditions[1].value, Tri::unknown);
  // The amount with its formula.
  ASSERT_EQ(item.amount.parts.size(), 1U);
  EXPECT_EQ(item.amount.parts[0].formula, "每新招用1人1000元 × 本年新招用员工 3人 = 3000元");
  EXPECT_EQ(item.amount.total_yuan, 3000);
  EXPECT_EQ(item.departments.at(0).name, "市人力资源社会保障局");
}

TEST(MatchOne, UnknownsThatCannotChangeTheVerdictAreNotAsked) {
  RuleItem item = hand_item();
  item.rule = rule(
      R"({"any": [{"field": "employees", "ge": 10}, {"field": "trade.exporter", "is": true}]})");
  const Profile p = parse_profile_text(R"({"employees": 12})", "<t>");
  const MatchResult result = match(p, {item}, {.as_of = "2023-08-01"});
  ASSERT_EQ(result.eligible.size(), 1U);
  EXPECT_TRUE(result.eligible[0].questions.empty());
}

TEST(MatchOne, AmountsWithCapsAndUnknownBases) {
  RuleItem item = hand_item();
  item.rule = Expr::all_of({});
  AmountSpec spec;
  spec.kind = AmountSpec::Kind::rate;
  spec.label = "设备补助";
  spec.clause = "给予20%补贴,上限100万元";
  spec.value = 0.2;
  spec.of = Field::investment_equipment_10k_yuan;
  spec.cap_yuan = 1000000;
  item.amounts = {spec};

  MatchResult result =
      match(parse_profile_text(R"({"investment": {"equipment_10k_yuan": 300}})", "<t>"), {item},
            {.as_of = "2023-08-01"});
  ASSERT_EQ(result.eligible.size(), 1U);
  EXPECT_EQ(result.eligible[0].amount.parts[0].formula,
            "20% × 设备投入 300万元 = 60万元, 上限100万元");
  EXPECT_EQ(result.eligible[0].amount.total_yuan, 600000);

  result = match(parse_profile_text(R"({"investment": {"equipment_10k_yuan": 800}})", "<t>"),
                 {item}, {.as_of = "2023-08-01"});
  EXPECT_EQ(result.eligible[0].amount.parts[0].formula,
            "20% × 设备投入 800万元 = 160万元, 上限100万元 → 100万元");
  EXPECT_EQ(result.eligible[0].amount.total_yuan, 1000000);

  result = match(parse_profile_text("{}", "<t>"), {item}, {.as_of = "2023-08-01"});
  const AmountEstimate& unknown = result.eligible[0].amount;
  EXPECT_EQ(unknown.parts[0].formula, "20% × 设备投入(未知), 上限100万元");
  EXPECT_EQ(unknown.total_yuan, 1000000);
  EXPECT_TRUE(unknown.upper_bound);
  EXPECT_EQ(unknown.parts[0].question, "新上设备(升级改造)项目投入(万元)?");
}

TEST(MatchOne, ExpiredItemsAreLeftOutUnlessAsked) {
  RuleItem item = hand_item();
  item.rule = Expr::all_of({});
  item.facts.valid_until = "2022-12-31";
  const Profile p = parse_profile_text("{}", "<t>");
  MatchResult result = match(p, {item}, {.as_of = "2023-08-01"});
  EXPECT_TRUE(result.eligible.empty());
  EXPECT_EQ(result.expired, std::vector<std::string>{"test/1"});
  result = match(p, {item}, {.as_of = "2023-08-01", .include_expired = true});
  ASSERT_EQ(result.eligible.size(), 1U);
  EXPECT_EQ(result.eligible[0].status, catalog::Status::expired);
  result = match(p, {item}, {.as_of = "2022-06-01"});
  ASSERT_EQ(result.eligible.size(), 1U);
  EXPECT_EQ(result.eligible[0].status, catalog::Status::active);
}

TEST(MatchOne, ItemsOfferingNothingAreContextNeverEligible) {
  RuleItem item = hand_item();
  item.rule = Expr::all_of({});
  item.offers = false;
  item.context_reason = "政府部门工作任务";
  const MatchResult result =
      match(parse_profile_text("{}", "<t>"), {item}, {.as_of = "2023-08-01"});
  EXPECT_TRUE(result.eligible.empty());
  EXPECT_TRUE(result.likely.empty());
  ASSERT_EQ(result.context.size(), 1U);
  EXPECT_EQ(result.context[0].reason, "政府部门工作任务");
}

TEST(MatchOne, JsonCarriesTheWholeAnswer) {
  const Profile p =
      parse_profile_text(R"({"employees": 12, "hiring": {"new_hires_this_year": 3}})", "<t>");
  const json out = to_json(match(p, {hand_item()}, {.as_of = "2023-08-01"}));
  EXPECT_EQ(out["as_of"], "2023-08-01");
  EXPECT_EQ(out["summary"]["likely"], 1);
  const json& item = out["likely"][0];
  EXPECT_EQ(item["verdict"], "likely");
  EXPECT_EQ(item["conditions"][1]["value"], "unknown");
  EXPECT_EQ(item["questions"][0]["question"], "是否有出口业务?");
  EXPECT_EQ(item["amount"]["total_yuan"], 3000);
  EXPECT_EQ(item["amount"]["text"], "约3000元");
  EXPECT_EQ(item["departments"][0]["name"], "市人力资源社会保障局");
}

TEST(Money, FormatsYuan) {
  EXPECT_EQ(format_yuan(3000), "3000元");
  EXPECT_EQ(format_yuan(600000), "60万元");
  EXPECT_EQ(format_yuan(125000), "12.5万元");
  EXPECT_EQ(format_yuan(150000000), "1.5亿元");
}

}  // namespace
}  // namespace huiqi::match
