// Extraction findings for the data-quality report: what the facts of an item say is missing or
// wrong in its text, and items whose content is nearly the same.
#pragma once

#include <string>
#include <vector>

#include "catalog/facts.h"
#include "catalog/model.h"

namespace huiqi::extract {

//! One finding about one item.
struct Finding {
  int seq = 0;
  //! Stable kebab-case code: no-department | unknown-department | no-document |
  //! document-number-unparsed | amount-without-unit | contradictory-dates
  std::string code;
  std::string message;     //!< English
  std::string message_zh;  //!< Chinese

  bool operator==(const Finding&) const = default;
};

//! The findings for an item and the facts extracted from it, in the order of the codes above.
std::vector<Finding> check_facts(const catalog::Item& item, const catalog::Facts& facts);

//! Two items whose content is nearly the same.
struct NearDuplicate {
  int seq_a = 0;  //!< the smaller seq
  int seq_b = 0;
  double similarity = 0;   //!< Jaccard similarity of the contents' character bigrams
  double containment = 0;  //!< shared bigrams / the bigrams of the shorter content

  bool operator==(const NearDuplicate&) const = default;
};

//! Every pair of items whose normalized contents' character bigrams (spaces skipped) have a
//! Jaccard similarity of at least `similarity`, or of which the shorter one's bigrams are at
//! least a share `containment` in the other's (a later edition that restates a measure and adds
//! to it: Liaoyang 43 and 162). Items with empty content are skipped; pairs are ordered by seq_a
//! then seq_b. Candidates come from prefix filtering on rare bigrams, so a large list is not
//! compared pair by pair.
std::vector<NearDuplicate> near_duplicates(const std::vector<catalog::Item>& items,
                                           double similarity = 0.6, double containment = 0.8);

}  // namespace huiqi::extract
