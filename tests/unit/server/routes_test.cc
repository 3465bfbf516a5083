// The read routes over the bundled Liaoyang list: status and JSON shape of every answer, search
// parameters and facets, items, lists, documents, departments, statistics, exports, metrics.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>

#include "ingest/reader.h"
#include "server/export.h"
#include "server/json_writer.h"
#include "test_support.h"

namespace huiqi::server::testing {
namespace {

// One server for every read-only test of this file (building a snapshot takes a moment).
class Routes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static TestServer& server() { return *server_; }
  static nlohmann::json get_json(const std::string& path, int status = 200) {
    const auto result = server_->client()->Get(path);
    EXPECT_EQ(status_of(result), status) << path << ": " << (result ? result->body : "");
    return json_of(result);
  }

 private:
  static inline TestServer* server_ = nullptr;
};

const std::string kRent = "%E6%88%BF%E7%A7%9F";  // 房租

TEST_F(Routes, HealthSaysOkWithTheSnapshotAndItems) {
  for (const char* path : {"/healthz", "/api/v1/healthz"}) {
    const nlohmann::json health = get_json(path);
    EXPECT_EQ(health["status"], "ok");
    EXPECT_EQ(health["items"], 130);
    EXPECT_TRUE(health["snapshot"].is_number_integer());
    EXPECT_EQ(health["snapshot"], server().server().view()->generation());
  }
}

TEST_F(Routes, EveryRouteWithoutParametersAnswersJsonOrItsOwnType) {
  for (const RouteInfo& route : server().server().routes()) {
    if (route.method != "GET" || route.path.find('{') != std::string::npos) continue;
    const auto result = server().client()->Get(route.path);
    ASSERT_TRUE(result) << route.path;
    EXPECT_EQ(result->status, 200) << route.path << ": " << result->body.substr(0, 300);
    const std::string type = result->get_header_value("Content-Type");
    if (route.path.ends_with("/metrics")) {
      EXPECT_EQ(type.rfind("text/plain", 0), 0u) << route.path;
    } else if (route.path == "/") {
      EXPECT_EQ(type.rfind("text/html", 0), 0u) << route.path;
    } else {
      EXPECT_EQ(type, "application/json; charset=utf-8") << route.path;
      EXPECT_TRUE(json_of(result).is_object()) << route.path;
    }
    EXPECT_EQ(result->get_header_value("X-Content-Type-Options"), "nosniff") << route.path;
  }
}

TEST_F(Routes, SearchAnswersOnePageOfHitsWithFacets) {
  const nlohmann::json page = get_json("/api/v1/policies?q=" + kRent + "&as_of=2023-08-01");
  EXPECT_GT(page["total"].get<int>(), 3);
  EXPECT_EQ(page["page"], 1);
  EXPECT_EQ(page["size"], 10);
  EXPECT_EQ(page["as_of"], "2023-08-01");
  EXPECT_EQ(page["pages"], (page["total"].get<int>() + 9) / 10);
  ASSERT_FALSE(page["hits"].empty());
  EXPECT_LE(page["hits"].size(), 10u);
  for (const auto& hit : page["hits"]) {
    for (const char* key :
         {"id", "list", "seq", "title", "category", "score", "weak", "status", "highlights"}) {
      EXPECT_TRUE(hit.contains(key)) << key << " in " << hit.dump();
    }
    EXPECT_EQ(hit["list"], kListId);
  }
  // The best hit shows where 房租 is.
  const nlohmann::json& highlights = page["hits"][0]["highlights"];
  bool marked = false;
  for (const auto& [field, h] : highlights.items()) {
    marked = marked || h["snippet"].get<std::string>().find("«") != std::string::npos;
    EXPECT_TRUE(h["spans"].is_array());
  }
  EXPECT_TRUE(marked) << highlights.dump();
  for (const char* facet : {"category", "department", "status", "form"}) {
    EXPECT_TRUE(page["facets"].contains(facet)) << facet;
  }
}

TEST_F(Routes, PagesFollowEachOtherWithoutOverlap) {
  const nlohmann::json first = get_json("/api/v1/policies?size=50&sort=seq");
  const nlohmann::json second = get_json("/api/v1/policies?size=50&sort=seq&page=2");
  const nlohmann::json last = get_json("/api/v1/policies?size=50&sort=seq&page=3");
  EXPECT_EQ(first["total"], 130);
  EXPECT_EQ(first["pages"], 3);
  EXPECT_EQ(first["hits"].size(), 50u);
  EXPECT_EQ(second["hits"].size(), 50u);
  EXPECT_EQ(last["hits"].size(), 30u);
  std::set<std::string> ids;
  int previous = 0;
  for (const auto* page : {&first, &second, &last}) {
    for (const auto& hit : (*page)["hits"]) {
      EXPECT_TRUE(ids.insert(hit["id"]).second) << hit["id"];
      EXPECT_GT(hit["seq"].get<int>(), previous);
      previous = hit["seq"];
    }
  }
  EXPECT_EQ(ids.size(), 130u);
  EXPECT_TRUE(get_json("/api/v1/policies?size=50&page=9")["hits"].empty());
  const nlohmann::json none = get_json("/api/v1/policies?size=0");
  EXPECT_TRUE(none["hits"].empty());
  EXPECT_EQ(none["total"], 130);
  EXPECT_FALSE(none["facets"].empty());
}

TEST_F(Routes, FiltersNarrowAndCombine) {
  const std::string fiscal =
      "%E8%B4%A2%E6%94%BF%E8%B5%84%E9%87%91%E6%94%AF%E6%8C%81";  // 财政资金支持
  const std::string tax = "%E7%A8%8E%E6%94%B6%E4%BC%98%E6%83%A0%E6%94%AF%E6%8C%81";  // 税收优惠支持
  const nlohmann::json one = get_json("/api/v1/policies?size=100&category=" + fiscal);
  EXPECT_EQ(one["total"], 48);
  for (const auto& hit : one["hits"]) EXPECT_EQ(hit["category"], "财政资金支持");
  // Two values of one field are alternatives.
  const nlohmann::json both =
      get_json("/api/v1/policies?size=0&category=" + fiscal + "&category=" + tax);
  EXPECT_EQ(both["total"], 51);
  // Different fields must all hold.
  const nlohmann::json expired =
      get_json("/api/v1/policies?size=100&as_of=2023-08-01&status=expired&category=" + fiscal);
  EXPECT_LT(expired["total"].get<int>(), 48);
  for (const auto& hit : expired["hits"]) {
    EXPECT_EQ(hit["status"], "expired");
    EXPECT_EQ(hit["category"], "财政资金支持");
  }
  EXPECT_EQ(get_json("/api/v1/policies?size=0&list=nothing")["total"], 0);
  EXPECT_EQ(get_json(std::string("/api/v1/policies?size=0&list=") + kListId)["total"], 130);
}

TEST_F(Routes, StatusesDependOnAsOf) {
  const nlohmann::json then = get_json("/api/v1/facets?as_of=2020-06-01");
  const nlohmann::json later = get_json("/api/v1/facets?as_of=2030-01-01");
  EXPECT_EQ(then["as_of"], "2020-06-01");
  EXPECT_NE(then["facets"]["status"], later["facets"]["status"]);
  auto count = [](const nlohmann::json& facets, const std::string& value) {
    for (const auto& v : facets["status"]) {
      if (v["value"] == value) return v["count"].get<int>();
    }
    return 0;
  };
  EXPECT_GT(count(later["facets"], "expired"), count(then["facets"], "expired"));
}

TEST_F(Routes, FacetsAreTheFacetsOfTheSameSearch) {
  const nlohmann::json search = get_json("/api/v1/policies?q=" + kRent);
  const nlohmann::json facets = get_json("/api/v1/facets?q=" + kRent);
  EXPECT_EQ(facets["total"], search["total"]);
  EXPECT_EQ(facets["facets"], search["facets"]);
  EXPECT_FALSE(facets.contains("hits"));
}

TEST_F(Routes, TheSearchJsonIsSearchToJsonWithPaging) {
  const auto view = server().server().view();
  for (const std::string q : {"房租", "小微企业 贷款", "\"稳岗返还\" -失业", ""}) {
    search::SearchRequest request;
    request.query = q;
    request.as_of = "2023-08-01";
    request.limit = 7;
    request.offset = 3;
    const search::SearchResult result = view->snapshot->index->search(request);
    nlohmann::json expected = search::to_json(result);
    expected["page"] = 2;
    expected["size"] = 7;
    expected["pages"] = (result.total + 6) / 7;
    EXPECT_EQ(nlohmann::json::parse(search_json(result, 2, 7)), expected) << q;
  }
}

TEST_F(Routes, AnItemComesWithFactsEvidenceAndStatus) {
  const nlohmann::json item = get_json("/api/v1/policies/liaoyang-2023-07-31/58?as_of=2023-08-01");
  EXPECT_EQ(item["id"], "liaoyang-2023-07-31/58");
  EXPECT_EQ(item["seq"], 58);
  EXPECT_EQ(item["list"], kListId);
  EXPECT_EQ(item["version"], 1);
  EXPECT_EQ(item["as_of"], "2023-08-01");
  for (const char* key :
       {"category", "title", "content", "basis", "documents", "departments", "facts", "status"}) {
    EXPECT_TRUE(item.contains(key)) << key;
  }
  EXPECT_TRUE(item["facts"].contains("amounts"));
  // The same item with the slash encoded, and as the CLI shows it.
  const nlohmann::json encoded =
      get_json("/api/v1/policies/liaoyang-2023-07-31%2F58?as_of=2023-08-01");
  EXPECT_EQ(encoded, item);
  const auto view = server().server().view();
  const search::Document* doc = view->snapshot->find("liaoyang-2023-07-31/58");
  ASSERT_NE(doc, nullptr);
  nlohmann::json cli = cli::item_json(doc->item, doc->facts, kListId, "2023-08-01");
  cli["version"] = 1;
  EXPECT_EQ(item, cli);
  // A stored version, read from the store.
  EXPECT_EQ(get_json("/api/v1/policies/liaoyang-2023-07-31/58?version=1&as_of=2023-08-01"), item);
}

TEST_F(Routes, UnknownItemsAreNotFound) {
  auto c = server().client();
  for (const char* path :
       {"/api/v1/policies/liaoyang-2023-07-31/9999", "/api/v1/policies/nothing/1",
        "/api/v1/policies/liaoyang-2023-07-31", "/api/v1/policies/liaoyang-2023-07-31/58/x",
        "/api/v1/policies/liaoyang-2023-07-31/58?version=7"}) {
    expect_error(c->Get(path), 404);
  }
  expect_error(c->Get("/api/v1/policies/liaoyang-2023-07-31/58?version=0"), 400, "version");
  expect_error(c->Get("/api/v1/policies/liaoyang-2023-07-31/58?as_of=2023-02-30"), 400, "as_of");
  expect_error(c->Get("/api/v1/nothing"), 404);
}

TEST_F(Routes, ListsShowVersionsAndDiagnostics) {
  const nlohmann::json lists = get_json("/api/v1/lists");
  ASSERT_EQ(lists["total"], 1);
  const nlohmann::json& list = lists["lists"][0];
  EXPECT_EQ(list["id"], kListId);
  EXPECT_EQ(list["latest_version"], 1);
  EXPECT_EQ(list["items"], 130);
  ASSERT_EQ(list["versions"].size(), 1u);
  EXPECT_EQ(list["versions"][0]["version"], 1);
  EXPECT_EQ(list["versions"][0]["format"], "text");

  const nlohmann::json one = get_json(std::string("/api/v1/lists/") + kListId);
  EXPECT_EQ(one["version"], 1);
  int warnings = 0;
  for (const auto& d : one["diagnostics"]) {
    warnings += d["severity"] == "warning" ? 1 : 0;
    EXPECT_NE(d["severity"], "error");
    EXPECT_TRUE(d["line"].is_number());
    EXPECT_TRUE(d["code"].is_string());
  }
  EXPECT_EQ(warnings, 13);  // the 13 warnings `huiqi import` reports
  int items = 0;
  for (const auto& c : one["categories"]) items += c["items"].get<int>();
  EXPECT_EQ(items, 130);
  EXPECT_EQ(get_json(std::string("/api/v1/lists/") + kListId + "@1"), one);
  auto c = server().client();
  expect_error(c->Get("/api/v1/lists/nothing"), 404, "id");
  expect_error(c->Get(std::string("/api/v1/lists/") + kListId + "@2"), 404, "id");
  expect_error(c->Get(std::string("/api/v1/lists/") + kListId + "@0"), 400, "id");
  expect_error(c->Get(std::string("/api/v1/lists/") + kListId + "@x"), 400, "id");
}

TEST_F(Routes, AVersionComparedWithItselfIsUnchanged) {
  const nlohmann::json diff =
      get_json(std::string("/api/v1/lists/") + kListId + "@1/diff/" + kListId);
  EXPECT_EQ(diff["summary"]["unchanged"], 130);
  EXPECT_EQ(diff["summary"]["added"], 0);
  EXPECT_EQ(diff["summary"]["changed"], 0);
  EXPECT_EQ(diff["from"]["version"], 1);
  EXPECT_EQ(diff["to"]["version"], 1);
  EXPECT_EQ(get_json(std::string("/api/v1/lists/") + kListId + "/diff/@1"), diff);
  auto c = server().client();
  expect_error(c->Get(std::string("/api/v1/lists/") + kListId + "/diff/@9"), 404, "other");
  expect_error(c->Get(std::string("/api/v1/lists/") + kListId + "/diff/%40"), 400, "other");
}

TEST_F(Routes, DocumentsCarryTheirNumbersLevelsAndItems) {
  const nlohmann::json documents = get_json("/api/v1/documents");
  ASSERT_GT(documents["total"].get<int>(), 10);
  bool found = false;
  for (const auto& d : documents["documents"]) {
    EXPECT_TRUE(d["key"].is_string());
    EXPECT_TRUE(d["level"].is_string());
    EXPECT_TRUE(d["items"].is_array());
    if (d["number"] == "辽市政发〔2020〕3号") {
      found = true;
      EXPECT_EQ(d["level"], "city");
      EXPECT_FALSE(d["items"].empty());
      for (const auto& id : d["items"]) {
        EXPECT_EQ(id.get<std::string>().rfind(std::string(kListId) + "/", 0), 0u);
      }
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(Routes, DepartmentsAreCanonicalWithTheirSpellings) {
  const nlohmann::json departments = get_json("/api/v1/departments");
  ASSERT_GT(departments["total"].get<int>(), 10);
  const nlohmann::json& top = departments["departments"][0];
  EXPECT_GT(top["items"].get<int>(), 5);
  EXPECT_EQ(top["item_ids"].size(), top["items"].get<std::size_t>());
  EXPECT_FALSE(top["raw"].empty());
  int previous = 1 << 30;
  for (const auto& d : departments["departments"]) {
    EXPECT_LE(d["items"].get<int>(), previous);
    previous = d["items"];
  }
}

TEST_F(Routes, StatsCountEveryItemByEachDimension) {
  const nlohmann::json stats = get_json("/api/v1/stats?as_of=2023-08-01");
  EXPECT_EQ(stats["total"], 130);
  EXPECT_EQ(stats["lists"], 1);
  for (const char* by : {"category", "status"}) {
    int sum = 0;
    for (const auto& v : stats["by"][by]) sum += v["count"].get<int>();
    EXPECT_EQ(sum, 130) << by;
  }
  for (const char* by : {"department", "document", "year", "level", "form", "beneficiary"}) {
    EXPECT_FALSE(stats["by"][by].empty()) << by;
  }
  std::string previous;
  for (const auto& v : stats["by"]["year"]) {
    EXPECT_GT(v["value"].get<std::string>(), previous);
    previous = v["value"];
  }
}

TEST_F(Routes, ExportsTheWholeResultSetAsJsonAndCsv) {
  auto c = server().client();
  const auto json = c->Get("/api/v1/export?format=json&as_of=2023-08-01");
  const nlohmann::json body = json_of(json);
  EXPECT_EQ(body["total"], 130);
  EXPECT_EQ(body["items"].size(), 130u);
  EXPECT_TRUE(body["items"][0].contains("facts"));
  EXPECT_NE(json->get_header_value("Content-Disposition").find("attachment"), std::string::npos);

  const auto csv = c->Get("/api/v1/export?format=csv&q=" + kRent);
  ASSERT_EQ(status_of(csv), 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body.rfind("category,seq,title,content,basis,departments,status,valid_until,", 0),
            0u);
  // The CSV reads back as a list: one item per hit.
  const auto read = ingest::read_list_bytes(csv->body, "export.csv");
  const nlohmann::json search = get_json("/api/v1/policies?size=0&q=" + kRent);
  EXPECT_EQ(read.parsed.items.size(), search["total"].get<std::size_t>());
  expect_error(c->Get("/api/v1/export?format=pdf"), 400, "format");
  expect_error(c->Get("/api/v1/export?page=2"), 400, "page");
}

TEST_F(Routes, ExportsAnExcelWorkbookWithEveryItem) {
  auto c = server().client();
  const auto xlsx = c->Get("/api/v1/export?format=xlsx&as_of=2023-08-01");
  ASSERT_EQ(status_of(xlsx), 200);
  EXPECT_EQ(xlsx->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(xlsx->get_header_value("Content-Disposition").find(".xlsx"), std::string::npos);
  ASSERT_GT(xlsx->body.size(), 4u);
  EXPECT_EQ(xlsx->body.substr(0, 4), std::string("PK\x03\x04", 4));  // a zip's local header
  TempDir dir;
  const std::string file = dir.file("export.xlsx");
  std::ofstream(file, std::ios::binary) << xlsx->body;
  const std::string listing = dir.file("listing.txt");
  ASSERT_EQ(std::system(("unzip -l " + file + " > " + listing).c_str()), 0);
  std::ifstream names(listing);
  const std::string text((std::istreambuf_iterator<char>(names)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("[Content_Types].xml"), std::string::npos) << text;
  EXPECT_NE(text.find("xl/worksheets/sheet1.xml"), std::string::npos) << text;
  const std::string sheet = dir.file("sheet1.xml");
  ASSERT_EQ(std::system(("unzip -p " + file + " xl/worksheets/sheet1.xml > " + sheet).c_str()), 0);
  std::ifstream in(sheet);
  const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t rows = 0;
  for (std::size_t at = xml.find("<row "); at != std::string::npos;
       at = xml.find("<row ", at + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, 131u);  // the header and 130 items
  EXPECT_NE(xml.find("扶持政策事项"), std::string::npos);
  EXPECT_NE(xml.find("<cols>"), std::string::npos);  // column widths
  EXPECT_NE(xml.find("辽市政发〔2020〕3号"), std::string::npos);
}

TEST_F(Routes, ServesTheProfileSchema) {
  auto c = server().client();
  const auto res = c->Get("/api/v1/profile.schema.json");
  ASSERT_EQ(status_of(res), 200);
  const auto schema = nlohmann::json::parse(res->body);
  EXPECT_EQ(schema["properties"]["entity_type"]["x-labels"]["individual_business"], "个体工商户");
  EXPECT_TRUE(schema["properties"]["premises"]["properties"].contains("rents_state_owned"));
  expect_error(c->Get("/api/v1/profile.schema.json?x=1"), 400, "x");
}

TEST_F(Routes, MetricsCountRequestsByRouteAndStatus) {
  auto c = server().client();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(status_of(c->Get("/healthz")), 200);
  ASSERT_EQ(status_of(c->Get("/api/v1/policies/nothing/1")), 404);
  const auto metrics = c->Get("/metrics");
  ASSERT_EQ(status_of(metrics), 200);
  const std::string& text = metrics->body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      text, m,
      std::regex(R"re(huiqi_http_requests_total\{route="GET /healthz",status="200"\} (\d+))re")))
      << text;
  EXPECT_GE(std::stoi(m[1]), 3);
  EXPECT_TRUE(std::regex_search(
      text,
      std::regex(
          R"re(huiqi_http_requests_total\{route="GET /api/v1/policies/\{id\}",status="404"\} \d+)re")));
  EXPECT_NE(
      text.find("huiqi_http_request_duration_seconds_bucket{route=\"GET /healthz\",le=\"+Inf\"}"),
      std::string::npos);
  EXPECT_NE(text.find("# TYPE huiqi_http_request_duration_seconds histogram"), std::string::npos);
  EXPECT_NE(text.find("huiqi_items 130\n"), std::string::npos);
  EXPECT_NE(text.find("huiqi_snapshot_generation "), std::string::npos);
}

TEST_F(Routes, ThePageIsServedOrExplainedAtTheRoot) {
  const auto page = server().client()->Get("/");
  ASSERT_EQ(status_of(page), 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->body.find("<html"), std::string::npos);
}

TEST_F(Routes, ManyClientsAtOnceAllGetAnswers) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      auto c = server().client();
      for (int i = 0; i < 20; ++i) {
        if (status_of(c->Get("/api/v1/policies?q=" + kRent)) == 200) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 320);
}

}  // namespace
}  // namespace huiqi::server::testing
