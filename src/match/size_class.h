// Enterprise size class (大型/中型/小型/微型) per 《中小企业划型标准规定》.
//
// The thresholds live in data/sme-size-standard.csv (工信部联企业〔2011〕300号, as re-mapped to
// GB/T 4754-2017 by 《统计上大中小微型企业划分办法(2017)》); this module reads that table and
// applies the standard's rule: each indicator gives a class and the enterprise gets the lowest.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace huiqi::match {

//! Ordered from largest to smallest, so a larger enumerator value is a smaller enterprise.
enum class SizeClass { large, medium, small, micro, unknown };

//! "large", "medium", "small", "micro", "unknown".
const char* to_string(SizeClass size);
//! 大型, 中型, 小型, 微型, 未知.
const char* chinese_name(SizeClass size);
//! The inverse of to_string and chinese_name (either form); nullopt for anything else.
std::optional<SizeClass> parse_size_class(std::string_view text);

//! The indicators the standard uses.
enum class SizeIndicator {
  employees,  //!< 从业人员 (X), persons
  revenue,    //!< 营业收入 (Y), 万元
  assets,     //!< 资产总额 (Z), 万元
};

//! The profile field name: "employees", "revenue_10k_yuan", "assets_10k_yuan".
const char* to_string(SizeIndicator indicator);
//! 从业人员, 营业收入, 资产总额.
const char* chinese_name(SizeIndicator indicator);

//! What is known about an enterprise; an absent value is unknown, never zero.
struct SizeFacts {
  //! GB/T 4754-2017 code: a section letter ("H"), a 2-digit division ("62"), a 3-digit group
  //! ("621") or a 4-digit class ("6210"), the digits optionally prefixed with their section letter
  //! ("H6210"). Empty when unknown.
  std::string industry;
  std::optional<double> employees;
  std::optional<double> revenue_10k_yuan;
  std::optional<double> assets_10k_yuan;

  std::optional<double> value(SizeIndicator indicator) const;
};

//! The answer of SizeStandard::classify.
struct SizeResult {
  SizeClass size = SizeClass::unknown;
  //! The largest class the known facts still allow: equal to size when size is known; when an
  //! indicator is missing, the lowest class of the known ones (e.g. small means "small or micro",
  //! enough for a 小微企业 condition); unknown when nothing bounds it.
  SizeClass largest_possible = SizeClass::unknown;
  //! The standard row applied ("10"); rows joined by "/" when a coarse code spans rows that agree
  //! ("9/10"); empty when no row applies.
  std::string row;
  //! Why, in Chinese: the row, each indicator's class (e.g. "从业人员 8 < 20 → 微型") and the
  //! verdict.
  std::vector<std::string> reasons;
  //! Facts needed for an answer but unknown: indicator field names ("revenue_10k_yuan"), and
  //! "industry" when the industry is absent or too coarse to pick a row.
  std::vector<std::string> missing;
};

//! One indicator's bounds in a row. Each is an inclusive lower bound ("及以上"); below small_min
//! is micro ("以下" is strict).
struct SizeThreshold {
  SizeIndicator indicator = SizeIndicator::employees;
  double large_min = 0;
  double medium_min = 0;
  double small_min = 0;
};

//! A row of the standard's table, or an industry the standard does not cover (no thresholds).
struct SizeRow {
  std::string id;                  //!< the standard's row number ("10"); empty if not covered
  std::string industry;            //!< as the standard names it (餐饮业)
  std::vector<std::string> scope;  //!< GB/T 4754-2017 codes as written; "-591" excludes 591
  std::vector<SizeThreshold> thresholds;
  int line = 0;  //!< where the row starts in its file

  bool covered() const { return !thresholds.empty(); }
};

//! The threshold table and the rule that applies it.
class SizeStandard {
 public:
  //! Reads a table in the format of data/sme-size-standard.csv (see its header comment). Throws
  //! huiqi::UserError naming file, line and field when the file is unreadable or malformed.
  static SizeStandard load(const std::filesystem::path& csv);
  //! The same from text in memory; source names it in errors.
  static SizeStandard parse(std::string_view csv_text, std::string source = "<memory>");

  //! Limits accepted industry codes to these GB/T 4754-2017 codes (digits or section letters, as
  //! in the code column of the industry list); others classify as unknown ("not found"). Without
  //! it, any group or class under a known division is accepted.
  void set_known_codes(const std::vector<std::string>& codes);

  //! The size class by the standard's rule, with the row used, reasons and what is missing.
  //! A code is placed by its most specific scope entry. A coarse code spanning several rows
  //! (e.g. "H": 住宿业 and 餐饮业) gives a class only when every such row gives the same one.
  //! Never throws for bad facts: they give unknown with a reason.
  SizeResult classify(const SizeFacts& facts) const;

  //! The rows in file order, uncovered industries included.
  const std::vector<SizeRow>& rows() const { return rows_; }

 private:
  struct Entry {
    std::size_t row;
    bool exclude;
  };

  SizeStandard() = default;
  // A code as its section letter and digits ("" for a section alone).
  std::optional<std::size_t> resolve(char section, const std::string& digits) const;
  std::vector<std::optional<std::size_t>> candidates(char section, const std::string& digits) const;
  SizeResult classify_row(const SizeRow& row, const SizeFacts& facts) const;

  std::vector<SizeRow> rows_;
  std::map<std::string, std::vector<Entry>> index_;  // scope code → the rows naming it
  std::vector<std::string> known_codes_;             // sorted; empty means "not restricted"
};

}  // namespace huiqi::match
