// Extraction: structured, evidence-backed facts from one item's Chinese text.
//
// What is read, and from where (every fact carries Evidence: the field, the byte span of the
// field's raw text and that raw phrase):
//  - documents: the basis (政策依据): 《title》, canonical 文号, issuer, year, serial, level
//    (documents.h); cited_documents: the same from the title and content;
//  - departments: the departments field, split and canonicalized (departments.h);
//  - beneficiaries, support forms, industries: dictionary phrases over title and content, one
//    fact per value (the first occurrence; a beneficiary keeps a condition written next to it:
//    "小微民营企业(上一年度进出口额不超过500万美元的民营企业)", "对承租国有房屋…的服务业小微企业");
//  - amounts: text::find_amounts() over title and content;
//  - times and validity: times.h;
//  - actionable / benefit_kind: the cue weights of actionability.tsv over title (counted twice)
//    and content: task when the task weight exceeds the direct and service weights together,
//    else direct when the direct weight is at least the service weight (and not 0), else
//    service (also with no cue at all). The cues of the deciding kind are the evidence.
#pragma once

#include <memory>

#include "catalog/facts.h"
#include "catalog/model.h"
#include "extract/dictionaries.h"

namespace huiqi::extract {

//! Turns items into facts. Construction compiles the dictionaries; extract() is const, keeps no
//! state between calls and so is safe to call from many threads at once. It never throws on any
//! text (empty, huge, invalid UTF-8) and runs in time linear in the item's length.
class Extractor {
 public:
  explicit Extractor(Dictionaries dictionaries);
  ~Extractor();
  Extractor(Extractor&&) noexcept;
  Extractor& operator=(Extractor&&) noexcept;

  catalog::Facts extract(const catalog::Item& item) const;

  const Dictionaries& dictionaries() const;

 private:
  struct Compiled;
  std::unique_ptr<const Compiled> compiled_;
};

}  // namespace huiqi::extract
