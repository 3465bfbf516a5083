// A huiqi server in the test process: a temporary SQLite database holding the bundled Liaoyang
// list, served on an ephemeral port of 127.0.0.1, and clients to call it.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "cli/commands.h"
#include "ingest/reader.h"
#include "server/auth.h"
#include "server/server.h"
#include "store/store.h"
#include "support/files.h"

namespace huiqi::server::testing {

namespace fs = std::filesystem;

inline constexpr const char* kListId = "liaoyang-2023-07-31";

using test_support::TempDir;

//! Imports the bundled list (as `huiqi import` would) into store.
inline void import_bundled(store::Store& store) {
  const auto read = ingest::read_list_file(cli::bundled_list_path());
  catalog::PolicyList list{read.parsed.info, read.parsed.items};
  list.info.id = kListId;
  list.info.source = "liaoyang-2023-07-31.txt";
  for (auto& item : list.items) item.id = catalog::make_item_id(list.info.id, item.seq);
  store.import_list(list, ingest::to_string(read.format), read.parsed.diagnostics);
}

//! A server over a fresh database with the bundled list, running until destroyed.
class TestServer {
 public:
  explicit TestServer(ServerOptions options = quiet_options()) {
    db_path_ = dir_.file("huiqi.db");
    store_ = store::open_store(db_path_);
    import_bundled(*store_);
    options.bind = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<Server>(*store_, cli::load_extractor(), options);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->run(); });
  }
  ~TestServer() { stop(); }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  void stop() {
    if (thread_.joinable()) {
      server_->stop();
      thread_.join();
    }
  }

  static ServerOptions quiet_options() {
    ServerOptions options;
    options.access_log = false;
    options.poll_interval = std::chrono::milliseconds(0);
    return options;
  }

  int port() const { return port_; }
  Server& server() { return *server_; }
  store::Store& store() { return *store_; }
  const std::string& db_path() const { return db_path_; }
  const TempDir& dir() const { return dir_; }

  std::unique_ptr<httplib::Client> client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_connection_timeout(5);
    c->set_read_timeout(30);
    c->set_write_timeout(30);
    return c;
  }

  //! A new API token, stored under name.
  std::string token(const std::string& name) {
    const std::string token = new_token();
    store_->create_token(name, token_hash(token));
    return token;
  }

 private:
  TempDir dir_;
  std::string db_path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

//! The answer's body as JSON; a test failure (and null) when it is not JSON.
inline nlohmann::json json_of(const httplib::Result& result) {
  if (!result) {
    ADD_FAILURE() << "no answer: " << httplib::to_string(result.error());
    return nullptr;
  }
  nlohmann::json parsed = nlohmann::json::parse(result->body, nullptr, false);
  if (parsed.is_discarded()) {
    ADD_FAILURE() << "not JSON (status " << result->status << "): " << result->body.substr(0, 300);
    return nullptr;
  }
  return parsed;
}

//! The status of an answer, -1 when there is none.
inline int status_of(const httplib::Result& result) { return result ? result->status : -1; }

//! Checks the error JSON shape and returns its error object.
inline nlohmann::json expect_error(const httplib::Result& result, int status,
                                   const std::string& field = {}) {
  EXPECT_EQ(status_of(result), status) << (result ? result->body : std::string("no answer"));
  if (!result) return nullptr;
  const nlohmann::json body = json_of(result);
  if (!body.is_object() || !body.contains("error")) {
    ADD_FAILURE() << "no error object: " << result->body.substr(0, 300);
    return nullptr;
  }
  const nlohmann::json& error = body["error"];
  EXPECT_TRUE(error["code"].is_string());
  EXPECT_TRUE(error["message"].is_string());
  EXPECT_TRUE(error["message_zh"].is_string());
  if (!field.empty()) {
    EXPECT_EQ(error.value("field", ""), field) << result->body;
  }
  return error;
}

//! Sends raw bytes on a new connection and returns what comes back (up to the close or 5 s).
inline std::string raw_request(int port, const std::string& bytes) {
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{5, 0};
  ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (::connect(sock, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(sock);
    return {};
  }
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(sock, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  // No half-close: a server may take a closed read side for a client that went away.
  std::string out;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::recv(sock, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
    // Stop at the end of the first response rather than wait for the connection to close.
    const std::size_t end = out.find("\r\n\r\n");
    const std::size_t length = out.find("Content-Length: ");
    if (end != std::string::npos && length != std::string::npos && length < end) {
      const std::size_t body =
          std::stoul(out.substr(length + 16, out.find("\r\n", length) - length - 16));
      if (out.size() >= end + 4 + body) break;
    }
  }
  ::close(sock);
  return out;
}

//! The status code of the first response in raw HTTP text, or -1.
inline int raw_status(const std::string& response) {
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return -1;
  return std::stoi(response.substr(9, 3));
}

//! A port nothing listens on right now.
inline int free_port() {
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(sock, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length);
  const int port = ntohs(address.sin_port);
  ::close(sock);
  return port;
}

}  // namespace huiqi::server::testing
