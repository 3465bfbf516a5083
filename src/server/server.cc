#include "server/server.h"

#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include "base/data_dir.h"
#include "base/dates.h"
#include "catalog/json.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "ingest/reader.h"
#include "match/industries.h"
#include "match/match.h"
#include "match/profile.h"
#include "server/auth.h"
#include "server/diff.h"
#include "server/export.h"
#include "server/http_error.h"
#include "server/json_writer.h"
#include "server/metrics.h"
#include "server/openapi.h"
#include "server/params.h"
#include "server/static_files.h"
#include "server/task_queue.h"
#include "text/utf8.h"

namespace huiqi::server {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr std::size_t kDefaultThreads = 512;
constexpr std::size_t kMinThreads = 8;
constexpr std::size_t kMaxLoggedTarget = 300;

// cpp-httplib listens with a backlog of 5 (a constant compiled into Debian's library), so a burst
// of new connections waits for SYN retransmits (1 s, then 3 s). listen() on the bound socket
// again raises it; the socket is a protected member.
class HttpServer : public httplib::Server {
 public:
  void widen_backlog() {
    const socket_t sock = svr_sock_;
    if (sock != INVALID_SOCKET) ::listen(sock, SOMAXCONN);
  }
};

// httplib owns (and deletes) the task queue it is given; the pool itself stays ours so its
// counts can be read while serving.
class PoolHandle : public httplib::TaskQueue {
 public:
  explicit PoolHandle(ElasticPool& pool) : pool_(pool) {}
  void enqueue(std::function<void()> fn) override { pool_.enqueue(std::move(fn)); }
  void shutdown() override { pool_.shutdown(); }

 private:
  ElasticPool& pool_;
};

// One connection is served by one thread from first to last request, so what the pre-routing
// handler notes for the logger can live in a thread_local.
struct RequestContext {
  std::chrono::steady_clock::time_point start{};
  std::size_t route = 0;
  bool started = false;
  std::chrono::microseconds micros{0};  // handling time, for the access log
};
thread_local RequestContext t_request;

std::string dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void send_json(Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(dump(body), kJson);
}

void send_error(Response& res, const HttpError& error) {
  res.status = error.status();
  res.set_content(dump(error_json(error)), kJson);
  if (error.status() == 401) res.set_header("WWW-Authenticate", "Bearer realm=\"huiqi\"");
  if (error.status() == 413) res.set_header("Connection", "close");
}

// What a status means when httplib (not a handler) answers with it.
HttpError status_error(int status) {
  switch (status) {
    case 400:
      return {400, "bad-request", "the request is malformed", "请求格式错误"};
    case 404:
      return {404, "not-found", "no such resource", "找不到该资源"};
    case 405:
      return {405, "method-not-allowed", "method not allowed here", "此处不允许该方法"};
    case 413:
      return {413, "body-too-large", "the request body is too large", "请求体过大"};
    case 414:
      return {414, "uri-too-long", "the request line is too long (at most 8,192 bytes)",
              "请求行过长(至多 8192 字节)"};
    case 415:
      return {415, "unsupported-media-type", "unsupported content type", "不支持的内容类型"};
    case 416:
      return {416, "range-not-satisfiable", "the range cannot be served", "无法提供该范围"};
    default:
      break;
  }
  if (status >= 500) return {status, "internal", "internal error", "服务器内部错误"};
  return {status, "error", "the request failed", "请求失败"};
}

// The media type of a Content-Type value, lower case, without parameters.
std::string media_type(const std::string& value) {
  std::string out = value.substr(0, value.find(';'));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

void require_json_body(const Request& req) {
  if (media_type(req.get_header_value("Content-Type")) != "application/json") {
    throw HttpError(415, "unsupported-media-type",
                    "send the body as Content-Type: application/json",
                    "请求体应为 Content-Type: application/json", "Content-Type");
  }
  if (!text::is_valid_utf8(req.body)) {
    throw HttpError(400, "invalid-utf8", "the body is not valid UTF-8", "请求体不是有效的 UTF-8",
                    "body");
  }
}

nlohmann::json parse_json_body(const Request& req) {
  require_json_body(req);
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    throw HttpError(400, "bad-json", "the body is not valid JSON", "请求体不是有效的 JSON", "body");
  }
  return body;
}

// "2024-05-01T08:00:00.123Z"
std::string log_time() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[40];
  const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &parts);
  std::snprintf(buffer + n, sizeof buffer - n, ".%03dZ", static_cast<int>(millis));
  return buffer;
}

// A request target as it may appear in a log line: no control or non-ASCII bytes, bounded.
std::string loggable(const std::string& target) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : target) {
    if (out.size() >= kMaxLoggedTarget) {
      out += "…";
      break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    } else {
      out += c;
    }
  }
  return out;
}

std::string list_id_of(const std::string& item_id) { return item_id.substr(0, item_id.rfind('/')); }

// A list id as the API accepts one: it names lists in URLs and items ("<list>/<seq>").
void check_list_id(const std::string& id, const std::string& field) {
  bool ok = !id.empty() && id.size() <= 128 && text::is_valid_utf8(id);
  for (const char c : id) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x21 || byte == 0x7f || c == '/' || c == '\\' || c == '@' || c == '?' || c == '#' ||
        c == '%' || c == '"' || c == '<' || c == '>') {
      ok = false;
    }
  }
  if (id == "." || id == "..") ok = false;
  if (!ok) {
    throw HttpError(400, "bad-list-id",
                    "a list id has 1 to 128 bytes without spaces or / \\ @ ? # % \" < >",
                    "清单编号应为 1 至 128 字节,不含空格及 / \\ @ ? # % \" < >", field);
  }
}

std::string list_id_from_name(const std::string& name) {
  std::string id = std::filesystem::path(name).stem().string();
  for (char& c : id) {
    if (c == '/' || c == '\\' || c == ' ' || c == '?' || c == '#' || c == '%' || c == '@') c = '-';
  }
  return id;
}

nlohmann::json categories_json(const std::vector<catalog::Item>& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, count] : cli::category_counts(items)) {
    out.push_back({{"name", name}, {"items", count}});
  }
  return out;
}

}  // namespace

struct Server::Impl {
  using Handler = std::function<void(const Request&, Response&, const View&)>;

  struct Route {
    std::string method;
    std::string path;     // OpenAPI form
    std::string pattern;  // for httplib
    std::regex regex;
    Handler handler;
  };

  Impl(store::Store& store_in, extract::Extractor extractor, ServerOptions options_in)
      : options(std::move(options_in)),
        store(store_in),
        catalog(store_in, std::move(extractor)),
        web_dir(options.web_dir.empty() ? default_web_dir() : options.web_dir),
        pool(std::min(kMinThreads, threads_max()), threads_max()) {
    // A client that goes away mid-answer must cost an EPIPE, not the process.
    std::signal(SIGPIPE, SIG_IGN);
    define_routes();
    std::vector<std::string> labels;
    for (const Route& route : routes) labels.push_back(route.method + " " + route.path);
    static_route = labels.size();
    labels.push_back("GET static");
    unmatched_route = labels.size();
    labels.push_back("unmatched");
    metrics = std::make_unique<Metrics>(std::move(labels));
    configure();
  }

  std::size_t threads_max() const {
    return options.threads == 0 ? kDefaultThreads : options.threads;
  }

  ServerOptions options;
  store::Store& store;
  Catalog catalog;
  std::string web_dir;
  ElasticPool pool;
  HttpServer http;
  std::vector<Route> routes;
  std::size_t static_route = 0;
  std::size_t unmatched_route = 0;
  std::unique_ptr<Metrics> metrics;
  int bound_port = -1;

  std::mutex poll_mutex;
  std::condition_variable poll_wake;
  bool stopping = false;
  // run(): 0 not yet, 1 about to listen or listening, 2 returned.
  std::atomic<int> run_state{0};

  // ---- routing ----

  void add(std::string method, std::string path, std::string pattern, Handler handler) {
    std::regex regex(pattern);
    routes.push_back({std::move(method), std::move(path), std::move(pattern), std::move(regex),
                      std::move(handler)});
  }

  template <typename Member>
  Handler bind_member(Member member) {
    return [this, member](const Request& req, Response& res, const View& view) {
      (this->*member)(req, res, view);
    };
  }

  void define_routes() {
    const std::string api = "/api/v1";
    // Most frequent first: httplib tries the patterns of a method in order.
    add("GET", api + "/policies", api + "/policies", bind_member(&Impl::policies));
    add("GET", api + "/policies/{id}", api + "/policies/(.+)", bind_member(&Impl::policy));
    add("GET", api + "/facets", api + "/facets", bind_member(&Impl::facets));
    add("POST", api + "/match", api + "/match", bind_member(&Impl::match_profile));
    add("GET", api + "/profile.schema.json", api + "/profile\\.schema\\.json",
        bind_member(&Impl::profile_schema));
    add("GET", api + "/lists", api + "/lists", bind_member(&Impl::lists));
    add("POST", api + "/lists", api + "/lists", bind_member(&Impl::import_list));
    add("GET", api + "/lists/{id}/diff/{other}", api + "/lists/([^/]+)/diff/([^/]+)",
        bind_member(&Impl::diff));
    add("GET", api + "/lists/{id}", api + "/lists/([^/]+)", bind_member(&Impl::list));
    add("GET", api + "/documents", api + "/documents", bind_member(&Impl::documents));
    add("GET", api + "/departments", api + "/departments", bind_member(&Impl::departments));
    add("GET", api + "/stats", api + "/stats", bind_member(&Impl::stats));
    add("GET", api + "/export", api + "/export", bind_member(&Impl::export_items));
    add("GET", api + "/overrides", api + "/overrides", bind_member(&Impl::list_overrides));
    add("PUT", api + "/overrides/{id}", api + "/overrides/(.+)", bind_member(&Impl::put_override));
    for (const std::string& prefix : {std::string(), api}) {
      add("GET", prefix + "/healthz", prefix + "/healthz", bind_member(&Impl::healthz));
      add("GET", prefix + "/metrics", prefix + "/metrics", bind_member(&Impl::render_metrics));
      add("GET", prefix + "/openapi.json", prefix + "/openapi\\.json", bind_member(&Impl::openapi));
    }
    add("GET", "/", "/", bind_member(&Impl::index_page));
  }

  void configure() {
    http.new_task_queue = [this] { return new PoolHandle(pool); };
    http.set_tcp_nodelay(true);  // else every answer waits ~40 ms for the delayed ACK
    // SO_REUSEADDR for quick restarts, but not httplib's default SO_REUSEPORT, which would let a
    // second server bind the same port and silently share its connections.
    http.set_socket_options([](socket_t sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    http.set_keep_alive_max_count(1000);
    http.set_keep_alive_timeout(static_cast<time_t>(options.keep_alive_timeout.count()));
    http.set_read_timeout(static_cast<time_t>(options.read_timeout.count()), 0);
    http.set_write_timeout(static_cast<time_t>(options.write_timeout.count()), 0);
    http.set_payload_max_length(options.max_import_bytes);
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"}});

    http.set_pre_routing_handler(
        [this](const Request& req, Response& res) { return pre_route(req, res); });
    const httplib::Server::HandlerWithResponse on_error = [](const Request&, Response& res) {
      // Handlers write their own error bodies; fill in only what httplib answered by itself.
      if (!res.body.empty() || res.content_length_ > 0) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      send_error(res, status_error(res.status));
      return httplib::Server::HandlerResponse::Handled;
    };
    http.set_error_handler(on_error);
    http.set_exception_handler([](const Request&, Response& res, std::exception_ptr) {
      send_error(res, status_error(500));
    });
    // Counted before the answer is written (so a client's next request already sees it in
    // /metrics), logged after.
    http.set_post_routing_handler([this](const Request&, Response& res) { count(res); });
    http.set_logger([this](const Request& req, const Response& res) { log(req, res); });

    for (std::size_t i = 0; i < routes.size(); ++i) {
      const Route& route = routes[i];
      auto handler = [this, i](const Request& req, Response& res) { dispatch(i, req, res); };
      if (route.method == "GET") http.Get(route.pattern, handler);
      if (route.method == "POST") http.Post(route.pattern, handler);
      if (route.method == "PUT") http.Put(route.pattern, handler);
    }
    // Whatever no route took: the page's files for GET, else 405 (with Allow) or 404.
    http.Get(".*", [this](const Request& req, Response& res) { fallback(req, res); });
    auto others = [this](const Request& req, Response& res) { fallback(req, res); };
    http.Post(".*", others);
    http.Put(".*", others);
    http.Patch(".*", others);
    http.Delete(".*", others);
    http.Options(".*", others);
  }

  // Runs before the body is read: cheap checks that can refuse a request early.
  httplib::Server::HandlerResponse pre_route(const Request& req, Response& res) {
    t_request.start = std::chrono::steady_clock::now();
    t_request.started = true;
    t_request.route = unmatched_route;
    try {
      if (!text::is_valid_utf8(req.path)) {
        throw HttpError(400, "invalid-utf8", "the path is not valid UTF-8", "路径不是有效的 UTF-8",
                        "path");
      }
      // Small JSON bodies: refuse a large one before reading it (the connection is then closed).
      const bool small_body = (req.method == "POST" && req.path == "/api/v1/match") ||
                              (req.method == "PUT" && req.path.starts_with("/api/v1/overrides/"));
      if (small_body && req.has_header("Content-Length")) {
        const std::string length = req.get_header_value("Content-Length");
        const bool too_large =
            length.size() > 18 || std::stoull("0" + length) > options.max_json_bytes;
        if (too_large) {
          throw HttpError(
              413, "body-too-large",
              "the body is larger than " + std::to_string(options.max_json_bytes) + " bytes",
              "请求体超过 " + std::to_string(options.max_json_bytes) + " 字节", "body");
        }
      }
    } catch (const HttpError& e) {
      send_error(res, e);
      return httplib::Server::HandlerResponse::Handled;
    } catch (const std::exception&) {
      send_error(res, status_error(400));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  void dispatch(std::size_t index, const Request& req, Response& res) {
    t_request.route = index;
    try {
      const std::shared_ptr<const View> view = catalog.current();
      routes[index].handler(req, res, *view);
    } catch (const HttpError& e) {
      send_error(res, e);
    } catch (const UserError& e) {
      send_error(res, from_user_error(e));
    } catch (const std::exception& e) {
      log_line(std::string("internal error on ") + req.method + " " + loggable(req.path) + ": " +
               e.what());
      send_error(res, status_error(500));
    }
  }

  void fallback(const Request& req, Response& res) {
    try {
      std::string allow;
      for (const Route& route : routes) {
        if (std::regex_match(req.path, route.regex) &&
            allow.find(route.method) == std::string::npos) {
          allow += (allow.empty() ? "" : ", ") + route.method;
        }
      }
      if (!allow.empty()) {
        t_request.route = unmatched_route;
        if (allow.find("GET") != std::string::npos) allow += ", HEAD";
        res.set_header("Allow", allow);
        if (req.method == "OPTIONS") {
          res.status = 204;
          return;
        }
        throw HttpError(405, "method-not-allowed",
                        req.method + " is not allowed here (allowed: " + allow + ")",
                        "此处不允许 " + req.method + "(允许:" + allow + ")");
      }
      if (req.method != "GET" && req.method != "HEAD") throw status_error(404);
      if (req.path.starts_with("/api/")) {
        throw HttpError(404, "not-found", "no route " + req.path, "没有该接口:" + req.path);
      }
      t_request.route = static_route;
      StaticFile file = read_static(web_dir, req.path);
      res.set_header("Cache-Control", "no-cache");
      res.set_content(std::move(file.body), file.content_type);
    } catch (const HttpError& e) {
      send_error(res, e);
    }
  }

  void count(const Response& res) {
    const bool started = t_request.started;
    t_request.started = false;
    t_request.micros = started ? std::chrono::duration_cast<std::chrono::microseconds>(
                                     std::chrono::steady_clock::now() - t_request.start)
                               : std::chrono::microseconds(0);
    metrics->observe(started ? t_request.route : unmatched_route, res.status, t_request.micros);
  }

  void log(const Request& req, const Response& res) {
    const auto micros = t_request.micros;
    if (!options.access_log) return;
    const std::size_t bytes = res.body.empty() ? res.content_length_ : res.body.size();
    log_line(req.method + " " + loggable(req.target.empty() ? req.path : req.target) + " " +
             std::to_string(res.status) + " " + std::to_string(bytes) + " " +
             std::to_string(micros.count()) + "us");
  }

  static void log_line(const std::string& message) {
    const std::string line = log_time() + " " + message + "\n";
    // One write per line: lines of concurrent requests never interleave.
    std::fwrite(line.data(), 1, line.size(), stderr);
  }

  // ---- auth ----

  std::string authorize(const Request& req) {
    if (!req.has_header("Authorization")) {
      throw HttpError(
          401, "unauthorized",
          "this route needs a token: Authorization: Bearer <token> (huiqi token create)",
          "此接口需要令牌:Authorization: Bearer <令牌>(huiqi token create)", "Authorization");
    }
    const std::string token = bearer_token(req.get_header_value("Authorization"));
    const std::optional<std::string> name =
        token.empty() ? std::nullopt : store.verify_token(token_hash(token));
    if (!name) {
      throw HttpError(401, "bad-token", "the token is not valid (unknown or revoked)",
                      "令牌无效(不存在或已撤销)", "Authorization");
    }
    return *name;
  }

  // ---- search routes ----

  // A search error names the request parameter at fault.
  template <typename F>
  static auto searching(F&& f) {
    try {
      return f();
    } catch (const UserError& e) {
      throw from_user_error(e, search_field_to_param(e.where().field));
    }
  }

  static search::SearchResult run_search(const View& view, const search::SearchRequest& request) {
    return searching([&] { return view.snapshot->index->search(request); });
  }

  void policies(const Request& req, Response& res, const View& view) {
    const SearchQuery query = parse_search_query(req.params, SearchRoute::policies);
    const search::SearchResult result = run_search(view, query.request);
    res.set_content(search_json(result, query.page, query.size), kJson);
  }

  void facets(const Request& req, Response& res, const View& view) {
    const SearchQuery query = parse_search_query(req.params, SearchRoute::facets);
    const search::SearchResult result = run_search(view, query.request);
    const nlohmann::json full = search::to_json(result);
    send_json(res, 200,
              {{"as_of", result.as_of}, {"total", result.total}, {"facets", full["facets"]}});
  }

  void stats(const Request& req, Response& res, const View& view) {
    const SearchQuery query = parse_search_query(req.params, SearchRoute::stats);
    const search::SearchResult result = run_search(view, query.request);
    nlohmann::json by = search::to_json(result)["facets"];
    // A year is a time axis: in order, not by count.
    if (by.contains("year")) {
      std::sort(by["year"].begin(), by["year"].end(),
                [](const nlohmann::json& a, const nlohmann::json& b) {
                  return a["value"].get<std::string>() < b["value"].get<std::string>();
                });
    }
    send_json(res, 200,
              {{"as_of", result.as_of},
               {"total", result.total},
               {"lists", view.snapshot->lists.size()},
               {"by", std::move(by)}});
  }

  void export_items(const Request& req, Response& res, const View& view) {
    const SearchQuery query = parse_search_query(req.params, SearchRoute::exporter);
    const auto rows = searching([&] { return export_rows(*view.snapshot, query.request); });
    const std::string name = "huiqi-export-" + query.request.as_of + "." + query.format;
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    if (query.format == "json") {
      send_json(res, 200, export_json(rows, query.request));
      return;
    }
    if (query.format == "csv") {
      res.set_content(export_csv(rows, query.request.as_of), "text/csv; charset=utf-8");
      return;
    }
    send_xlsx(res, rows, query.request.as_of);
  }

  static void send_xlsx(Response& res, const std::vector<const search::Document*>& rows,
                        const std::string& as_of) {
    // libxlsxwriter writes a file: write it, open it, unlink it at once (the open descriptor
    // keeps the data until the answer is sent), then stream it.
    std::string path = (std::filesystem::temp_directory_path() / "huiqi-export-XXXXXX").string();
    const int made = ::mkstemp(path.data());
    if (made < 0) throw std::runtime_error("cannot create a temporary file");
    ::close(made);
    try {
      write_xlsx(path, rows, as_of);
    } catch (...) {
      ::unlink(path.c_str());
      throw;
    }
    std::FILE* file = std::fopen(path.c_str(), "rb");
    ::unlink(path.c_str());
    if (file == nullptr) throw std::runtime_error("cannot read the workbook back");
    std::fseek(file, 0, SEEK_END);
    const long size = std::ftell(file);
    std::fseek(file, 0, SEEK_SET);
    if (size <= 0) {
      std::fclose(file);
      throw std::runtime_error("the workbook is empty");
    }
    res.set_content_provider(
        static_cast<std::size_t>(size),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [file](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
          char buffer[65536];
          if (std::fseek(file, static_cast<long>(offset), SEEK_SET) != 0) return false;
          const std::size_t n = std::fread(buffer, 1, std::min(length, sizeof buffer), file);
          return n > 0 && sink.write(buffer, n);
        },
        [file](bool) { std::fclose(file); });
  }

  // ---- items ----

  void policy(const Request& req, Response& res, const View& view) {
    check_params(req.params, {"as_of", "version"});
    const std::string id = req.matches[1].str();
    std::string as_of = single(req.params, "as_of").value_or(today());
    check_date("as_of", as_of);
    int version = 0;
    if (auto v = single(req.params, "version")) {
      version = static_cast<int>(parse_count("version", *v, 1, 1000000));
    }
    const auto not_found = [&] {
      return HttpError(404, "not-found", "no item '" + id + "'", "找不到事项“" + id + "”", "id");
    };
    nlohmann::json out;
    if (version == 0) {
      const search::Document* doc = view.snapshot->find(id);
      if (doc == nullptr) throw not_found();
      out = cli::item_json(doc->item, doc->facts, list_id_of(id), as_of);
      for (const auto& v : view.snapshot->lists) {
        if (v.info.id == list_id_of(id)) out["version"] = v.version;
      }
    } else {
      const auto item = store.find_item(id, version);
      if (!item) throw not_found();
      out = cli::item_json(*item, catalog.extractor().extract(*item), list_id_of(id), as_of);
      out["version"] = version;
    }
    send_json(res, 200, out);
  }

  // ---- lists ----

  static nlohmann::json list_summary(const std::vector<catalog::ListVersion>& versions) {
    const catalog::ListVersion& latest = versions.back();
    nlohmann::json all = nlohmann::json::array();
    for (const auto& v : versions) all.push_back(catalog::to_json(v));
    nlohmann::json out = catalog::to_json(latest.info);
    out["latest_version"] = latest.version;
    out["items"] = latest.item_count;
    out["versions"] = std::move(all);
    return out;
  }

  static std::vector<catalog::ListVersion> versions_of(const View& view, const std::string& id) {
    std::vector<catalog::ListVersion> out;
    for (const auto& v : view.versions) {
      if (v.info.id == id) out.push_back(v);
    }
    return out;
  }

  void lists(const Request& req, Response& res, const View& view) {
    check_params(req.params, {});
    nlohmann::json out = nlohmann::json::array();
    std::size_t start = 0;
    for (std::size_t i = 1; i <= view.versions.size(); ++i) {
      if (i == view.versions.size() || view.versions[i].info.id != view.versions[start].info.id) {
        out.push_back(list_summary({view.versions.begin() + static_cast<long>(start),
                                    view.versions.begin() + static_cast<long>(i)}));
        start = i;
      }
    }
    send_json(res, 200, {{"total", out.size()}, {"lists", std::move(out)}});
  }

  // The version a reference names, checked against the view's versions (0 → the latest).
  static int resolve(const View& view, const ListRef& ref, const std::string& field) {
    const auto versions = versions_of(view, ref.id);
    if (versions.empty()) {
      throw HttpError(404, "not-found", "no list '" + ref.id + "'", "找不到清单“" + ref.id + "”",
                      field);
    }
    if (ref.version == 0) return versions.back().version;
    for (const auto& v : versions) {
      if (v.version == ref.version) return ref.version;
    }
    throw HttpError(404, "not-found",
                    "list '" + ref.id + "' has no version " + std::to_string(ref.version),
                    "清单“" + ref.id + "”没有第 " + std::to_string(ref.version) + " 版", field);
  }

  void list(const Request& req, Response& res, const View& view) {
    check_params(req.params, {});
    const ListRef ref = parse_list_ref(req.matches[1].str(), "", "id");
    const int version = resolve(view, ref, "id");
    nlohmann::json out = list_summary(versions_of(view, ref.id));
    out["version"] = version;
    out["diagnostics"] = cli::to_json(store.import_diagnostics(ref.id, version));
    const auto loaded = store.load_list(ref.id, version);
    out["categories"] = loaded ? categories_json(loaded->items) : nlohmann::json::array();
    send_json(res, 200, out);
  }

  void diff(const Request& req, Response& res, const View& view) {
    check_params(req.params, {});
    const ListRef from = parse_list_ref(req.matches[1].str(), "", "id");
    const ListRef to = parse_list_ref(req.matches[2].str(), from.id, "other");
    const int from_version = resolve(view, from, "id");
    const int to_version = resolve(view, to, "other");
    const auto a = store.load_list(from.id, from_version);
    const auto b = store.load_list(to.id, to_version);
    if (!a || !b) throw status_error(404);
    send_json(res, 200, diff_json(*a, from_version, *b, to_version));
  }

  void import_list(const Request& req, Response& res, const View&) {
    const std::string author = authorize(req);
    // Before the parameters: httplib has parsed a form body into them.
    const std::string type = media_type(req.get_header_value("Content-Type"));
    if (type == "application/x-www-form-urlencoded" || type == "multipart/form-data") {
      throw HttpError(415, "unsupported-media-type",
                      "send the file itself as the body (e.g. Content-Type: "
                      "application/octet-stream), not as a form",
                      "请直接以文件内容作为请求体(如 Content-Type: application/octet-stream),"
                      "不要用表单",
                      "Content-Type");
    }
    check_params(req.params, {"format", "id", "name", "encoding"});
    if (req.body.empty()) {
      throw HttpError(400, "empty-body", "the body is empty: send the list file",
                      "请求体为空:请发送清单文件", "body");
    }
    ingest::ReadOptions read_options;
    read_options.max_bytes = options.max_import_bytes;
    try {
      read_options.format = ingest::parse_format(single(req.params, "format").value_or("auto"));
    } catch (const UserError& e) {
      throw from_user_error(e, "format");
    }
    read_options.encoding = single(req.params, "encoding").value_or("auto");
    if (read_options.encoding != "auto" && read_options.encoding != "utf-8" &&
        read_options.encoding != "gb18030" && read_options.encoding != "gbk") {
      throw HttpError(400, "bad-parameter", "encoding must be auto, utf-8, gb18030 or gbk",
                      "encoding 应为 auto、utf-8、gb18030 或 gbk", "encoding");
    }
    const std::string name = single(req.params, "name").value_or("upload");
    if (name.empty() || name.size() > 255 || name.find('/') != std::string::npos) {
      throw HttpError(400, "bad-parameter", "name is a file name of 1 to 255 bytes without '/'",
                      "name 应为 1 至 255 字节、不含“/”的文件名", "name");
    }
    ingest::ReadResult read = ingest::read_list_bytes(req.body, name, read_options);
    const ingest::ParseResult& parsed = read.parsed;
    if (!parsed.ok()) {
      nlohmann::json out = error_json("import-failed", "the file has errors; nothing was stored",
                                      "文件有错误,未作任何更改", "body");
      out["ok"] = false;
      out["files"] = nlohmann::json::array(
          {{{"file", name}, {"ok", false}, {"diagnostics", cli::to_json(parsed.diagnostics)}}});
      send_json(res, 422, out);
      return;
    }
    catalog::PolicyList list{parsed.info, parsed.items};
    if (auto id = single(req.params, "id")) {
      list.info.id = *id;
    } else if (list.info.id.empty()) {
      list.info.id = name == "upload" ? std::string() : list_id_from_name(name);
    }
    if (list.info.id.empty()) {
      throw HttpError(400, "missing-list-id", "name the list: id=<list id>",
                      "请用 id=<清单编号> 指定清单", "id");
    }
    check_list_id(list.info.id, "id");
    if (list.info.source.empty()) list.info.source = name;
    for (auto& item : list.items) item.id = catalog::make_item_id(list.info.id, item.seq);
    const store::ImportOutcome outcome =
        store.import_list(list, ingest::to_string(read.format), parsed.diagnostics);
    if (!outcome.unchanged) catalog.refresh();  // readers see the new version from now on
    log_line("import " + list.info.id + " version " + std::to_string(outcome.version) + " by " +
             author + (outcome.unchanged ? " (unchanged)" : ""));
    send_json(res, outcome.unchanged ? 200 : 201,
              {{"ok", true},
               {"imports",
                nlohmann::json::array({{{"file", name},
                                        {"list", list.info.id},
                                        {"version", outcome.version},
                                        {"unchanged", outcome.unchanged},
                                        {"items", outcome.items},
                                        {"categories", categories_json(list.items)},
                                        {"diagnostics", cli::to_json(parsed.diagnostics)}}})}});
  }

  // ---- documents, departments ----

  void documents(const Request& req, Response& res, const View& view) {
    check_params(req.params, {});
    res.set_content(view.documents_body, kJson);
  }

  void departments(const Request& req, Response& res, const View& view) {
    check_params(req.params, {});
    res.set_content(view.departments_body, kJson);
  }

  // ---- matching ----

  void match_profile(const Request& req, Response& res, const View& view) {
    check_params(req.params, {"as_of", "include_expired"});
    require_json_body(req);
    if (req.body.size() > options.max_json_bytes) {
      throw HttpError(
          413, "body-too-large",
          "the body is larger than " + std::to_string(options.max_json_bytes) + " bytes",
          "请求体超过 " + std::to_string(options.max_json_bytes) + " 字节", "body");
    }
    match::MatchOptions match_options;
    match_options.as_of = single(req.params, "as_of").value_or(today());
    check_date("as_of", match_options.as_of);
    if (auto flag = single(req.params, "include_expired")) {
      match_options.include_expired = parse_flag("include_expired", *flag);
    }
    if (!view.snapshot->rules) {
      throw HttpError(503, "match-unavailable",
                      "matching is unavailable: the rules could not be compiled (" +
                          view.snapshot->rules_error + ")",
                      "匹配暂不可用:规则无法编译(" + view.snapshot->rules_error + ")");
    }
    match::Profile profile;
    try {
      profile = match::parse_profile_text(req.body, "body");
    } catch (const UserError& e) {
      HttpError error = from_user_error(e);
      throw HttpError(400, error.code(), error.message_en(), error.message_zh(),
                      e.where().field.empty() ? "body" : e.where().field);
    }
    send_json(res, 200,
              match::to_json(match::match(profile, view.snapshot->rules->items, match_options)));
  }

  nlohmann::json issues_json(const View& view, const std::string& item) const {
    nlohmann::json out = nlohmann::json::array();
    if (!view.snapshot->rules) return out;
    for (const auto& issue : view.snapshot->rules->issues) {
      if (!item.empty() && issue.item != item) continue;
      out.push_back({{"item", issue.item}, {"code", issue.code}, {"message", issue.message}});
    }
    return out;
  }

  void list_overrides(const Request& req, Response& res, const View& view) {
    check_params(req.params, {"include_bundled"});
    bool include_bundled = false;
    if (auto flag = single(req.params, "include_bundled")) {
      include_bundled = parse_flag("include_bundled", *flag);
    }
    std::set<std::string> stale;
    if (view.snapshot->rules) {
      for (const auto& issue : view.snapshot->rules->issues) {
        if (issue.code == "stale-override") stale.insert(issue.item);
      }
    }
    const auto row = [&](const std::string& item, nlohmann::json entry) {
      nlohmann::json out = {{"item", item}, {"stale", stale.contains(item)}};
      if (const search::Document* doc = view.snapshot->find(item)) out["title"] = doc->item.title;
      out["entry"] = std::move(entry);
      return out;
    };
    nlohmann::json out = nlohmann::json::array();
    std::set<std::string> stored;
    for (const auto& o : view.snapshot->overrides) {
      nlohmann::json r = row(o.item_id, nlohmann::json::parse(o.json, nullptr, false));
      r["source"] = "store";
      r["author"] = o.author;
      r["updated_at"] = o.updated_at;
      out.push_back(std::move(r));
      stored.insert(o.item_id);
    }
    // The bundled entries no stored override replaces: a reviewer edits those too.
    if (include_bundled) {
      static const nlohmann::json kNone = nlohmann::json::array();
      const nlohmann::json& bundled = match::bundled_overrides_json();
      const auto items = bundled.find("items");
      for (const auto& entry : items != bundled.end() ? *items : kNone) {
        if (!entry.is_object()) continue;
        const std::string item = entry.value("item", std::string());
        if (item.empty() || stored.contains(item)) continue;
        nlohmann::json r = row(item, entry);
        r["source"] = "file";
        out.push_back(std::move(r));
      }
    }
    nlohmann::json body = {
        {"total", out.size()}, {"overrides", std::move(out)}, {"issues", issues_json(view, "")}};
    if (!view.snapshot->rules) body["rules_error"] = view.snapshot->rules_error;
    send_json(res, 200, body);
  }

  // A JSON pointer into the merged override document as the field of the entry sent: "/items/7"
  // + "/rule/all/0" → "rule.all.0" (the client never sees the merged document).
  static std::string entry_field(const std::string& pointer, const std::string& entry_pointer) {
    if (entry_pointer.empty() || !pointer.starts_with(entry_pointer)) return "body";
    std::string rest = pointer.substr(entry_pointer.size());
    if (!rest.empty() && rest.front() != '/') return "body";
    std::string out;
    for (const char c : rest) out += c == '/' ? '.' : c;
    return out.empty() ? "body" : out.substr(1);
  }

  void put_override(const Request& req, Response& res, const View& view) {
    const std::string author = authorize(req);
    check_params(req.params, {});
    const std::string id = req.matches[1].str();
    nlohmann::json entry = parse_json_body(req);
    if (req.body.size() > options.max_json_bytes) throw status_error(413);
    if (!entry.is_object()) {
      throw HttpError(400, "bad-override", "the override must be a JSON object",
                      "复核条目应为 JSON 对象", "body");
    }
    if (!entry.contains("item")) entry["item"] = id;
    if (!entry["item"].is_string() || entry["item"].get<std::string>() != id) {
      throw HttpError(400, "bad-override", "\"item\" must be the item id of the URL, " + id,
                      "“item”应与网址中的事项编号 " + id + " 一致", "item");
    }
    if (view.snapshot->find(id) == nullptr) {
      throw HttpError(404, "not-found", "no item '" + id + "'", "找不到事项“" + id + "”", "id");
    }
    // The entry must parse as part of the whole override document, as matching will read it.
    std::vector<store::StoredOverride> candidate = view.snapshot->overrides;
    std::erase_if(candidate, [&](const store::StoredOverride& o) { return o.item_id == id; });
    const std::string text = dump(entry);
    candidate.push_back({id, text, author, {}});
    const nlohmann::json document = snapshot::merged_overrides(candidate);
    std::string entry_pointer;
    const nlohmann::json& items = document.at("items");
    for (std::size_t i = 0; i < items.size(); ++i) {
      const nlohmann::json& each = items[i];
      if (each.is_object() && each.value("item", std::string()) == id) {
        entry_pointer = "/items/" + std::to_string(i);
      }
    }
    try {
      match::Overrides::parse(document, "body", match::default_industries());
    } catch (const UserError& e) {
      throw HttpError(400, "bad-override", e.message(Lang::en), e.message(Lang::zh),
                      entry_field(e.where().field, entry_pointer));
    }
    store.put_override(id, text, author);
    catalog.refresh();
    log_line("override " + id + " by " + author);
    const auto now = catalog.current();
    send_json(res, 200,
              {{"ok", true}, {"item", id}, {"entry", entry}, {"issues", issues_json(*now, id)}});
  }

  // ---- operations ----

  void healthz(const Request& req, Response& res, const View& view) {
    check_params(req.params, {});
    send_json(res, 200,
              {{"status", "ok"},
               {"snapshot", view.generation()},
               {"items", view.items()},
               {"lists", view.snapshot->lists.size()}});
  }

  void render_metrics(const Request& req, Response& res, const View& view) {
    check_params(req.params, {});
    Metrics::Gauges gauges;
    gauges.generation = view.generation();
    gauges.items = view.items();
    gauges.lists = view.snapshot->lists.size();
    gauges.threads = pool.threads();
    gauges.busy_threads = pool.busy();
    gauges.snapshot_builds = catalog.builds();
    res.set_content(metrics->render(gauges), "text/plain; version=0.0.4; charset=utf-8");
  }

  void profile_schema(const Request& req, Response& res, const View&) {
    check_params(req.params, {});
    // The bundled file, read once per process (tried again while it is missing: read_static
    // throws 404, and a static whose initialization throws is initialized on the next call).
    static const std::string text = read_static(data_dir().string(), "/profile.schema.json").body;
    res.set_content(text, kJson);
  }

  void openapi(const Request& req, Response& res, const View&) {
    check_params(req.params, {});
    res.set_content(std::string(openapi_text()), kJson);
  }

  void index_page(const Request&, Response& res, const View&) {
    try {
      StaticFile file = read_static(web_dir, "/");
      res.set_header("Cache-Control", "no-cache");
      res.set_content(std::move(file.body), file.content_type);
    } catch (const HttpError&) {
      res.set_content(placeholder_page(), "text/html; charset=utf-8");
    }
  }

  // ---- the store poll ----

  void poll() {
    std::unique_lock lock(poll_mutex);
    while (!stopping) {
      poll_wake.wait_for(lock, options.poll_interval);
      if (stopping) break;
      lock.unlock();
      try {
        catalog.refresh();
      } catch (const std::exception& e) {
        // The store may be away for a while (a PostgreSQL restart): keep serving what we have.
        log_line(std::string("snapshot refresh failed: ") + e.what());
      }
      lock.lock();
    }
  }
};

Server::Server(store::Store& store, extract::Extractor extractor, ServerOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(extractor), std::move(options))) {}

Server::~Server() { stop(); }

int Server::bind() {
  Impl& s = *impl_;
  if (s.options.port == 0) {
    s.bound_port = s.http.bind_to_any_port(s.options.bind);
  } else {
    s.bound_port = s.http.bind_to_port(s.options.bind, s.options.port) ? s.options.port : -1;
  }
  if (s.bound_port < 0) {
    const std::string where = s.options.bind + ":" + std::to_string(s.options.port);
    throw UserError("bind-failed",
                    "cannot listen on " + where + " (in use, or not an address here)",
                    "无法监听 " + where + "(端口已被占用或地址无效)");
  }
  s.http.widen_backlog();
  return s.bound_port;
}

void Server::run() {
  Impl& s = *impl_;
  {
    std::lock_guard lock(s.poll_mutex);
    if (s.stopping) return;
    s.run_state = 1;
  }
  std::thread poller;
  if (s.options.poll_interval.count() > 0) poller = std::thread([&s] { s.poll(); });
  s.http.listen_after_bind();
  s.run_state = 2;
  {
    std::lock_guard lock(s.poll_mutex);
    s.stopping = true;
  }
  s.poll_wake.notify_all();
  if (poller.joinable()) poller.join();
}

void Server::stop() {
  Impl& s = *impl_;
  {
    std::lock_guard lock(s.poll_mutex);
    s.stopping = true;
  }
  s.poll_wake.notify_all();
  // httplib's stop() does nothing before listening has begun: wait for that, or run() would
  // start listening after this call and never return.
  while (s.run_state == 1 && !s.http.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  s.http.stop();
}

int Server::port() const { return impl_->bound_port; }

std::vector<RouteInfo> Server::routes() const {
  std::vector<RouteInfo> out;
  for (const auto& route : impl_->routes) out.push_back({route.method, route.path});
  return out;
}

std::shared_ptr<const View> Server::view() const { return impl_->catalog.current(); }

}  // namespace huiqi::server
