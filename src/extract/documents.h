// Documents (政策依据) named in text: 《title》 with or without a 文号, 文号s on their own, and
// the administrative level of each, read from the issuer code or the title.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/facts.h"
#include "extract/dictionaries.h"
#include "extract/field.h"
#include "extract/matcher.h"

namespace huiqi::extract {

//! The issuers table compiled for lookups. Immutable; thread-safe.
class IssuerTable {
 public:
  explicit IssuerTable(const std::vector<IssuerRule>& rules);

  //! The rule for an issuer code: the code row, else the longest matching prefix row; null
  //! when neither matches.
  const IssuerRule* by_code(std::string_view code) const;
  //! The title row whose phrase comes first in title (the longest on a tie); null when none.
  const IssuerRule* by_title(std::string_view title) const;

 private:
  std::vector<IssuerRule> rules_;
  std::unordered_map<std::string, std::size_t> codes_;
  std::vector<std::size_t> prefixes_;  //!< longest first
  PhraseMatcher titles_;
};

//! Every document in the field's text, in order: a 《title》 (outermost book-title marks; inner
//! 〈〉 or <> are kept) paired with the 文号 that follows it, a 文号 with no title, or a title
//! with no 文号 (empty number). 文号s are read whatever their brackets and spaces (normalize()
//! makes them 〔〕) and written canonically ("辽市政发〔2020〕3号"); a cut-off one
//! ("辽市政发[202011") is kept with truncated set and, where the digits allow, year and serial
//! marked inferred. 文号-like text inside a title is not a document.
std::vector<catalog::DocumentRef> find_documents(const FieldText& field,
                                                 const IssuerTable& issuers);

}  // namespace huiqi::extract
