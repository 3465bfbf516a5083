// Internal: the data behind search::Index, shared by index.cc (build), search.cc (query) and
// highlight.cc. Not an interface.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "search/index.h"
#include "search/tokenizer.h"

namespace huiqi::search {

enum Field : std::uint8_t { kTitle, kContent, kBasis, kDepartments, kFacts };
constexpr int kFieldCount = 5;
constexpr int kRawFieldCount = 4;  // fields whose first segment is the item's raw text
const char* field_name(int field);

enum Facet : std::uint8_t {
  kCategory,
  kDepartment,
  kDocument,
  kLevel,
  kBeneficiary,
  kIndustry,
  kForm,
  kYear,
  kList
};
constexpr int kStoredFacetCount = 9;  // status is computed per as_of
const char* facet_name(int facet);

// A position in a document: field in the top bits, position within the field below.
constexpr int kFieldShift = 24;
constexpr std::uint32_t kPosMask = (1u << kFieldShift) - 1;
inline std::uint32_t field_of(std::uint32_t fieldpos) { return fieldpos >> kFieldShift; }

// Term frequencies of one posting, 6 bits per field (saturating at 63).
inline unsigned tf_in(std::uint32_t packed, int field) { return (packed >> (6 * field)) & 63u; }

//! Postings of one term: documents ascending; positions of docs[i] are
//! positions[starts[i] .. starts[i + 1]) (field-major, ascending).
struct Postings {
  std::vector<std::uint32_t> docs;
  std::vector<std::uint32_t> tfs;
  std::vector<std::uint32_t> starts;
  std::vector<std::uint32_t> positions;
};

struct DocInfo {
  std::string list;
  //! position → raw byte span, for each raw field (title, content, basis, departments).
  std::array<std::vector<Slot>, kRawFieldCount> slots;
  double amount_cap = -1;  // largest cap in 元, -1 when none
};

//! BM25F: field weight / length normalization, so that tf~ = Σ fw[f] · tf_f.
using FieldWeights = std::array<float, kFieldCount>;

//! Validity as integers (YYYYMMDD) for a fast status on a date; `exact` false when a date in
//! the facts is not YYYY-MM-DD, and Facts::status_on must be asked instead.
struct Validity {
  std::int32_t from = 0;
  std::int32_t until = 0;
  bool unresolved = false;
  bool exact = true;
};

//! YYYYMMDD of a YYYY-MM-DD date, 0 for an empty string, -1 for anything else.
std::int32_t date_number(const std::string& date);

//! Facts::status_on(date) for a document, date given as date_number().
inline catalog::Status status_on(const Validity& v, std::int32_t date) {
  if (v.from != 0 && date < v.from) return catalog::Status::not_yet;
  if (v.until != 0) return date <= v.until ? catalog::Status::active : catalog::Status::expired;
  if (v.unresolved) return catalog::Status::unknown;
  return catalog::Status::long_term;
}

struct Index::Data {
  std::vector<Document> documents;
  std::vector<DocInfo> info;
  std::vector<FieldWeights> fw;
  std::vector<Validity> validity;
  //! Facet value ids of document d: facet_data[facet_start[d] ..], as kStoredFacetCount groups
  //! of (count, ids…); ids sorted within a group.
  std::vector<std::uint32_t> facet_start;
  std::vector<std::uint32_t> facet_data;
  std::unordered_map<std::string, std::uint32_t> term_ids;
  std::vector<Postings> postings;
  std::array<std::vector<std::string>, kStoredFacetCount> facet_values;  // id → display value
  std::array<std::unordered_map<std::string, std::uint32_t>, kStoredFacetCount> facet_ids;
  Synonyms synonyms;
  IndexStats stats;

  // The term id of a folded term, or kNoTerm.
  static constexpr std::uint32_t kNoTerm = 0xFFFFFFFFu;
  std::uint32_t term(const std::string& t) const {
    auto it = term_ids.find(t);
    return it == term_ids.end() ? kNoTerm : it->second;
  }
};

//! Highlights for the raw fields of a document, given the matched spans in positions
//! (fieldpos begin, end exclusive).
std::map<std::string, Highlight> make_highlights(
    const Index::Data& data, std::uint32_t doc,
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans);

}  // namespace huiqi::search
