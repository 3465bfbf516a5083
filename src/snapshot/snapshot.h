// The snapshot: an immutable in-memory view of the store's latest list versions, with every
// item's facts and the search index over them. Readers (CLI, server) work on a snapshot; a
// write to the store is seen by building a new one and swapping it in.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalog/model.h"
#include "extract/extractor.h"
#include "match/rules.h"
#include "search/index.h"
#include "store/store.h"

namespace huiqi::snapshot {

//! Immutable once built: any number of threads may read it at once.
class Snapshot {
 public:
  //! The store's generation when the snapshot was read (Store::generation()).
  long long generation = 0;
  //! The latest version of every stored list, by list id.
  std::vector<catalog::ListVersion> lists;
  //! Every item of those versions with its facts, searchable.
  std::shared_ptr<const search::Index> index;
  //! The reviewed matching overrides kept in the store.
  std::vector<store::StoredOverride> overrides;
  //! Every item's eligibility rule (facts refined by data/match-overrides.json with the stored
  //! overrides in place of its entries), in index order; nullptr when they could not be
  //! compiled, with the reason in rules_error (searching still works).
  std::shared_ptr<const match::Rules> rules;
  std::string rules_error;

  //! The indexed document for an item id, or nullptr.
  const search::Document* find(const std::string& item_id) const;

  //! Builds the id lookup; called once by build().
  void finish();

 private:
  std::map<std::string, std::size_t> by_id_;
};

//! Reads the latest version of every list, extracts facts from every item, indexes them and
//! compiles their match rules with the stored overrides.
//! Facts are stored with their version whenever they differ from what the store holds (new
//! dictionaries or a newer extractor), so the store always has the facts that are served.
std::shared_ptr<const Snapshot> build(store::Store& store, const extract::Extractor& extractor);

//! The override document matching uses: data/match-overrides.json (an empty one when there is
//! none) with each stored override replacing the file's entry for its item, or added.
nlohmann::json merged_overrides(const std::vector<store::StoredOverride>& stored);

}  // namespace huiqi::snapshot
