// From items and their extracted facts to the rules matching evaluates.
//
// Facts alone give a coarse rule (beneficiaries → who, industries → which trades), through the
// vocabulary maps of data/match-overrides.json. Reviewed overrides in the same file refine it:
// one entry per item id, quoting the clause it encodes. A quote that no longer occurs in the
// item's text marks the override stale: it is not applied and is reported, so a changed item is
// never matched by a rule written for its old text. Overrides survive re-extraction because
// they are keyed by item id and checked against the text, not against the facts.
//
// Everything here is a plain value; Rules may be shared read-only between threads.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "catalog/facts.h"
#include "catalog/model.h"
#include "match/rule.h"

namespace huiqi::match {

class IndustryCatalog;

//! How to estimate one sum an item offers, traced to the clause that states it.
struct AmountSpec {
  enum class Kind {
    fixed,  //!< a stated sum ("一次性奖励3.5万元")
    up_to,  //!< only a ceiling is known ("最高不超过100万元")
    rate,  //!< rate × a profile number ("20% × 设备投入", "每人1000元 × 新招用人数")
  };
  Kind kind = Kind::fixed;
  std::string label;   //!< what the sum is (免除3个月房屋租金)
  std::string clause;  //!< quoted from the item's text
  double value = 0;    //!< fixed / up_to: yuan; rate: the multiplier (0.2, 1000, 3)
  //! How the rate reads in the formula ("20%", "每新招用1人1000元"); derived when empty.
  std::string rate_text;
  std::optional<Field> of;         //!< rate: the profile number it multiplies
  std::optional<double> cap_yuan;  //!< rate: the ceiling
  std::optional<Expr> when;        //!< the part applies only where this holds (yes)
  //! The extracted amount's evidence phrase that states the same number; empty when none does.
  std::string evidence;
};

//! One reviewed entry of the override file.
struct Override {
  std::string item;      //!< item id ("liaoyang-2023-07-31/43")
  std::string clause;    //!< the text the entry encodes, quoted from the item
  std::string note;      //!< the reviewer's note
  std::string reviewed;  //!< date of review, may be empty
  //! Non-empty: the item offers a business nothing to apply for (a government task, a measure for
  //! persons or banks); the reason is shown with it.
  std::string context;
  std::optional<Expr> rule;
  //! Replaces the file's default scope (e.g. province-wide measures); scope_none drops it.
  std::optional<Expr> scope;
  bool scope_none = false;
  std::vector<AmountSpec> amounts;
  //! Every quote of the entry (clause, amount clauses, phrases written in its rule) for the
  //! stale check.
  std::vector<std::string> quotes;
};

//! data/match-overrides.json, parsed.
struct Overrides {
  std::string source;
  std::string list;  //!< the list id the entries are for
  Definitions definitions;
  std::optional<Expr> scope;  //!< ANDed to every rule (the list's region)
  //! Beneficiary vocabulary (facts' TagFact values) → condition, for rules from facts alone.
  Definitions beneficiaries;
  std::vector<Override> entries;

  //! Throws UserError ("bad-overrides", or "bad-rule" for a rule) naming file and JSON pointer.
  static Overrides load(const std::filesystem::path& file, const IndustryCatalog& industries);
  //! The file's JSON, unchecked; UserError ("file-not-found", or "bad-overrides" for malformed
  //! JSON) naming the file.
  static nlohmann::json read_json(const std::filesystem::path& file);
  static Overrides parse(const nlohmann::json& json, const std::string& source,
                         const IndustryCatalog& industries);
};

//! data_dir()/match-overrides.json as JSON, read on first use (thread-safe): the bundled
//! entries that stored overrides replace or add to (none when the file is missing).
const nlohmann::json& bundled_overrides_json();
//! bundled_overrides_json() parsed with default_industries(), on first use (thread-safe).
const Overrides& default_overrides();
//! data_dir()/sme-size-standard.csv restricted to the catalog's codes, loaded on first use.
const SizeStandard& default_size_standard();

//! An item ready to match: its text, facts and compiled rule.
struct RuleItem {
  catalog::Item item;
  catalog::Facts facts;
  //! It offers a business something to apply for. False for government tasks
  //! (facts.actionable == false) and for items an override marks as context.
  bool offers = true;
  std::string context_reason;  //!< why it is context (when !offers)
  Expr rule;                   //!< the scope included
  enum class Source { override, facts } source = Source::facts;
  std::vector<AmountSpec> amounts;
  std::string clause;  //!< the override's quoted clause
  std::string note;    //!< the reviewer's note
  bool stale = false;  //!< an override exists but its quotes are gone from the text
};

//! Something a reviewer should look at; compilation itself never fails on these.
struct RuleIssue {
  std::string item;
  //! stale-override | unknown-item | override-on-task | no-override | amount-not-in-facts
  std::string code;
  std::string message;  //!< Chinese
};

struct Rules {
  std::vector<RuleItem> items;
  std::vector<RuleIssue> issues;
};

//! Compiles one rule per item (facts[i] belongs to items[i]). Throws std::invalid_argument when
//! the sizes differ.
Rules compile_rules(const std::vector<catalog::Item>& items,
                    const std::vector<catalog::Facts>& facts, const Overrides& overrides,
                    const IndustryCatalog& industries);

//! The rule facts alone give (scope not included).
Expr rule_from_facts(const catalog::Facts& facts, const Overrides& overrides,
                     const IndustryCatalog& industries);

//! Text with all white space removed, for comparing quotes with item text.
std::string squeeze(std::string_view text);

}  // namespace huiqi::match
