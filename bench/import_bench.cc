// Import speed: parsing the bundled list and storing it, and the same for a 100k-item list made
// by repeating the bundled items with new 序号. Run: build/bench/huiqi_import_bench
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/reader.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;

std::string bundled_text() {
  std::ifstream in(std::string(HUIQI_DEFAULT_DATA_DIR) + "/liaoyang-2023-07-31.txt",
                   std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The bundled table repeated until it has `items` items, each line that starts an item
// renumbered so that 序号 keeps rising (the category headers keep their text).
std::string repeated_list(int items) {
  const std::string text = bundled_text();
  const std::size_t table = text.find("财政资金支持(共");
  std::string out = text.substr(0, table);
  const auto parsed = huiqi::ingest::read_list_bytes(text, "liaoyang.txt").parsed;
  std::vector<std::string> lines;
  std::istringstream in(text.substr(table));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  int seq = 0;
  while (seq < items) {
    for (const std::string& line : lines) {
      // An item line: optional category prefix, then the number and a space.
      std::size_t at = 0;
      if (const std::size_t header = line.find("项) ");
          header != std::string::npos && header < 60) {
        at = header + std::string("项) ").size();
      }
      std::size_t digits = at;
      while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits])))
        ++digits;
      const bool starts_item = digits > at && digits < line.size() && line[digits] == ' ' &&
                               !line.substr(digits + 1).starts_with("年");
      if (starts_item) {
        if (seq == items) break;
        out += line.substr(0, at) + std::to_string(++seq) + line.substr(digits) + "\n";
      } else {
        out += line + "\n";
      }
    }
  }
  return out;
}

fs::path temp_db() {
  static int counter = 0;
  return fs::temp_directory_path() /
         ("huiqi-bench-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db");
}

void remove_db(const fs::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
}

void BM_ParseLiaoyang(benchmark::State& state) {
  const std::string text = bundled_text();
  for (auto _ : state) {
    auto result = huiqi::ingest::read_list_bytes(text, "liaoyang.txt");
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseLiaoyang)->Unit(benchmark::kMillisecond);

// Parse and store into a new database file, as `huiqi import` does.
void import_once(benchmark::State& state, const std::string& text) {
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path db = temp_db();
    state.ResumeTiming();
    auto read = huiqi::ingest::read_list_bytes(text, "list.txt");
    huiqi::catalog::PolicyList list{read.parsed.info, read.parsed.items};
    list.info.id = "bench";
    auto store = huiqi::store::open_store(db.string());
    auto outcome = store->import_list(list, "text", read.parsed.diagnostics);
    benchmark::DoNotOptimize(outcome);
    state.PauseTiming();
    store.reset();
    remove_db(db);
    state.counters["items"] = static_cast<double>(list.items.size());
    state.ResumeTiming();
  }
}

void BM_ImportLiaoyang(benchmark::State& state) { import_once(state, bundled_text()); }
BENCHMARK(BM_ImportLiaoyang)->Unit(benchmark::kMillisecond);

void BM_Import100k(benchmark::State& state) {
  static const std::string text = repeated_list(100'000);
  import_once(state, text);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Import100k)->Unit(benchmark::kMillisecond)->Iterations(3);

// The peer: the same parsed items written into one plain SQLite table in one transaction, with
// no versions, diagnostics or hashing — the floor for storing them.
void BM_PlainSqliteInsert100k(benchmark::State& state) {
  static const std::string text = repeated_list(100'000);
  const auto items = huiqi::ingest::read_list_bytes(text, "list.txt").parsed.items;
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path path = temp_db();
    state.ResumeTiming();
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE items(seq INTEGER "
                 "PRIMARY KEY, category, title, content, basis, departments); BEGIN",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)", -1, &insert, nullptr);
    for (const auto& item : items) {
      sqlite3_bind_int(insert, 1, item.seq);
      int column = 2;
      for (const std::string* field :
           {&item.category, &item.title, &item.content, &item.basis, &item.departments}) {
        sqlite3_bind_text(insert, column++, field->data(), static_cast<int>(field->size()),
                          SQLITE_STATIC);
      }
      sqlite3_step(insert);
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    state.PauseTiming();
    remove_db(path);
    state.ResumeTiming();
  }
}
BENCHMARK(BM_PlainSqliteInsert100k)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
