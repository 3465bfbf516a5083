// "我能享受哪些政策?": one profile against every compiled item, with the reasons, the open
// questions, the near misses, whom to ask and roughly how much.
//
// match() is a pure function of its arguments (and the bundled defaults it may load once), so it
// is safe to call from many threads at once.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "catalog/facts.h"
#include "match/profile.h"
#include "match/rule.h"
#include "match/rules.h"
#include "match/size_class.h"

namespace huiqi::match {

class IndustryCatalog;

struct MatchOptions {
  std::string as_of;             //!< YYYY-MM-DD; empty means today (local time)
  bool include_expired = false;  //!< evaluate expired items too (marked expired)
  //! The SME size standard; nullptr means default_size_standard().
  const SizeStandard* size_standard = nullptr;
  //! For industry names in reasons; nullptr means default_industries().
  const IndustryCatalog* industries = nullptr;
};

enum class Verdict {
  eligible,      //!< every condition holds
  likely,        //!< no condition fails; some are unknown
  not_eligible,  //!< a condition fails
};
//! "eligible", "likely", "not_eligible".
const char* to_string(Verdict verdict);
//! 可以享受, 可能可以享受, 不符合.
const char* chinese_name(Verdict verdict);

//! One condition of a rule, as evaluated.
struct ConditionResult {
  //! In Chinese: "承租国有房屋: 是", "从业人员 ≥ 10人"; a named condition by its name
  //! ("所属行业: 服务业", "所在地区: 辽阳市").
  std::string test;
  std::string detail;  //!< the full test ("所属行业: F 批发和零售业、G …")
  std::string field;   //!< dotted path; empty for a question no profile field answers
  Tri value = Tri::unknown;
  std::string profile_value;  //!< what the profile says ("8人", "未知")
  std::string phrase;         //!< the source text (the nearest phrase up the rule)
  std::string group;          //!< the nearest named group ("小微企业"), may be empty
  //! Part of the reason for a yes: true, and every node above it true (so not a true condition
  //! in an alternative that failed).
  bool supports = false;
};

//! One part of the amount estimate.
struct AmountPart {
  std::string label;
  std::string formula;   //!< "每新招用1人1000元 × 本年新招用员工 3人 = 3000元"
  std::string clause;    //!< the clause stating it
  std::string evidence;  //!< the extracted amount's evidence, when found
  std::optional<double> yuan;
  bool upper_bound = false;  //!< only a ceiling is known
  Tri applies = Tri::yes;    //!< the part's own condition ("when")
  std::string question;      //!< the number to ask for, when unknown
};

struct AmountEstimate {
  std::vector<AmountPart> parts;
  //! Sum of the parts that apply (yes) and have a value; nullopt when none has.
  std::optional<double> total_yuan;
  bool upper_bound = false;  //!< the total is a ceiling, not an estimate
};

//! One question that would settle conditions, with the items it concerns.
struct Question {
  std::string field;               //!< dotted path, or empty
  std::string text;                //!< 是否承租国有房屋…?
  std::vector<std::string> items;  //!< item ids
};

//! One item's answer.
struct ItemMatch {
  std::string id;
  int seq = 0;
  std::string category;
  std::string title;
  catalog::Status status = catalog::Status::unknown;
  std::string valid_from;
  std::string valid_until;
  Verdict verdict = Verdict::not_eligible;
  std::vector<ConditionResult> conditions;  //!< every condition, in rule order
  std::vector<Question> questions;          //!< unknowns that decide the verdict
  //! Single conditions that alone block it: "差一个条件: 从业人员 ≥ 10人, 您为 8人".
  std::vector<std::string> near_misses;
  std::vector<catalog::DepartmentRef> departments;  //!< whom to ask
  AmountEstimate amount;
  RuleItem::Source source = RuleItem::Source::facts;
  std::string note;    //!< the reviewer's note (override)
  std::string clause;  //!< the clause the override encodes
  bool stale = false;  //!< an override exists but is stale (rule from facts)
};

//! An item that offers nothing to apply for.
struct ContextItem {
  std::string id;
  int seq = 0;
  std::string title;
  std::string reason;
};

struct MatchResult {
  std::string as_of;
  std::string profile_id;
  std::string profile_name;
  SizeClass size = SizeClass::unknown;     //!< effective class
  SizeClass largest = SizeClass::unknown;  //!< largest class the facts allow
  bool size_stated = false;                //!< the profile states its class
  SizeResult size_result;                  //!< the standard's reasoning
  std::vector<ItemMatch> eligible;
  std::vector<ItemMatch> likely;
  std::vector<ItemMatch> not_eligible;
  //! Questions over the likely items, the one settling most items first.
  std::vector<Question> questions;
  std::vector<ContextItem> context;
  std::vector<std::string> expired;  //!< ids left out because expired on as_of
};

//! Evaluates the profile against every item. Items that offer nothing (RuleItem::offers false)
//! are listed as context, never eligible. Items expired on as_of are left out (listed in
//! `expired`) unless include_expired.
MatchResult match(const Profile& profile, const std::vector<RuleItem>& items,
                  const MatchOptions& options = {});

//! The JSON answer (documented in the function's comment in match.cc).
nlohmann::json to_json(const MatchResult& result);
//! Readable terminal text in Chinese: eligible first, then likely with their questions, then the
//! near misses, then what was left out.
std::string to_text(const MatchResult& result);

//! "3000元", "60万元", "1.5亿元".
std::string format_yuan(double yuan);

}  // namespace huiqi::match
