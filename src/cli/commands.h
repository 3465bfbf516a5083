// The huiqi subcommands. Each returns the process exit code: 0 success, 1 a user error
// (reason on stderr). Bad usage (exit 2) is caught by the argument parser before these run.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"

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
};
int run_serve(const Common& common, const ServeArgs& args);

//! The list shipped with huiqi, imported into an empty database on first serve.
std::string bundled_list_path();

}  // namespace huiqi::cli
