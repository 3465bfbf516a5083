// What the server reads from: a snapshot of the store and what is derived from it, swapped as a
// whole when the store changes.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "snapshot/snapshot.h"
#include "store/store.h"

namespace huiqi::server {

//! One snapshot and everything the read routes derive from it. Immutable once built: any number
//! of request threads share it.
struct View {
  std::shared_ptr<const snapshot::Snapshot> snapshot;
  //! Every version of every list, ordered by list id then version.
  std::vector<catalog::ListVersion> versions;
  std::string documents_body;    //!< the GET /documents answer, JSON text
  std::string departments_body;  //!< the GET /departments answer, JSON text

  long long generation() const { return snapshot->generation; }
  std::size_t items() const { return snapshot->index->size(); }
};

//! Builds a view: the snapshot (snapshot::build, which also stores facts that changed and
//! compiles the match rules), then the versions and the documents and departments answers.
std::shared_ptr<const View> build_view(store::Store& store, const extract::Extractor& extractor);

//! {"total", "documents": [{"key", "number", "title", "issuer", "issuer_name", "year", "level",
//! "items": [id…], "mentioned_in": [id…]}]}: every document the items' basis cites (items) or
//! their title and content cite (mentioned_in), by 文号, else by title; newest first.
nlohmann::json documents_json(const snapshot::Snapshot& snapshot);

//! {"total", "departments": [{"name", "known", "items", "item_ids": [id…], "raw": [{"text",
//! "count"}]}]}: every canonical department with the items it is responsible for and the
//! spellings seen; most items first.
nlohmann::json departments_json(const snapshot::Snapshot& snapshot);

//! Holds the current view for the request threads; refresh() swaps in a new one when the
//! store's generation moved. current() never waits for a refresh.
class Catalog {
 public:
  //! Builds the first view. store must outlive the catalog.
  Catalog(store::Store& store, extract::Extractor extractor);

  std::shared_ptr<const View> current() const { return view_.load(); }

  //! Rebuilds when the store's generation is not the current view's and swaps the new view in;
  //! true when it did. Refreshes are serialized: a caller that waited behind another one finds
  //! nothing left to do. Thread-safe.
  bool refresh();

  std::uint64_t builds() const { return builds_.load(); }
  store::Store& store() { return store_; }
  const extract::Extractor& extractor() const { return extractor_; }

 private:
  store::Store& store_;
  extract::Extractor extractor_;
  std::mutex refresh_mutex_;
  std::atomic<std::shared_ptr<const View>> view_;
  std::atomic<std::uint64_t> builds_{0};
};

}  // namespace huiqi::server
