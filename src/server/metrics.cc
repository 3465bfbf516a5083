#include "server/metrics.h"

#include <cstdio>

namespace huiqi::server {
namespace {

constexpr int kFirstStatus = 100;
constexpr int kStatuses = 500;  // 100..599

std::string format_double(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

}  // namespace

struct Metrics::Route {
  std::array<std::atomic<std::uint64_t>, kStatuses> by_status{};
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};
  std::atomic<std::uint64_t> micros{0};
  std::atomic<std::uint64_t> total{0};
};

Metrics::Metrics(std::vector<std::string> routes)
    : names_(std::move(routes)), routes_(std::make_unique<Route[]>(names_.size())) {}

Metrics::~Metrics() = default;

void Metrics::observe(std::size_t route, int status, std::chrono::microseconds duration) {
  if (route >= names_.size()) return;
  Route& r = routes_[route];
  const int slot = status >= kFirstStatus && status < kFirstStatus + kStatuses ? status : 599;
  r.by_status[static_cast<std::size_t>(slot - kFirstStatus)].fetch_add(1,
                                                                       std::memory_order_relaxed);
  const double seconds = static_cast<double>(duration.count()) / 1e6;
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  r.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  r.micros.fetch_add(static_cast<std::uint64_t>(duration.count() < 0 ? 0 : duration.count()),
                     std::memory_order_relaxed);
  r.total.fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t Metrics::count(std::size_t route) const {
  return route < names_.size() ? routes_[route].total.load(std::memory_order_relaxed) : 0;
}

std::string Metrics::render(const Gauges& gauges) const {
  std::string out;
  out.reserve(16384);
  out +=
      "# HELP huiqi_http_requests_total HTTP requests answered, by route and status.\n"
      "# TYPE huiqi_http_requests_total counter\n";
  for (std::size_t i = 0; i < names_.size(); ++i) {
    for (int s = 0; s < kStatuses; ++s) {
      const std::uint64_t n =
          routes_[i].by_status[static_cast<std::size_t>(s)].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += "huiqi_http_requests_total{route=\"" + names_[i] + "\",status=\"" +
             std::to_string(s + kFirstStatus) + "\"} " + std::to_string(n) + "\n";
    }
  }
  out +=
      "# HELP huiqi_http_request_duration_seconds Time from reading a request to its answer.\n"
      "# TYPE huiqi_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < names_.size(); ++i) {
    const Route& r = routes_[i];
    const std::uint64_t total = r.total.load(std::memory_order_relaxed);
    if (total == 0) continue;
    const std::string label = "route=\"" + names_[i] + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += r.buckets[b].load(std::memory_order_relaxed);
      const std::string le = b < kBuckets.size() ? format_double(kBuckets[b]) : "+Inf";
      out += "huiqi_http_request_duration_seconds_bucket{" + label + ",le=\"" + le + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out += "huiqi_http_request_duration_seconds_sum{" + label + "} " +
           format_double(static_cast<double>(r.micros.load(std::memory_order_relaxed)) / 1e6) +
           "\n";
    out += "huiqi_http_request_duration_seconds_count{" + label + "} " +
           std::to_string(cumulative) + "\n";
  }
  out +=
      "# HELP huiqi_snapshot_generation Store generation of the snapshot being served.\n"
      "# TYPE huiqi_snapshot_generation gauge\n"
      "huiqi_snapshot_generation " +
      std::to_string(gauges.generation) +
      "\n"
      "# HELP huiqi_items Items in the snapshot being served.\n"
      "# TYPE huiqi_items gauge\n"
      "huiqi_items " +
      std::to_string(gauges.items) +
      "\n"
      "# HELP huiqi_lists Lists in the snapshot being served.\n"
      "# TYPE huiqi_lists gauge\n"
      "huiqi_lists " +
      std::to_string(gauges.lists) +
      "\n"
      "# HELP huiqi_snapshot_builds_total Snapshots built since the server started.\n"
      "# TYPE huiqi_snapshot_builds_total counter\n"
      "huiqi_snapshot_builds_total " +
      std::to_string(gauges.snapshot_builds) +
      "\n"
      "# HELP huiqi_http_threads Connection threads running (one per open connection, at most "
      "--threads).\n"
      "# TYPE huiqi_http_threads gauge\n"
      "huiqi_http_threads " +
      std::to_string(gauges.threads) +
      "\n"
      "# HELP huiqi_http_threads_busy Connection threads serving a connection.\n"
      "# TYPE huiqi_http_threads_busy gauge\n"
      "huiqi_http_threads_busy " +
      std::to_string(gauges.busy_threads) + "\n";
  return out;
}

}  // namespace huiqi::server
