// Time windows an item states, and from them its validity (valid_from, valid_until, or an
// unresolved relative bound).
//
// Dates are read from normalized text: "2020年12月31日", "2023年6月底", "2022年底", "2022年"
// (and 年度), "12月31日" / "3月底" with the year taken from context, and "2020-2022年" ranges.
// What a date is to the measures comes from the cue words of time-cues.tsv around it:
//  - end ("实施期限至…", "延长至…", "截至…", "…前", "…内", "原则上不超过2022年底"),
//  - start ("自…起", "…后"),
//  - ignore ("不低于2022年", "力争到2022年"),
//  - a range "A至B" is a window from A until B;
//  - a full date with no cue is not a bound (a document's own date, a base);
//  - a bare year with no cue is a measure stated for that year ("免除2023年3个月房屋租金"):
//    it ends on 12-31 of that year, inferred, unless an explicit end date falls in that same
//    year (the year was then the context of that date) or it is earlier than the basis
//    document's year (a reference to the past: "2019年认定已享受…").
// A date without a year takes the nearest year before it in the same sentence, else in the
// item (title, then content), else the basis document's year; it is then marked inferred. With
// none of these it is an unclear bound, reported as relative.
//
// valid_until is the latest end (an explicit one or a year measure's 12-31); valid_from the
// earliest start (a stated one, or the 01-01 of a year measure that counts as the end: a
// measure given for a calendar year runs through it); validity_unresolved is set when
// there is no end but a relative bound (time-cues.tsv role relative: "疫情防控期间").
#pragma once

#include <string>
#include <vector>

#include "catalog/facts.h"
#include "extract/dictionaries.h"
#include "extract/field.h"
#include "extract/matcher.h"

namespace huiqi::extract {

struct Validity {
  std::vector<catalog::TimeFact> times;
  std::string valid_from;
  std::string valid_until;
  bool unresolved = false;
};

//! The time-cue table compiled for reading. Immutable; thread-safe.
class TimeReader {
 public:
  explicit TimeReader(const std::vector<TimeCue>& cues);

  //! The times stated in `fields` (in item order: title, then content) and the validity they
  //! give. document_year is the basis document's year, 0 when unknown.
  Validity read(const std::vector<const FieldText*>& fields, int document_year) const;

 private:
  struct Cue {
    std::string phrase;
    TimeCue::Role role;
  };
  std::vector<Cue> before_;  //!< longest first
  std::vector<Cue> after_;   //!< longest first
  PhraseMatcher relative_;
};

//! The last day of a month (Gregorian), 0 for an invalid month.
int days_in_month(int year, int month);

//! "YYYY-MM-DD".
std::string iso_date(int year, int month, int day);

}  // namespace huiqi::extract
