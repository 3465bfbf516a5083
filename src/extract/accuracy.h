// Scoring extraction against expected facts written by hand: per-field accuracy and the list
// of mismatches, so that a change to the code or the dictionaries shows what it gains or loses.
//
// The expected file is TSV, one item per line: seq<TAB>documents<TAB>departments<TAB>
// valid_until<TAB>notes (notes may be left off). Lines starting with '#' are comments; a first
// line whose seq column reads "seq" is a header. Within a cell, entries are separated by ';'.
//  - documents: canonical 文号s ("辽市政发〔2020〕3号"; any bracket or spacing is accepted); an
//    entry ending in '?' is one the text only implies (a cut-off 文号, which extraction marks
//    truncated). An entry "《title》" stands for a document cited without a 文号; such documents
//    are compared only on rows that list one. "none" or "-" is no document.
//  - departments: canonical names; "none" or "-" is no department.
//  - valid_until: YYYY-MM-DD (a trailing '?' is ignored), "none" for long-term (no end in the
//    text), "relative" for an unresolved relative bound.
// An empty cell is not annotated: that field of that item is not scored.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.h"
#include "extract/extractor.h"

namespace huiqi::extract {

struct FieldAccuracy {
  int compared = 0;
  int correct = 0;
  //! correct / compared; 1 when nothing was compared.
  double accuracy() const {
    return compared == 0 ? 1.0 : static_cast<double>(correct) / static_cast<double>(compared);
  }
};

struct Mismatch {
  int seq = 0;
  std::string field;     //!< documents | departments | valid_until
  std::string expected;  //!< entries sorted and joined with "; "
  std::string actual;
};

struct AccuracyReport {
  FieldAccuracy documents;
  FieldAccuracy departments;
  FieldAccuracy valid_until;
  std::vector<Mismatch> mismatches;  //!< by seq, then field
  std::vector<int> missing;          //!< seqs the expected file names but the items lack
  int rows = 0;                      //!< expected rows read
};

//! Extracts each item named in the expected file and compares. Throws UserError when the file
//! cannot be read or a line is malformed (naming the file and line).
AccuracyReport evaluate(const std::vector<catalog::Item>& items, const Extractor& extractor,
                        const std::filesystem::path& expected_tsv);

//! The same with the expected TSV in memory; file_name is used in error messages.
AccuracyReport evaluate_text(const std::vector<catalog::Item>& items, const Extractor& extractor,
                             std::string_view expected_tsv,
                             const std::string& file_name = "expected.tsv");

//! The same for a list file read with ingest (any supported format).
AccuracyReport evaluate_list(const std::filesystem::path& list_file, const Extractor& extractor,
                             const std::filesystem::path& expected_tsv);

//! A plain-text summary: one line per field, then one per mismatch.
std::string to_text(const AccuracyReport& report);

}  // namespace huiqi::extract
