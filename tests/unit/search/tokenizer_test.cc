// Golden tables for the search tokenizer: text → "term@position" (src/search/tokenizer.h).
#include "search/tokenizer.h"

#include <gtest/gtest.h>

#include "search/fold.h"
#include "text/normalize.h"

namespace huiqi::search {
namespace {

std::string render(std::string_view raw, TokenizeMode mode) {
  const std::string norm = text::normalize(raw).text;
  std::string out;
  for (const Token& t : tokenize(norm, mode)) {
    if (!out.empty()) out += ' ';
    out += t.term + "@" + std::to_string(t.position);
  }
  return out;
}

struct Golden {
  const char* text;
  const char* index;
  const char* query;
};

const Golden kGolden[] = {
    // Chinese: unigrams + overlapping bigrams when indexing, bigrams only in a query.
    {"房租", "房@0 房租@0 租@1", "房租@0"},
    {"房租补贴", "房@0 房租@0 租@1 租补@1 补@2 补贴@2 贴@3", "房租@0 租补@1 补贴@2"},
    {"税", "税@0", "税@0"},
    // Numbers and their units share the position sequence.
    {"200万元", "200@0 万@1 万元@1 元@2", "200@0 万元@1"},
    {"500万美元", "500@0 万@1 万美@1 美@2 美元@2 元@3", "500@0 万美@1 美元@2"},
    {"1.2万元", "1.2@0 万@1 万元@1 元@2", "1.2@0 万元@1"},
    {"1,000元", "1000@0 元@1", "1000@0 元@1"},
    {"2‰", "2@0 ‰@1", "2@0 ‰@1"},
    {"10%-20%", "10@0 %@1 20@3 %@4", "10@0 %@1 20@3 %@4"},
    {"5G基站", "5@0 g@1 基@2 基站@2 站@3", "5@0 g@1 基站@2"},
    {"LPR减5BP", "lpr@0 减@1 5@2 bp@3", "lpr@0 减@1 5@2 bp@3"},
    // Full-width forms are folded by normalize(); ASCII words are lower-cased.
    {"ＡＢＣ１２３", "abc@0 123@1", "abc@0 123@1"},
    {"Hello World", "hello@0 world@1", "hello@0 world@1"},
    // Spaces separate without a position; punctuation uses one.
    {"社保 缓缴", "社@0 社保@0 保@1 缓@2 缓缴@2 缴@3", "社保@0 缓缴@2"},
    {"房租，补贴", "房@0 房租@0 租@1 补@3 补贴@3 贴@4", "房租@0 补贴@3"},
    {"《通知》", "通@1 通知@1 知@2", "通知@1"},
    // Emoji are separators; nothing crashes.
    {"房租😀补贴", "房@0 房租@0 租@1 补@3 补贴@3 贴@4", "房租@0 补贴@3"},
    {"😀😀", "", ""},
    {"", "", ""},
    // Traditional characters fold to simplified.
    {"個體工商戶", "个@0 个体@0 体@1 体工@1 工@2 工商@2 商@3 商户@3 户@4",
     "个体@0 体工@1 工商@2 商户@3"},
};

TEST(Tokenizer, GoldenTable) {
  ASSERT_TRUE(t2s_available()) << "OpenCC's t2s.json was not found";
  for (const Golden& g : kGolden) {
    EXPECT_EQ(render(g.text, TokenizeMode::index), g.index) << g.text;
    EXPECT_EQ(render(g.text, TokenizeMode::query), g.query) << g.text;
  }
}

TEST(Tokenizer, SpansPointIntoTheTokenizedText) {
  const std::string text = "补贴200万元";
  for (const Token& t : tokenize(text, TokenizeMode::index)) {
    ASSERT_LE(t.end, text.size());
    EXPECT_EQ(fold(text.substr(t.begin, t.end - t.begin)), t.term);
  }
}

TEST(Tokenizer, InvalidUtf8IsASeparator) {
  // Raw bytes straight into the tokenizer (normally normalize() has made them U+FFFD).
  const std::string bad = "房\xff租\xe6\x88";
  std::string out;
  for (const Token& t : tokenize(bad, TokenizeMode::index))
    out += t.term + "@" + std::to_string(t.position) + " ";
  EXPECT_EQ(out, "房@0 租@2 ");
  // Through normalize as well.
  EXPECT_EQ(render(bad, TokenizeMode::query), "房@0 租@2");
}

TEST(Tokenizer, ArbitraryBytesNeverCrash) {
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes.push_back(static_cast<char>((i * 131 + 7) % 256));
  EXPECT_NO_THROW(tokenize(bytes, TokenizeMode::index));
  EXPECT_NO_THROW(tokenize(text::normalize(bytes).text, TokenizeMode::query));
  EXPECT_NO_THROW(slots(bytes));
}

TEST(Tokenizer, SlotsGiveOnePositionEach) {
  const std::string text = "房租,5G";
  const auto s = slots(text);
  ASSERT_EQ(s.size(), 5u);  // 房 租 , 5 G
  EXPECT_EQ(text.substr(s[0].begin, s[0].end - s[0].begin), "房");
  EXPECT_EQ(s[2].begin, s[2].end);  // the separator's slot is empty
  EXPECT_EQ(text.substr(s[4].begin, s[4].end - s[4].begin), "G");
}

TEST(Fold, TraditionalToSimplifiedAndLowerCase) {
  EXPECT_EQ(fold("個體工商戶"), "个体工商户");
  EXPECT_EQ(fold("ABC"), "abc");
  EXPECT_EQ(canonical("ＡＢＣ　個體"), "abc 个体");
  // Folding twice changes nothing.
  const std::string once = fold("後發製藝");
  EXPECT_EQ(fold(once), once);
}

}  // namespace
}  // namespace huiqi::search
