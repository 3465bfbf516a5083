#include "search/helper_thread.h"

#include <chrono>
#include <utility>

namespace huiqi::search {
namespace {

// After a job the helper stays awake this long for the next one: waking a sleeping thread
// costs tens of microseconds, as much as the half of a small query it would take over.
constexpr auto kSpin = std::chrono::microseconds(200);

void relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

}  // namespace

HelperThread& HelperThread::instance() {
  static HelperThread helper;
  return helper;
}

HelperThread::HelperThread() : enabled_(std::thread::hardware_concurrency() > 1) {
  if (enabled_) thread_ = std::thread([this] { loop(); });
}

HelperThread::~HelperThread() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

bool HelperThread::try_run(std::function<void()> job) {
  if (!enabled_ || busy_.exchange(true, std::memory_order_acquire)) return false;
  job_ = std::move(job);
  finished_.store(false, std::memory_order_relaxed);
  {
    std::lock_guard lock(mutex_);
    posted_.store(true, std::memory_order_release);
  }
  wake_.notify_one();
  return true;
}

void HelperThread::wait() {
  finished_.wait(false, std::memory_order_acquire);
  busy_.store(false, std::memory_order_release);
}

void HelperThread::loop() {
  while (true) {
    const auto until = std::chrono::steady_clock::now() + kSpin;
    for (int i = 1; !posted_.load(std::memory_order_acquire); ++i) {
      relax();
      if (i % 64 == 0 && std::chrono::steady_clock::now() > until) break;
    }
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || posted_.load(std::memory_order_acquire); });
      if (stop_) return;
    }
    posted_.store(false, std::memory_order_relaxed);
    job_();
    job_ = nullptr;
    finished_.store(true, std::memory_order_release);
    finished_.notify_one();
  }
}

}  // namespace huiqi::search
