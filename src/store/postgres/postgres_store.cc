#include "store/postgres/postgres_store.h"

#include <iterator>
#include <pqxx/pqxx>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "base/error.h"

namespace huiqi::store {
namespace {

// Each entry moves the schema one version up; entries are never edited once released.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE lists (
  id TEXT PRIMARY KEY,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
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
  imported_at TIMESTAMPTZ NOT NULL DEFAULT now(),
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
  generation BIGINT NOT NULL
);
INSERT INTO store_generation (id, generation) VALUES (1, 0);
)sql",
    R"sql(
CREATE TABLE tokens (
  name TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE overrides (
  item_id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  author TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
)sql",
};

constexpr const char* kBumpGeneration =
    "UPDATE store_generation SET generation = generation + 1 WHERE id = 1";

// Held (per transaction) while migrating, so two servers starting at once do not both migrate.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7523094288207667809)";

class StoreFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// libpq messages span several lines ("…failed: Connection refused\n\tIs the server running…").
std::string one_line(const std::string& text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

// Without a connect_timeout libpq waits for the operating system's TCP timeout (minutes) when a
// host does not answer.
std::string with_connect_timeout(const std::string& url) {
  if (url.find("connect_timeout=") != std::string::npos) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=10";
}

ingest::Severity severity_from(const std::string& name) {
  if (name == "info") return ingest::Severity::info;
  if (name == "error") return ingest::Severity::error;
  return ingest::Severity::warning;
}

int latest_version(pqxx::transaction_base& tx, const std::string& list_id) {
  return tx
      .exec_params1("SELECT COALESCE(MAX(version), 0) FROM list_versions WHERE list_id = $1",
                    list_id)[0]
      .as<int>();
}

constexpr const char* kItemColumns =
    "seq, category, title, content, basis, departments, first_line, last_line";

catalog::Item read_item(const pqxx::row& row, const std::string& list_id) {
  catalog::Item item;
  item.seq = row[0].as<int>();
  item.id = catalog::make_item_id(list_id, item.seq);
  item.category = row[1].as<std::string>();
  item.title = row[2].as<std::string>();
  item.content = row[3].as<std::string>();
  item.basis = row[4].as<std::string>();
  item.departments = row[5].as<std::string>();
  item.lines = {row[6].as<int>(), row[7].as<int>()};
  return item;
}

}  // namespace

struct PostgresStore::Session {
  explicit Session(const std::string& url) : connection(url) {}
  pqxx::connection connection;
};

std::string redact_url(const std::string& url) {
  std::string out = url;
  // The query: drop password=… parameters.
  if (const std::size_t query = out.find('?'); query != std::string::npos) {
    std::string kept;
    std::size_t start = query + 1;
    while (start <= out.size()) {
      std::size_t end = out.find('&', start);
      if (end == std::string::npos) end = out.size();
      const std::string param = out.substr(start, end - start);
      if (param.rfind("password=", 0) != 0 && !param.empty()) {
        kept += (kept.empty() ? "" : "&") + param;
      }
      start = end + 1;
    }
    out = out.substr(0, query) + (kept.empty() ? "" : "?" + kept);
  }
  // The authority: user:password@host → user@host.
  const std::size_t scheme = out.find("://");
  const std::size_t authority = scheme == std::string::npos ? 0 : scheme + 3;
  std::size_t authority_end = out.find_first_of("/?", authority);
  if (authority_end == std::string::npos) authority_end = out.size();
  const std::size_t at = out.rfind('@', authority_end);
  if (at != std::string::npos && at >= authority) {
    const std::size_t colon = out.find(':', authority);
    if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
  }
  return out;
}

PostgresStore::PostgresStore(const std::string& url)
    : url_(with_connect_timeout(url)), shown_url_(redact_url(url)) {
  try {
    session();
    migrate();
  } catch (const UserError&) {
    throw;
  } catch (const pqxx::broken_connection& e) {
    const std::string reason = one_line(e.what());
    throw UserError("db-open", "cannot connect to the database: " + reason,
                    "无法连接数据库:" + reason, {.file = shown_url_});
  } catch (const std::exception& e) {
    const std::string reason = one_line(e.what());
    throw UserError("db-open", "not a usable huiqi database: " + reason,
                    "不是可用的 huiqi 数据库:" + reason, {.file = shown_url_});
  }
}

PostgresStore::~PostgresStore() = default;

PostgresStore::Session& PostgresStore::session() {
  if (session_ != nullptr && session_->connection.is_open()) return *session_;
  session_.reset();
  std::unique_ptr<Session> fresh;
  try {
    fresh = std::make_unique<Session>(url_);
  } catch (const std::exception& e) {
    const std::string reason = one_line(e.what());
    throw UserError("db-open", "cannot connect to the database: " + reason,
                    "无法连接数据库:" + reason, {.file = shown_url_});
  }
  pqxx::nontransaction setup(fresh->connection);
  // "relation already exists, skipping" and the like are not worth a line on stderr.
  setup.exec0("SET client_min_messages TO warning");
  setup.exec0("SET client_encoding TO 'UTF8'");
  const std::string encoding = setup.exec1("SHOW server_encoding")[0].as<std::string>();
  if (encoding != "UTF8") {
    // Chinese text cannot be stored in most other encodings.
    throw UserError("db-open", "the database encoding is " + encoding + "; huiqi needs UTF8",
                    "数据库编码为 " + encoding + ";huiqi 需要 UTF8", {.file = shown_url_});
  }
  setup.commit();
  session_ = std::move(fresh);
  return *session_;
}

template <typename Work>
auto PostgresStore::guarded(Work&& work) {
  std::lock_guard lock(mutex_);
  for (int attempt = 0;; ++attempt) {
    const bool reused = session_ != nullptr;
    try {
      return work(session());
    } catch (const pqxx::broken_connection& e) {
      session_.reset();
      // A connection left idle while the server restarted fails on first use; its transaction
      // never committed, so running the work again on a new connection is safe.
      if (reused && attempt == 0) continue;
      const std::string reason = one_line(e.what());
      throw UserError("db-unavailable", "lost the connection to the database: " + reason,
                      "与数据库的连接中断:" + reason, {.file = shown_url_});
    } catch (const pqxx::in_doubt_error& e) {
      session_.reset();
      const std::string reason = one_line(e.what());
      throw UserError("db-unavailable",
                      "lost the connection to the database while committing; the change may or "
                      "may not have been stored: " +
                          reason,
                      "提交时与数据库的连接中断,更改可能已保存也可能未保存:" + reason,
                      {.file = shown_url_});
    } catch (const pqxx::pqxx_exception& e) {
      throw StoreFailure("PostgreSQL: " + one_line(e.base().what()));
    }
  }
}

void PostgresStore::migrate() {
  constexpr int target = static_cast<int>(std::size(kMigrations));
  Session& s = session();
  for (;;) {
    pqxx::work tx(s.connection);
    tx.exec(kMigrationLock);
    tx.exec0(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    const int current =
        tx.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0].as<int>();
    if (current > target) {
      throw StoreFailure("the database schema (version " + std::to_string(current) +
                         ") is newer than this huiqi (version " + std::to_string(target) + ")");
    }
    if (current == target) {
      tx.commit();
      return;
    }
    tx.exec0(kMigrations[current]);
    tx.exec_params0("INSERT INTO schema_migrations (version) VALUES ($1)", current + 1);
    tx.commit();
  }
}

ImportOutcome PostgresStore::import_list(const catalog::PolicyList& list, const std::string& format,
                                         const std::vector<ingest::Diagnostic>& diagnostics) {
  if (list.info.id.empty()) throw std::invalid_argument("import_list: list id is empty");
  const std::string hash = catalog::content_hash(list);
  const std::string& id = list.info.id;
  return guarded([&](Session& s) {
    pqxx::work tx(s.connection);
    // The list's row lock serializes imports of one list across connections and servers: the
    // second waits, then sees the first one's version.
    tx.exec_params0("INSERT INTO lists (id) VALUES ($1) ON CONFLICT (id) DO NOTHING", id);
    tx.exec_params1("SELECT id FROM lists WHERE id = $1 FOR UPDATE", id);
    ImportOutcome outcome{id, latest_version(tx, id), false, static_cast<int>(list.items.size())};
    if (outcome.version > 0) {
      const pqxx::row latest = tx.exec_params1(
          "SELECT content_hash FROM list_versions WHERE list_id = $1 AND version = $2", id,
          outcome.version);
      if (latest[0].as<std::string>() == hash) {
        outcome.unchanged = true;
        return outcome;  // the transaction rolls back: nothing was written
      }
    }
    outcome.version += 1;
    tx.exec_params0(
        "INSERT INTO list_versions (list_id, version, title, issuer, region, published, source, "
        "format, content_hash, item_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        id, outcome.version, list.info.title, list.info.issuer, list.info.region,
        list.info.published, list.info.source, format, hash, outcome.items);

    // COPY: one round trip for all items rather than one per row.
    pqxx::stream_to items(
        tx, "items",
        std::vector<std::string>{"list_id", "version", "position", "seq", "category", "title",
                                 "content", "basis", "departments", "first_line", "last_line"});
    int position = 0;
    for (const catalog::Item& item : list.items) {
      items << std::make_tuple(id, outcome.version, position++, item.seq, item.category, item.title,
                               item.content, item.basis, item.departments, item.lines.first,
                               item.lines.last);
    }
    items.complete();

    if (!diagnostics.empty()) {
      pqxx::stream_to rows(
          tx, "import_diagnostics",
          std::vector<std::string>{"list_id", "version", "position", "file", "line", "col",
                                   "severity", "code", "message", "message_zh", "field"});
      position = 0;
      for (const ingest::Diagnostic& d : diagnostics) {
        rows << std::make_tuple(id, outcome.version, position++, d.file, d.line, d.column,
                                std::string(ingest::to_string(d.severity)), d.code, d.message,
                                d.message_zh, d.field);
      }
      rows.complete();
    }
    tx.exec0(kBumpGeneration);
    tx.commit();
    return outcome;
  });
}

void PostgresStore::save_facts(const std::string& list_id, int version,
                               const std::vector<std::pair<int, std::string>>& facts,
                               const std::string& extractor) {
  guarded([&](Session& s) {
    pqxx::work tx(s.connection);
    tx.exec_params0("DELETE FROM item_facts WHERE list_id = $1 AND version = $2", list_id, version);
    pqxx::stream_to rows(
        tx, "item_facts",
        std::vector<std::string>{"list_id", "version", "seq", "facts", "extractor"});
    for (const auto& [seq, json] : facts) {
      rows << std::make_tuple(list_id, version, seq, json, extractor);
    }
    rows.complete();
    tx.commit();
    return 0;
  });
}

StoredFacts PostgresStore::load_facts(const std::string& list_id, int version) {
  return guarded([&](Session& s) {
    pqxx::nontransaction tx(s.connection);
    const pqxx::result rows = tx.exec_params(
        "SELECT seq, facts, extractor FROM item_facts WHERE list_id = $1 AND version = $2 "
        "ORDER BY seq",
        list_id, version);
    StoredFacts out;
    for (const pqxx::row& row : rows) {
      out.by_seq.emplace(row[0].as<int>(), row[1].as<std::string>());
      out.extractor = row[2].as<std::string>();
    }
    return out;
  });
}

long long PostgresStore::generation() {
  return guarded([](Session& s) {
    pqxx::nontransaction tx(s.connection);
    return tx.exec1("SELECT generation FROM store_generation WHERE id = 1")[0].as<long long>();
  });
}

std::vector<catalog::ListVersion> PostgresStore::versions(const std::string& list_id) {
  return guarded([&](Session& s) {
    pqxx::nontransaction tx(s.connection);
    // COLLATE "C": byte order, as SQLite sorts, whatever the database's locale.
    const pqxx::result rows = tx.exec_params(
        "SELECT list_id, version, title, issuer, region, published, source, format, "
        "content_hash, to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
        "item_count FROM list_versions WHERE $1 = '' OR list_id = $1 "
        "ORDER BY list_id COLLATE \"C\", version",
        list_id);
    std::vector<catalog::ListVersion> out;
    out.reserve(rows.size());
    for (const pqxx::row& row : rows) {
      catalog::ListVersion v;
      v.info = {row[0].as<std::string>(), row[2].as<std::string>(), row[3].as<std::string>(),
                row[4].as<std::string>(), row[5].as<std::string>(), row[6].as<std::string>()};
      v.version = row[1].as<int>();
      v.format = row[7].as<std::string>();
      v.content_hash = row[8].as<std::string>();
      v.imported_at = row[9].as<std::string>();
      v.item_count = row[10].as<int>();
      out.push_back(std::move(v));
    }
    return out;
  });
}

std::optional<catalog::PolicyList> PostgresStore::load_list(const std::string& list_id,
                                                            int version) {
  return guarded([&](Session& s) -> std::optional<catalog::PolicyList> {
    // Versions never change once committed, so separate statements see consistent data.
    pqxx::nontransaction tx(s.connection);
    const int wanted = version > 0 ? version : latest_version(tx, list_id);
    const pqxx::result info = tx.exec_params(
        "SELECT title, issuer, region, published, source FROM list_versions "
        "WHERE list_id = $1 AND version = $2",
        list_id, wanted);
    if (info.empty()) return std::nullopt;
    catalog::PolicyList list;
    list.info = {list_id,
                 info[0][0].as<std::string>(),
                 info[0][1].as<std::string>(),
                 info[0][2].as<std::string>(),
                 info[0][3].as<std::string>(),
                 info[0][4].as<std::string>()};
    const pqxx::result items =
        tx.exec_params(std::string("SELECT ") + kItemColumns +
                           " FROM items WHERE list_id = $1 AND version = $2 ORDER BY position",
                       list_id, wanted);
    list.items.reserve(items.size());
    for (const pqxx::row& row : items) list.items.push_back(read_item(row, list_id));
    return list;
  });
}

std::optional<catalog::Item> PostgresStore::find_item(const std::string& item_id, int version) {
  const std::size_t slash = item_id.rfind('/');
  if (slash == std::string::npos || slash + 1 >= item_id.size()) return std::nullopt;
  const std::string list_id = item_id.substr(0, slash);
  const std::string seq_text = item_id.substr(slash + 1);
  if (seq_text.size() > 9 || seq_text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int seq = std::stoi(seq_text);
  return guarded([&](Session& s) -> std::optional<catalog::Item> {
    pqxx::nontransaction tx(s.connection);
    const int wanted = version > 0 ? version : latest_version(tx, list_id);
    const pqxx::result rows =
        tx.exec_params(std::string("SELECT ") + kItemColumns +
                           " FROM items WHERE list_id = $1 AND version = $2 AND seq = $3",
                       list_id, wanted, seq);
    if (rows.empty()) return std::nullopt;
    return read_item(rows[0], list_id);
  });
}

std::vector<ingest::Diagnostic> PostgresStore::import_diagnostics(const std::string& list_id,
                                                                  int version) {
  return guarded([&](Session& s) {
    pqxx::nontransaction tx(s.connection);
    const pqxx::result rows = tx.exec_params(
        "SELECT file, line, col, severity, code, message, message_zh, field "
        "FROM import_diagnostics WHERE list_id = $1 AND version = $2 ORDER BY position",
        list_id, version);
    std::vector<ingest::Diagnostic> out;
    out.reserve(rows.size());
    for (const pqxx::row& row : rows) {
      out.push_back({row[0].as<std::string>(), row[1].as<int>(), row[2].as<int>(),
                     severity_from(row[3].as<std::string>()), row[4].as<std::string>(),
                     row[5].as<std::string>(), row[6].as<std::string>(), row[7].as<std::string>()});
    }
    return out;
  });
}

bool PostgresStore::empty() {
  return guarded([](Session& s) {
    pqxx::nontransaction tx(s.connection);
    return !tx.exec1("SELECT EXISTS (SELECT 1 FROM list_versions)")[0].as<bool>();
  });
}

void PostgresStore::create_token(const std::string& name, const std::string& hash) {
  const bool created = guarded([&](Session& s) {
    pqxx::work tx(s.connection);
    const pqxx::result added = tx.exec_params(
        "INSERT INTO tokens (name, hash) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", name,
        hash);
    tx.commit();
    return added.affected_rows() == 1;
  });
  if (!created) {
    throw UserError("token-exists", "a token named '" + name + "' already exists",
                    "已有名为“" + name + "”的令牌", {.field = "NAME"});
  }
}

std::optional<std::string> PostgresStore::verify_token(const std::string& hash) {
  return guarded([&](Session& s) -> std::optional<std::string> {
    pqxx::nontransaction tx(s.connection);
    const pqxx::result rows = tx.exec_params("SELECT name FROM tokens WHERE hash = $1", hash);
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<std::string>();
  });
}

std::vector<TokenInfo> PostgresStore::list_tokens() {
  return guarded([](Session& s) {
    pqxx::nontransaction tx(s.connection);
    const pqxx::result rows = tx.exec(
        "SELECT name, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
        "FROM tokens ORDER BY name COLLATE \"C\"");
    std::vector<TokenInfo> out;
    for (const pqxx::row& row : rows) {
      out.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
    }
    return out;
  });
}

bool PostgresStore::revoke_token(const std::string& name) {
  return guarded([&](Session& s) {
    pqxx::work tx(s.connection);
    const pqxx::result removed = tx.exec_params("DELETE FROM tokens WHERE name = $1", name);
    tx.commit();
    return removed.affected_rows() > 0;
  });
}

void PostgresStore::put_override(const std::string& item_id, const std::string& json,
                                 const std::string& author) {
  guarded([&](Session& s) {
    pqxx::work tx(s.connection);
    tx.exec_params0(
        "INSERT INTO overrides (item_id, body, author) VALUES ($1, $2, $3) "
        "ON CONFLICT (item_id) DO UPDATE SET body = excluded.body, author = excluded.author, "
        "updated_at = now()",
        item_id, json, author);
    tx.exec0(kBumpGeneration);
    tx.commit();
    return 0;
  });
}

std::vector<StoredOverride> PostgresStore::overrides() {
  return guarded([](Session& s) {
    pqxx::nontransaction tx(s.connection);
    const pqxx::result rows = tx.exec(
        "SELECT item_id, body, author, "
        "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
        "FROM overrides ORDER BY item_id COLLATE \"C\"");
    std::vector<StoredOverride> out;
    for (const pqxx::row& row : rows) {
      out.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                     row[3].as<std::string>()});
    }
    return out;
  });
}

}  // namespace huiqi::store
