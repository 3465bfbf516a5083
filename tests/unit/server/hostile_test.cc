// Requests meant to break the server: bad parameters, huge or malformed bodies, invalid UTF-8,
// paths that try to leave the web folder. Each gets a 4xx with the error JSON, never a 5xx, and
// the server keeps answering.
#include <gtest/gtest.h>

#include <fstream>

#include "server/static_files.h"
#include "test_support.h"

namespace huiqi::server::testing {
namespace {

class Hostile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    web_ = new TempDir();
    fs::create_directories(web_->path() / "web" / "css");
    std::ofstream(web_->path() / "web" / "index.html") << "<!doctype html><html>惠企</html>";
    std::ofstream(web_->path() / "web" / "app.js") << "console.log(1)";
    std::ofstream(web_->path() / "web" / "css" / "site.css") << "body{}";
    std::ofstream(web_->path() / "web" / "logo.svg") << "<svg/>";
    std::ofstream(web_->path() / "web" / "logo.png") << "\x89PNG";
    std::ofstream(web_->path() / "web" / "data.json") << "{}";
    std::ofstream(web_->path() / "web" / ".secret") << "hidden";
    std::ofstream(web_->path() / "outside.txt") << "outside";
    fs::create_symlink(web_->path() / "outside.txt", web_->path() / "web" / "escape.txt");
    ServerOptions options = TestServer::quiet_options();
    options.web_dir = (web_->path() / "web").string();
    options.max_import_bytes = 1 << 20;
    server_ = new TestServer(options);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete web_;
  }
  static TestServer& server() { return *server_; }
  static void expect_alive() {
    EXPECT_EQ(status_of(server_->client()->Get("/healthz")), 200) << "the server stopped answering";
  }

 private:
  static inline TestServer* server_ = nullptr;
  static inline TempDir* web_ = nullptr;
};

TEST_F(Hostile, BadParametersAreNamed) {
  auto c = server().client();
  expect_error(c->Get("/api/v1/policies?categroy=x"), 400, "categroy");
  expect_error(c->Get("/api/v1/policies?page=0"), 400, "page");
  expect_error(c->Get("/api/v1/policies?page=-1"), 400, "page");
  expect_error(c->Get("/api/v1/policies?page=1x"), 400, "page");
  expect_error(c->Get("/api/v1/policies?page=99999999999999999999999"), 400, "page");
  expect_error(c->Get("/api/v1/policies?size=101"), 400, "size");
  expect_error(c->Get("/api/v1/policies?sort=random"), 400, "sort");
  expect_error(c->Get("/api/v1/policies?as_of=yesterday"), 400, "as_of");
  expect_error(c->Get("/api/v1/policies?as_of=2023-13-01"), 400, "as_of");
  expect_error(c->Get("/api/v1/policies?status=alive"), 400, "status");
  expect_error(c->Get("/api/v1/policies?highlight=maybe"), 400, "highlight");
  expect_error(c->Get("/api/v1/policies?q=a&q=b"), 400, "q");
  expect_error(c->Get("/api/v1/policies?category="), 400, "category");
  expect_error(c->Get("/api/v1/policies?q=nosuchfield:x"), 400, "q");
  expect_error(c->Get("/api/v1/lists?x=1"), 400, "x");
  expect_error(c->Get("/healthz?verbose=1"), 400, "verbose");
  expect_alive();
}

TEST_F(Hostile, LongQueriesAreRefused) {
  auto c = server().client();
  expect_error(c->Get("/api/v1/policies?q=" + std::string(1001, 'a')), 400, "q");
  std::string chinese;
  for (int i = 0; i < 1001; ++i) chinese += "%E6%88%BF";  // 1,001 characters, 9 KB encoded
  const auto long_chinese = c->Get("/api/v1/policies?q=" + chinese);
  EXPECT_GE(status_of(long_chinese), 400);
  EXPECT_LT(status_of(long_chinese), 500);
  // 10,000 characters: past the request-line limit.
  const auto huge = c->Get("/api/v1/policies?q=" + std::string(10000, 'a'));
  expect_error(huge, 414);
  EXPECT_EQ(status_of(c->Get("/api/v1/policies?q=" + std::string(1000, 'a'))), 200);
  expect_alive();
}

TEST_F(Hostile, InvalidUtf8IsABadRequest) {
  auto c = server().client();
  expect_error(c->Get("/api/v1/policies?q=%FF%FE"), 400, "q");
  expect_error(c->Get("/api/v1/policies?q=%E6%88"), 400, "q");  // a cut character
  expect_error(c->Get("/api/v1/policies?%FF=1"), 400);
  expect_error(c->Get("/api/v1/policies/liaoyang-2023-07-31%2F%C0%AF"), 400, "path");
  expect_error(c->Get("/%FF.html"), 400, "path");
  const std::string body = "{\"employees\": \"\xff\xfe\"}";
  expect_error(c->Post("/api/v1/match", body, "application/json"), 400, "body");
  expect_alive();
}

TEST_F(Hostile, HugeBodiesAreRefused) {
  auto c = server().client();
  const std::string big(100 << 10, ' ');
  expect_error(c->Post("/api/v1/match", big, "application/json"), 413);
  const std::string token = server().token("hostile");
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  // Over this server's import limit (1 MiB here; 20 MiB by default).
  const auto import =
      c->Post("/api/v1/lists?id=big", auth, std::string(2 << 20, 'x'), "application/octet-stream");
  EXPECT_EQ(status_of(import), 413);
  expect_error(server().client()->Put("/api/v1/overrides/liaoyang-2023-07-31/1", auth, big,
                                      "application/json"),
               413);
  expect_alive();
  EXPECT_EQ(json_of(server().client()->Get("/api/v1/lists"))["total"], 1);
}

TEST_F(Hostile, MalformedBodiesAreBadRequests) {
  auto c = server().client();
  expect_error(c->Post("/api/v1/match", "{\"employees\": 5", "application/json"), 400, "body");
  expect_error(c->Post("/api/v1/match", "", "application/json"), 400, "body");
  expect_error(c->Post("/api/v1/match", "[1, 2]", "application/json"), 400);
  expect_error(c->Post("/api/v1/match", std::string("{\"a\":\0}", 7), "application/json"), 400);
  expect_error(c->Post("/api/v1/match", "{\"employes\": 5}", "application/json"), 400, "employes");
  expect_error(c->Post("/api/v1/match", "{\"employees\": 5}", "text/plain"), 415, "Content-Type");
  expect_error(c->Post("/api/v1/match?as_of=2023-02-29", "{}", "application/json"), 400, "as_of");
  expect_error(c->Post("/api/v1/match?verbose=1", "{}", "application/json"), 400, "verbose");
  expect_alive();
}

TEST_F(Hostile, WrongMethodsAreNotAllowed) {
  auto c = server().client();
  const auto post = c->Post("/api/v1/policies", "{}", "application/json");
  expect_error(post, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
  const auto del = c->Delete("/api/v1/lists");
  expect_error(del, 405);
  EXPECT_EQ(del->get_header_value("Allow"), "GET, POST, HEAD");
  expect_error(c->Put("/api/v1/match", "{}", "application/json"), 405);
  expect_error(c->Get("/api/v1/match"), 405);
  expect_error(c->Post("/nothing", "", "text/plain"), 404);
  const auto options = c->Options("/api/v1/lists");
  EXPECT_EQ(status_of(options), 204);
  expect_alive();
}

TEST_F(Hostile, ThePageIsServedFromItsFolderWithItsTypes) {
  auto c = server().client();
  const std::pair<const char*, const char*> files[] = {
      {"/", "text/html; charset=utf-8"},
      {"/index.html", "text/html; charset=utf-8"},
      {"/app.js", "text/javascript; charset=utf-8"},
      {"/css/site.css", "text/css; charset=utf-8"},
      {"/logo.svg", "image/svg+xml"},
      {"/logo.png", "image/png"},
      {"/data.json", "application/json; charset=utf-8"}};
  for (const auto& [path, type] : files) {
    const auto result = c->Get(path);
    ASSERT_EQ(status_of(result), 200) << path;
    EXPECT_EQ(result->get_header_value("Content-Type"), type) << path;
  }
  EXPECT_EQ(c->Get("/")->body, "<!doctype html><html>惠企</html>");
  EXPECT_EQ(c->Get("/app.js?v=3")->body, "console.log(1)");  // cache busters are fine here
  expect_error(c->Get("/missing.js"), 404);
  expect_error(c->Get("/.secret"), 404);
  expect_error(c->Get("/escape.txt"), 404);  // a link to a file outside the folder
}

TEST_F(Hostile, PathsCannotLeaveTheWebFolder) {
  auto c = server().client();
  for (const char* path :
       {"/../outside.txt", "/css/../../outside.txt", "/%2e%2e/outside.txt", "/%2E%2E/outside.txt",
        "/css/%2e%2e/%2e%2e/outside.txt", "/..%2foutside.txt", "/..%5coutside.txt",
        "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/../../../../etc/passwd", "/.%2e/outside.txt",
        "/css/./site.css", "/%00", "/index.html%00.js"}) {
    const auto result = c->Get(path);
    ASSERT_TRUE(result) << path;
    EXPECT_GE(result->status, 400) << path;
    EXPECT_LT(result->status, 500) << path;
    EXPECT_EQ(result->body.find("outside"), std::string::npos) << path;
    EXPECT_EQ(result->body.find("root:"), std::string::npos) << path;
  }
  // Raw request lines, as a browser would never send them.
  for (const char* line : {"GET /../outside.txt HTTP/1.1", "GET /css/../../outside.txt HTTP/1.1",
                           "GET ../outside.txt HTTP/1.1", "GET /..\\outside.txt HTTP/1.1"}) {
    const std::string answer = raw_request(
        server().port(), std::string(line) + "\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_GE(raw_status(answer), 400) << line << ": " << answer.substr(0, 200);
    EXPECT_LT(raw_status(answer), 500) << line;
    EXPECT_EQ(answer.find("\r\n\r\noutside"), std::string::npos) << line;
  }
  expect_alive();
}

TEST_F(Hostile, GarbageOnTheWireGetsAClientError) {
  for (const std::string& garbage :
       {std::string("NONSENSE\r\n\r\n"), std::string("GET\r\n\r\n"),
        std::string("GET / HTTP/9.9\r\nHost: x\r\n\r\n"), std::string("\x16\x03\x01\x02\x00", 5),
        std::string("GET /api/v1/policies?q=\xff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        std::string("GET /api/v1/policies HTTP/1.1\r\nHost: x\r\n") + std::string(20000, 'a') +
            "\r\n\r\n",
        std::string("POST /api/v1/match HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "Content-Length: 99999999999999999999\r\nConnection: close\r\n\r\n{}"),
        std::string(
            "POST /api/v1/match HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n")}) {
    const std::string answer = raw_request(server().port(), garbage);
    const int status = raw_status(answer);
    // Some of these get no answer at all (the connection is just closed); none gets a 5xx.
    if (status != -1) {
      EXPECT_GE(status, 400) << garbage.substr(0, 60) << ": " << answer.substr(0, 200);
      EXPECT_LT(status, 500) << garbage.substr(0, 60);
    }
  }
  expect_alive();
}

TEST(StaticFiles, ContentTypesByExtension) {
  EXPECT_EQ(content_type_for("a.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("a.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("a.png"), "image/png");
  EXPECT_EQ(content_type_for("a.json"), "application/json; charset=utf-8");
  EXPECT_EQ(content_type_for("a"), "application/octet-stream");
  EXPECT_EQ(content_type_for("a.exe"), "application/octet-stream");
}

TEST(StaticFiles, AMissingFolderServesNothing) {
  EXPECT_ANY_THROW(read_static("/nonexistent/huiqi-web", "/"));
  EXPECT_ANY_THROW(read_static("/nonexistent/huiqi-web", "/index.html"));
  EXPECT_NE(placeholder_page().find("/api/v1/policies"), std::string::npos);
  EXPECT_NE(placeholder_page().find("/openapi.json"), std::string::npos);
}

}  // namespace
}  // namespace huiqi::server::testing
