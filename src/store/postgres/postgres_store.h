// The shared store: one PostgreSQL database that several huiqi servers use at once.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/store.h"

namespace huiqi::store {

//! A Store in a PostgreSQL database named by a libpq URL (postgresql://user@host:port/db).
//! One connection per store, calls serialized by a mutex. A broken connection is replaced: a call
//! that finds it broken (e.g. after a server restart) runs once more on a new one, which is safe
//! because nothing it did was committed. Several processes may share the database: an import
//! locks its list's row, so two servers importing the same list at once get versions N and N+1,
//! never two Ns.
//!
//! Errors: UserError "db-open" when the server cannot be reached (on opening or reconnecting),
//! the URL is not valid, the database is not UTF-8 or holds a newer huiqi schema; UserError
//! "db-unavailable" when the connection is lost in the middle of a call (if during the commit,
//! the import may or may not be stored); std::runtime_error for other database failures (such
//! as a constraint violation in an import, which then stores nothing). No libpqxx type escapes.
class PostgresStore : public Store {
 public:
  //! Connects and brings the schema up to date (migrations in order, one transaction each,
  //! under an advisory lock so concurrent first starts do not race).
  explicit PostgresStore(const std::string& url);
  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

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
  struct Session;

  //! The open connection, connecting first if there is none.
  Session& session();
  //! Runs work(session()) under the mutex, turning libpqxx errors into the errors above.
  template <typename Work>
  auto guarded(Work&& work);
  void migrate();

  std::string url_;
  std::string shown_url_;  // url_ without its password, for messages
  std::unique_ptr<Session> session_;
  std::mutex mutex_;
};

//! url without the password it may carry (user:password@host or password=… in the query), for
//! messages and logs.
std::string redact_url(const std::string& url);

}  // namespace huiqi::store
