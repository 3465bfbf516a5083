// The connection thread pool of the server.
//
// cpp-httplib serves a connection on one pool thread for as long as it is kept alive, and its
// fixed ThreadPool queues every connection beyond its size until a thread is free. Under many
// keep-alive connections that means waiting for whole connections to end, not for requests:
// p99 in seconds. This pool starts a thread when no idle one is there (up to a maximum), and
// lets threads above the minimum go after they have been idle a while.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

namespace huiqi::server {

//! Thread safety: every member may be called from any thread.
class ElasticPool : public httplib::TaskQueue {
 public:
  //! Keeps min_threads running, starts up to max_threads; an extra thread idle for idle_timeout
  //! ends. Beyond max_threads, work waits in a queue.
  ElasticPool(std::size_t min_threads, std::size_t max_threads,
              std::chrono::milliseconds idle_timeout = std::chrono::seconds(30));
  ~ElasticPool() override;
  ElasticPool(const ElasticPool&) = delete;
  ElasticPool& operator=(const ElasticPool&) = delete;

  void enqueue(std::function<void()> fn) override;
  //! Runs what is queued, then joins every thread. Later enqueues are dropped.
  void shutdown() override;

  std::size_t threads() const;  //!< running now
  std::size_t busy() const;     //!< running a task now

 private:
  void work(std::list<std::thread>::iterator self);
  void start_thread();  // mutex_ held
  void reap();          // mutex_ held: joins threads that have ended

  const std::size_t min_threads_;
  const std::size_t max_threads_;
  const std::chrono::milliseconds idle_timeout_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::list<std::thread> threads_;
  std::vector<std::list<std::thread>::iterator> ended_;
  std::size_t idle_ = 0;
  std::size_t live_ = 0;
  bool shutdown_ = false;
};

}  // namespace huiqi::server
