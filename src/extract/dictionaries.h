// The vocabulary extraction works with: issuer codes, department aliases, beneficiaries,
// industries, support forms, actionability cues and time cues, each a TSV file under data/.
//
// Every file has the same shape: lines starting with '#' are comments, blank lines are skipped,
// the first other line is the header (the column names, tab-separated, exactly as documented
// below), and every further line is one row with exactly that many tab-separated fields.
// Dictionaries hold vocabulary, never answers for particular items.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/facts.h"

namespace huiqi::extract {

//! The file names under the data directory.
inline constexpr const char* kIssuersFile = "issuers.tsv";
inline constexpr const char* kDepartmentsFile = "departments.tsv";
inline constexpr const char* kBeneficiariesFile = "beneficiaries.tsv";
inline constexpr const char* kIndustriesFile = "industry-keywords.tsv";
inline constexpr const char* kFormsFile = "support-forms.tsv";
inline constexpr const char* kActionabilityFile = "actionability.tsv";
inline constexpr const char* kTimeCuesFile = "time-cues.tsv";

//! issuers.tsv — match, pattern, level, issuer.
struct IssuerRule {
  enum class Match { code, prefix, title };
  Match match = Match::code;
  std::string pattern;  //!< an issuer code, a code prefix, or a phrase of a document title
  catalog::DocumentLevel level = catalog::DocumentLevel::unknown;
  std::string issuer;  //!< the issuing body; may be empty
};

//! departments.tsv — kind, text, canonical.
struct DepartmentRule {
  enum class Kind { name, suffix, lead, label, scope };
  Kind kind = Kind::name;
  std::string text;       //!< normalized
  std::string canonical;  //!< for kind name: the canonical name; empty otherwise
};

//! beneficiaries.tsv (phrase, beneficiary) and support-forms.tsv (phrase, form).
struct TagRule {
  std::string phrase;  //!< normalized
  std::string value;   //!< empty for a stop phrase ("-" in the file)
};

//! industry-keywords.tsv — phrase, code, name.
struct IndustryRule {
  std::string phrase;  //!< normalized
  std::string code;    //!< "H62"; empty for a stop phrase ("-" in the file)
  std::string name;    //!< the GB/T 4754-2017 name of code
};

//! actionability.tsv — cue, kind, weight.
struct ActionCue {
  std::string phrase;  //!< normalized
  catalog::BenefitKind kind = catalog::BenefitKind::direct;
  int weight = 1;  //!< 1..100
};

//! time-cues.tsv — cue, role, position.
struct TimeCue {
  enum class Role { end, start, ignore, relative };
  enum class Position { before, after, phrase };
  std::string phrase;  //!< normalized
  Role role = Role::end;
  Position position = Position::before;
};

//! The TSV texts of the tables, for parse(). An empty text is an empty table.
struct DictionarySources {
  std::string issuers;
  std::string departments;
  std::string beneficiaries;
  std::string industries;
  std::string forms;
  std::string actionability;
  std::string time_cues;
};

//! All tables, validated. Immutable after construction and so safe to share between threads.
class Dictionaries {
 public:
  //! Reads the seven files above from data_dir. A file that cannot be read or a malformed row
  //! throws UserError naming the file, line and field.
  static Dictionaries load(const std::filesystem::path& data_dir);

  //! load() from the data directory: HUIQI_DATA_DIR when set, else the source tree's data/.
  static Dictionaries load_default();

  //! The same from texts in memory (tests); errors name the file the text stands for.
  static Dictionaries parse(const DictionarySources& sources);

  const std::vector<IssuerRule>& issuers() const { return issuers_; }
  const std::vector<DepartmentRule>& departments() const { return departments_; }
  const std::vector<TagRule>& beneficiaries() const { return beneficiaries_; }
  const std::vector<IndustryRule>& industries() const { return industries_; }
  const std::vector<TagRule>& forms() const { return forms_; }
  const std::vector<ActionCue>& actionability() const { return actionability_; }
  const std::vector<TimeCue>& time_cues() const { return time_cues_; }

 private:
  std::vector<IssuerRule> issuers_;
  std::vector<DepartmentRule> departments_;
  std::vector<TagRule> beneficiaries_;
  std::vector<IndustryRule> industries_;
  std::vector<TagRule> forms_;
  std::vector<ActionCue> actionability_;
  std::vector<TimeCue> time_cues_;
};

}  // namespace huiqi::extract
