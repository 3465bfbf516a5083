// The search index over a catalog's items: immutable once built.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "catalog/facts.h"
#include "catalog/model.h"
#include "search/request.h"
#include "search/synonyms.h"

namespace huiqi::search {

//! What is indexed for one item: the item as published and what extraction found in it (empty
//! Facts are fine: departments then come from the raw 实施部门 text).
struct Document {
  catalog::Item item;
  catalog::Facts facts;
};

//! Size and cost of an index.
struct IndexStats {
  std::size_t documents = 0;
  std::size_t terms = 0;
  std::size_t postings = 0;      //!< (term, document) pairs
  std::size_t positions = 0;     //!< token occurrences
  std::size_t memory_bytes = 0;  //!< heap held by the index (postings, texts, maps), estimated
  double build_ms = 0;
};

//! An inverted index with positions over five fields of every item: title, content, basis
//! (+ document numbers and titles from facts), departments (raw + canonical names) and facts
//! (category, beneficiaries, support forms, industries). Ranking: BM25F over the fields with a
//! phrase model for Chinese words, synonyms, a bonus for query terms next to each other and for
//! items active on as_of (see search.cc for the details).
//!
//! Thread safety: build() returns an immutable object; search() and every other const member
//! may be called from any number of threads at once. To change the content, build a new index
//! and swap the shared_ptr.
class Index {
 public:
  //! Builds the index. Documents are copied in (taken by value: move them in to avoid it).
  static std::shared_ptr<const Index> build(std::vector<Document> documents,
                                            Synonyms synonyms = Synonyms::bundled());

  //! Runs a search. Throws huiqi::UserError naming the field for a bad request: "query" (more
  //! than 1,000 characters, unknown field:), "as_of" (not a YYYY-MM-DD date), "filters" (unknown
  //! field), "status" (unknown status value), "sort", "limit".
  SearchResult search(const SearchRequest& request) const;

  std::size_t size() const;
  const Document& document(std::size_t i) const;
  const IndexStats& stats() const;

  struct Data;  //!< internal (search/index_data.h)
  explicit Index(std::unique_ptr<const Data> data);
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

 private:
  std::unique_ptr<const Data> data_;
};

}  // namespace huiqi::search
