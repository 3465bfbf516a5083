// Writes behind tokens (list imports, matching overrides), matching, and how writes reach the
// readers: at once through this server, by the generation poll through another.
#include <gtest/gtest.h>

#include <chrono>

#include "test_support.h"

namespace huiqi::server::testing {
namespace {

std::string bundled_text() { return test_support::read_file(cli::bundled_list_path()); }

// The bundled list with one item's title changed: a new edition.
std::string edited_text() {
  std::string text = bundled_text();
  const std::string from = "建立复工复产帮扶机制";
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos);
  if (at != std::string::npos) text.replace(at, from.size(), "建立复工复产帮扶长效机制");
  return text;
}

httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

TEST(Admin, AnImportWithoutAValidTokenChangesNothing) {
  TestServer server;
  auto c = server.client();
  const nlohmann::json before = json_of(c->Get("/api/v1/lists"));
  const std::string path = std::string("/api/v1/lists?format=text&id=") + kListId;
  const auto none = c->Post(path, edited_text(), "text/plain");
  expect_error(none, 401, "Authorization");
  EXPECT_NE(none->get_header_value("WWW-Authenticate").find("Bearer"), std::string::npos);
  expect_error(c->Post(path, {{"Authorization", "Bearer nonsense"}}, edited_text(), "text/plain"),
               401);
  expect_error(c->Post(path, bearer(std::string(64, 'a')), edited_text(), "text/plain"), 401);
  expect_error(
      c->Post(path, {{"Authorization", "Basic dXNlcjpwYXNz"}}, edited_text(), "text/plain"), 401);
  EXPECT_EQ(json_of(c->Get("/api/v1/lists")), before);
  EXPECT_EQ(server.store().versions("").size(), 1u);
}

TEST(Admin, AnImportWithATokenIsVisibleRightAway) {
  TestServer server;
  auto c = server.client();
  const std::string token = server.token("staff");
  const long long generation = json_of(c->Get("/healthz"))["snapshot"];

  const auto imported = c->Post(std::string("/api/v1/lists?format=text&id=") + kListId,
                                bearer(token), edited_text(), "text/plain");
  ASSERT_EQ(status_of(imported), 201) << imported->body;
  const nlohmann::json report = json_of(imported);
  EXPECT_EQ(report["ok"], true);
  ASSERT_EQ(report["imports"].size(), 1u);
  EXPECT_EQ(report["imports"][0]["list"], kListId);
  EXPECT_EQ(report["imports"][0]["version"], 2);
  EXPECT_EQ(report["imports"][0]["unchanged"], false);
  EXPECT_EQ(report["imports"][0]["items"], 130);
  EXPECT_FALSE(report["imports"][0]["diagnostics"].empty());

  // Right after the answer, readers see version 2.
  EXPECT_GT(json_of(c->Get("/healthz"))["snapshot"].get<long long>(), generation);
  const nlohmann::json lists = json_of(c->Get("/api/v1/lists"));
  EXPECT_EQ(lists["lists"][0]["latest_version"], 2);
  EXPECT_EQ(lists["lists"][0]["versions"].size(), 2u);
  const nlohmann::json hits =
      json_of(c->Get("/api/v1/policies?q=%E5%B8%AE%E6%89%B6%E9%95%BF%E6%95%88"));  // 帮扶长效
  ASSERT_FALSE(hits["hits"].empty());
  EXPECT_EQ(hits["hits"][0]["id"], std::string(kListId) + "/1");
  const nlohmann::json item = json_of(c->Get(std::string("/api/v1/policies/") + kListId + "/1"));
  EXPECT_EQ(item["version"], 2);
  EXPECT_EQ(item["title"], "建立复工复产帮扶长效机制");

  // What changed between the versions.
  const nlohmann::json diff =
      json_of(c->Get(std::string("/api/v1/lists/") + kListId + "@1/diff/@2"));
  EXPECT_EQ(diff["summary"]["changed"], 1);
  EXPECT_EQ(diff["summary"]["added"], 0);
  EXPECT_EQ(diff["summary"]["removed"], 0);
  EXPECT_EQ(diff["summary"]["unchanged"], 129);
  EXPECT_EQ(diff["changed"][0]["fields"], nlohmann::json::array({"title"}));

  // The same content again is no new version.
  const auto again = c->Post(std::string("/api/v1/lists?id=") + kListId, bearer(token),
                             edited_text(), "application/octet-stream");
  ASSERT_EQ(status_of(again), 200);
  EXPECT_EQ(json_of(again)["imports"][0]["unchanged"], true);
  EXPECT_EQ(server.store().versions("").size(), 2u);
}

TEST(Admin, ARevokedTokenIsRefusedAtOnce) {
  TestServer server;
  auto c = server.client();
  const std::string token = server.token("temp");
  const std::string path = "/api/v1/lists?format=text&id=second";
  ASSERT_EQ(status_of(c->Post(path, bearer(token), bundled_text(), "text/plain")), 201);
  ASSERT_TRUE(server.store().revoke_token("temp"));
  expect_error(
      c->Post("/api/v1/lists?format=text&id=third", bearer(token), bundled_text(), "text/plain"),
      401);
  EXPECT_EQ(json_of(c->Get("/api/v1/lists"))["total"], 2);
}

TEST(Admin, AFileWithErrorsIsRefusedWithItsDiagnostics) {
  TestServer server;
  auto c = server.client();
  const std::string token = server.token("staff");
  const nlohmann::json before = json_of(c->Get("/api/v1/lists"));
  std::string broken = bundled_text();
  // The same 序号 twice is an error (seq-duplicate).
  const std::size_t second = broken.find("\n2 对疫情");
  ASSERT_NE(second, std::string::npos);
  broken.replace(second, 3, "\n1 ");
  const auto refused = c->Post(std::string("/api/v1/lists?format=text&id=") + kListId,
                               bearer(token), broken, "text/plain");
  const nlohmann::json error = expect_error(refused, 422, "body");
  const nlohmann::json body = json_of(refused);
  EXPECT_EQ(body["ok"], false);
  ASSERT_EQ(body["files"].size(), 1u);
  bool has_error = false;
  for (const auto& d : body["files"][0]["diagnostics"]) has_error |= d["severity"] == "error";
  EXPECT_TRUE(has_error) << body.dump();
  EXPECT_EQ(json_of(c->Get("/api/v1/lists")), before);

  expect_error(c->Post("/api/v1/lists?id=x", bearer(token), "", "text/plain"), 400, "body");
  expect_error(
      c->Post("/api/v1/lists?id=x", bearer(token), "a=b", "application/x-www-form-urlencoded"),
      415);
  expect_error(c->Post("/api/v1/lists?id=a/b", bearer(token), bundled_text(), "text/plain"), 400,
               "id");
  expect_error(c->Post("/api/v1/lists?id=a@2", bearer(token), bundled_text(), "text/plain"), 400,
               "id");
  expect_error(c->Post("/api/v1/lists", bearer(token), bundled_text(), "text/plain"), 400, "id");
  expect_error(
      c->Post("/api/v1/lists?id=x&format=pdf", bearer(token), bundled_text(), "text/plain"), 400,
      "format");
  expect_error(c->Post("/api/v1/lists?id=x&mode=fast", bearer(token), bundled_text(), "text/plain"),
               400, "mode");
  EXPECT_EQ(json_of(c->Get("/api/v1/lists")), before);
  // A list id from the file name.
  const auto named =
      c->Post("/api/v1/lists?name=shenyang-2024.txt", bearer(token), bundled_text(), "text/plain");
  ASSERT_EQ(status_of(named), 201);
  EXPECT_EQ(json_of(named)["imports"][0]["list"], "shenyang-2024");
}

TEST(Admin, WritesThroughAnotherServerArriveByThePoll) {
  ServerOptions options = TestServer::quiet_options();
  options.poll_interval = std::chrono::milliseconds(100);
  TestServer server(options);
  auto c = server.client();
  // Another server (or `huiqi import`) writes to the same database.
  auto other = store::open_store(server.db_path());
  auto list = ingest::read_list_bytes(edited_text(), "x.txt").parsed;
  catalog::PolicyList edition{list.info, list.items};
  edition.info.id = kListId;
  for (auto& item : edition.items) item.id = catalog::make_item_id(kListId, item.seq);
  other->import_list(edition, "text", {});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  int latest = 1;
  while (latest != 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    latest = json_of(c->Get("/api/v1/lists"))["lists"][0]["latest_version"];
  }
  EXPECT_EQ(latest, 2);
}

const char* kProfile = R"({
  "name": "辽阳某餐馆",
  "entity_type": "enterprise",
  "industry": "H62",
  "region": "211002",
  "employees": 8,
  "revenue_10k_yuan": 300,
  "premises": {"rents_state_owned": true}
})";

TEST(Match, AProfileGetsItsPolicies) {
  TestServer server;
  auto c = server.client();
  const auto result = c->Post("/api/v1/match?as_of=2023-08-01", kProfile, "application/json");
  ASSERT_EQ(status_of(result), 200) << result->body.substr(0, 500);
  const nlohmann::json body = json_of(result);
  EXPECT_EQ(body["as_of"], "2023-08-01");
  for (const char* key : {"eligible", "likely", "not_eligible", "questions", "summary"}) {
    EXPECT_TRUE(body.contains(key)) << key;
  }
  EXPECT_GT(body["eligible"].size() + body["likely"].size(), 0u);
  // Charset parameters are fine.
  EXPECT_EQ(status_of(c->Post("/api/v1/match", kProfile, "application/json; charset=utf-8")), 200);
}

TEST(Overrides, AReviewedOverrideIsStoredAndUsed) {
  TestServer server;
  auto c = server.client();
  const std::string token = server.token("reviewer");
  const std::string item = std::string(kListId) + "/1";
  const auto view = server.server().view();
  const search::Document* doc = view->snapshot->find(item);
  ASSERT_NE(doc, nullptr);
  // A clause quoted from the item.
  const std::string clause = doc->item.title;
  const nlohmann::json entry = {{"clause", clause},
                                {"note", "复核:不是企业可申请的事项"},
                                {"context", "工作机制,不设申请条件"}};
  const std::string path = "/api/v1/overrides/" + item;

  expect_error(c->Put(path, entry.dump(), "application/json"), 401);
  EXPECT_TRUE(server.store().overrides().empty());

  const auto stored = c->Put(path, bearer(token), entry.dump(), "application/json");
  ASSERT_EQ(status_of(stored), 200) << stored->body;
  EXPECT_EQ(json_of(stored)["item"], item);
  ASSERT_EQ(server.store().overrides().size(), 1u);
  EXPECT_EQ(server.store().overrides()[0].author, "reviewer");
  const nlohmann::json listed = json_of(c->Get("/api/v1/overrides"));
  ASSERT_EQ(listed["total"], 1);
  EXPECT_EQ(listed["overrides"][0]["item"], item);
  EXPECT_EQ(listed["overrides"][0]["entry"]["clause"], clause);

  // Matching now lists the item as context, with the reviewer's reason.
  const nlohmann::json match =
      json_of(c->Post("/api/v1/match?as_of=2023-08-01", kProfile, "application/json"));
  bool context = false;
  for (const auto& ctx : match["context"]) context |= ctx["id"] == item;
  EXPECT_TRUE(context) << match["context"].dump();

  // Encoded slash, the same entry.
  EXPECT_EQ(status_of(c->Put("/api/v1/overrides/" + std::string(kListId) + "%2F1", bearer(token),
                             entry.dump(), "application/json")),
            200);
  EXPECT_EQ(server.store().overrides().size(), 1u);
}

TEST(Overrides, BadOverridesAreRefused) {
  TestServer server;
  auto c = server.client();
  const std::string token = server.token("reviewer");
  const std::string path = "/api/v1/overrides/" + std::string(kListId) + "/1";
  expect_error(c->Put(path, bearer(token), "{\"clause\": ", "application/json"), 400, "body");
  expect_error(c->Put(path, bearer(token), "[]", "application/json"), 400, "body");
  expect_error(c->Put(path, bearer(token), "{}", "text/plain"), 415);
  expect_error(c->Put(path, bearer(token),
                      R"({"item": "other/1", "clause": "x", "note": "n", "context": "c"})",
                      "application/json"),
               400, "item");
  expect_error(c->Put(path, bearer(token), R"({"clause": "x", "note": "n"})", "application/json"),
               400);
  expect_error(c->Put(path, bearer(token),
                      R"({"clause": "x", "note": "n", "rule": {"field": "nonsense", "is": true}})",
                      "application/json"),
               400);
  expect_error(c->Put("/api/v1/overrides/nothing/1", bearer(token),
                      R"({"clause": "x", "note": "n", "context": "c"})", "application/json"),
               404);
  EXPECT_TRUE(server.store().overrides().empty());
}

TEST(Overrides, TheBundledEntriesAreListedOnRequest) {
  TestServer server;
  auto c = server.client();
  const std::string token = server.token("reviewer");
  const std::string item = std::string(kListId) + "/1";
  EXPECT_EQ(json_of(c->Get("/api/v1/overrides"))["total"], 0);

  const nlohmann::json all = json_of(c->Get("/api/v1/overrides?include_bundled=true"));
  const std::size_t bundled = all["overrides"].size();
  EXPECT_GT(bundled, 100u);
  EXPECT_EQ(all["total"], bundled);
  const nlohmann::json& first = all["overrides"][0];
  EXPECT_EQ(first["item"], item);
  EXPECT_EQ(first["source"], "file");
  EXPECT_EQ(first["stale"], false);
  EXPECT_EQ(first["title"], "建立复工复产帮扶机制");
  EXPECT_FALSE(first["entry"]["clause"].get<std::string>().empty());
  EXPECT_FALSE(first.contains("author"));

  // A stored entry takes the bundled one's place; its quote is not in the text, so it is stale.
  const nlohmann::json entry = {{"clause", "不在条目中的一句话"}, {"note", "n"}, {"context", "c"}};
  ASSERT_EQ(status_of(c->Put("/api/v1/overrides/" + item, bearer(token), entry.dump(),
                             "application/json")),
            200);
  const nlohmann::json after = json_of(c->Get("/api/v1/overrides?include_bundled=1"));
  EXPECT_EQ(after["overrides"].size(), bundled);
  int rows = 0;
  for (const auto& row : after["overrides"]) {
    if (row["item"] != item) continue;
    ++rows;
    EXPECT_EQ(row["source"], "store");
    EXPECT_EQ(row["author"], "reviewer");
    EXPECT_EQ(row["stale"], true);
    EXPECT_EQ(row["entry"]["clause"], "不在条目中的一句话");
  }
  EXPECT_EQ(rows, 1);
  const nlohmann::json stored = json_of(c->Get("/api/v1/overrides"));
  ASSERT_EQ(stored["total"], 1);
  EXPECT_EQ(stored["overrides"][0]["source"], "store");
  EXPECT_EQ(stored["overrides"][0]["stale"], true);

  expect_error(c->Get("/api/v1/overrides?include_bundled=maybe"), 400, "include_bundled");
  expect_error(c->Get("/api/v1/overrides?bundled=true"), 400, "bundled");
}

TEST(Overrides, ARefusedEntryNamesTheFieldWithinIt) {
  TestServer server;
  auto c = server.client();
  const std::string token = server.token("reviewer");
  // Item 58 has a bundled entry (somewhere in the file); item 17 has none (appended).
  for (const std::string seq : {"58", "17"}) {
    const std::string path = "/api/v1/overrides/" + std::string(kListId) + "/" + seq;
    expect_error(
        c->Put(path, bearer(token),
               R"({"clause": "x", "note": "n", "rule": {"field": "nonsense", "is": true}})",
               "application/json"),
        400, "rule");
    expect_error(c->Put(path, bearer(token),
                        R"({"clause": "x", "note": "n", "rule": {"all": [{"field": "trade.exporter",
                            "is": true}, {"field": "nonsense", "is": true}]}})",
                        "application/json"),
                 400, "rule.all.1");
    expect_error(c->Put(path, bearer(token), R"({"clause": "", "note": "n", "context": "c"})",
                        "application/json"),
                 400, "clause");
    expect_error(c->Put(path, bearer(token), R"({"clause": "x", "note": "n"})", "application/json"),
                 400, "body");
    expect_error(
        c->Put(path, bearer(token),
               R"({"clause": "x", "note": "n", "context": "c", "amounts": [{"label": "a"}]})",
               "application/json"),
        400, "amounts.0");
  }
  EXPECT_TRUE(server.store().overrides().empty());
}

TEST(Server, ASecondServerCannotTakeTheSamePort) {
  TestServer first;
  TempDir dir;
  auto store = store::open_store(dir.file("other.db"));
  ServerOptions options = TestServer::quiet_options();
  options.port = first.port();
  Server second(*store, cli::load_extractor(), options);
  try {
    second.bind();
    ADD_FAILURE() << "bound a port in use";
  } catch (const UserError& e) {
    EXPECT_EQ(e.code(), "bind-failed");
  }
}

TEST(Server, StopBeforeRunReturnsAtOnce) {
  TempDir dir;
  auto store = store::open_store(dir.file("h.db"));
  ServerOptions options = TestServer::quiet_options();
  options.port = 0;
  Server server(*store, cli::load_extractor(), options);
  server.bind();
  server.stop();
  server.run();  // returns: stopped already
  EXPECT_EQ(server.view()->items(), 0u);
}

}  // namespace
}  // namespace huiqi::server::testing
