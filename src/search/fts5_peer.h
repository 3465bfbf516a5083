// SQLite FTS5 set up the ways people commonly use it for Chinese, as the peer that search is
// measured against in bench/search_eval.cc and bench/search_bench.cc. Header-only and not part
// of huiqi_search (the library does not link SQLite): include it from a target that links
// SQLite::SQLite3.
//
//  - trigram:  fts5(tokenize='trigram'); each query word a quoted phrase, words ANDed. Words of
//              fewer than three characters cannot match.
//  - unicode61: the default tokenizer; a run of Chinese characters is one token.
//  - bigram:   the common workaround: CJK runs indexed as space-separated overlapping bigrams
//              (tokenize='unicode61'), each query word turned into a phrase of its bigrams.
//
// Query text is always quoted as FTS5 string literals ("" for a quote inside), so it never
// reaches the FTS5 query syntax raw.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "search/tokenizer.h"
#include "text/normalize.h"

namespace huiqi::search::peer {

enum class Fts5Kind { trigram, unicode61, bigram };

inline const char* to_string(Fts5Kind k) {
  return k == Fts5Kind::trigram     ? "fts5-trigram"
         : k == Fts5Kind::unicode61 ? "fts5-unicode61"
                                    : "fts5-bigram";
}

//! The text of the bigram workaround: tokens of huiqi's query-mode tokenizer (CJK bigrams, a
//! lone character for a one-character run, words and numbers) separated by spaces.
inline std::string bigram_text(std::string_view raw) {
  const std::string norm = text::normalize(raw).text;
  std::string out;
  for (const Token& t : tokenize(norm, TokenizeMode::query)) {
    if (!out.empty()) out += ' ';
    out += t.term;
  }
  return out;
}

inline std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

//! The FTS5 MATCH expression for a user query.
inline std::string match_expression(Fts5Kind kind, std::string_view query) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : query) {
    if (c == ' ' || c == '\t') {
      if (!cur.empty()) words.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(cur);
  std::string expr;
  for (const auto& w : words) {
    const std::string term = kind == Fts5Kind::bigram ? bigram_text(w) : w;
    if (term.empty()) continue;
    if (!expr.empty()) expr += " AND ";
    expr += quote(term);
  }
  return expr;
}

//! An in-memory FTS5 table over (title, content, basis, departments) with rowid = caller's id.
class Fts5Index {
 public:
  explicit Fts5Index(Fts5Kind kind) : kind_(kind) {
    sqlite3* db = nullptr;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) throw std::runtime_error("sqlite3_open");
    db_.reset(db);
    const std::string tokenizer = kind == Fts5Kind::trigram ? "trigram" : "unicode61";
    exec("CREATE VIRTUAL TABLE t USING fts5(title, content, basis, departments, tokenize='" +
         tokenizer + "')");
  }

  void begin() { exec("BEGIN"); }
  void commit() { exec("COMMIT"); }

  void add(std::int64_t id, const std::string& title, const std::string& content,
           const std::string& basis, const std::string& departments) {
    if (!insert_)
      insert_ =
          prepare("INSERT INTO t(rowid, title, content, basis, departments) VALUES (?,?,?,?,?)");
    sqlite3_stmt* s = insert_.get();
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, id);
    const std::string* cols[] = {&title, &content, &basis, &departments};
    std::string converted[4];
    for (int i = 0; i < 4; ++i) {
      if (kind_ == Fts5Kind::bigram) {
        converted[i] = bigram_text(*cols[i]);
        cols[i] = &converted[i];
      }
      sqlite3_bind_text(s, i + 2, cols[i]->data(), static_cast<int>(cols[i]->size()),
                        SQLITE_TRANSIENT);
    }
    if (sqlite3_step(s) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_.get()));
  }

  //! Ids of the best `limit` rows by bm25 (FTS5's rank), and the number of all matching rows
  //! when total is given.
  std::vector<std::int64_t> search(std::string_view query, std::size_t limit,
                                   std::size_t* total = nullptr) {
    std::vector<std::int64_t> ids;
    const std::string expr = match_expression(kind_, query);
    if (expr.empty()) return ids;
    if (!select_) select_ = prepare("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT ?");
    sqlite3_stmt* s = select_.get();
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, expr.data(), static_cast<int>(expr.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, static_cast<std::int64_t>(limit));
    while (sqlite3_step(s) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(s, 0));
    if (total != nullptr) {
      if (!count_) count_ = prepare("SELECT count(*) FROM t WHERE t MATCH ?");
      sqlite3_stmt* c = count_.get();
      sqlite3_reset(c);
      sqlite3_bind_text(c, 1, expr.data(), static_cast<int>(expr.size()), SQLITE_TRANSIENT);
      *total =
          sqlite3_step(c) == SQLITE_ROW ? static_cast<std::size_t>(sqlite3_column_int64(c, 0)) : 0;
    }
    return ids;
  }

  Fts5Kind kind() const { return kind_; }

 private:
  struct CloseDb {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
  };
  struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  using Stmt = std::unique_ptr<sqlite3_stmt, Finalize>;

  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "sqlite error";
      sqlite3_free(err);
      throw std::runtime_error(msg);
    }
  }
  Stmt prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db_.get()));
    }
    return Stmt(s);
  }

  Fts5Kind kind_;
  std::unique_ptr<sqlite3, CloseDb> db_;
  Stmt insert_;
  Stmt select_;
  Stmt count_;
};

}  // namespace huiqi::search::peer
