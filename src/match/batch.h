// Batch matching ("政策找企业"): every rule over a whole registry of profiles.
//
// Profiles are read in chunks (64k by default) into columns, one per field; each distinct rule
// node is evaluated once per chunk over the whole column into two bitsets, yes and unknown
// (no = neither), and all / any / not combine 64 profiles per machine word. Memory is bounded by
// the chunk size whatever the input size: chunks are read, evaluated, written and reused.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "match/fields.h"
#include "match/profile.h"
#include "match/rules.h"
#include "match/size_class.h"

namespace huiqi::match {

class IndustryCatalog;

//! One bit per profile of a chunk.
using Bits = std::vector<std::uint64_t>;

//! The size class of many profiles, exactly as SizeStandard::classify() gives it, memoized: the
//! class depends on the industry and on which side of each threshold of the table an indicator
//! falls, so one classify() per (industry, threshold bucket of each indicator) is enough.
//! Not thread-safe (it fills its memo); use one per thread.
class SizeMemo {
 public:
  SizeMemo(const SizeStandard& standard, const IndustryCatalog& industries);
  //! {size, largest_possible} of a profile; a stated class wins, as in make_subject().
  std::pair<SizeClass, SizeClass> classify(const Profile& profile);
  //! The same when the caller has looked up the profile's industry index already (nullopt: the
  //! profile has no industry).
  std::pair<SizeClass, SizeClass> classify(const Profile& profile,
                                           std::optional<std::size_t> industry_index);
  //! Distinct classify() calls made so far.
  std::size_t calls() const { return calls_; }

 private:
  const SizeStandard& standard_;
  const IndustryCatalog& industries_;
  std::vector<double> bounds_[3];                // sorted thresholds of employees, revenue, assets
  std::vector<std::vector<std::uint8_t>> memo_;  // per industry index; 0xFF = not yet
  std::size_t calls_ = 0;
};

//! A chunk of profiles stored by field. Reuse one object for a whole run: clear() keeps the
//! memory, the size memo and the interned region codes. Not thread-safe.
class ProfileColumns {
 public:
  ProfileColumns(std::size_t capacity, const SizeStandard& standard,
                 const IndustryCatalog& industries);
  ~ProfileColumns();
  ProfileColumns(const ProfileColumns&) = delete;
  ProfileColumns& operator=(const ProfileColumns&) = delete;

  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  bool full() const { return size_ == capacity_; }
  //! Empties the chunk; capacity and memos stay.
  void clear();
  //! Appends one profile (the chunk must not be full). `row` is its row number in the input.
  void append(const Profile& profile, std::uint64_t row = 0);

  //! The row number and id of each profile of the chunk.
  std::uint64_t row(std::size_t i) const { return rows_[i]; }
  const std::string& id(std::size_t i) const { return ids_[i]; }
  //! Interned region codes; a profile's region column holds an index into this (or none).
  const std::vector<std::string>& regions() const { return region_codes_; }

  struct Data;  //!< the columns (see batch.cc)
  const Data& data() const { return *data_; }

 private:
  std::uint32_t intern_region(const std::string& code);

  std::size_t capacity_;
  std::size_t size_ = 0;
  const IndustryCatalog& industries_;
  SizeMemo sizes_;
  std::unique_ptr<Data> data_;
  std::vector<std::uint64_t> rows_;
  std::vector<std::string> ids_;
  std::vector<std::string> region_codes_;
  std::unordered_map<std::string, std::uint32_t> region_index_;
};

struct BatchOptions {
  std::string as_of;             //!< YYYY-MM-DD; empty means today
  bool include_expired = false;  //!< evaluate items expired on as_of too
  //! Only these item ids ("政策找企业" for one or a few policies); empty means every item that
  //! offers something.
  std::vector<std::string> items;
  std::size_t chunk_size = 65536;
  std::size_t max_errors = 100;  //!< errors kept in the summary (all are counted and written)
  //! Write a line for rows with nothing eligible or likely too.
  bool write_unmatched = false;
  const SizeStandard* size_standard = nullptr;  //!< nullptr: default_size_standard()
  const IndustryCatalog* industries = nullptr;  //!< nullptr: default_industries()
};

//! Evaluates the rules of items over chunks of profiles. Construction compiles the rules into one
//! graph of distinct nodes (shared conditions, like the region scope, are evaluated once per
//! chunk). evaluate() keeps per-chunk state: use one BatchMatcher per thread.
class BatchMatcher {
 public:
  BatchMatcher(const Rules& rules, const BatchOptions& options);
  ~BatchMatcher();
  BatchMatcher(const BatchMatcher&) = delete;
  BatchMatcher& operator=(const BatchMatcher&) = delete;

  //! The items evaluated, in list order (those offering something, active on as_of unless
  //! include_expired, restricted to options.items).
  const std::vector<const RuleItem*>& items() const { return items_; }
  //! Items left out because they expired on as_of.
  const std::vector<const RuleItem*>& expired() const { return expired_; }
  //! Distinct rule nodes (leaves and combinations) evaluated per chunk.
  std::size_t node_count() const;

  //! Evaluates every item over the chunk.
  void evaluate(const ProfileColumns& chunk);
  //! After evaluate(): item k's yes and unknown bits (bit i = profile i of the chunk).
  const Bits& yes(std::size_t item) const;
  const Bits& unknown(std::size_t item) const;

 private:
  struct Graph;
  std::unique_ptr<Graph> graph_;
  std::vector<const RuleItem*> items_;
  std::vector<const RuleItem*> expired_;
};

//! One policy's count over the whole run.
struct PolicyCount {
  std::string id;
  int seq = 0;
  std::string title;
  std::uint64_t eligible = 0;
  std::uint64_t likely = 0;
};

//! A row that could not be read, and why.
struct BatchError {
  std::uint64_t row = 0;  //!< 1-based data row
  int line = 0;           //!< line in the input where the row starts
  std::string field;      //!< dotted path, empty when the whole row is bad
  std::string code;       //!< the UserError code
  std::string message;    //!< Chinese
};

struct BatchSummary {
  std::uint64_t rows = 0;          //!< data rows read
  std::uint64_t matched = 0;       //!< rows evaluated (rows - bad)
  std::uint64_t bad = 0;           //!< rows rejected; each also written to the output
  std::vector<BatchError> errors;  //!< the first max_errors of them
  std::vector<PolicyCount> policies;
  std::vector<std::string> expired;          //!< item ids left out as expired on as_of
  std::vector<std::string> ignored_columns;  //!< CSV columns that are not profile fields
  std::uint64_t chunks = 0;
  std::string as_of;
};

struct BatchProgress {
  std::uint64_t rows = 0;
  std::uint64_t bad = 0;
  std::uint64_t chunks = 0;
};
using ProgressCallback = std::function<void(const BatchProgress&)>;

enum class Format {
  csv,    //!< header = dotted field paths (plus id, name); see data/profile.schema.json
  jsonl,  //!< one profile object per line
};

//! Reads profiles from `in`, evaluates every rule chunk by chunk and writes one JSON line per
//! profile with something eligible or likely:
//!   {"row": 12, "id": "…", "eligible": ["liaoyang-2023-07-31/43", …], "likely": […]}
//! and one per bad row: {"row": 5, "line": 6, "error": {"code", "field", "message"}}.
//! A bad row never stops the run. `progress` is called after each chunk. Throws UserError only
//! when the input cannot be read at all (a CSV without a header).
BatchSummary run_batch(std::istream& in, Format format, std::ostream& out_jsonl, const Rules& rules,
                       const ProgressCallback& progress = {}, const BatchOptions& options = {});

//! The summary as JSON: {"as_of", "rows", "matched", "bad", "chunks", "errors": [...],
//! "policies": [{"id", "seq", "title", "eligible", "likely"}], "expired", "ignored_columns"}.
nlohmann::json to_json(const BatchSummary& summary);

//! Reads a CSV row's cells into a profile with the checks of parse_profile(): each cell under
//! the header column naming its field (id and name by name; other columns are ignored). Throws
//! UserError naming source, line and field. For readers and tests.
Profile profile_from_csv(const std::vector<std::string>& header,
                         const std::vector<std::string>& cells, const std::string& source, int line,
                         const IndustryCatalog& industries);

//! Splits one CSV record (RFC 4180 quoting; the record may span lines inside quotes, so `text`
//! may hold several). Returns false when a quote is left open.
bool split_csv_record(std::string_view text, std::vector<std::string>& cells);

}  // namespace huiqi::match
