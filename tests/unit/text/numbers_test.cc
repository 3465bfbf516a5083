#include "text/numbers.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "text/normalize.h"
#include "text/utf8.h"

namespace huiqi::text {
namespace {

using namespace std::string_view_literals;

// ---------------------------------------------------------------------------------------------
// parse_chinese_number

struct NumberCase {
  std::string_view in;
  double value;
};

TEST(ParseChineseNumberTest, GoldenTable) {
  const NumberCase kCases[] = {
      {"0", 0},
      {"1000", 1000},
      {"1.2", 1.2},
      {"3.5", 3.5},
      {"1,000,000", 1e6},
      {"十", 10},
      {"十五", 15},
      {"二十", 20},
      {"一百二十", 120},
      {"一百零五", 105},
      {"一千零一", 1001},
      {"两千", 2000},
      {"三千五百万", 3.5e7},
      {"三千五", 3500},
      {"两百五", 250},
      {"一万二", 12000},
      {"十万", 1e5},
      {"一亿二千万", 1.2e8},
      {"二〇二〇", 2020},
      {"二零二三", 2023},
      {"七", 7},
      {"壹佰", 100},
      {"贰拾叁", 23},
      {"1.2万", 12000},
      {"100万", 1e6},
      {"3千万", 3e7},
      {"1.5亿", 1.5e8},
      {"1万2千", 12000},
      {"半", 0.5},
  };
  for (const NumberCase& c : kCases) {
    const auto value = parse_chinese_number(c.in);
    ASSERT_TRUE(value.has_value()) << c.in;
    EXPECT_DOUBLE_EQ(*value, c.value) << c.in;
  }
}

TEST(ParseChineseNumberTest, RejectsWhatIsNotOneNumber) {
  const std::string_view kCases[] = {
      "",    "万", "亿",     "一二十", "十百",   "abc",  "1.2.3", "1,2",
      "12a", "1.", "百万吨", "\xFF",   "三四个", "减半", "1 000",
  };
  for (std::string_view in : kCases) {
    EXPECT_FALSE(parse_chinese_number(in).has_value()) << testing::PrintToString(in);
  }
}

TEST(ParseChineseNumberTest, HugeInputsAreRejectedNotInfinite) {
  EXPECT_FALSE(parse_chinese_number(std::string(10000, '9')).has_value());
  std::string chinese;
  for (int i = 0; i < 10000; ++i) chinese += "九";
  EXPECT_FALSE(parse_chinese_number(chinese).has_value());
  const auto zeros = parse_chinese_number(std::string(10000, '0') + "1");
  ASSERT_TRUE(zeros.has_value());
  EXPECT_EQ(*zeros, 1);
}

// ---------------------------------------------------------------------------------------------
// find_amounts: golden table of text → facts, one string per fact:
//   kind:value[..high]unit[/per][ of=base]

std::string number(double v) {
  char buffer[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
  } else {
    std::snprintf(buffer, sizeof buffer, "%g", v);
  }
  return buffer;
}

std::string describe(const AmountFact& f) {
  std::string out = std::string(to_string(f.kind)) + ":" + number(f.value);
  if (f.high) out += ".." + number(*f.high);
  out += f.unit;
  if (!f.per.empty()) out += "/" + f.per;
  if (!f.of.empty()) out += " of=" + f.of;
  return out;
}

std::vector<std::string> facts_of(std::string_view raw) {
  std::vector<std::string> out;
  for (const AmountFact& f : find_amounts(normalize(raw).text)) out.push_back(describe(f));
  return out;
}

struct AmountCase {
  std::string_view in;
  std::vector<std::string> facts;
};

const AmountCase kAmounts[] = {
    // Caps.
    {"每家企业上限为100万元", {"cap:1000000元/企业"}},
    {"给予20%补贴,每家企业上限为100万元", {"rate:20%", "cap:1000000元/企业"}},
    {"对农产品加工企业新上先进加工设备项目给予30%资金补助,最高不超过500万元",
     {"rate:30%", "cap:5000000元"}},
    {"每户人力资源服务机构补助金额最高不超过10万元", {"cap:100000元/户"}},
    {"单户企业奖励最高不超过20万元", {"cap:200000元"}},
    {"单个企业贴息额不超过50万元", {"cap:500000元"}},
    {"单户企业贴息上限为 200万元", {"cap:2000000元"}},
    {"最高奖励金额1000万元人民币", {"cap:10000000元"}},
    {"帮助其分阶段争取总额不超过800万元的省级补助资金", {"cap:8000000元"}},
    {"上一年度进出口额不超过500万美元的民营企业", {"cap:5000000美元"}},
    {"支持出口小于 500 万美元的小微外贸企业", {"cap:5000000美元"}},
    {"对单户担保金额200万元以下(含200万元)的融资担保业务免收担保费", {"cap:2000000元"}},
    {"上年营业收入不足1000万元的,当季奖励1万元", {"cap:10000000元", "fixed:10000元"}},
    {"每年分阶段给予孵化基地最高不超过150万元的市级专项补贴", {"cap:1500000元/年"}},
    // Floors.
    {"对当年新建和改造提升高标准农田每亩平均补助不低于1300元", {"floor:1300元/亩"}},
    {"对新建规模连片日光温室亩补助标准不低于1.2万元", {"floor:12000元/亩"}},
    {"2023年一季度工业总产值增量1000万元以上的制造业企业", {"floor:10000000元"}},
    {"对新设5000万美元以上、增资3000万美元以上的优质外商投资项目",
     {"floor:50000000美元", "floor:30000000美元"}},
    {"全市普惠小微贷款增速不低于10%", {"floor:10%"}},
    {"压降地方法人金融机构存款利率力争不少于 50BP", {"floor:50BP"}},
    {"预付款比例原则上不低于合同金额的 30% 。", {"floor:30% of=合同金额"}},
    {"全年对营业收入超过20%部分按照3%比例进行奖励", {"floor:20%", "rate:3%"}},
    // Rates and what they apply to.
    {"按照其融资额的2‰给予一次性最高200万元市级补助资金", {"rate:2‰ of=其融资额", "cap:2000000元"}},
    {"按企业及其职工上年度缴纳失业保险费的80%返还",
     {"rate:80% of=企业及其职工上年度缴纳失业保险费"}},
    {"对减免租金的50%给予补贴,最高补贴额度不超过30万元", {"rate:50% of=减免租金", "cap:300000元"}},
    {"按本市最低工资标准的40%给予吸纳就业岗位补贴", {"rate:40% of=本市最低工资标准"}},
    {"岗位补贴标准按当地最低工资标准50%的比例上浮", {"rate:50% of=当地最低工资标准"}},
    {"落实省按实际到位外资额不高于2%的比例给予奖励政策", {"cap:2% of=实际到位外资额"}},
    {"标准为现有交纳数额的80%", {"rate:80% of=现有交纳数额"}},
    {"百分之二十", {"rate:20%"}},
    // Ranges.
    {"力争再降低 5―15BP", {"rate:5..15BP"}},
    {"将小微企业价格扣除比例提高到 10%―20% ,将", {"rate:10..20%"}},
    {"继续给予3至12个月的低保救助", {"fixed:3..12个月"}},
    {"给予10-20万元补助", {"fixed:100000..200000元"}},
    // Per unit.
    {"每新招用1人按规定给予1000元标准的一次性吸纳就业补贴", {"per_unit:1000元/人"}},
    {"按规定给予200元/人的一次性就业创业服务补助", {"per_unit:200元/人"}},
    {"即每人1000元", {"per_unit:1000元/人"}},
    {"按每入驻1户2000元标准给予补助", {"per_unit:2000元/户"}},
    {"秸秆还田亩补助25元,有机肥还田亩补助100元", {"per_unit:25元/亩", "per_unit:100元/亩"}},
    {"保险保额每亩分别为770元、1290元", {"per_unit:770元/亩", "per_unit:1290元/亩"}},
    // Fixed amounts and lists that write the currency once.
    {"择优给予一次性2000万元补助", {"fixed:20000000元"}},
    {"给予一次性奖励3.5万元", {"fixed:35000元"}},
    {"安排市科技专项资金 1500 万元", {"fixed:15000000元"}},
    {"安排资金三千五百万元", {"fixed:35000000元"}},
    {"按评定等级分别给予20万、15万和10万元的运营补贴",
     {"fixed:200000元", "fixed:150000元", "fixed:100000元"}},
    {"分别给予50万元和100万元资金奖励", {"fixed:500000元", "fixed:1000000元"}},
    // Durations.
    {"贴息期限不超过1年", {"cap:1年"}},
    {"返还标准可按不超过6个月的当地月人均失业保险金", {"cap:6个月"}},
    {"补贴期限最长不超过36个月", {"cap:36个月"}},
    {"七个工作日内完成执行回款发放", {"cap:7工作日"}},
    {"自当事人申请之日起十五日内完成胜诉案件退费", {"cap:15天"}},
    {"申请日期原则上为疫情解除后3个月内", {"cap:3个月"}},
    {"签订1年以上劳动合同", {"floor:1年"}},
    {"对吸纳登记失业半年以上人员", {"floor:0.5年"}},
    {"最长弥补结转年限由5年延长至8年", {"fixed:5年", "fixed:8年"}},
    {"免除 2022 年 3 个月房屋租金", {"fixed:3个月"}},
    {"在 30 日内分配下达完毕", {"cap:30天"}},
    {"一年半", {"fixed:1.5年"}},
    // Counts.
    {"支持开展各类补贴性培训1.2万人次、专业技能转换和技能提升培训150人以上",
     {"fixed:12000人次", "floor:150人"}},
    {"对6个(含本数)以内的展位费给予100%资金支持", {"cap:6个", "rate:100%"}},
    {"将20岁以下有意愿的登记失业人员", {"cap:20岁"}},
    {"累计安置次数不超过2次", {"cap:2次"}},
    // Not quantities: dates, document numbers, loan terms, codes, fractions, words.
    {"实施期限至2020年12月31日", {}},
    {"实施期限为2020年1月1日至12月31日", {}},
    {"辽市政发〔2020〕12号", {}},
    {"行动计划(2020—2022年)的通知", {}},
    {"利率水平按一年期LPR减点执行", {}},
    {"60 年代精简退职职工", {}},
    {"IPv6部署和5G应用", {}},
    {"不足1/3时", {}},
    {"可申请房产税、城镇土地使用税减半征收", {}},
    {"深入开展“五包五促”和“千名干部包千企”活动", {}},
    {"将1月、2月应缴社会保险费征收期延长至3月底", {}},
    {"畅通热线电话(8890000或12345)", {}},
};

TEST(FindAmountsTest, GoldenTable) {
  for (const AmountCase& c : kAmounts) {
    EXPECT_EQ(facts_of(c.in), c.facts) << "input: " << c.in;
  }
}

TEST(FindAmountsTest, OffsetsCueAndPhrase) {
  const std::string text = normalize("给予20%补贴,每家企业上限为100万元;其余不补").text;
  const std::vector<AmountFact> facts = find_amounts(text);
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(text.substr(facts[0].begin, facts[0].end - facts[0].begin), "20%");
  EXPECT_EQ(facts[0].phrase, "给予20%补贴");
  EXPECT_EQ(facts[1].quantity_kind, Quantity::Kind::amount);
  EXPECT_EQ(text.substr(facts[1].begin, facts[1].end - facts[1].begin), "100万元");
  EXPECT_EQ(facts[1].cue, "上限为");
  EXPECT_EQ(facts[1].phrase, "每家企业上限为100万元");
  EXPECT_EQ(text.substr(facts[1].phrase_begin, facts[1].phrase_end - facts[1].phrase_begin),
            facts[1].phrase);
}

TEST(FindAmountsTest, PhraseIsBoundedAroundTheNumber) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "补";
  text += "最高不超过100万元";
  for (int i = 0; i < 500; ++i) text += "贴";
  const std::vector<AmountFact> facts = find_amounts(text);
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].kind, Bound::Kind::cap);
  EXPECT_LE(count_code_points(facts[0].phrase), 80u + 5u + 80u);
  EXPECT_NE(facts[0].phrase.find("最高不超过100万元"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// find_quantities

TEST(FindQuantitiesTest, KindsUnitsAndSpans) {
  const std::string text = normalize("200元/人,1户,6个月,10%-20%,5-15BP,2‰,500万美元,十五日").text;
  const std::vector<Quantity> q = find_quantities(text);
  ASSERT_EQ(q.size(), 8u);
  const auto span = [&](const Quantity& x) { return text.substr(x.begin, x.end - x.begin); };
  EXPECT_EQ(q[0].kind, Quantity::Kind::amount);
  EXPECT_EQ(q[0].per, "人");
  EXPECT_EQ(span(q[0]), "200元/人");
  EXPECT_EQ(q[1].kind, Quantity::Kind::count);
  EXPECT_EQ(q[1].unit, "户");
  EXPECT_EQ(q[2].kind, Quantity::Kind::duration);
  EXPECT_EQ(q[2].unit, "个月");
  EXPECT_EQ(q[3].kind, Quantity::Kind::percent);
  EXPECT_EQ(q[3].value, 10);
  EXPECT_EQ(q[3].high, 20);
  EXPECT_EQ(span(q[3]), "10%-20%");
  EXPECT_EQ(q[4].kind, Quantity::Kind::basis_points);
  EXPECT_EQ(q[4].unit, "BP");
  EXPECT_EQ(q[4].high, 15);
  EXPECT_EQ(q[5].kind, Quantity::Kind::permille);
  EXPECT_EQ(q[6].unit, "美元");
  EXPECT_EQ(q[6].value, 5e6);
  EXPECT_EQ(q[7].unit, "天");
  EXPECT_EQ(q[7].value, 15);
  EXPECT_EQ(span(q[7]), "十五日");
}

TEST(FindQuantitiesTest, PerUnitCountIsFoldedIntoTheAmount) {
  const std::vector<Quantity> q = find_quantities("每新招用1人按规定给予1000元");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].value, 1000);
  EXPECT_EQ(q[0].per, "人");
  const std::vector<Quantity> alone = find_quantities("新招用1人");
  ASSERT_EQ(alone.size(), 1u);
  EXPECT_EQ(alone[0].kind, Quantity::Kind::count);
}

TEST(FindQuantitiesTest, ByteOffsetsSurviveInvalidUtf8) {
  const std::string text = "\xFF\xFE给予100万元\xE4\xB8";
  const std::vector<Quantity> q = find_quantities(text);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(text.substr(q[0].begin, q[0].end - q[0].begin), "100万元");
}

// ---------------------------------------------------------------------------------------------
// Robustness: any bytes, huge inputs, linear time.

TEST(NumbersRobustnessTest, AnyBytesNeverCrash) {
  std::string bytes;
  for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
  const std::string_view kInputs[] = {
      bytes,      "\xFF元"sv, "1\xFF万元"sv, "每\xFF"sv, "百分之"sv, "百分之\xFF"sv,
      "1.万元"sv, "-元"sv,    "至%"sv,       "1-"sv,     "1-万元"sv, "(含"sv,
      "0万元"sv,  "半"sv,     "一年半"sv,    "每"sv,     "的%"sv,    "按的比例"sv,
  };
  for (std::string_view in : kInputs) {
    (void)find_quantities(in);
    for (const AmountFact& f : find_amounts(in)) {
      EXPECT_LE(f.begin, f.end);
      EXPECT_LE(f.end, in.size());
      EXPECT_LE(f.phrase_end, in.size());
    }
  }
}

TEST(NumbersRobustnessTest, LongInputsRunInLinearTime) {
  std::vector<std::string> inputs;
  inputs.push_back(std::string(10000, '9'));
  inputs.push_back(std::string(10000, '9') + "万元");
  std::string decimals;
  for (int i = 0; i < 20000; ++i) decimals += "1,";
  inputs.push_back(decimals + "元");
  std::string chinese;
  for (int i = 0; i < 10000; ++i) chinese += "一";
  inputs.push_back(chinese + "元");
  std::string list;
  for (int i = 0; i < 20000; ++i) list += "20万、";
  inputs.push_back(list + "10万元");
  std::string dense;
  for (int i = 0; i < 10000; ++i) dense += "每人最高不超过1000元/人以上(含";
  inputs.push_back(dense);
  std::string dots;
  for (int i = 0; i < 20000; ++i) dots += "1.";
  inputs.push_back(dots);
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& in : inputs) {
    (void)find_quantities(in);
    (void)find_amounts(in);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  EXPECT_FALSE(parse_chinese_number(inputs[0]).has_value());
  EXPECT_TRUE(find_quantities(inputs[1]).empty());    // 9…9万元 is not a finite number
  EXPECT_EQ(find_amounts(inputs[4]).size(), 20001u);  // every list member gets the currency
}

// The whole Liaoyang list: every fact is well-formed and points into its line.
TEST(NumbersRobustnessTest, RealListFactsAreWellFormed) {
  std::ifstream in(std::string(HUIQI_DEFAULT_DATA_DIR) + "/liaoyang-2023-07-31.txt");
  if (!in) GTEST_SKIP() << "the shared Liaoyang list is not available";
  std::size_t facts = 0;
  for (std::string line; std::getline(in, line);) {
    const std::string text = normalize(line).text;
    for (const AmountFact& f : find_amounts(text)) {
      ++facts;
      ASSERT_LT(f.begin, f.end);
      ASSERT_LE(f.end, text.size());
      ASSERT_LE(f.phrase_begin, f.begin);
      ASSERT_GE(f.phrase_end, f.end);
      ASSERT_TRUE(std::isfinite(f.value));
      ASSERT_FALSE(f.unit.empty());
    }
  }
  EXPECT_GT(facts, 150u);
}

}  // namespace
}  // namespace huiqi::text
