// The system of record: every imported edition of every list, versioned, with the extracted
// facts of each, the API tokens and the reviewed matching overrides.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/model.h"
#include "ingest/diagnostic.h"

namespace huiqi::store {

//! What an import did.
struct ImportOutcome {
  std::string list_id;
  int version = 0;         //!< the version now holding this content
  bool unchanged = false;  //!< true when the latest version already had this exact content
  int items = 0;
};

//! Facts of one list version as stored: item seq → JSON text (catalog/facts_json.h).
struct StoredFacts {
  std::map<int, std::string> by_seq;
  std::string extractor;
};

//! An API token as the store keeps it: its name and age, never the token itself.
struct TokenInfo {
  std::string name;
  std::string created_at;  //!< UTC, ISO 8601

  bool operator==(const TokenInfo&) const = default;
};

//! A reviewed matching override for one item (one entry of the override file's "items", as JSON
//! text; see match/rules.h), with who stored it and when.
struct StoredOverride {
  std::string item_id;
  std::string json;
  std::string author;      //!< the name of the token that stored it
  std::string updated_at;  //!< UTC, ISO 8601

  bool operator==(const StoredOverride&) const = default;
};

//! A store of policy lists. Implementations are safe to call from several threads (calls may
//! be serialized). Every write is one transaction: it happens completely or not at all.
class Store {
 public:
  virtual ~Store() = default;

  //! Stores list (its info.id must be set) as the next version of that list, together with the
  //! diagnostics its parser gave. If the latest version has the same content_hash(), nothing is
  //! written and the outcome says unchanged. Item ids are "<list id>/<seq>".
  virtual ImportOutcome import_list(const catalog::PolicyList& list, const std::string& format,
                                    const std::vector<ingest::Diagnostic>& diagnostics) = 0;

  //! Every stored version of every list (or of one list), ordered by list id then version.
  virtual std::vector<catalog::ListVersion> versions(const std::string& list_id = {}) = 0;

  //! One version of a list with its items in list order; version 0 means the latest.
  virtual std::optional<catalog::PolicyList> load_list(const std::string& list_id,
                                                       int version = 0) = 0;

  //! One item by id ("<list id>/<seq>"), from the given version of its list (0 = latest).
  virtual std::optional<catalog::Item> find_item(const std::string& item_id, int version = 0) = 0;

  //! The diagnostics recorded when that version was imported.
  virtual std::vector<ingest::Diagnostic> import_diagnostics(const std::string& list_id,
                                                             int version) = 0;

  //! Replaces the facts stored for one version's items: seq → facts as JSON text, produced by
  //! the named extractor (so a newer extractor can be told to run again). One transaction;
  //! a seq that is not an item of that version throws and stores nothing. Does not move the
  //! generation: facts follow from the items and the extractor, which every reader applies
  //! itself; they are kept for the export and for outside readers.
  virtual void save_facts(const std::string& list_id, int version,
                          const std::vector<std::pair<int, std::string>>& facts,
                          const std::string& extractor) = 0;

  //! The facts stored for one version (seq → JSON text) and the extractor that made them;
  //! empty when none were saved.
  virtual StoredFacts load_facts(const std::string& list_id, int version) = 0;

  //! A number that grows with every committed import or override, from any process: readers
  //! poll it to know when to rebuild their snapshot.
  virtual long long generation() = 0;

  //! True when no list is stored.
  virtual bool empty() = 0;

  //! Stores a new API token: only hash, the lower-case hex SHA-256 of the secret, is kept. Throws
  //! UserError "token-exists" when a token already has that name. Does not move the generation.
  virtual void create_token(const std::string& name, const std::string& hash) = 0;

  //! The name of the token whose SHA-256 is hash; nullopt for an unknown or revoked one.
  virtual std::optional<std::string> verify_token(const std::string& hash) = 0;

  //! Every live token, by name.
  virtual std::vector<TokenInfo> list_tokens() = 0;

  //! Deletes the token of that name at once; false when there is none.
  virtual bool revoke_token(const std::string& name) = 0;

  //! Stores the override for one item, replacing any earlier one, and moves the generation
  //! (snapshots compile matching rules with the overrides). The JSON is stored as given.
  virtual void put_override(const std::string& item_id, const std::string& json,
                            const std::string& author) = 0;

  //! Every stored override, by item id (byte order).
  virtual std::vector<StoredOverride> overrides() = 0;
};

//! Opens the store at location, creating and migrating its schema as needed: an existing
//! PostgreSQL database when location is a libpq URL starting with postgresql:// or postgres://
//! (e.g. postgresql://huiqi@db.example:5432/huiqi), else a SQLite database file path (the file
//! is created if missing). Throws UserError ("db-open") when it cannot be opened; the error's
//! location is the URL without any password.
std::unique_ptr<Store> open_store(const std::string& location);

//! The database used when none is given: $HUIQI_DB, else $XDG_DATA_HOME/huiqi/huiqi.db, else
//! ~/.local/share/huiqi/huiqi.db.
std::string default_location();

}  // namespace huiqi::store
