// The huiqi subcommands. Each returns the process exit code: 0 success, 1 a user error
// (reason on stderr). Bad usage (exit 2) is caught by the argument parser before these run.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/error.h"
#include "catalog/facts.h"
#include "catalog/model.h"
#include "extract/extractor.h"
#include "snapshot/snapshot.h"
#include "store/store.h"

namespace huiqi::cli {

struct Common {
  std::string db;  //!< empty: store::default_location()
  bool json = false;
  Lang lang = Lang::en;
};

struct ImportArgs {
  std::vector<std::string> files;
  std::string format = "auto";
  std::string encoding = "auto";
  std::string list_id;  //!< empty: from the file (JSON) or its name
};
int run_import(const Common& common, const ImportArgs& args);
int run_check(const Common& common, const ImportArgs& args);

int run_list(const Common& common);

struct ShowArgs {
  std::string id;  //!< an item id "<list>/<seq>" or a list id
  int version = 0;
  std::string as_of;  //!< YYYY-MM-DD for the status; empty = today
};
int run_show(const Common& common, const ShowArgs& args);

struct ExportArgs {
  std::string list_id;  //!< empty: the only list stored
  int version = 0;
  std::string format = "json";
  std::string out;  //!< empty: standard output
};
int run_export(const Common& common, const ExportArgs& args);

struct ServeArgs {
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::size_t threads = 0;  //!< most connections served at once; 0: the server's default
};
//! Serves the HTTP API and the page until SIGTERM or SIGINT; exit code 0 after a clean stop.
int run_serve(const Common& common, const ServeArgs& args);

//! API tokens for the server's writes (src/server/auth.h): create prints the new token once.
int run_token_create(const Common& common, const std::string& name);
int run_token_list(const Common& common);
int run_token_revoke(const Common& common, const std::string& name);

struct SearchArgs {
  std::string query;
  std::size_t limit = 10;
  std::size_t offset = 0;
  std::string as_of;
  std::vector<std::string> filters;  //!< FIELD=VALUE
  std::string sort;
};
int run_search(const Common& common, const SearchArgs& args);

struct ItemsArgs {
  std::string as_of;
  std::string status;
  std::vector<std::string> filters;
};
int run_items(const Common& common, const ItemsArgs& args);

struct MatchArgs {
  std::string profile;  //!< one profile (JSON)
  std::string batch;    //!< a registry: .csv or .jsonl
  std::string out;      //!< batch output, JSON lines
  std::string as_of;
  bool include_expired = false;
};
int run_match(const Common& common, const MatchArgs& args);

struct RegistryArgs {
  std::uint64_t count = 1000;
  std::uint64_t seed = 20230731;
  std::string out;  //!< empty: standard output
};
//! Writes a synthetic registry of profiles (JSON lines) for tests and benchmarks.
int run_generate_registry(const Common& common, const RegistryArgs& args);

struct EvalArgs {
  std::string list_file;
  std::string expected;
};
//! Scores extraction against hand-read expected facts; exit 1 unless every field matches.
int run_eval_extraction(const Common& common, const EvalArgs& args);

//! The list shipped with huiqi, imported into an empty database on first serve.
std::string bundled_list_path();

std::unique_ptr<store::Store> open_store_for(const Common& common);
extract::Extractor load_extractor();
//! A snapshot of the store's latest lists with facts and search index.
std::shared_ptr<const snapshot::Snapshot> load_snapshot(const Common& common);
//! An item as the CLI and API show it: the published columns, documents, departments, facts
//! and status on as_of.
nlohmann::json item_json(const catalog::Item& item, const catalog::Facts& facts,
                         const std::string& list_id, const std::string& as_of);

}  // namespace huiqi::cli
