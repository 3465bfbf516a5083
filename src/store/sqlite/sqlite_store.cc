#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <stdexcept>

#include "base/error.h"

namespace huiqi::store {
namespace {

// Each entry moves the schema one version up; entries are never edited once released.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE lists (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);
CREATE TABLE list_versions (
  list_id TEXT NOT NULL REFERENCES lists(id),
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  issuer TEXT NOT NULL,
  region TEXT NOT NULL,
  published TEXT NOT NULL,
  source TEXT NOT NULL,
  format TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  PRIMARY KEY (list_id, version)
);
CREATE TABLE items (
  list_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  basis TEXT NOT NULL,
  departments TEXT NOT NULL,
  first_line INTEGER NOT NULL,
  last_line INTEGER NOT NULL,
  PRIMARY KEY (list_id, version, seq),
  FOREIGN KEY (list_id, version) REFERENCES list_versions(list_id, version)
);
CREATE TABLE import_diagnostics (
  list_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  severity TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  message_zh TEXT NOT NULL,
  field TEXT NOT NULL,
  PRIMARY KEY (list_id, version, position),
  FOREIGN KEY (list_id, version) REFERENCES list_versions(list_id, version)
);
)sql",
    R"sql(
CREATE TABLE item_facts (
  list_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  facts TEXT NOT NULL,
  extractor TEXT NOT NULL,
  PRIMARY KEY (list_id, version, seq),
  FOREIGN KEY (list_id, version, seq) REFERENCES items(list_id, version, seq)
);
CREATE TABLE store_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
);
INSERT INTO store_generation (id, generation) VALUES (1, 0);
)sql",
    R"sql(
CREATE TABLE tokens (
  name TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE overrides (
  item_id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  author TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)sql",
};

constexpr const char* kBumpGeneration =
    "UPDATE store_generation SET generation = generation + 1 WHERE id = 1";

class StoreFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void check(sqlite3* db, int rc, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  throw StoreFailure(std::string(what) + ": " + sqlite3_errmsg(db));
}

// A prepared statement; binds by position (1-based) and reads columns by index.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    check(db, sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr), sql);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, const std::string& value) {
    check(db_,
          sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT),
          "bind");
    return *this;
  }
  Statement& bind(int index, int value) {
    check(db_, sqlite3_bind_int(stmt_, index, value), "bind");
    return *this;
  }
  //! True while there is a row.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    check(db_, rc, "step");
    return rc == SQLITE_ROW;
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int column) const {
    const auto* data = sqlite3_column_text(stmt_, column);
    return data == nullptr
               ? std::string()
               : std::string(reinterpret_cast<const char*>(data),
                             static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  int integer(int column) const { return sqlite3_column_int(stmt_, column); }
  long long integer64(int column) const { return sqlite3_column_int64(stmt_, column); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

void exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw StoreFailure(text);
  }
}

// Rolls back unless committed: an exception anywhere in an import leaves the database as it was.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) { exec(db_, "BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!committed_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    exec(db_, "COMMIT");
    committed_ = true;
  }

 private:
  sqlite3* db_;
  bool committed_ = false;
};

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

ingest::Severity severity_from(const std::string& name) {
  if (name == "info") return ingest::Severity::info;
  if (name == "error") return ingest::Severity::error;
  return ingest::Severity::warning;
}

constexpr const char* kItemColumns =
    "seq, category, title, content, basis, departments, first_line, last_line";

catalog::Item read_item(const Statement& row, const std::string& list_id) {
  catalog::Item item;
  item.seq = row.integer(0);
  item.id = catalog::make_item_id(list_id, item.seq);
  item.category = row.text(1);
  item.title = row.text(2);
  item.content = row.text(3);
  item.basis = row.text(4);
  item.departments = row.text(5);
  item.lines = {row.integer(6), row.integer(7)};
  return item;
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path) : path_(path) {
  std::error_code ec;
  const auto folder = std::filesystem::path(path).parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder, ec);
  const int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string reason = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw UserError("db-open", "cannot open the database: " + reason, "无法打开数据库:" + reason,
                    {.file = path});
  }
  try {
    sqlite3_busy_timeout(db_, 5000);
    exec(db_, "PRAGMA foreign_keys = ON");
    exec(db_, "PRAGMA journal_mode = WAL");
    exec(db_, "PRAGMA synchronous = FULL");
    migrate();
  } catch (const StoreFailure& e) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw UserError("db-open", std::string("not a usable huiqi database: ") + e.what(),
                    std::string("不是可用的 huiqi 数据库:") + e.what(), {.file = path});
  }
}

SqliteStore::~SqliteStore() { sqlite3_close(db_); }

void SqliteStore::migrate() {
  Statement read_version(db_, "PRAGMA user_version");
  read_version.step();
  const int current = read_version.integer(0);
  constexpr int target = static_cast<int>(std::size(kMigrations));
  if (current > target) {
    throw StoreFailure("the database schema (version " + std::to_string(current) +
                       ") is newer than this huiqi (version " + std::to_string(target) + ")");
  }
  for (int version = current; version < target; ++version) {
    Transaction transaction(db_);
    exec(db_, kMigrations[version]);
    exec(db_, ("PRAGMA user_version = " + std::to_string(version + 1)).c_str());
    transaction.commit();
  }
}

int SqliteStore::latest_version(const std::string& list_id) {
  Statement query(db_, "SELECT COALESCE(MAX(version), 0) FROM list_versions WHERE list_id = ?");
  query.bind(1, list_id).step();
  return query.integer(0);
}

ImportOutcome SqliteStore::import_list(const catalog::PolicyList& list, const std::string& format,
                                       const std::vector<ingest::Diagnostic>& diagnostics) {
  if (list.info.id.empty()) throw std::invalid_argument("import_list: list id is empty");
  std::lock_guard lock(mutex_);
  const std::string hash = catalog::content_hash(list);
  Transaction transaction(db_);
  ImportOutcome outcome{list.info.id, latest_version(list.info.id), false,
                        static_cast<int>(list.items.size())};
  if (outcome.version > 0) {
    Statement same(db_,
                   "SELECT content_hash = ? FROM list_versions WHERE list_id = ? AND version = ?");
    same.bind(1, hash).bind(2, list.info.id).bind(3, outcome.version).step();
    if (same.integer(0) == 1) {
      outcome.unchanged = true;
      return outcome;  // the transaction rolls back: nothing was written
    }
  }
  const std::string now = utc_now();
  Statement add_list(db_, "INSERT OR IGNORE INTO lists (id, created_at) VALUES (?, ?)");
  add_list.bind(1, list.info.id).bind(2, now).step();

  outcome.version += 1;
  Statement add_version(db_,
                        "INSERT INTO list_versions (list_id, version, title, issuer, region, "
                        "published, source, format, content_hash, imported_at, item_count) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  add_version.bind(1, list.info.id)
      .bind(2, outcome.version)
      .bind(3, list.info.title)
      .bind(4, list.info.issuer)
      .bind(5, list.info.region)
      .bind(6, list.info.published)
      .bind(7, list.info.source)
      .bind(8, format)
      .bind(9, hash)
      .bind(10, now)
      .bind(11, outcome.items)
      .step();

  Statement add_item(db_,
                     "INSERT INTO items (list_id, version, position, seq, category, title, "
                     "content, basis, departments, first_line, last_line) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  int position = 0;
  for (const catalog::Item& item : list.items) {
    add_item.bind(1, list.info.id)
        .bind(2, outcome.version)
        .bind(3, position++)
        .bind(4, item.seq)
        .bind(5, item.category)
        .bind(6, item.title)
        .bind(7, item.content)
        .bind(8, item.basis)
        .bind(9, item.departments)
        .bind(10, item.lines.first)
        .bind(11, item.lines.last)
        .step();
    add_item.reset();
  }

  Statement add_diagnostic(db_,
                           "INSERT INTO import_diagnostics (list_id, version, position, file, "
                           "line, col, severity, code, message, message_zh, field) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  position = 0;
  for (const ingest::Diagnostic& d : diagnostics) {
    add_diagnostic.bind(1, list.info.id)
        .bind(2, outcome.version)
        .bind(3, position++)
        .bind(4, d.file)
        .bind(5, d.line)
        .bind(6, d.column)
        .bind(7, ingest::to_string(d.severity))
        .bind(8, d.code)
        .bind(9, d.message)
        .bind(10, d.message_zh)
        .bind(11, d.field)
        .step();
    add_diagnostic.reset();
  }
  exec(db_, kBumpGeneration);
  transaction.commit();
  return outcome;
}

void SqliteStore::save_facts(const std::string& list_id, int version,
                             const std::vector<std::pair<int, std::string>>& facts,
                             const std::string& extractor) {
  std::lock_guard lock(mutex_);
  Transaction transaction(db_);
  Statement clear(db_, "DELETE FROM item_facts WHERE list_id = ? AND version = ?");
  clear.bind(1, list_id).bind(2, version).step();
  Statement add(db_,
                "INSERT INTO item_facts (list_id, version, seq, facts, extractor) "
                "VALUES (?, ?, ?, ?, ?)");
  for (const auto& [seq, json] : facts) {
    add.bind(1, list_id).bind(2, version).bind(3, seq).bind(4, json).bind(5, extractor).step();
    add.reset();
  }
  transaction.commit();
}

StoredFacts SqliteStore::load_facts(const std::string& list_id, int version) {
  std::lock_guard lock(mutex_);
  Statement query(db_,
                  "SELECT seq, facts, extractor FROM item_facts WHERE list_id = ? AND version = ? "
                  "ORDER BY seq");
  query.bind(1, list_id).bind(2, version);
  StoredFacts out;
  while (query.step()) {
    out.by_seq.emplace(query.integer(0), query.text(1));
    out.extractor = query.text(2);
  }
  return out;
}

long long SqliteStore::generation() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT generation FROM store_generation WHERE id = 1");
  query.step();
  return query.integer64(0);
}

std::vector<catalog::ListVersion> SqliteStore::versions(const std::string& list_id) {
  std::lock_guard lock(mutex_);
  Statement query(db_,
                  "SELECT list_id, version, title, issuer, region, published, source, format, "
                  "content_hash, imported_at, item_count FROM list_versions "
                  "WHERE ? = '' OR list_id = ? ORDER BY list_id, version");
  query.bind(1, list_id).bind(2, list_id);
  std::vector<catalog::ListVersion> out;
  while (query.step()) {
    catalog::ListVersion v;
    v.info = {query.text(0), query.text(2), query.text(3),
              query.text(4), query.text(5), query.text(6)};
    v.version = query.integer(1);
    v.format = query.text(7);
    v.content_hash = query.text(8);
    v.imported_at = query.text(9);
    v.item_count = query.integer(10);
    out.push_back(std::move(v));
  }
  return out;
}

std::optional<catalog::PolicyList> SqliteStore::load_list(const std::string& list_id, int version) {
  std::lock_guard lock(mutex_);
  if (version <= 0) version = latest_version(list_id);
  Statement info(db_,
                 "SELECT title, issuer, region, published, source FROM list_versions "
                 "WHERE list_id = ? AND version = ?");
  if (!info.bind(1, list_id).bind(2, version).step()) return std::nullopt;
  catalog::PolicyList list;
  list.info = {list_id, info.text(0), info.text(1), info.text(2), info.text(3), info.text(4)};
  Statement items(db_, (std::string("SELECT ") + kItemColumns +
                        " FROM items WHERE list_id = ? AND version = ? ORDER BY position")
                           .c_str());
  items.bind(1, list_id).bind(2, version);
  while (items.step()) list.items.push_back(read_item(items, list_id));
  return list;
}

std::optional<catalog::Item> SqliteStore::find_item(const std::string& item_id, int version) {
  const std::size_t slash = item_id.rfind('/');
  if (slash == std::string::npos || slash + 1 >= item_id.size()) return std::nullopt;
  const std::string list_id = item_id.substr(0, slash);
  const std::string seq_text = item_id.substr(slash + 1);
  if (seq_text.size() > 9 || seq_text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  std::lock_guard lock(mutex_);
  if (version <= 0) version = latest_version(list_id);
  Statement query(db_, (std::string("SELECT ") + kItemColumns +
                        " FROM items WHERE list_id = ? AND version = ? AND seq = ?")
                           .c_str());
  if (!query.bind(1, list_id).bind(2, version).bind(3, std::stoi(seq_text)).step()) {
    return std::nullopt;
  }
  return read_item(query, list_id);
}

std::vector<ingest::Diagnostic> SqliteStore::import_diagnostics(const std::string& list_id,
                                                                int version) {
  std::lock_guard lock(mutex_);
  Statement query(db_,
                  "SELECT file, line, col, severity, code, message, message_zh, field "
                  "FROM import_diagnostics WHERE list_id = ? AND version = ? ORDER BY position");
  query.bind(1, list_id).bind(2, version);
  std::vector<ingest::Diagnostic> out;
  while (query.step()) {
    out.push_back({query.text(0), query.integer(1), query.integer(2), severity_from(query.text(3)),
                   query.text(4), query.text(5), query.text(6), query.text(7)});
  }
  return out;
}

bool SqliteStore::empty() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT COUNT(*) FROM list_versions");
  query.step();
  return query.integer(0) == 0;
}

void SqliteStore::create_token(const std::string& name, const std::string& hash) {
  std::lock_guard lock(mutex_);
  Transaction transaction(db_);
  Statement taken(db_, "SELECT COUNT(*) FROM tokens WHERE name = ?");
  taken.bind(1, name).step();
  if (taken.integer(0) != 0) {
    throw UserError("token-exists", "a token named '" + name + "' already exists",
                    "已有名为“" + name + "”的令牌", {.field = "NAME"});
  }
  Statement add(db_, "INSERT INTO tokens (name, hash, created_at) VALUES (?, ?, ?)");
  add.bind(1, name).bind(2, hash).bind(3, utc_now()).step();
  transaction.commit();
}

std::optional<std::string> SqliteStore::verify_token(const std::string& hash) {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT name FROM tokens WHERE hash = ?");
  if (!query.bind(1, hash).step()) return std::nullopt;
  return query.text(0);
}

std::vector<TokenInfo> SqliteStore::list_tokens() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT name, created_at FROM tokens ORDER BY name");
  std::vector<TokenInfo> out;
  while (query.step()) out.push_back({query.text(0), query.text(1)});
  return out;
}

bool SqliteStore::revoke_token(const std::string& name) {
  std::lock_guard lock(mutex_);
  Statement remove(db_, "DELETE FROM tokens WHERE name = ?");
  remove.bind(1, name).step();
  return sqlite3_changes(db_) > 0;
}

void SqliteStore::put_override(const std::string& item_id, const std::string& json,
                               const std::string& author) {
  std::lock_guard lock(mutex_);
  Transaction transaction(db_);
  Statement put(db_,
                "INSERT INTO overrides (item_id, body, author, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (item_id) DO UPDATE SET body = excluded.body, "
                "author = excluded.author, updated_at = excluded.updated_at");
  put.bind(1, item_id).bind(2, json).bind(3, author).bind(4, utc_now()).step();
  exec(db_, kBumpGeneration);
  transaction.commit();
}

std::vector<StoredOverride> SqliteStore::overrides() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT item_id, body, author, updated_at FROM overrides ORDER BY item_id");
  std::vector<StoredOverride> out;
  while (query.step()) out.push_back({query.text(0), query.text(1), query.text(2), query.text(3)});
  return out;
}

}  // namespace huiqi::store
