// A second thread that one search at a time may borrow to evaluate half of the documents, and
// the barrier where the two halves of such a search wait for each other.
//
// On an idle machine two threads answer a large query in about half the time; under load every
// core is already busy with requests of its own, so a search that finds the helper busy simply
// runs alone instead of queueing for it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace huiqi::search {

class HelperThread {
 public:
  //! The process's helper (started on first use).
  static HelperThread& instance();

  HelperThread();
  ~HelperThread();
  HelperThread(const HelperThread&) = delete;
  HelperThread& operator=(const HelperThread&) = delete;

  //! Starts job on the helper and returns true, or returns false at once when the helper is busy
  //! (or there is no second core). A caller that got true must call wait() before the job's
  //! data goes away. The job must not throw.
  bool try_run(std::function<void()> job);

  //! Returns when the job handed over by this caller's try_run has finished.
  void wait();

 private:
  void loop();

  std::atomic<bool> busy_{false};      // a job is handed over and not yet waited for
  std::atomic<bool> posted_{false};    // a job waits to be started
  std::atomic<bool> finished_{false};  // the job handed over has finished
  std::function<void()> job_;
  std::mutex mutex_;  // for sleeping between jobs
  std::condition_variable wake_;
  bool stop_ = false;
  bool enabled_ = false;
  std::thread thread_;
};

//! Where the two threads of one split search wait for each other between steps. The waits are
//! short (the other half of one step), so a thread spins a while before it sleeps: a sleeping
//! thread takes tens of microseconds to wake, as long as a step itself.
class PairBarrier {
 public:
  //! Returns when the other thread has arrived too, or has dropped out.
  void arrive_and_wait();
  //! Leaves the barrier for good: the other thread's waits return at once from now on.
  void arrive_and_drop();

 private:
  std::atomic<std::uint32_t> arrived_{0};  // in the current phase
  std::atomic<std::uint32_t> phase_{0};
  std::atomic<bool> dropped_{false};
};

}  // namespace huiqi::search
