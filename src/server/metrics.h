// Request counters and latency histograms in the Prometheus text format.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace huiqi::server {

//! Counts requests by route and status and keeps a latency histogram per route. observe() is
//! lock-free and may be called from any number of threads; render() reads while they write
//! (each number is read atomically; the set of them is not one instant).
class Metrics {
 public:
  //! routes: the label of each route (its path template); observe() takes an index into it.
  explicit Metrics(std::vector<std::string> routes);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  //! Upper bounds of the latency buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 16> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                      0.01,   0.025,   0.05,   0.1,   0.25,   0.5,
                                                      1,      2.5,     5,      10};

  void observe(std::size_t route, int status, std::chrono::microseconds duration);

  //! Gauges reported along with the counters.
  struct Gauges {
    long long generation = 0;
    std::size_t items = 0;
    std::size_t lists = 0;
    std::size_t threads = 0;
    std::size_t busy_threads = 0;
    std::uint64_t snapshot_builds = 0;
  };
  //! The exposition text (version 0.0.4): huiqi_http_requests_total{route,status},
  //! huiqi_http_request_duration_seconds{route} (histogram), and the gauges.
  std::string render(const Gauges& gauges) const;

  //! Requests counted so far for a route (every status), for tests.
  std::uint64_t count(std::size_t route) const;

 private:
  struct Route;
  std::vector<std::string> names_;
  std::unique_ptr<Route[]> routes_;
};

}  // namespace huiqi::server
