// Golden tables: phrases → beneficiaries, industries, support forms; and actionability.
#include <gtest/gtest.h>

#include <string>

#include "extract/extractor.h"
#include "test_support.h"

namespace huiqi::extract {
namespace {

using testing::bundled_extractor;
using testing::make_item;

std::string describe(const std::vector<catalog::TagFact>& tags) {
  std::string out;
  for (const auto& t : tags) {
    if (!out.empty()) out += ",";
    out += t.value;
    if (!t.condition.empty()) out += "{" + t.condition + "}";
  }
  return out;
}

std::string describe(const std::vector<catalog::IndustryFact>& industries) {
  std::string out;
  for (const auto& i : industries) out += (out.empty() ? "" : ",") + i.code;
  return out;
}

struct TagCase {
  const char* text;
  const char* expect;
};

TEST(BeneficiariesTest, GoldenTable) {
  const TagCase kCases[] = {
      {"支持中小微企业发展", "中小企业,小微企业"},
      {"个体户", "个体工商户"},
      {"对小微民营企业(上一年度进出口额不超过500万美元的民营企业)投保",
       "小微企业{上一年度进出口额不超过500万美元的民营企业},"
       "民营企业{上一年度进出口额不超过500万美元的民营企业}"},
      {"支持出口小于 500 万美元的小微外贸企业投保特定出口信用保险",
       "小微企业{出口小于 500万美元},外贸企业{出口小于 500万美元}"},
      {"对承租国有房屋从事生产经营活动的服务业小微企业和个体工商户",
       "小微企业{承租国有房屋从事生产经营活动的服务业},个体工商户"},
      {"对获得辽阳市科技型中小微企业贷款的企业", "科技型中小企业,中小企业,小微企业"},
      {"对新认定的国家级和省级“专精特新”中小企业", "专精特新企业,中小企业"},
      {"高校毕业生、农民工、退役军人等重点群体", "高校毕业生,农民工,退役军人"},
      {"就业困难人员和登记失业人员、灵活就业人员", "就业困难人员,登记失业人员,灵活就业人员"},
      {"创业孵化基地(创业园)、众创空间", "孵化基地"},
      {"新型农业经营主体和重点龙头企业", "农业经营主体,龙头企业"},
      {"向旅行社暂退保证金", "旅行社"},
      {"鼓励金融机构和融资担保机构", "金融机构,担保机构"},
      {"外贸企业", "外贸企业"},
      {"高新技术企业所得税减免", "高新技术企业"},
      // Stop phrases yield nothing.
      {"失业保险金发放标准", ""},
      {"", ""},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.text);
    auto facts = bundled_extractor().extract(make_item("", c.text));
    EXPECT_EQ(describe(facts.beneficiaries), c.expect);
  }
}

TEST(IndustriesTest, GoldenTable) {
  const TagCase kCases[] = {
      {"对交通运输、餐饮、住宿、旅游、外贸等受疫情影响较大行业", "G,H62,H61,L7291"},
      {"旅行社及相关服务", "L7291"},
      {"会展、零售、商贸流通、教育培训、文艺演出", "L7284,F52,F,P,R88"},
      {"软件和信息技术服务业、租赁和商务服务业", "I65,L"},
      {"提升制造业高质量发展", "C"},
      {"批发零售", "F"},
      {"批发市场", "F51"},
      {"服务业(金融业、房地产业除外)民营法人企业", ""},
      {"市交通运输局", ""},
      {"外贸", ""},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.text);
    auto facts = bundled_extractor().extract(make_item("", c.text));
    EXPECT_EQ(describe(facts.industries), c.expect);
  }
}

TEST(IndustriesTest, NamesComeFromTheStandard) {
  auto facts = bundled_extractor().extract(make_item("", "餐饮、住宿、旅游"));
  ASSERT_EQ(facts.industries.size(), 3u);
  EXPECT_EQ(facts.industries[0].name, "餐饮业");
  EXPECT_EQ(facts.industries[1].name, "住宿业");
  EXPECT_EQ(facts.industries[2].name, "旅行社及相关服务");
}

TEST(FormsTest, GoldenTable) {
  const TagCase kCases[] = {
      {"由市财政给予贴息", "贴息"},
      {"减免租金", "减免"},
      {"缓缴社会保险费", "缓缴"},
      {"失业保险稳岗返还", "返还"},
      {"免收担保费", "免收,担保"},
      {"投保短期出口信用保险", "保险"},
      {"给予职业培训补贴", "培训,补贴"},
      {"享受创业担保贷款及贴息", "担保,贷款,贴息"},
      {"全额退还增值税增量留抵税额", "退税"},
      {"提升跨境贸易便利化", "便利化"},
      {"给予一次性奖励3.5万元", "奖励"},
      {"开辟绿色通道", "服务"},
      {"服务业企业", ""},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.text);
    auto facts = bundled_extractor().extract(make_item("", c.text));
    EXPECT_EQ(describe(facts.forms), c.expect);
  }
}

struct ActionCase {
  const char* title;
  const char* content;
  catalog::BenefitKind kind;
};

TEST(ActionabilityTest, GoldenTable) {
  using catalog::BenefitKind;
  const ActionCase kCases[] = {
      {"做好宣传和舆论引导工作", "牢牢把握信息发布和舆论引导主动权,做好舆情监测研判。",
       BenefitKind::task},
      {"完善责任落实机制", "重点督促政策落实,对履职不力的,依法依规严肃问责。", BenefitKind::task},
      {"完善就业形势监测机制", "持续抓好就业常规统计,做好劳动工资统计。", BenefitKind::task},
      {"加快财政支出进度", "2022年预算安排资金在6月30日前下达;对涉企补贴按要求及时拨付。",
       BenefitKind::task},
      {"对重点保障企业贷款给予财政贴息支持", "由市财政给予贴息。", BenefitKind::direct},
      {"减免中小企业房租", "1个月房租免收、2个月房租减半。", BenefitKind::direct},
      {"开展银企对接", "搭建高效的服务平台,提供精准信息服务。", BenefitKind::service},
      {"", "", BenefitKind::service},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.title);
    auto facts = bundled_extractor().extract(make_item(c.title, c.content));
    EXPECT_EQ(facts.benefit_kind, c.kind);
    EXPECT_EQ(facts.actionable, c.kind != BenefitKind::task);
    if (*c.title != '\0') {
      EXPECT_FALSE(facts.actionability_evidence.empty());
    }
  }
}

}  // namespace
}  // namespace huiqi::extract
