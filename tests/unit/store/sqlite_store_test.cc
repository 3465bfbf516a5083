#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "base/error.h"
#include "support/files.h"

namespace huiqi::store {
namespace {

namespace fs = std::filesystem;

using test_support::TempDir;

catalog::PolicyList sample_list(int items, const std::string& suffix = "") {
  catalog::PolicyList list;
  list.info = {"sample", "示例清单", "某市市场监管局", "", "2023-07-31", "sample.txt"};
  for (int seq = 1; seq <= items; ++seq) {
    catalog::Item item;
    item.seq = seq;
    item.category = "财政资金支持";
    item.title = "标题" + std::to_string(seq) + suffix;
    item.content = "内容" + std::to_string(seq);
    item.basis = "《文件》辽市政发〔2020〕3号";
    item.departments = "市财政局";
    item.lines = {seq, seq};
    list.items.push_back(item);
  }
  return list;
}

// The behaviours every store shares are in store_contract_test.cc; these are SQLite's own.

TEST(SqliteStore, AFileThatIsNotADatabaseIsAUserError) {
  TempDir dir;
  const std::string path = dir.file("not.db");
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    std::fputs("this is plain text, not SQLite, and long enough to have a header.........", f);
    std::fclose(f);
  }
  try {
    SqliteStore store(path);
    FAIL() << "opened a text file as a database";
  } catch (const UserError& e) {
    EXPECT_EQ(e.where().file, path);
  }
}

TEST(SqliteStore, ANewerSchemaIsRefused) {
  TempDir dir;
  const std::string path = dir.file("h.db");
  { SqliteStore store(path); }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_THROW(SqliteStore store(path), UserError);
}

// A process killed in the middle of an import loses nothing committed and leaves no partial
// version behind.
TEST(SqliteStore, AKilledImportLeavesCommittedVersionsWhole) {
  TempDir dir;
  const std::string path = dir.file("h.db");
  { SqliteStore(path).import_list(sample_list(10), "text", {}); }
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    SqliteStore store(path);
    for (int round = 0;; ++round) {
      store.import_list(sample_list(20000, std::to_string(round)), "text", {});
    }
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);

  SqliteStore store(path);
  const auto versions = store.versions("sample");
  ASSERT_GE(versions.size(), 1u);
  EXPECT_EQ(versions.front().item_count, 10);
  for (const auto& v : versions) {
    EXPECT_EQ(store.load_list("sample", v.version)->items.size(),
              static_cast<std::size_t>(v.item_count))
        << "version " << v.version;
  }
}

}  // namespace
}  // namespace huiqi::store
