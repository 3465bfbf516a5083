// Extraction speed: the 130 items of the bundled Liaoyang list, and 100k items (the bundled items
// repeated), on one thread and on all hardware threads sharing one Extractor.
// Targets: Liaoyang < 20 ms, 100k items < 10 s. Run: build/bench/huiqi_extract_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "extract/checks.h"
#include "extract/extractor.h"
#include "ingest/text_parser.h"

namespace {

using huiqi::catalog::Item;
using huiqi::extract::Dictionaries;
using huiqi::extract::Extractor;

const std::vector<Item>& bundled_items() {
  static const std::vector<Item> items = [] {
    std::ifstream in(std::string(HUIQI_DEFAULT_DATA_DIR) + "/liaoyang-2023-07-31.txt",
                     std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return huiqi::ingest::TextParser().parse(buffer.str(), "liaoyang.txt").items;
  }();
  return items;
}

const Extractor& extractor() {
  static const Extractor e(Dictionaries::load(HUIQI_DEFAULT_DATA_DIR));
  return e;
}

std::vector<Item> repeated_items(std::size_t count) {
  std::vector<Item> out;
  out.reserve(count);
  const auto& items = bundled_items();
  for (std::size_t i = 0; out.size() < count; ++i) {
    Item item = items[i % items.size()];
    item.seq = static_cast<int>(out.size() + 1);
    out.push_back(std::move(item));
  }
  return out;
}

void BM_LoadDictionaries(benchmark::State& state) {
  for (auto _ : state) {
    Extractor e(Dictionaries::load(HUIQI_DEFAULT_DATA_DIR));
    benchmark::DoNotOptimize(&e);
  }
}
BENCHMARK(BM_LoadDictionaries)->Unit(benchmark::kMillisecond);

void BM_ExtractLiaoyang(benchmark::State& state) {
  const auto& items = bundled_items();
  const Extractor& e = extractor();
  for (auto _ : state) {
    for (const Item& item : items) benchmark::DoNotOptimize(e.extract(item));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * items.size()));
}
BENCHMARK(BM_ExtractLiaoyang)->Unit(benchmark::kMillisecond);

void BM_Extract100k(benchmark::State& state) {
  static const std::vector<Item> items = repeated_items(100000);
  const Extractor& e = extractor();
  const auto threads = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    std::vector<std::thread> workers;
    for (std::size_t t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        for (std::size_t i = t; i < items.size(); i += threads) {
          benchmark::DoNotOptimize(e.extract(items[i]));
        }
      });
    }
    for (auto& w : workers) w.join();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * items.size()));
}
BENCHMARK(BM_Extract100k)
    ->Arg(1)
    ->Arg(std::max(1u, std::thread::hardware_concurrency()))
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

void BM_NearDuplicates100k(benchmark::State& state) {
  static const std::vector<Item> items = [] {
    // Distinct items: the bundled ones with a number appended, so that each has its own text.
    auto out = repeated_items(100000);
    for (Item& item : out) item.content += "第" + std::to_string(item.seq) + "项";
    return out;
  }();
  for (auto _ : state) {
    benchmark::DoNotOptimize(huiqi::extract::near_duplicates(
        std::vector<Item>(items.begin(), items.begin() + state.range(0))));
  }
}
BENCHMARK(BM_NearDuplicates100k)->Arg(130)->Arg(10000)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
