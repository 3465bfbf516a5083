#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "ingest/reader.h"
#include "store/postgres/postgres_store.h"
#include "store/store.h"

namespace huiqi::cli {

// Until the HTTP server lands, serve prepares the database (the bundled list on first start)
// and shows what it would serve.
int run_serve(const Common& common, const ServeArgs& args) {
  const std::string location = common.db.empty() ? store::default_location() : common.db;
  {
    auto store = store::open_store(location);
    if (store->empty()) {
      ImportArgs bundled;
      bundled.files = {bundled_list_path()};
      Common quiet = common;
      quiet.db = location;
      if (const int rc = run_import(quiet, bundled); rc != 0) return rc;
    }
  }
  Common listing = common;
  listing.db = location;
  std::cout << (common.lang == Lang::zh ? "数据库 " : "database ") << store::redact_url(location)
            << "\n";
  const int rc = run_list(listing);
  std::cout << (common.lang == Lang::zh ? "(HTTP 服务尚未实现;将监听 "
                                        : "(the HTTP server is not built yet; it will listen on ")
            << args.bind << ":" << args.port << ")\n";
  return rc;
}

}  // namespace huiqi::cli
