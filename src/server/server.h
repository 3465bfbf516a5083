// The HTTP server: the JSON API of DESIGN.md §4 under /api/v1, health, metrics, the OpenAPI
// description, and the web page from web/.
//
// Reads are answered from an immutable View of the store (see view.h) that is swapped whole when
// the store changes: after each write through this server, and when a poll (every
// poll_interval) sees the store's generation move (a write through another server or the CLI).
// Writes (list imports, matching overrides) need a bearer token (`huiqi token create`).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "server/view.h"
#include "store/store.h"

namespace huiqi::server {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  //!< 0: any free port (bind() returns it)
  //! Most connections served at once: each open connection has a thread while it is kept
  //! alive; threads start on demand. More wait until one closes. 0: 512.
  std::size_t threads = 0;
  std::string web_dir;  //!< the page's folder; empty: default_web_dir()
  std::size_t max_import_bytes = std::size_t{20} << 20;  //!< POST /lists body
  std::size_t max_json_bytes = std::size_t{64} << 10;    //!< POST /match, PUT /overrides body
  std::chrono::milliseconds poll_interval{1000};         //!< store generation poll; 0: never
  std::chrono::seconds read_timeout{10};
  std::chrono::seconds write_timeout{10};
  std::chrono::seconds keep_alive_timeout{5};
  bool access_log = true;  //!< one line per request on stderr
};

//! A route as registered: method and path in OpenAPI form ("/api/v1/policies/{id}").
struct RouteInfo {
  std::string method;
  std::string path;

  bool operator==(const RouteInfo&) const = default;
  auto operator<=>(const RouteInfo&) const = default;
};

//! Thread safety: stop() and port() may be called from any thread; bind() and run() once each,
//! in that order, from one thread.
class Server {
 public:
  //! Builds the first view of the store, which must outlive the server. Ignores SIGPIPE for
  //! the whole process (a write to a closed connection then fails with EPIPE).
  Server(store::Store& store, extract::Extractor extractor, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  //! Binds the listening socket and returns its port. Throws UserError "bind-failed" when the
  //! address cannot be bound (in use, not local, …).
  int bind();

  //! Serves until stop(): then stops accepting, answers the requests in flight and returns.
  void run();

  //! Asks run() to return. Not async-signal-safe: call it from a thread that waits for signals.
  void stop();

  int port() const;

  //! Every route the server answers (the web page's files aside), for the OpenAPI check.
  std::vector<RouteInfo> routes() const;

  //! The view being served.
  std::shared_ptr<const View> view() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace huiqi::server
