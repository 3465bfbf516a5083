#include "server/task_queue.h"

namespace huiqi::server {

ElasticPool::ElasticPool(std::size_t min_threads, std::size_t max_threads,
                         std::chrono::milliseconds idle_timeout)
    : min_threads_(std::min(min_threads, std::max<std::size_t>(max_threads, 1))),
      max_threads_(std::max<std::size_t>(max_threads, 1)),
      idle_timeout_(idle_timeout) {
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < min_threads_; ++i) start_thread();
}

ElasticPool::~ElasticPool() { shutdown(); }

void ElasticPool::start_thread() {
  ++live_;
  threads_.emplace_front();
  const auto self = threads_.begin();
  *self = std::thread([this, self] { work(self); });
}

void ElasticPool::reap() {
  for (const auto it : ended_) {
    it->join();
    threads_.erase(it);
  }
  ended_.clear();
}

void ElasticPool::enqueue(std::function<void()> fn) {
  std::lock_guard lock(mutex_);
  if (shutdown_) return;
  reap();
  jobs_.push_back(std::move(fn));
  // Idle threads take queued work first; start one more only when they cannot all be served.
  if (jobs_.size() > idle_ && live_ < max_threads_) {
    start_thread();
  } else {
    wake_.notify_one();
  }
}

void ElasticPool::work(std::list<std::thread>::iterator self) {
  std::unique_lock lock(mutex_);
  for (;;) {
    ++idle_;
    const bool woken =
        wake_.wait_for(lock, idle_timeout_, [this] { return !jobs_.empty() || shutdown_; });
    --idle_;
    if (!jobs_.empty()) {
      std::function<void()> job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      job = nullptr;  // release what it holds before waiting again
      lock.lock();
      continue;
    }
    if (shutdown_) break;
    if (!woken && live_ > min_threads_) break;
  }
  --live_;
  // shutdown() joins everything itself; otherwise the next enqueue() joins this thread.
  if (!shutdown_) ended_.push_back(self);
}

void ElasticPool::shutdown() {
  std::list<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    if (shutdown_) return;
    shutdown_ = true;
    ended_.clear();
    threads.swap(threads_);
  }
  wake_.notify_all();
  for (std::thread& thread : threads) {
    if (thread.joinable()) thread.join();
  }
}

std::size_t ElasticPool::threads() const {
  std::lock_guard lock(mutex_);
  return live_;
}

std::size_t ElasticPool::busy() const {
  std::lock_guard lock(mutex_);
  return live_ - idle_;
}

}  // namespace huiqi::server
