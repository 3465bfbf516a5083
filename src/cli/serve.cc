// huiqi serve: the HTTP server on the database, until SIGTERM or SIGINT.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <ctime>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "server/server.h"
#include "store/postgres/postgres_store.h"
#include "store/store.h"

namespace huiqi::cli {

int run_serve(const Common& common, const ServeArgs& args) {
  const std::string location = common.db.empty() ? store::default_location() : common.db;
  auto store = store::open_store(location);
  if (store->empty()) {
    // A new user sees a working system at once.
    ImportArgs bundled;
    bundled.files = {bundled_list_path()};
    Common quiet = common;
    quiet.db = location;
    quiet.json = false;
    if (const int rc = run_import(quiet, bundled); rc != 0) return rc;
  }

  // Block the signals before any thread starts, so that they all inherit the mask and only the
  // waiting thread below receives SIGTERM/SIGINT: stop() is not async-signal-safe.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::ServerOptions options;
  options.bind = args.bind;
  options.port = args.port;
  options.threads = args.threads;
  server::Server server(*store, load_extractor(), options);
  const int port = server.bind();
  const std::string host =
      args.bind.find(':') != std::string::npos ? "[" + args.bind + "]" : args.bind;
  const auto view = server.view();
  const bool zh = common.lang == Lang::zh;
  std::cout << "huiqi: " << (zh ? "服务地址 " : "serving ") << "http://" << host << ":" << port
            << "/ (" << view->items() << (zh ? " 项,数据库 " : " items, database ")
            << store::redact_url(location) << ")" << std::endl;

  std::atomic<bool> done{false};
  std::thread waiter([&] {
    const timespec tick{0, 200 * 1000 * 1000};
    while (!done) {
      if (sigtimedwait(&signals, nullptr, &tick) > 0) {
        server.stop();
        return;
      }
    }
  });
  server.run();
  done = true;
  waiter.join();
  std::cerr << "huiqi: " << (zh ? "已停止" : "stopped") << "\n";
  return 0;
}

}  // namespace huiqi::cli
