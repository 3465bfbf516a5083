#include "store/store.h"

#include <cstdlib>
#include <filesystem>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace huiqi::store {

std::string default_location() {
  if (const char* db = std::getenv("HUIQI_DB"); db != nullptr && *db != '\0') return db;
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    base = std::filesystem::path(home) / ".local" / "share";
  } else {
    base = ".";
  }
  return (base / "huiqi" / "huiqi.db").string();
}

std::unique_ptr<Store> open_store(const std::string& location) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
    return std::make_unique<PostgresStore>(location);
  }
  return std::make_unique<SqliteStore>(location);
}

}  // namespace huiqi::store
