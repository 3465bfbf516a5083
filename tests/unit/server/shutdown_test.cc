// `huiqi serve` as a process: it prints its URL, serves, and on SIGTERM or SIGINT stops
// accepting, finishes what is in flight and exits 0.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "support/files.h"
#include "test_support.h"

namespace huiqi::server::testing {
namespace {

class ServeProcess {
 public:
  ServeProcess(const std::string& db, int port, const std::string& out, const std::string& err) {
    pid_ = ::fork();
    if (pid_ == 0) {
      std::freopen(out.c_str(), "w", stdout);
      std::freopen(err.c_str(), "w", stderr);
      const std::string port_text = std::to_string(port);
      ::execl(HUIQI_BINARY, HUIQI_BINARY, "serve", "--db", db.c_str(), "--port", port_text.c_str(),
              "--threads", "16", static_cast<char*>(nullptr));
      std::_Exit(127);
    }
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  //! Waits (up to timeout) for the process to end; its wait status, or -1.
  int wait(std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return status;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
};

bool wait_until_serving(int port, std::chrono::seconds timeout) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(1);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (status_of(client.Get("/healthz")) == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

using test_support::read_file;

void stops_cleanly_on(int signal_number) {
  TempDir dir;
  const int port = free_port();
  ServeProcess serve(dir.file("h.db"), port, dir.file("out.txt"), dir.file("err.txt"));
  ASSERT_TRUE(wait_until_serving(port, std::chrono::seconds(120)))
      << read_file(dir.file("err.txt"));
  // The bundled list was imported into the empty database, and the URL printed once.
  httplib::Client client("127.0.0.1", port);
  EXPECT_EQ(json_of(client.Get("/healthz"))["items"], 130);
  EXPECT_NE(read_file(dir.file("out.txt")).find("http://127.0.0.1:" + std::to_string(port) + "/"),
            std::string::npos);
  // A client keeping its connection open does not hold the exit up for long.
  httplib::Client idle("127.0.0.1", port);
  idle.set_keep_alive(true);
  ASSERT_EQ(status_of(idle.Get("/api/v1/lists")), 200);

  ASSERT_EQ(::kill(serve.pid(), signal_number), 0);
  const int status = serve.wait(std::chrono::seconds(30));
  ASSERT_NE(status, -1) << "still running 30 s after the signal";
  ASSERT_TRUE(WIFEXITED(status)) << "ended by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0) << read_file(dir.file("err.txt"));
  // One access-log line per request.
  const std::string log = read_file(dir.file("err.txt"));
  EXPECT_NE(log.find(" GET /api/v1/lists 200 "), std::string::npos) << log;
  EXPECT_NE(log.find("stopped"), std::string::npos) << log;
  // And nothing listens there any more.
  httplib::Client after("127.0.0.1", port);
  after.set_connection_timeout(1);
  EXPECT_FALSE(after.Get("/healthz"));
}

TEST(Serve, StopsCleanlyOnSigterm) { stops_cleanly_on(SIGTERM); }

TEST(Serve, StopsCleanlyOnSigint) { stops_cleanly_on(SIGINT); }

TEST(Serve, AnswersInFlightRequestsBeforeExiting) {
  TempDir dir;
  const int port = free_port();
  ServeProcess serve(dir.file("h.db"), port, dir.file("out.txt"), dir.file("err.txt"));
  ASSERT_TRUE(wait_until_serving(port, std::chrono::seconds(120)))
      << read_file(dir.file("err.txt"));
  // Requests running while the signal arrives are answered.
  std::atomic<int> answered{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(30);
      for (int i = 0; i < 20; ++i) {
        const auto result = client.Get("/api/v1/export?format=xlsx");
        if (!result) break;  // refused once the server stopped accepting
        if (result->status == 200 && result->body.size() > 1000) {
          ++answered;
        } else {
          ++failed;
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(::kill(serve.pid(), SIGTERM), 0);
  for (auto& c : clients) c.join();
  const int status = serve.wait(std::chrono::seconds(30));
  ASSERT_NE(status, -1);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_GT(answered, 0);
  EXPECT_EQ(failed, 0) << "a request got a broken or error answer";
}

}  // namespace
}  // namespace huiqi::server::testing
