// Eligibility rules: small expressions over profile fields, evaluated in three-valued logic.
//
// A rule is a tree of all / any / not nodes over conditions ("premises.rents_state_owned is
// true", "size in {small, micro}", "industry in {F, G, H, …}"). A condition whose fact is unknown
// is unknown, never false; all/any/not follow Kleene's strong logic, so an unknown only decides
// the answer when the known facts cannot. Rules are plain values: build, copy and evaluate them
// from any thread.
//
// JSON form (data/match-overrides.json):
//   {"all": [e, …]}  {"any": [e, …]}  {"not": e}  {"ref": "小微企业"}
//   {"field": "premises.rents_state_owned", "is": true}
//   {"field": "entity_type", "in": ["individual_business"]}      (choice fields)
//   {"field": "industry", "in": ["F", "G", "H62", "7291"]}       (code prefixes)
//   {"field": "region", "in": ["2110"]}                          (GB/T 2260 prefixes)
//   {"field": "size", "in": ["small", "micro"]}                  (the effective size class)
//   {"field": "certifications", "has": ["tech_sme"]}             (sets: any of the values)
//   {"field": "trade.imports_exports_last_year_10k_usd", "le": 500}   (also ge, gt, lt)
//   {"ask": "年度零售额增速是否超过全省平均水平?"}              (a fact no profile holds: unknown)
// Any node may carry "phrase" (the source text it encodes) and "label" (a short name).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "match/fields.h"
#include "match/profile.h"
#include "match/size_class.h"

namespace huiqi::match {

class IndustryCatalog;

//! Three-valued truth. The numeric values are used by bit-parallel code; do not reorder.
enum class Tri : std::uint8_t { no = 0, yes = 1, unknown = 2 };

//! "yes", "no", "unknown".
const char* to_string(Tri value);
//! Kleene's strong conjunction, disjunction and negation.
Tri tri_and(Tri a, Tri b);
Tri tri_or(Tri a, Tri b);
Tri tri_not(Tri a);

enum class Op : std::uint8_t { is, in, has, ge, gt, le, lt, ask };

//! One test of one field.
struct Condition {
  Field field = Field::entity_type;
  Op op = Op::ask;
  bool flag = true;        //!< is: the value required
  double number = 0;       //!< ge, gt, le, lt: the bound
  std::uint64_t mask = 0;  //!< in (choice and size indexes), has (set bits): any of them
  //! in, for code fields: canonical prefixes ("H62", "H", "L7291"; regions "2110", "211021").
  std::vector<std::string> codes;
  std::string question;  //!< ask: the question; otherwise empty

  bool operator==(const Condition&) const = default;
};

//! A rule node. An `all` without children is true (a rule with no conditions).
struct Expr {
  enum class Kind : std::uint8_t { all, any, negate, leaf };
  Kind kind = Kind::all;
  std::vector<Expr> children;
  Condition condition;  //!< for a leaf
  std::string phrase;   //!< the source text this node encodes; may be empty
  std::string label;    //!< a short name ("小微企业", "辽阳市"); may be empty

  bool operator==(const Expr&) const = default;

  static Expr leaf(Condition condition, std::string phrase = {});
  static Expr all_of(std::vector<Expr> children, std::string phrase = {});
  static Expr any_of(std::vector<Expr> children, std::string phrase = {});
  static Expr negation(Expr child, std::string phrase = {});
};

//! Named expressions a rule may reference with {"ref": name}.
using Definitions = std::map<std::string, Expr, std::less<>>;

//! Parses the JSON form. Industry codes are checked against and canonicalized by the catalog;
//! "ref" is expanded from definitions (the node keeps the name as its label). Throws UserError
//! ("bad-rule") naming source and the JSON pointer of the bad node.
Expr parse_expr(const nlohmann::json& json, const Definitions& definitions,
                const IndustryCatalog& industries, const std::string& source,
                const std::string& pointer = "");

//! The JSON form (references expanded; phrase and label kept when `annotations`).
nlohmann::json to_json(const Expr& expr, bool annotations = true);

//! The facts a rule is evaluated against: a profile and its effective size class.
struct Subject {
  const Profile* profile = nullptr;
  SizeClass size = SizeClass::unknown;     //!< stated, else by the standard
  SizeClass largest = SizeClass::unknown;  //!< the largest class the facts allow
};

//! The effective size of a profile: the stated class when there is one, else the standard's.
//! The SizeResult (for reasons and missing indicators) is written to `result` when given.
Subject make_subject(const Profile& profile, const SizeStandard& standard,
                     SizeResult* result = nullptr);

//! Three-valued membership of a size class in `mask` (bit i = SizeClass i) given what is known.
Tri size_in(std::uint64_t mask, SizeClass size, SizeClass largest);
//! Three-valued prefix test of a code against canonical prefixes (regions: trailing "00" pairs
//! of either side are dropped first, so "211000" is the city and contains "211002").
Tri code_in(const std::vector<std::string>& prefixes, const std::optional<std::string>& code,
            Field field);
//! "211000" → "2110", "210000" → "21"; other text unchanged.
std::string significant_region(const std::string& code);

Tri evaluate(const Condition& condition, const Subject& subject);
Tri evaluate(const Expr& expr, const Subject& subject);

//! The leaves of expr in depth-first order.
std::vector<const Expr*> leaves(const Expr& expr);
//! expr's value from its leaves' values (depth-first order, as leaves() lists them).
Tri combine(const Expr& expr, const std::vector<Tri>& leaf_values);

//! A condition in Chinese: "承租国有房屋: 是", "从业人员 ≥ 10人", "所属行业: H62 餐饮业 或 F52
//! 零售业", "企业规模: 小型或微型". Industry names come from the catalog when given.
std::string describe(const Condition& condition, const IndustryCatalog* industries = nullptr);

//! The question that settles an unknown condition (size: see size_questions() in match.cc).
std::string question_for(const Condition& condition);

}  // namespace huiqi::match
