// Search latency, index build time and memory: huiqi against SQLite FTS5 (trigram, and the
// CJK-bigram workaround), on the bundled Liaoyang list and on a synthetic corpus of real item
// text (sentences of the list's items recombined into new items, deterministic seed).
//
//   huiqi_search_bench [--items N] [--reps R] [--list FILE] [--no-peers] [--query Q] [--one-thread]
//
// Latency is wall time of one in-process call. For huiqi that is a full request as the server
// makes it: ranking, total, facets over all hits, top 10 with highlights. For FTS5 it is the top
// 10 by rank only (SELECT rowid … ORDER BY rank LIMIT 10), which favours FTS5.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/text_parser.h"
#include "search/fts5_peer.h"
#include "search/index.h"
#include "search/index_data.h"

namespace {

using huiqi::catalog::Item;
using huiqi::search::peer::Fts5Index;
using huiqi::search::peer::Fts5Kind;
using Clock = std::chrono::steady_clock;

// A realistic mix: two-character words, multi-term, numbers with units, synonyms and aliases,
// traditional characters, field-style department names.
const std::vector<std::string> kQueries = {
    "房租",         "贴息",          "外贸",     "社保 缓缴",       "个体户 贷款",
    "200万元 担保", "小微企业 贷款", "稳岗返还", "增值税",          "5G",
    "失业保险",     "创业担保贷款",  "人社局",   "高校毕业生 就业", "餐饮 住宿",
    "個體工商戶",   "延期还本付息",  "3个月",    "研发费用",        "知识产权 质押",
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

std::uint64_t splitmix(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Sentences of every content cell, cut after 。 or ；.
std::vector<std::string> sentences(const std::vector<Item>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    const std::string& c = item.content;
    std::size_t start = 0;
    for (std::size_t i = 0; i < c.size();) {
      const bool end = c.compare(i, 3, "。") == 0 || c.compare(i, 3, "；") == 0;
      i += end ? 3 : 1;
      if (end || i >= c.size()) {
        if (i > start) out.push_back(c.substr(start, i - start));
        start = i;
      }
    }
  }
  return out;
}

std::vector<Item> synthetic(const std::vector<Item>& base, std::size_t n) {
  const auto pool = sentences(base);
  std::uint64_t seed = 20230731;
  std::vector<Item> out;
  out.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    Item item;
    item.seq = static_cast<int>(k + 1);
    item.id = "synthetic/" + std::to_string(k + 1);
    const Item& a = base[splitmix(seed) % base.size()];
    item.title = a.title;
    item.category = a.category;
    item.basis = base[splitmix(seed) % base.size()].basis;
    item.departments = base[splitmix(seed) % base.size()].departments;
    const std::size_t count = 1 + splitmix(seed) % 6;
    for (std::size_t i = 0; i < count; ++i) item.content += pool[splitmix(seed) % pool.size()];
    out.push_back(std::move(item));
  }
  return out;
}

std::size_t rss_bytes() {
  std::ifstream in("/proc/self/statm");
  std::size_t pages = 0;
  std::size_t resident = 0;
  in >> pages >> resident;
  return resident * 4096;
}

struct Latency {
  double p50_us = 0;
  double p99_us = 0;
  double mean_us = 0;
};

// The queries of the mix that FTS5 trigram can answer at all (every word ≥ 3 characters).
std::vector<std::string> trigram_answerable() {
  std::vector<std::string> out;
  for (const auto& q : kQueries) {
    bool ok = true;
    std::size_t chars = 0;
    for (std::size_t i = 0; i <= q.size(); ++i) {
      if (i == q.size() || q[i] == ' ') {
        ok = ok && chars >= 3;
        chars = 0;
      } else if ((static_cast<unsigned char>(q[i]) & 0xC0) != 0x80) {
        ++chars;
      }
    }
    if (ok) out.push_back(q);
  }
  return out;
}

template <typename F>
Latency measure(std::size_t reps, F&& run, const std::vector<std::string>& queries = kQueries) {
  std::vector<double> us;
  for (const auto& q : queries) run(q);  // warm-up
  for (std::size_t r = 0; r < reps; ++r) {
    for (const auto& q : queries) {
      const auto t0 = Clock::now();
      run(q);
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    }
  }
  std::sort(us.begin(), us.end());
  Latency l;
  l.p50_us = us[us.size() / 2];
  l.p99_us = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  double sum = 0;
  for (double v : us) sum += v;
  l.mean_us = sum / static_cast<double>(us.size());
  return l;
}

void run_corpus(const std::string& name, std::vector<Item> items, std::size_t reps, bool with_peers,
                const std::string& only_query) {
  std::printf("\n### %s: %zu items, %zu queries × %zu runs\n\n", name.c_str(), items.size(),
              kQueries.size(), reps);
  std::printf("| system | build | memory | p50 | p99 | mean |\n|---|---|---|---|---|---|\n");

  // huiqi
  std::vector<huiqi::search::Document> docs;
  docs.reserve(items.size());
  for (const auto& item : items) docs.push_back({item, {}});
  const std::size_t rss0 = rss_bytes();
  const auto index = huiqi::search::Index::build(std::move(docs));
  const std::size_t rss1 = rss_bytes();
  const auto& st = index->stats();
  std::size_t hits = 0;
  auto huiqi_run = [&](const std::string& q) {
    huiqi::search::SearchRequest req;
    req.query = q;
    req.as_of = "2023-07-31";
    hits += index->search(req).hits.size();
  };
  if (!only_query.empty()) {  // --query: that one alone (for profiling)
    const Latency one = measure(reps * 20, huiqi_run, {only_query});
    std::printf("| huiqi, %s | | | %.1f µs | %.1f µs | %.1f µs |\n", only_query.c_str(), one.p50_us,
                one.p99_us, one.mean_us);
    return;
  }
  const Latency hl = measure(reps, huiqi_run);
  const auto subset = trigram_answerable();
  const Latency hl_subset = measure(reps, huiqi_run, subset);
  std::printf(
      "| huiqi | %.0f ms | %.1f MiB (est. %.1f MiB; RSS +%.1f MiB) | %.1f µs | %.1f µs | %.1f µs "
      "|\n",
      st.build_ms, static_cast<double>(st.memory_bytes) / 1048576.0,
      static_cast<double>(st.memory_bytes) / 1048576.0,
      static_cast<double>(rss1 - std::min(rss1, rss0)) / 1048576.0, hl.p50_us, hl.p99_us,
      hl.mean_us);
  std::printf("| %zu queries trigram can answer: huiqi | | | %.1f µs | %.1f µs | %.1f µs |\n",
              subset.size(), hl_subset.p50_us, hl_subset.p99_us, hl_subset.mean_us);
  std::fprintf(stderr, "  huiqi: %zu terms, %zu postings, %zu positions\n", st.terms, st.postings,
               st.positions);
  for (const auto& q : kQueries) {  // per query, on stderr: median of 5 runs and the hit count
    huiqi::search::SearchRequest req;
    req.query = q;
    req.as_of = "2023-07-31";
    std::vector<double> us;
    std::size_t total = 0;
    std::size_t strong = 0;
    for (int r = 0; r < 5; ++r) {
      const auto t0 = Clock::now();
      const auto result = index->search(req);
      total = result.total;
      strong = result.strong;
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    }
    std::sort(us.begin(), us.end());
    std::fprintf(stderr, "    %-16s %9.1f µs  %zu hits (%zu strong)\n", q.c_str(), us[2], total,
                 strong);
  }

  if (!with_peers) return;
  for (Fts5Kind kind : {Fts5Kind::trigram, Fts5Kind::bigram}) {
    const std::int64_t mem0 = sqlite3_memory_used();
    const auto t0 = Clock::now();
    Fts5Index fts(kind);
    fts.begin();
    for (const auto& item : items) {
      fts.add(item.seq, item.title, item.content, item.basis, item.departments);
    }
    fts.commit();
    const double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    const std::int64_t mem1 = sqlite3_memory_used();
    const std::size_t fts_reps = std::max<std::size_t>(1, items.size() > 10000 ? reps / 4 : reps);
    const Latency fl =
        measure(fts_reps, [&](const std::string& q) { hits += fts.search(q, 10).size(); });
    std::printf("| %s | %.0f ms | %.1f MiB (sqlite3_memory_used) | %.1f µs | %.1f µs | %.1f µs |\n",
                huiqi::search::peer::to_string(kind), build_ms,
                static_cast<double>(mem1 - mem0) / 1048576.0, fl.p50_us, fl.p99_us, fl.mean_us);
    std::printf("|   ↳ huiqi speed-up at p50 / p99 | | | %.1f× | %.1f× | |\n",
                fl.p50_us / hl.p50_us, fl.p99_us / hl.p99_us);
    if (kind == Fts5Kind::trigram) {
      const Latency fs = measure(
          fts_reps, [&](const std::string& q) { hits += fts.search(q, 10).size(); }, subset);
      std::printf(
          "| %zu queries trigram can answer: fts5-trigram | | | %.1f µs | %.1f µs | %.1f µs |\n",
          subset.size(), fs.p50_us, fs.p99_us, fs.mean_us);
      std::printf("|   ↳ huiqi speed-up at p50 / p99 | | | %.1f× | %.1f× | |\n",
                  fs.p50_us / hl_subset.p50_us, fs.p99_us / hl_subset.p99_us);
    }
  }
  std::fprintf(stderr, "  (%zu hits returned in all)\n", hits);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = 100000;
  std::size_t reps = 200;
  std::string list_path = std::string(HUIQI_DEFAULT_DATA_DIR) + "/liaoyang-2023-07-31.txt";
  bool with_peers = true;  // --no-peers: huiqi alone (for profiling)
  std::string only_query;  // --query Q: only Q, on huiqi (for profiling)
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--items" && i + 1 < argc) {
      n = std::stoul(argv[++i]);
    } else if (a == "--reps" && i + 1 < argc) {
      reps = std::stoul(argv[++i]);
    } else if (a == "--list" && i + 1 < argc) {
      list_path = argv[++i];
    } else if (a == "--one-thread") {
      huiqi::search::detail::parallel_search = false;
    } else if (a == "--no-peers") {
      with_peers = false;
    } else if (a == "--query" && i + 1 < argc) {
      only_query = argv[++i];
    } else {
      std::cerr << "usage: huiqi_search_bench [--items N] [--reps R] [--list FILE] [--no-peers] "
                   "[--query Q] [--one-thread]\n";
      return 2;
    }
  }
  try {
    auto parsed = huiqi::ingest::TextParser().parse(read_file(list_path), list_path);
    for (auto& item : parsed.items)
      item.id = huiqi::catalog::make_item_id("liaoyang-2023-07-31", item.seq);
    run_corpus("Liaoyang", parsed.items, reps, with_peers, only_query);
    if (n > 0)
      run_corpus("Synthetic", synthetic(parsed.items, n), std::max<std::size_t>(5, reps / 10),
                 with_peers, only_query);
  } catch (const std::exception& e) {
    std::cerr << "huiqi_search_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
