// Golden table: basis text → documents (in the style of Xapian's tests/api_termgen.cc).
#include <gtest/gtest.h>

#include <string>

#include "extract/extractor.h"
#include "test_support.h"

namespace huiqi::extract {
namespace {

using testing::bundled_extractor;
using testing::make_item;

//! "number@level" with ~ when inferred and ! when truncated, then " 《title》" when there is one;
//! documents joined with " | ".
std::string describe(const std::vector<catalog::DocumentRef>& docs) {
  std::string out;
  for (const auto& d : docs) {
    if (!out.empty()) out += " | ";
    out += d.number + "@" + catalog::to_string(d.level);
    if (d.inferred) out += "~";
    if (d.truncated) out += "!";
    if (!d.title.empty()) out += " 《" + d.title + "》";
  }
  return out;
}

struct DocumentCase {
  const char* basis;
  const char* expect;
};

TEST(DocumentsTest, GoldenTable) {
  const DocumentCase kCases[] = {
      // The Liaoyang forms.
      {"《辽阳市人民政府关于印发辽阳市应对新型冠状病毒肺炎疫情支持中小企业生产经营若干政策措施的通"
       "知》"
       "辽市政发[2020]3号",
       "辽市政发〔2020〕3号@city 《辽阳市人民政府关于印发辽阳市应对新型冠状病毒肺炎疫情支持中小企业"
       "生产经营若干政策措施的通知》"},
      {"《辽宁省人民政府办公厅关于印发〈进一步优化营商环境加大对中小微企业和个体工商户纾困帮扶力度"
       "的"
       "政策措施〉的通知》(辽政办发〔2022〕24 号)",
       "辽政办发〔2022〕24号@provincial "
       "《辽宁省人民政府办公厅关于印发〈进一步优化营商环境加大对中小微"
       "企业和个体工商户纾困帮扶力度的政策措施〉的通知》"},
      {"《辽阳市人民政府关于印发<"
       "辽阳市贯彻落实国务院和辽宁省扎实稳住经济一揽子政策措施若干举措工作方案>"
       "的通知》辽市政发〔2022〕8号",
       "辽市政发〔2022〕8号@city "
       "《辽阳市人民政府关于印发<辽阳市贯彻落实国务院和辽宁省扎实稳住经济一揽子"
       "政策措施若干举措工作方案>的通知》"},
      {"《辽宁省商务厅 辽宁省财政厅关于印发〈 2020 年度外经贸发展资金(第一批)项目实施方案〉的通知》"
       "(辽商财函〔2020〕117\n号)",
       "辽商财函〔2020〕117号@provincial 《辽宁省商务厅 辽宁省财政厅关于印发〈 "
       "2020年度外经贸发展资金"
       "(第一批)项目实施方案〉的通知》"},
      {"《关于印发〈辽阳市加快科技创新若干政策〉的通知》\n(辽市政发〔2017〕47 号)",
       "辽市政发〔2017〕47号@city 《关于印发〈辽阳市加快科技创新若干政策〉的通知》"},
      {"《关于印发〈落实助力市场主体纾困解难十条举措工作方案〉的通知》(辽市市监发〔2022〕4 号)",
       "辽市市监发〔2022〕4号@city 《关于印发〈落实助力市场主体纾困解难十条举措工作方案〉的通知》"},
      {"《辽宁银保监局办公室关于进一步加强个体工商户金融服务的通知》(辽银保监办发〔2021〕344 号)",
       "辽银保监办发〔2021〕344号@provincial 《辽宁银保监局办公室关于进一步加强个体工商户金融服务的"
       "通知》"},
      {"《辽阳市人民政府办公室关于印发辽阳市工业互联网创新发展三年行动计划(2020—2022年)的通知》"
       "辽市政办发〔2020〕8号",
       "辽市政办发〔2020〕8号@city "
       "《辽阳市人民政府办公室关于印发辽阳市工业互联网创新发展三年行动计划"
       "(2020-2022年)的通知》"},
      // A cut-off 文号: kept, flagged, the year and serial read from the digits as inferred.
      {"《辽阳市人民政府关于加快推进东北亚经贸合作高质量构建对外开放新格局的实施意见》辽市政发["
       "202011",
       "辽市政发〔2020〕11号@city~! "
       "《辽阳市人民政府关于加快推进东北亚经贸合作高质量构建对外开放新格局"
       "的实施意见》"},
      {"辽市政发[2020", "辽市政发〔2020〕@city!"},
      // No 文号: the title alone, the level from the title (inferred).
      {"《辽阳市中级人民法院服务企业八项措施》", "@city~ 《辽阳市中级人民法院服务企业八项措施》"},
      {"《国务院关于进一步做好稳就业工作的意见》",
       "@national~ 《国务院关于进一步做好稳就业工作的意见》"},
      {"《某某办法》", "@unknown 《某某办法》"},
      // Every bracket and spacing reads the same.
      {"辽市政发〔2020〕3号", "辽市政发〔2020〕3号@city"},
      {"辽市政发【2020】3号", "辽市政发〔2020〕3号@city"},
      {"辽市政发(2020)3号", "辽市政发〔2020〕3号@city"},
      {"辽市政发（2020）3号", "辽市政发〔2020〕3号@city"},
      {"辽市政发［2020］3号", "辽市政发〔2020〕3号@city"},
      {"辽市政发[ 2020 ] 3 号", "辽市政发〔2020〕3号@city"},
      {"辽市政发 [2020] 3号", "辽市政发〔2020〕3号@city"},
      {"辽市政发〔2020〕3", "辽市政发〔2020〕3号@city"},
      // Levels from the issuer code.
      {"国发〔2020〕5号", "国发〔2020〕5号@national"},
      {"国办发〔2019〕28号", "国办发〔2019〕28号@national"},
      {"财社〔2017〕164号", "财社〔2017〕164号@national"},
      {"辽政发〔2021〕7号", "辽政发〔2021〕7号@provincial"},
      {"辽财预〔2021〕7号", "辽财预〔2021〕7号@provincial"},
      {"辽市政办发〔2020〕8号", "辽市政办发〔2020〕8号@city"},
      // An unknown code: the level from the title, inferred.
      {"《辽阳市财政局关于做好补贴发放工作的通知》阳财发〔2021〕9号",
       "阳财发〔2021〕9号@city~ 《辽阳市财政局关于做好补贴发放工作的通知》"},
      // The code is the known suffix of what stands before the bracket.
      {"根据辽市政发〔2019〕23号文件", "辽市政发〔2019〕23号@city"},
      // Two documents.
      {"《甲办法》辽市政发〔2020〕3号、《乙办法》辽市政发〔2020〕12号",
       "辽市政发〔2020〕3号@city 《甲办法》 | 辽市政发〔2020〕12号@city 《乙办法》"},
      // A title far from a number does not take it.
      {"《甲办法》规定的事项,详见辽市政发〔2020〕3号",
       "@unknown 《甲办法》 | 辽市政发〔2020〕3号@city"},
      // Nothing.
      {"", ""},
      {"按国家有关规定执行", ""},
      {"(2020-2022年)", ""},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.basis);
    auto facts = bundled_extractor().extract(make_item("", "", c.basis, ""));
    EXPECT_EQ(describe(facts.documents), c.expect);
  }
}

TEST(DocumentsTest, FieldsOfACanonicalNumber) {
  auto facts = bundled_extractor().extract(
      make_item("", "",
                "《辽阳市人民政府关于深入实施就业优先政策进一步做好稳就业工作的若干意见》"
                "辽市政发〔2020〕12号"));
  ASSERT_EQ(facts.documents.size(), 1u);
  const auto& d = facts.documents[0];
  EXPECT_EQ(d.issuer_code, "辽市政发");
  EXPECT_EQ(d.issuer, "辽阳市人民政府");
  EXPECT_EQ(d.year, 2020);
  EXPECT_EQ(d.serial, 12);
  EXPECT_FALSE(d.inferred);
  EXPECT_FALSE(d.truncated);
  EXPECT_EQ(d.evidence.field, "basis");
  EXPECT_EQ(d.evidence.begin, 0u);
}

TEST(DocumentsTest, ContentCitationsAreCitedDocuments) {
  auto facts = bundled_extractor().extract(make_item(
      "",
      "严格执行《就业补助资金管理办法》(财社〔2017〕164号),全面落实《中华人民共和国外商投资法》。",
      "《甲》辽市政发〔2020〕12号"));
  EXPECT_EQ(describe(facts.documents), "辽市政发〔2020〕12号@city 《甲》");
  EXPECT_EQ(describe(facts.cited_documents),
            "财社〔2017〕164号@national 《就业补助资金管理办法》 | @national~ "
            "《中华人民共和国外商投资法》");
}

}  // namespace
}  // namespace huiqi::extract
