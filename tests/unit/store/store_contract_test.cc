// The Store contract, run against every implementation through open_store.
//
// PostgreSQL needs a server: HUIQI_TEST_POSTGRES_URL names a database on it whose user may create
// databases (scripts/test-postgres.sh starts one). Each test gets a database of its own. Without
// the URL the PostgreSQL cases are skipped, or fail when HUIQI_REQUIRE_POSTGRES=1 (CI).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <regex>
#include <set>
#include <thread>

#include "base/error.h"
#include "store/postgres/postgres_store.h"
#include "store/store.h"
#include "support/files.h"

// libpqxx 6.4 leaks the PGresult of a statement that finds its connection broken (it throws
// before taking ownership); AStoreReconnectsAfterItsConnectionIsCut provokes exactly that.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:pqxx::connection_base::exec\n";
}

namespace huiqi::store {
namespace {

namespace fs = std::filesystem;

using test_support::TempDir;

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

//! url with its database name replaced by name.
std::string with_database(const std::string& url, const std::string& name) {
  const std::size_t scheme = url.find("://");
  const std::size_t authority = scheme == std::string::npos ? 0 : scheme + 3;
  const std::size_t query = url.find('?', authority);
  const std::size_t slash = url.find('/', authority);
  const std::size_t path_end = query == std::string::npos ? url.size() : query;
  if (slash == std::string::npos || slash > path_end) {
    return url.substr(0, path_end) + "/" + name + url.substr(path_end);
  }
  return url.substr(0, slash + 1) + name + url.substr(path_end);
}

//! A database of its own for one test, dropped afterwards: tests stay independent and may run in
//! parallel (ctest runs each in its own process).
class TestDatabase {
 public:
  explicit TestDatabase(std::string server_url) : server_url_(std::move(server_url)) {
    static int counter = 0;
    name_ = "huiqi_t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    // A previous run killed before its cleanup may have left one with this name.
    admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    admin("CREATE DATABASE " + name_ + " ENCODING 'UTF8' TEMPLATE template0");
    url_ = with_database(server_url_, name_);
  }
  ~TestDatabase() {
    try {
      admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
      ADD_FAILURE() << "could not drop " << name_ << ": " << e.what();
    }
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

  //! Runs sql outside a transaction (CREATE/DROP DATABASE cannot run in one).
  void admin(const std::string& sql) const {
    pqxx::connection connection(server_url_);
    pqxx::nontransaction tx(connection);
    tx.exec(sql);
  }
  //! Runs sql in this test's database.
  void exec(const std::string& sql) const {
    pqxx::connection connection(url_);
    pqxx::work tx(connection);
    tx.exec(sql);
    tx.commit();
  }

 private:
  std::string server_url_;
  std::string name_;
  std::string url_;
};

catalog::PolicyList sample_list(int items, const std::string& suffix = "") {
  catalog::PolicyList list;
  list.info = {"sample", "示例清单", "某市市场监管局", "", "2023-07-31", "sample.txt"};
  for (int seq = 1; seq <= items; ++seq) {
    catalog::Item item;
    item.seq = seq;
    item.id = catalog::make_item_id("sample", seq);
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

// Runs each contract test on one backend: "sqlite" or "postgres".
class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      dir_.emplace();
      location_ = dir_->file("sub/folder/h.db");
      return;
    }
    const std::string url = env("HUIQI_TEST_POSTGRES_URL");
    if (url.empty()) {
      if (env("HUIQI_REQUIRE_POSTGRES") == "1") {
        FAIL() << "HUIQI_REQUIRE_POSTGRES=1 but HUIQI_TEST_POSTGRES_URL is not set: start a "
                  "server with scripts/test-postgres.sh and set it to the URL it prints";
      }
      GTEST_SKIP() << "HUIQI_TEST_POSTGRES_URL is not set (scripts/test-postgres.sh starts a "
                      "server); set HUIQI_REQUIRE_POSTGRES=1 to make this a failure";
    }
    database_ = std::make_unique<TestDatabase>(url);
    location_ = database_->url();
  }

  std::unique_ptr<Store> open() const { return open_store(location_); }

  std::string location_;
  std::optional<TempDir> dir_;
  std::unique_ptr<TestDatabase> database_;
};

TEST_P(StoreContract, ANewStoreIsEmpty) {
  auto store = open();
  EXPECT_TRUE(store->empty());
  EXPECT_TRUE(store->versions("").empty());
  EXPECT_FALSE(store->load_list("sample", 0).has_value());
  EXPECT_FALSE(store->find_item("sample/1", 0).has_value());
  EXPECT_TRUE(store->import_diagnostics("sample", 1).empty());
}

TEST_P(StoreContract, ImportCreatesAVersionAndItemsCanBeRead) {
  auto store = open();
  const auto outcome = store->import_list(sample_list(3), "text", {});
  EXPECT_EQ(outcome.list_id, "sample");
  EXPECT_EQ(outcome.version, 1);
  EXPECT_FALSE(outcome.unchanged);
  EXPECT_EQ(outcome.items, 3);
  EXPECT_FALSE(store->empty());

  const auto item = store->find_item("sample/2", 0);
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(*item, sample_list(3).items[1]);

  const auto list = store->load_list("sample", 0);
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ(list->info, sample_list(3).info);
  EXPECT_EQ(list->items, sample_list(3).items);

  const auto versions = store->versions("sample");
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].info, sample_list(3).info);
  EXPECT_EQ(versions[0].version, 1);
  EXPECT_EQ(versions[0].format, "text");
  EXPECT_EQ(versions[0].content_hash, catalog::content_hash(sample_list(3)));
  EXPECT_EQ(versions[0].item_count, 3);
  EXPECT_TRUE(
      std::regex_match(versions[0].imported_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << versions[0].imported_at;
  EXPECT_TRUE(store->versions("other").empty());
}

TEST_P(StoreContract, SameContentAgainIsANoOp) {
  auto store = open();
  store->import_list(sample_list(3), "text", {});
  auto again = sample_list(3);
  again.info.source = "another-file.csv";  // where it came from is not what it says
  const auto outcome = store->import_list(
      again, "csv", {{"another-file.csv", 1, 0, ingest::Severity::info, "x", "", "", ""}});
  EXPECT_TRUE(outcome.unchanged);
  EXPECT_EQ(outcome.version, 1);
  const auto versions = store->versions("sample");
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].format, "text");
  EXPECT_EQ(versions[0].info.source, "sample.txt");
  EXPECT_TRUE(store->import_diagnostics("sample", 1).empty());
}

TEST_P(StoreContract, ANewEditionBecomesANewVersionAndOldOnesStayReadable) {
  auto store = open();
  store->import_list(sample_list(3), "text", {});
  const auto outcome = store->import_list(sample_list(4, "(修订)"), "html", {});
  EXPECT_EQ(outcome.version, 2);
  EXPECT_FALSE(outcome.unchanged);
  const auto versions = store->versions("sample");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1].version, 2);
  EXPECT_EQ(versions[1].format, "html");
  EXPECT_EQ(store->find_item("sample/1", 0)->title, "标题1(修订)");
  EXPECT_EQ(store->find_item("sample/1", 2)->title, "标题1(修订)");
  EXPECT_EQ(store->find_item("sample/1", 1)->title, "标题1");
  EXPECT_FALSE(store->find_item("sample/4", 1).has_value());
  EXPECT_FALSE(store->find_item("sample/1", 3).has_value());
  EXPECT_EQ(store->load_list("sample", 1)->items, sample_list(3).items);
  EXPECT_EQ(store->load_list("sample", 2)->items.size(), 4u);
  EXPECT_EQ(store->load_list("sample", 0)->items.size(), 4u);
  EXPECT_FALSE(store->load_list("sample", 3).has_value());
  // Going back to the first edition is a new edition too, not a no-op.
  EXPECT_EQ(store->import_list(sample_list(3), "text", {}).version, 3);
}

TEST_P(StoreContract, VersionsAreOrderedByListIdThenVersion) {
  auto store = open();
  for (const char* id : {"b", "a-2", "B", "a"}) {
    auto list = sample_list(1);
    list.info.id = id;
    store->import_list(list, "text", {});
    list.items[0].title = "changed";
    store->import_list(list, "text", {});
  }
  std::vector<std::pair<std::string, int>> order;
  for (const auto& v : store->versions("")) order.emplace_back(v.info.id, v.version);
  // Byte order, whatever the database's collation.
  const std::vector<std::pair<std::string, int>> expected = {
      {"B", 1}, {"B", 2}, {"a", 1}, {"a", 2}, {"a-2", 1}, {"a-2", 2}, {"b", 1}, {"b", 2}};
  EXPECT_EQ(order, expected);
  EXPECT_EQ(store->versions("a").size(), 2u);
}

TEST_P(StoreContract, DiagnosticsAreKeptWithTheirVersion) {
  auto store = open();
  const std::vector<ingest::Diagnostic> diagnostics = {
      {"a.txt", 133, 7, ingest::Severity::warning, "seq-gap", "gap", "缺号", "items[3].seq"},
      {"a.txt", 0, 0, ingest::Severity::info, "skipped-line", "skipped", "已跳过", ""},
      {"a.txt", 9, 1, ingest::Severity::error, "bad", "bad\ttab", "坏", ""}};
  store->import_list(sample_list(2), "text", diagnostics);
  const auto stored = store->import_diagnostics("sample", 1);
  ASSERT_EQ(stored.size(), 3u);
  for (std::size_t i = 0; i < stored.size(); ++i) {
    EXPECT_EQ(stored[i].file, diagnostics[i].file);
    EXPECT_EQ(stored[i].line, diagnostics[i].line);
    EXPECT_EQ(stored[i].column, diagnostics[i].column);
    EXPECT_EQ(stored[i].severity, diagnostics[i].severity);
    EXPECT_EQ(stored[i].code, diagnostics[i].code);
    EXPECT_EQ(stored[i].message, diagnostics[i].message);
    EXPECT_EQ(stored[i].message_zh, diagnostics[i].message_zh);
    EXPECT_EQ(stored[i].field, diagnostics[i].field);
  }
  store->import_list(sample_list(3), "text", {});
  EXPECT_TRUE(store->import_diagnostics("sample", 2).empty());
  EXPECT_EQ(store->import_diagnostics("sample", 1).size(), 3u);
}

TEST_P(StoreContract, AFailedImportChangesNothing) {
  auto store = open();
  store->import_list(sample_list(2), "text", {});
  auto broken = sample_list(3, "x");
  broken.items.push_back(broken.items.front());  // the same seq twice violates the key
  try {
    store->import_list(broken, "text", {});
    ADD_FAILURE() << "a list with a duplicate seq was imported";
  } catch (const pqxx::pqxx_exception& e) {
    ADD_FAILURE() << "a libpqxx exception escaped: " << e.base().what();
  } catch (const std::exception&) {
    // expected
  }
  EXPECT_EQ(store->versions("").size(), 1u);
  EXPECT_EQ(store->load_list("sample", 0)->items.size(), 2u);
  EXPECT_FALSE(store->find_item("sample/3", 0).has_value());
  // And the store still works afterwards.
  EXPECT_EQ(store->import_list(sample_list(5), "text", {}).version, 2);
  EXPECT_EQ(store->load_list("sample", 0)->items.size(), 5u);
}

TEST_P(StoreContract, ItemIdsThatAreNotIdsFindNothing) {
  auto store = open();
  store->import_list(sample_list(2), "text", {});
  for (const char* id :
       {"", "sample", "sample/", "sample/x", "sample/99999999999", "/1", "../sample/1", "sample/-1",
        "sample/1 ", "sample/1'; DROP TABLE items; --"}) {
    EXPECT_FALSE(store->find_item(id, 0).has_value()) << id;
  }
  EXPECT_TRUE(store->find_item("sample/1", 0).has_value());
  EXPECT_TRUE(store->find_item("sample/01", 0).has_value());
  EXPECT_EQ(store->load_list("sample", 0)->items.size(), 2u);
}

TEST_P(StoreContract, ContentSurvivesReopening) {
  {
    auto store = open();
    store->import_list(sample_list(2), "text",
                       {{"a.txt", 3, 0, ingest::Severity::warning, "w", "warn", "警告", ""}});
  }
  auto reopened = open();
  EXPECT_FALSE(reopened->empty());
  EXPECT_EQ(reopened->find_item("sample/2", 0)->content, "内容2");
  EXPECT_EQ(reopened->versions("").size(), 1u);
  EXPECT_EQ(reopened->import_diagnostics("sample", 1).size(), 1u);
  EXPECT_TRUE(reopened->import_list(sample_list(2), "text", {}).unchanged);
}

// Whatever a field holds comes back as it was: quotes, backslashes, tabs, newlines, SQL and
// COPY syntax, characters outside the BMP.
TEST_P(StoreContract, FactsAreSavedPerVersionAndReplacedWhole) {
  auto store = open();
  store->import_list(sample_list(3), "text", {});
  EXPECT_TRUE(store->load_facts("sample", 1).by_seq.empty());
  store->save_facts("sample", 1, {{1, "{\"a\":1}"}, {2, "{\"b\":\"二\"}"}}, "extract-1");
  auto stored = store->load_facts("sample", 1);
  EXPECT_EQ(stored.extractor, "extract-1");
  ASSERT_EQ(stored.by_seq.size(), 2u);
  EXPECT_EQ(stored.by_seq.at(2), "{\"b\":\"二\"}");
  // Running extraction again replaces the facts of that version, nothing else.
  store->import_list(sample_list(3, "v2"), "text", {});
  store->save_facts("sample", 2, {{3, "{}"}}, "extract-1");
  store->save_facts("sample", 1, {{3, "{\"c\":3}"}}, "extract-2");
  stored = store->load_facts("sample", 1);
  EXPECT_EQ(stored.extractor, "extract-2");
  ASSERT_EQ(stored.by_seq.size(), 1u);
  EXPECT_EQ(stored.by_seq.at(3), "{\"c\":3}");
  EXPECT_EQ(store->load_facts("sample", 2).by_seq.size(), 1u);
}

TEST_P(StoreContract, FactsForAnItemThatDoesNotExistStoreNothing) {
  auto store = open();
  store->import_list(sample_list(2), "text", {});
  store->save_facts("sample", 1, {{1, "{}"}}, "x");
  EXPECT_ANY_THROW(store->save_facts("sample", 1, {{2, "{}"}, {99, "{}"}}, "y"));
  const auto stored = store->load_facts("sample", 1);
  EXPECT_EQ(stored.extractor, "x");
  EXPECT_EQ(stored.by_seq.size(), 1u);
}

TEST_P(StoreContract, GenerationGrowsWithEveryWriteSeenByOtherConnections) {
  auto writer = open();
  auto reader = open();
  const long long start = reader->generation();
  writer->import_list(sample_list(2), "text", {});
  const long long after_import = reader->generation();
  EXPECT_GT(after_import, start);
  writer->import_list(sample_list(2), "text", {});  // unchanged: nothing written
  EXPECT_EQ(reader->generation(), after_import);
  writer->save_facts("sample", 1, {{1, "{}"}}, "x");  // facts follow from the items
  EXPECT_EQ(reader->generation(), after_import);
}

TEST_P(StoreContract, AwkwardTextRoundTrips) {
  auto store = open();
  auto list = sample_list(3);
  list.info.title = "清单\t\"quoted\" 'single' \\N";
  list.items[0].content = "line one\nline two\r\nthree\\nfour\\.\n\\.\n";
  list.items[1].basis = "tab\there, backslash \\ and \\\\, NULL, \\N, end\\";
  list.items[2].departments = "𠀀𪚥 emoji 🙂; DROP TABLE items; --";
  list.items[2].title = "";
  store->import_list(list, "text", {});
  const auto loaded = store->load_list("sample", 0);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->info.title, list.info.title);
  EXPECT_EQ(loaded->items, list.items);
  EXPECT_TRUE(store->import_list(list, "text", {}).unchanged);
}

TEST_P(StoreContract, AListOfTwentyThousandItemsRoundTrips) {
  auto store = open();
  const auto list = sample_list(20000, "(大)");
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(store->import_list(list, "text", {}).items, 20000);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  RecordProperty("import_ms", static_cast<int>(elapsed.count()));
  const auto loaded = store->load_list("sample", 0);
  ASSERT_TRUE(loaded.has_value());
  ASSERT_EQ(loaded->items.size(), list.items.size());
  EXPECT_TRUE(loaded->items == list.items);
  EXPECT_EQ(store->find_item("sample/19999", 0)->title, "标题19999(大)");
  EXPECT_EQ(store->versions("sample")[0].item_count, 20000);
}

// Two stores on one database (two servers) importing the same list at once: every edition gets
// its own version, none is lost, none fails.
TEST_P(StoreContract, TwoStoresImportingTheSameListAtOnceGetDistinctVersions) {
  constexpr int kRounds = 8;
  open();  // create the schema before the race
  std::vector<int> got[2];
  std::thread workers[2];
  for (int w = 0; w < 2; ++w) {
    workers[w] = std::thread([&, w] {
      auto store = open();
      for (int round = 0; round < kRounds; ++round) {
        const auto outcome = store->import_list(
            sample_list(200, "w" + std::to_string(w) + "r" + std::to_string(round)), "text", {});
        got[w].push_back(outcome.unchanged ? -1 : outcome.version);
      }
    });
  }
  for (auto& worker : workers) worker.join();
  std::set<int> all;
  for (const auto& versions : got) all.insert(versions.begin(), versions.end());
  EXPECT_EQ(all.size(), 2u * kRounds);
  EXPECT_EQ(*all.begin(), 1);
  EXPECT_EQ(*all.rbegin(), 2 * kRounds);
  auto store = open();
  EXPECT_EQ(store->versions("sample").size(), 2u * kRounds);
  for (int version = 1; version <= 2 * kRounds; ++version) {
    EXPECT_EQ(store->load_list("sample", version)->items.size(), 200u) << version;
  }
}

// One store shared by several threads (a server's request handlers).
TEST_P(StoreContract, OneStoreCanBeSharedBetweenThreads) {
  auto store = open();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&store, t] {
      auto list = sample_list(50);
      list.info.id = "list-" + std::to_string(t);
      for (int round = 0; round < 5; ++round) {
        list.items[0].title = "round " + std::to_string(round);
        EXPECT_EQ(store->import_list(list, "text", {}).version, round + 1);
        EXPECT_EQ(store->find_item(list.info.id + "/1", 0)->title, list.items[0].title);
        EXPECT_EQ(store->load_list(list.info.id, 0)->items.size(), 50u);
        EXPECT_FALSE(store->empty());
        store->versions("");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(store->versions("").size(), 20u);
}

// API tokens: only the hash is kept; a revoked token stops working at once, for every
// connection; tokens are not content, so they do not move the generation.
TEST_P(StoreContract, TokensAreFoundByTheirHashAndRevokedAtOnce) {
  auto store = open();
  auto other = open();
  const std::string alice(64, 'a');
  const std::string bob(64, 'b');
  const long long generation = store->generation();
  EXPECT_TRUE(store->list_tokens().empty());
  store->create_token("alice", alice);
  store->create_token("bob", bob);
  EXPECT_EQ(store->generation(), generation);
  EXPECT_EQ(other->verify_token(alice), "alice");
  EXPECT_EQ(other->verify_token(bob), "bob");
  EXPECT_FALSE(other->verify_token(std::string(64, 'c')).has_value());
  EXPECT_FALSE(other->verify_token("").has_value());
  EXPECT_FALSE(other->verify_token("alice").has_value());  // a name is not a token

  try {
    store->create_token("alice", std::string(64, 'd'));
    ADD_FAILURE() << "a second token named alice was created";
  } catch (const UserError& e) {
    EXPECT_EQ(e.code(), "token-exists");
  }
  EXPECT_FALSE(store->verify_token(std::string(64, 'd')).has_value());

  const auto tokens = other->list_tokens();
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].name, "alice");
  EXPECT_EQ(tokens[1].name, "bob");
  EXPECT_TRUE(
      std::regex_match(tokens[0].created_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << tokens[0].created_at;

  EXPECT_TRUE(store->revoke_token("alice"));
  EXPECT_FALSE(other->verify_token(alice).has_value());
  EXPECT_EQ(other->verify_token(bob), "bob");
  EXPECT_FALSE(store->revoke_token("alice"));
  EXPECT_FALSE(store->revoke_token("nobody"));
  ASSERT_EQ(store->list_tokens().size(), 1u);
  // The name is free again once revoked.
  store->create_token("alice", std::string(64, 'e'));
  EXPECT_EQ(open()->verify_token(std::string(64, 'e')), "alice");
  EXPECT_EQ(store->generation(), generation);
}

TEST_P(StoreContract, OverridesAreKeptPerItemAndMoveTheGeneration) {
  auto store = open();
  store->import_list(sample_list(3), "text", {});
  EXPECT_TRUE(store->overrides().empty());
  const long long before = store->generation();
  const std::string first =
      R"({"item":"sample/2","clause":"内容2","note":"复核","context":"背景"})";
  store->put_override("sample/2", first, "alice");
  EXPECT_GT(store->generation(), before);
  store->put_override("sample/1", "{\"quote\": \"\\\"\\t\\n 🙂\"}", "bob");
  auto stored = open()->overrides();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].item_id, "sample/1");
  EXPECT_EQ(stored[0].json, "{\"quote\": \"\\\"\\t\\n 🙂\"}");
  EXPECT_EQ(stored[0].author, "bob");
  EXPECT_EQ(stored[1].item_id, "sample/2");
  EXPECT_EQ(stored[1].json, first);
  EXPECT_EQ(stored[1].author, "alice");
  EXPECT_TRUE(
      std::regex_match(stored[1].updated_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << stored[1].updated_at;

  // Storing again replaces the entry.
  const long long after_first = store->generation();
  store->put_override("sample/2", R"({"item":"sample/2"})", "carol");
  EXPECT_GT(store->generation(), after_first);
  stored = store->overrides();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[1].json, R"({"item":"sample/2"})");
  EXPECT_EQ(stored[1].author, "carol");
  // The lists are untouched.
  EXPECT_EQ(store->versions("").size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& backend) {
                           return backend.param;
                         });

// PostgreSQL only.

TEST(PostgresStore, AnUnreachableServerIsAUserErrorThatDoesNotShowThePassword) {
  for (const std::string url :
       {"postgresql://huiqi:s3cret@127.0.0.1:1/huiqi",
        "postgres://huiqi@127.0.0.1:1/huiqi?password=s3cret&sslmode=disable"}) {
    try {
      open_store(url);
      ADD_FAILURE() << "opened " << url;
    } catch (const UserError& e) {
      EXPECT_EQ(e.code(), "db-open");
      EXPECT_EQ(e.where().file.find("s3cret"), std::string::npos) << e.where().file;
      EXPECT_EQ(e.message(Lang::en).find("s3cret"), std::string::npos) << e.message(Lang::en);
      EXPECT_EQ(e.message(Lang::zh).find("s3cret"), std::string::npos) << e.message(Lang::zh);
      EXPECT_NE(e.message(Lang::zh), e.message(Lang::en));
      EXPECT_NE(e.where().file.find("127.0.0.1:1/huiqi"), std::string::npos) << e.where().file;
    }
  }
}

TEST(PostgresStore, AMalformedUrlIsAUserError) {
  for (const char* url : {"postgresql://127.0.0.1:notaport/db", "postgresql://[::1/db",
                          "postgresql://127.0.0.1/db?nosuchoption=1"}) {
    try {
      open_store(url);
      ADD_FAILURE() << "opened " << url;
    } catch (const UserError& e) {
      EXPECT_EQ(e.code(), "db-open") << url;
      EXPECT_EQ(e.where().file, url);
    }
  }
}

TEST(PostgresStore, RedactedUrlsKeepEverythingButThePassword) {
  EXPECT_EQ(redact_url("postgresql://u:p@h:5432/db"), "postgresql://u@h:5432/db");
  EXPECT_EQ(redact_url("postgresql://u:p%40ss@h/db?sslmode=require"),
            "postgresql://u@h/db?sslmode=require");
  EXPECT_EQ(redact_url("postgresql://u:p@ss@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(redact_url("postgresql://u@h:5432/db"), "postgresql://u@h:5432/db");
  EXPECT_EQ(redact_url("postgresql://h:5432"), "postgresql://h:5432");
  EXPECT_EQ(redact_url("postgresql:///db?host=/tmp&password=x&user=u"),
            "postgresql:///db?host=/tmp&user=u");
  EXPECT_EQ(redact_url("postgres://h/db?password=x"), "postgres://h/db");
}

// The PostgreSQL-only cases that need a server.
class PostgresServer : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string url = env("HUIQI_TEST_POSTGRES_URL");
    if (url.empty()) {
      if (env("HUIQI_REQUIRE_POSTGRES") == "1") {
        FAIL() << "HUIQI_REQUIRE_POSTGRES=1 but HUIQI_TEST_POSTGRES_URL is not set";
      }
      GTEST_SKIP() << "HUIQI_TEST_POSTGRES_URL is not set";
    }
    database_ = std::make_unique<TestDatabase>(url);
  }
  std::unique_ptr<TestDatabase> database_;
};

TEST_F(PostgresServer, ANewerSchemaIsRefused) {
  { PostgresStore store(database_->url()); }
  database_->exec("INSERT INTO schema_migrations (version) VALUES (999)");
  try {
    PostgresStore store(database_->url());
    ADD_FAILURE() << "opened a database with a newer schema";
  } catch (const UserError& e) {
    EXPECT_EQ(e.code(), "db-open");
    EXPECT_NE(e.message(Lang::en).find("newer"), std::string::npos) << e.message(Lang::en);
  }
}

TEST_F(PostgresServer, OpeningAgainDoesNotMigrateAgain) {
  { PostgresStore store(database_->url()); }
  { PostgresStore store(database_->url()); }
  pqxx::connection connection(database_->url());
  pqxx::nontransaction tx(connection);
  // One row per migration, each applied once.
  EXPECT_EQ(tx.exec1("SELECT COUNT(*) FROM schema_migrations")[0].as<int>(),
            tx.exec1("SELECT COUNT(DISTINCT version) FROM schema_migrations")[0].as<int>());
  EXPECT_EQ(tx.exec1("SELECT MAX(version) FROM schema_migrations")[0].as<int>(), 3);
}

TEST_F(PostgresServer, ANonUtf8DatabaseIsRefused) {
  const std::string name = database_->name() + "_latin1";
  database_->admin("DROP DATABASE IF EXISTS " + name);
  database_->admin("CREATE DATABASE " + name +
                   " ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' "
                   "TEMPLATE template0");
  try {
    PostgresStore store(with_database(database_->url(), name));
    ADD_FAILURE() << "opened a LATIN1 database";
  } catch (const UserError& e) {
    EXPECT_EQ(e.code(), "db-open");
  }
  database_->admin("DROP DATABASE " + name + " WITH (FORCE)");
}

// A server restart (here: the server ending the store's session) costs no failed call.
TEST_F(PostgresServer, AStoreReconnectsAfterItsConnectionIsCut) {
  const std::string sessions =
      "SELECT COALESCE(string_agg(pid::text, ','), '') FROM pg_stat_activity WHERE datname = '" +
      database_->name() + "'";
  pqxx::connection observer(with_database(database_->url(), "postgres"));
  PostgresStore store(database_->url());
  store.import_list(sample_list(2), "text", {});
  const std::string before = pqxx::nontransaction(observer).exec1(sessions)[0].as<std::string>();
  ASSERT_FALSE(before.empty());
  // Waits (up to 5 s) until the session has ended.
  pqxx::nontransaction(observer).exec(
      "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = '" +
      database_->name() + "'");
  EXPECT_EQ(store.find_item("sample/2", 0)->content, "内容2");
  EXPECT_EQ(store.import_list(sample_list(3), "text", {}).version, 2);
  const std::string after = pqxx::nontransaction(observer).exec1(sessions)[0].as<std::string>();
  EXPECT_NE(after, before);
  EXPECT_FALSE(after.empty());
}

}  // namespace
}  // namespace huiqi::store
