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

namespace huiqi::store {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("huiqi-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

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

TEST(SqliteStore, NewDatabaseIsEmpty) {
  TempDir dir;
  SqliteStore store(dir.file("sub/folder/h.db"));
  EXPECT_TRUE(store.empty());
  EXPECT_TRUE(store.versions("").empty());
  EXPECT_FALSE(store.load_list("sample", 0).has_value());
  EXPECT_FALSE(store.find_item("sample/1", 0).has_value());
}

TEST(SqliteStore, ImportCreatesAVersionAndItemsCanBeRead) {
  TempDir dir;
  SqliteStore store(dir.file("h.db"));
  const auto outcome = store.import_list(sample_list(3), "text", {});
  EXPECT_EQ(outcome.version, 1);
  EXPECT_FALSE(outcome.unchanged);
  EXPECT_EQ(outcome.items, 3);
  const auto item = store.find_item("sample/2", 0);
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->id, "sample/2");
  EXPECT_EQ(item->title, "标题2");
  EXPECT_EQ(item->lines.first, 2);
  const auto list = store.load_list("sample", 0);
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ(list->info.title, "示例清单");
  ASSERT_EQ(list->items.size(), 3u);
  EXPECT_EQ(list->items[0].seq, 1);
}

TEST(SqliteStore, SameContentAgainIsANoOp) {
  TempDir dir;
  SqliteStore store(dir.file("h.db"));
  store.import_list(sample_list(3), "text", {});
  auto again = sample_list(3);
  again.info.source = "another-file.csv";  // where it came from is not what it says
  const auto outcome = store.import_list(again, "csv", {});
  EXPECT_TRUE(outcome.unchanged);
  EXPECT_EQ(outcome.version, 1);
  EXPECT_EQ(store.versions("sample").size(), 1u);
}

TEST(SqliteStore, ANewEditionBecomesANewVersionAndOldOnesStayReadable) {
  TempDir dir;
  SqliteStore store(dir.file("h.db"));
  store.import_list(sample_list(3), "text", {});
  const auto outcome = store.import_list(sample_list(4, "(修订)"), "text", {});
  EXPECT_EQ(outcome.version, 2);
  EXPECT_EQ(store.versions("sample").size(), 2u);
  EXPECT_EQ(store.find_item("sample/1", 0)->title, "标题1(修订)");
  EXPECT_EQ(store.find_item("sample/1", 1)->title, "标题1");
  EXPECT_FALSE(store.find_item("sample/4", 1).has_value());
  EXPECT_EQ(store.load_list("sample", 1)->items.size(), 3u);
  EXPECT_EQ(store.load_list("sample", 2)->items.size(), 4u);
}

TEST(SqliteStore, DiagnosticsAreKeptWithTheirVersion) {
  TempDir dir;
  SqliteStore store(dir.file("h.db"));
  std::vector<ingest::Diagnostic> diagnostics = {
      {"a.txt", 133, 0, ingest::Severity::warning, "seq-gap", "gap", "缺号", ""}};
  store.import_list(sample_list(2), "text", diagnostics);
  const auto stored = store.import_diagnostics("sample", 1);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].line, 133);
  EXPECT_EQ(stored[0].code, "seq-gap");
  EXPECT_EQ(stored[0].message_zh, "缺号");
}

TEST(SqliteStore, AFailedImportChangesNothing) {
  TempDir dir;
  SqliteStore store(dir.file("h.db"));
  store.import_list(sample_list(2), "text", {});
  auto broken = sample_list(3, "x");
  broken.items.push_back(broken.items.front());  // the same seq twice violates the key
  EXPECT_ANY_THROW(store.import_list(broken, "text", {}));
  EXPECT_EQ(store.versions("").size(), 1u);
  EXPECT_EQ(store.load_list("sample", 0)->items.size(), 2u);
  // And the store still works afterwards.
  EXPECT_EQ(store.import_list(sample_list(5), "text", {}).version, 2);
}

TEST(SqliteStore, ItemIdsThatAreNotIdsFindNothing) {
  TempDir dir;
  SqliteStore store(dir.file("h.db"));
  store.import_list(sample_list(2), "text", {});
  for (const char* id : {"", "sample", "sample/", "sample/x", "sample/99999999999", "/1",
                         "../sample/1", "sample/1'; DROP TABLE items; --"}) {
    EXPECT_FALSE(store.find_item(id, 0).has_value()) << id;
  }
  EXPECT_TRUE(store.find_item("sample/1", 0).has_value());
}

TEST(SqliteStore, ContentSurvivesReopening) {
  TempDir dir;
  {
    SqliteStore store(dir.file("h.db"));
    store.import_list(sample_list(2), "text", {});
  }
  SqliteStore reopened(dir.file("h.db"));
  EXPECT_FALSE(reopened.empty());
  EXPECT_EQ(reopened.find_item("sample/2", 0)->content, "内容2");
}

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
