// The embedded default store: one SQLite database file in WAL mode.
#pragma once

#include <mutex>
#include <string>

#include "store/store.h"

struct sqlite3;

namespace huiqi::store {

//! Calls are serialized by a mutex; several processes may share the file (SQLite locking, with
//! a busy timeout). synchronous=FULL: a committed import survives a crash or power loss.
class SqliteStore : public Store {
 public:
  //! Creates the file and its folder if needed and brings the schema up to date.
  explicit SqliteStore(const std::string& path);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  ImportOutcome import_list(const catalog::PolicyList& list, const std::string& format,
                            const std::vector<ingest::Diagnostic>& diagnostics) override;
  std::vector<catalog::ListVersion> versions(const std::string& list_id) override;
  std::optional<catalog::PolicyList> load_list(const std::string& list_id, int version) override;
  std::optional<catalog::Item> find_item(const std::string& item_id, int version) override;
  std::vector<ingest::Diagnostic> import_diagnostics(const std::string& list_id,
                                                     int version) override;
  void save_facts(const std::string& list_id, int version,
                  const std::vector<std::pair<int, std::string>>& facts,
                  const std::string& extractor) override;
  StoredFacts load_facts(const std::string& list_id, int version) override;
  long long generation() override;
  bool empty() override;
  void create_token(const std::string& name, const std::string& hash) override;
  std::optional<std::string> verify_token(const std::string& hash) override;
  std::vector<TokenInfo> list_tokens() override;
  bool revoke_token(const std::string& name) override;
  void put_override(const std::string& item_id, const std::string& json,
                    const std::string& author) override;
  std::vector<StoredOverride> overrides() override;

 private:
  void migrate();
  int latest_version(const std::string& list_id);

  std::string path_;
  sqlite3* db_ = nullptr;
  std::mutex mutex_;
};

}  // namespace huiqi::store
