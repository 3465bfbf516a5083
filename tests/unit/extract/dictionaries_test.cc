// Loading and validating the dictionary files.
#include "extract/dictionaries.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "base/error.h"
#include "test_support.h"

namespace huiqi::extract {
namespace {

TEST(DictionariesTest, LoadsTheBundledFiles) {
  Dictionaries d = Dictionaries::load(testing::data_dir());
  EXPECT_GT(d.issuers().size(), 10u);
  EXPECT_GT(d.departments().size(), 50u);
  EXPECT_GT(d.beneficiaries().size(), 50u);
  EXPECT_GT(d.industries().size(), 30u);
  EXPECT_GT(d.forms().size(), 30u);
  EXPECT_GT(d.actionability().size(), 30u);
  EXPECT_GT(d.time_cues().size(), 20u);
}

TEST(DictionariesTest, LoadsTheDefaultDataDirectory) {
  EXPECT_EQ(Dictionaries::load_default().issuers().size(),
            Dictionaries::load(testing::data_dir()).issuers().size());
}

TEST(DictionariesTest, PhrasesAreNormalized) {
  auto d = Dictionaries::parse({.departments = "kind\ttext\tcanonical\n"
                                               "name\t各县（市）区政府\t各县（市）区政府\n"});
  ASSERT_EQ(d.departments().size(), 1u);
  EXPECT_EQ(d.departments()[0].text, "各县(市)区政府");
}

TEST(DictionariesTest, CommentsBlankLinesAndCrLfAreAccepted) {
  auto d = Dictionaries::parse({.forms = "# what it is\r\n\r\nphrase\tform\r\n贴息\t贴息\r\n"
                                         "# another comment\n服务业\t-\n"});
  ASSERT_EQ(d.forms().size(), 2u);
  EXPECT_EQ(d.forms()[0].value, "贴息");
  EXPECT_EQ(d.forms()[1].value, "");  // a stop phrase
}

struct BadCase {
  DictionarySources sources;
  const char* file;
  int line;
  const char* field;
};

TEST(DictionariesTest, ErrorsNameFileLineAndField) {
  const BadCase kCases[] = {
      {{.issuers = "# c\nmatch\tpattern\tlevel\tissuer\ncode\t国发\tnationwide\t国务院\n"},
       "issuers.tsv",
       3,
       "level"},
      {{.issuers = "match\tpattern\tlevel\tissuer\nexact\t国发\tnational\t\n"},
       "issuers.tsv",
       2,
       "match"},
      {{.issuers = "match\tpattern\tlevel\n"}, "issuers.tsv", 1, "issuer"},
      {{.issuers = "match\tpattern\tlevel\tissuer\ncode\t国发\tnational\n"},
       "issuers.tsv",
       2,
       "issuer"},
      {{.issuers = "match\tpattern\tlevel\tissuer\ncode\t\tnational\t\n"},
       "issuers.tsv",
       2,
       "pattern"},
      {{.departments = "kind\ttext\tcanonical\nname\t市发改委\t市发展改革委\n"},
       "departments.tsv",
       2,
       "canonical"},
      {{.departments = "kind\ttext\tcanonical\nname\t市发改委\t市发展改革委\n"
                       "name\t市发展改革委\t市发展改革委\nname\t市发改委\t市财政局\n"},
       "departments.tsv",
       4,
       "canonical"},
      {{.departments = "kind\ttext\tcanonical\nsuffix\t等\t市财政局\n"},
       "departments.tsv",
       2,
       "canonical"},
      {{.industries = "phrase\tcode\tname\n餐饮\tH6x\t餐饮业\n"},
       "industry-keywords.tsv",
       2,
       "code"},
      {{.industries = "phrase\tcode\tname\n餐饮\tH62\t\n"}, "industry-keywords.tsv", 2, "name"},
      {{.industries = "phrase\tcode\tname\n市交通运输局\t-\t交通\n"},
       "industry-keywords.tsv",
       2,
       "name"},
      {{.actionability = "cue\tkind\tweight\n给予\tdirect\tmany\n"},
       "actionability.tsv",
       2,
       "weight"},
      {{.actionability = "cue\tkind\tweight\n给予\tdirect\t0\n"}, "actionability.tsv", 2, "weight"},
      {{.actionability = "cue\tkind\tweight\n给予\tbenefit\t1\n"}, "actionability.tsv", 2, "kind"},
      {{.time_cues = "cue\trole\tposition\n疫情期间\trelative\tbefore\n"},
       "time-cues.tsv",
       2,
       "position"},
      {{.time_cues = "cue\trole\tposition\n至\tuntil\tbefore\n"}, "time-cues.tsv", 2, "role"},
      {{.beneficiaries = "phrase\tvalue\n"}, "beneficiaries.tsv", 1, "beneficiary"},
      {{.forms = "phrase\tform\n贴息\n"}, "support-forms.tsv", 2, "form"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(std::string(c.file) + ":" + std::to_string(c.line));
    try {
      Dictionaries::parse(c.sources);
      ADD_FAILURE() << "no error";
    } catch (const UserError& e) {
      EXPECT_EQ(e.code(), "dictionary-invalid");
      EXPECT_EQ(e.where().file, c.file);
      EXPECT_EQ(e.where().line, c.line);
      EXPECT_EQ(e.where().field, c.field);
      EXPECT_FALSE(e.message(Lang::zh).empty());
    }
  }
}

TEST(DictionariesTest, AMissingFileIsAUserError) {
  EXPECT_THROW(Dictionaries::load("/nonexistent/huiqi-data"), UserError);
}

// The names in industry-keywords.tsv are those of GB/T 4754-2017 (the reference table).
TEST(DictionariesTest, IndustryNamesMatchTheStandard) {
  std::ifstream in(std::string(HUIQI_TEST_SHARED_DIR) + "/reference/industries-gbt4754-2017.csv");
  if (!in) GTEST_SKIP() << "reference table not available";
  std::map<std::string, std::string> name_of;  // "H62" → 餐饮业
  std::map<std::string, std::string> section_of;
  std::string line;
  std::getline(in, line);  // header
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // code,level,name,parent — names may contain commas, so split from both ends.
    std::size_t first = line.find(',');
    std::size_t second = line.find(',', first + 1);
    std::size_t last = line.rfind(',');
    if (first == std::string::npos || second == std::string::npos || last <= second) continue;
    rows.push_back(
        {line.substr(0, first), line.substr(second + 1, last - second - 1), line.substr(last + 1)});
  }
  for (const auto& r : rows) {
    if (r[2].empty()) section_of[r[0]] = r[0];  // a section is its own section
  }
  // Parents come before children in the table.
  for (const auto& r : rows) {
    if (!r[2].empty()) section_of[r[0]] = section_of[r[2]];
  }
  for (const auto& r : rows) {
    std::string code = r[2].empty() ? r[0] : section_of[r[0]] + r[0];
    name_of[code] = r[1];
  }
  Dictionaries d = Dictionaries::load(testing::data_dir());
  for (const IndustryRule& rule : d.industries()) {
    if (rule.code.empty()) continue;
    SCOPED_TRACE(rule.phrase + " " + rule.code);
    ASSERT_TRUE(name_of.contains(rule.code));
    EXPECT_EQ(rule.name, name_of[rule.code]);
  }
}

}  // namespace
}  // namespace huiqi::extract
