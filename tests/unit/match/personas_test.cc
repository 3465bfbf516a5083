// Six businesses against the whole Liaoyang list on three dates: during the 2022 measures
// (2022-06-01), just after the list was published (2023-08-01) and today's date in the brief
// (2026-11-26), when every dated measure has expired. HUIQI_PRINT=1 prints each answer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <set>

#include "match/match.h"
#include "test_support.h"

namespace huiqi::match {
namespace {

using nlohmann::json;

const json kRestaurant = json::parse(R"json({
  "name": "白塔区某某小吃店(个体工商户，承租国有房屋)",
  "entity_type": "individual_business", "ownership": "private", "industry": "H6210",
  "region": "211002", "employees": 5, "revenue_10k_yuan": 60, "assets_10k_yuan": 20,
  "certifications": [], "plans": [],
  "trade": {"exporter": false, "importer": false},
  "premises": {"rents_state_owned": true, "monthly_rent_yuan": 3000},
  "finance": {"has_bank_loan": false, "seeking_loan_10k_yuan": 30, "seeking_guarantee_10k_yuan": 0}
})json");

const json kExporter = json::parse(R"json({
  "name": "灯塔市某金属结构厂(小型出口制造企业)",
  "entity_type": "enterprise", "ownership": "private", "industry": "C3311", "region": "211081",
  "employees": 45, "revenue_10k_yuan": 1800, "assets_10k_yuan": 1500,
  "certifications": [], "plans": ["overseas_expo"],
  "trade": {"exporter": true, "importer": false, "imports_exports_last_year_10k_usd": 300,
            "exports_last_year_10k_usd": 280, "export_credit_insured": true,
            "export_credit_premium_10k_yuan": 4},
  "finance": {"has_bank_loan": true}
})json");

const json kTravelAgency = json::parse(R"json({
  "name": "白塔区某旅行社",
  "entity_type": "enterprise", "ownership": "private", "industry": "L7291", "region": "211002",
  "employees": 15, "revenue_10k_yuan": 300, "assets_10k_yuan": 80,
  "certifications": [], "plans": [], "affected_by_epidemic": true,
  "deposits": {"travel_quality_10k_yuan": 20},
  "trade": {"exporter": false, "importer": false}
})json");

const json kFarmProcessor = json::parse(R"json({
  "name": "辽阳县某蔬菜加工厂(农产品加工)",
  "entity_type": "enterprise", "ownership": "private", "industry": "C1371", "region": "211021",
  "employees": 60, "revenue_10k_yuan": 3000, "assets_10k_yuan": 2500,
  "certifications": [], "plans": ["equipment_upgrade", "cold_storage"],
  "investment": {"equipment_10k_yuan": 800, "cold_storage_10k_yuan": 150},
  "trade": {"exporter": false, "importer": false}
})json");

const json kTechSme = json::parse(R"json({
  "name": "某软件科技公司(科技型中小企业，有贷款)",
  "entity_type": "enterprise", "ownership": "private", "industry": "I6513", "region": "211011",
  "employees": 30, "revenue_10k_yuan": 800, "assets_10k_yuan": 600,
  "certifications": ["tech_sme", "high_tech"], "plans": [],
  "finance": {"has_bank_loan": true, "loan_interest_paid_10k_yuan": 12},
  "trade": {"exporter": false, "importer": false}
})json");

const json kLarge = json::parse(R"json({
  "name": "宏伟区某化工集团(大型企业)",
  "entity_type": "enterprise", "ownership": "private", "industry": "C2614", "region": "211004",
  "employees": 1500, "revenue_10k_yuan": 50000, "assets_10k_yuan": 80000,
  "certifications": [], "plans": [],
  "finance": {"has_bank_loan": true},
  "premises": {"rents_state_owned": true, "monthly_rent_yuan": 50000},
  "affected_by_epidemic": true, "in_difficulty": true,
  "trade": {"exporter": false, "importer": false}
})json");

MatchResult run(const json& persona, const std::string& as_of, bool include_expired = false) {
  const Profile profile = parse_profile(persona, "<persona>");
  MatchResult result = match(profile, testing::liaoyang_rules().items,
                             {.as_of = as_of, .include_expired = include_expired});
  if (const char* print = std::getenv("HUIQI_PRINT"); print != nullptr && *print == '1') {
    std::cout << "==== " << profile.name << " @ " << as_of << "\n" << to_text(result) << "\n";
  }
  return result;
}

std::set<int> seqs(const std::vector<ItemMatch>& items) {
  std::set<int> out;
  for (const ItemMatch& item : items) out.insert(item.seq);
  return out;
}

const ItemMatch* find(const std::vector<ItemMatch>& items, int seq) {
  for (const ItemMatch& item : items) {
    if (item.seq == seq) return &item;
  }
  return nullptr;
}

bool has_question(const MatchResult& result, const std::string& text) {
  return std::any_of(result.questions.begin(), result.questions.end(),
                     [&](const Question& q) { return q.text == text; });
}

std::string seq_text(const std::set<int>& values) {
  std::string out;
  for (int value : values) out += std::to_string(value) + " ";
  return out;
}

// Nothing is ever eligible that is expired, or is context.
void check_invariants(const MatchResult& result) {
  for (const auto* list : {&result.eligible, &result.likely, &result.not_eligible}) {
    for (const ItemMatch& item : *list) {
      EXPECT_NE(item.status, catalog::Status::expired) << item.id;
      const RuleItem* rule = testing::find_rule(item.seq);
      ASSERT_NE(rule, nullptr);
      EXPECT_TRUE(rule->offers) << item.id;
    }
  }
  EXPECT_EQ(result.eligible.size() + result.likely.size() + result.not_eligible.size() +
                result.expired.size() + result.context.size(),
            130U);
}

TEST(Personas, RestaurantRentingStateOwnedPremises) {
  const MatchResult mid_2022 = run(kRestaurant, "2022-06-01");
  check_invariants(mid_2022);
  const std::set<int> e2022 = seqs(mid_2022.eligible);
  // 2022 rent relief: 3 months × 3000元.
  ASSERT_TRUE(e2022.contains(162)) << seq_text(e2022);
  EXPECT_EQ(find(mid_2022.eligible, 162)->amount.total_yuan, 9000);
  EXPECT_EQ(find(mid_2022.eligible, 162)->amount.parts.at(0).formula,
            "3个月 × 月租金 3000元 = 9000元");
  // The 2023 rent relief is shown as not begun yet.
  ASSERT_TRUE(e2022.contains(43));
  EXPECT_EQ(find(mid_2022.eligible, 43)->status, catalog::Status::not_yet);
  EXPECT_TRUE(e2022.contains(163));  // 餐饮 个体户 防疫消杀补贴
  EXPECT_TRUE(e2022.contains(60));   // 个体工商户金融服务
  EXPECT_TRUE(e2022.contains(22));   // 首贷: seeking a loan, none yet
  // Things she could still get, if she answers: the difficulty-based relief.
  EXPECT_TRUE(seqs(mid_2022.likely).contains(161));
  EXPECT_TRUE(
      has_question(mid_2022, "是否面临暂时性生产经营困难(如无力按期缴纳社保费、水电气费)?"));

  const MatchResult aug_2023 = run(kRestaurant, "2023-08-01");
  check_invariants(aug_2023);
  const std::set<int> e2023 = seqs(aug_2023.eligible);
  EXPECT_TRUE(e2023.contains(43)) << seq_text(e2023);  // 2023 rent relief
  EXPECT_EQ(find(aug_2023.eligible, 43)->amount.total_yuan, 9000);
  EXPECT_TRUE(e2023.contains(44));    // 检验检测费减免
  EXPECT_FALSE(e2023.contains(162));  // the 2022 measure has expired
  EXPECT_NE(std::find(aug_2023.expired.begin(), aug_2023.expired.end(), "liaoyang-2023-07-31/162"),
            aug_2023.expired.end());
  EXPECT_TRUE(seqs(aug_2023.likely).contains(42));  // 欠费不停供, if in difficulty
  // Whom to ask.
  EXPECT_EQ(find(aug_2023.eligible, 43)->departments.at(0).name, "市住房城乡建设局");

  const MatchResult late_2026 = run(kRestaurant, "2026-11-26");
  check_invariants(late_2026);
  const std::set<int> e2026 = seqs(late_2026.eligible);
  EXPECT_FALSE(e2026.contains(43));
  EXPECT_FALSE(e2026.contains(162));
  EXPECT_TRUE(e2026.contains(60));  // no end date: long term
  EXPECT_GT(late_2026.expired.size(), aug_2023.expired.size());
}

TEST(Personas, SmallExportingManufacturer) {
  const MatchResult aug_2023 = run(kExporter, "2023-08-01");
  check_invariants(aug_2023);
  const std::set<int> e = seqs(aug_2023.eligible);
  for (int seq : {58, 37, 72, 168, 29, 51})
    EXPECT_TRUE(e.contains(seq)) << seq << ": " << seq_text(e);
  // 上一年度进出口额 300万美元 ≤ 500: the 100% rate, on a 4万元 premium.
  EXPECT_EQ(find(aug_2023.eligible, 58)->amount.total_yuan, 40000);
  EXPECT_EQ(find(aug_2023.eligible, 29)->amount.total_yuan, 500000);
  EXPECT_TRUE(find(aug_2023.eligible, 29)->amount.upper_bound);

  const MatchResult mid_2022 = run(kExporter, "2022-06-01");
  check_invariants(mid_2022);
  EXPECT_TRUE(seqs(mid_2022.eligible).contains(62));  // 外贸企业贷款贴息, 2022
  EXPECT_TRUE(seqs(mid_2022.eligible).contains(63));  // 延期还本付息, 2022

  const MatchResult late_2026 = run(kExporter, "2026-11-26");
  check_invariants(late_2026);
  EXPECT_TRUE(seqs(late_2026.eligible).contains(58));   // no end stated
  EXPECT_FALSE(seqs(late_2026.eligible).contains(37));  // 2023 展会
}

TEST(Personas, TravelAgency) {
  // The deposit refund had to be returned by 2022-02-05: expired on every date here.
  const MatchResult mid_2022 = run(kTravelAgency, "2022-06-01");
  check_invariants(mid_2022);
  EXPECT_FALSE(seqs(mid_2022.eligible).contains(77));
  const MatchResult with_expired = run(kTravelAgency, "2022-06-01", true);
  const ItemMatch* refund = find(with_expired.eligible, 77);
  ASSERT_NE(refund, nullptr);
  EXPECT_EQ(refund->status, catalog::Status::expired);
  EXPECT_EQ(refund->amount.total_yuan, 160000);  // 80% × 20万元

  const MatchResult aug_2023 = run(kTravelAgency, "2023-08-01");
  check_invariants(aug_2023);
  // A 小微 service business: rent relief is likely, pending the premises question.
  EXPECT_TRUE(seqs(aug_2023.likely).contains(43));
  EXPECT_TRUE(
      has_question(aug_2023, "是否承租国有房屋(含国有企业和行政事业单位房屋)从事生产经营?"));
  EXPECT_TRUE(seqs(aug_2023.eligible).contains(171));  // 受疫情影响 → 缓缴住房公积金
  EXPECT_EQ(aug_2023.size, SizeClass::micro);

  const MatchResult late_2026 = run(kTravelAgency, "2026-11-26");
  check_invariants(late_2026);
  EXPECT_FALSE(seqs(late_2026.eligible).contains(77));
}

TEST(Personas, FarmProcessor) {
  const MatchResult aug_2023 = run(kFarmProcessor, "2023-08-01");
  check_invariants(aug_2023);
  const ItemMatch* processing = find(aug_2023.eligible, 31);
  ASSERT_NE(processing, nullptr) << seq_text(seqs(aug_2023.eligible));
  // 30% × 800万 = 240万 (under the 500万 cap) and 30% × 150万 = 45万 (under 100万).
  EXPECT_EQ(processing->amount.total_yuan, 2850000);
  EXPECT_EQ(aug_2023.size, SizeClass::small);
  EXPECT_TRUE(seqs(aug_2023.eligible).contains(29) == false);  // no loan known: likely at most
  EXPECT_TRUE(seqs(aug_2023.likely).contains(29));
  for (const std::string& date : {std::string("2022-06-01"), std::string("2026-11-26")}) {
    const MatchResult other = run(kFarmProcessor, date);
    check_invariants(other);
    EXPECT_TRUE(seqs(other.eligible).contains(31)) << date;  // no end stated
  }
}

TEST(Personas, TechSmeWithALoan) {
  const MatchResult aug_2023 = run(kTechSme, "2023-08-01");
  check_invariants(aug_2023);
  const ItemMatch* subsidy = find(aug_2023.eligible, 59);
  ASSERT_NE(subsidy, nullptr);
  EXPECT_EQ(subsidy->amount.total_yuan, 60000);  // 50% × 12万元
  EXPECT_TRUE(seqs(aug_2023.eligible).contains(158));
  EXPECT_TRUE(seqs(aug_2023.likely).contains(24));  // 科技担保, if it needs a guarantee
  EXPECT_TRUE(has_question(aug_2023, "近期融资担保需求(万元)?"));
  for (const std::string& date : {std::string("2022-06-01"), std::string("2026-11-26")}) {
    const MatchResult other = run(kTechSme, date);
    check_invariants(other);
    EXPECT_TRUE(seqs(other.eligible).contains(59)) << date;
  }
}

TEST(Personas, LargeEnterpriseGetsNoneOfTheSmallBusinessMeasures) {
  const std::set<int> small_business_measures = {4,  19, 23, 29, 42, 43, 47, 49,  52,  56,
                                                 57, 62, 63, 64, 66, 78, 79, 156, 161, 162};
  for (const std::string& date :
       {std::string("2022-06-01"), std::string("2023-08-01"), std::string("2026-11-26")}) {
    const MatchResult result = run(kLarge, date, true);
    EXPECT_EQ(result.size, SizeClass::large);
    for (const auto* list : {&result.eligible, &result.likely}) {
      for (const ItemMatch& item : *list) {
        EXPECT_FALSE(small_business_measures.contains(item.seq)) << date << " " << item.id;
        for (const ConditionResult& condition : item.conditions) {
          // No eligible or likely answer rests on the size class.
          if (condition.field == "size") {
            EXPECT_NE(condition.value, Tri::yes) << item.id;
          }
        }
      }
    }
    // What a large enterprise does get: e.g. 稳岗 measures are size-blind, and 民营 loans.
    EXPECT_FALSE(result.eligible.empty() && result.likely.empty());
    const ItemMatch* rent = find(result.not_eligible, 43);
    ASSERT_NE(rent, nullptr);
  }
}

}  // namespace
}  // namespace huiqi::match
