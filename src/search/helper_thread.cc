#include "search/helper_thread.h"

#include <chrono>
#include <utility>

namespace huiqi::search {
namespace {

// After a job the helper stays awake this long for the next one: waking a sleeping thread
// costs tens of microseconds, as much as the half of a small query it would take over.
constexpr auto kSpin = std::chrono::microseconds(200);

// How long a thread spins for the other before it sleeps (PairBarrier, HelperThread::wait).
constexpr auto kSpinBeforeSleep = std::chrono::microseconds(100);

void relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Spins until done() or `at_most` has passed; returns done().
template <typename Done>
bool spin_until(Done&& done, std::chrono::microseconds at_most = kSpinBeforeSleep) {
  const auto until = std::chrono::steady_clock::now() + at_most;
  for (int i = 1; !done(); ++i) {
    relax();
    if (i % 64 == 0 && std::chrono::steady_clock::now() > until) return done();
  }
  return true;
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
  if (!spin_until([this] { return finished_.load(std::memory_order_acquire); })) {
    finished_.wait(false, std::memory_order_acquire);
  }
  busy_.store(false, std::memory_order_release);
}

void HelperThread::loop() {
  while (true) {
    spin_until([this] { return posted_.load(std::memory_order_acquire); }, kSpin);
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

void PairBarrier::arrive_and_wait() {
  if (dropped_.load(std::memory_order_acquire)) return;
  const std::uint32_t phase = phase_.load(std::memory_order_acquire);
  if (arrived_.fetch_add(1, std::memory_order_acq_rel) == 1) {  // the second: open the next phase
    arrived_.store(0, std::memory_order_relaxed);
    phase_.fetch_add(1, std::memory_order_release);
    phase_.notify_one();
    return;
  }
  // (dropped_ is set before the phase moves, so a thread that saw the new phase sees it too.)
  auto passed = [&] {
    return phase_.load(std::memory_order_acquire) != phase ||
           dropped_.load(std::memory_order_acquire);
  };
  if (spin_until(passed)) return;
  while (!passed()) phase_.wait(phase, std::memory_order_acquire);
}

void PairBarrier::arrive_and_drop() {
  dropped_.store(true, std::memory_order_release);
  phase_.fetch_add(1, std::memory_order_release);
  phase_.notify_one();
}

}  // namespace huiqi::search
