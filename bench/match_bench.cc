// Batch matching throughput: the Liaoyang rules over a synthetic registry generated in memory
// chunk by chunk, with the bit-parallel engine and, in the same run, a straightforward
// per-profile evaluation (classify the size, then evaluate every rule's tree) on a prefix of the
// same registry. Reports profiles/s per phase and the peak resident memory (getrusage).
//
//   huiqi_match_bench [--profiles N] [--chunk N] [--baseline N] [--as-of YYYY-MM-DD] [--seed S]
//
// Results are recorded in bench/RESULTS.md (## Matching).
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/data_dir.h"
#include "catalog/model.h"
#include "extract/extractor.h"
#include "ingest/text_parser.h"
#include "match/batch.h"
#include "match/industries.h"
#include "match/rules.h"
#include "match/synthetic.h"

namespace {

using namespace huiqi;

// CPU time of this (single-threaded) process: the machine is shared, and the target is per core.
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
};

double seconds_since(double start) { return Clock::now() - start; }

double wall_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double peak_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

match::Rules liaoyang_rules() {
  const std::string dir = data_dir().string();
  std::ifstream in(dir + "/liaoyang-2023-07-31.txt", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::vector<catalog::Item> items =
      ingest::TextParser().parse(text.str(), "liaoyang-2023-07-31.txt").items;
  const extract::Extractor extractor(extract::Dictionaries::load(dir));
  std::vector<catalog::Facts> facts;
  for (catalog::Item& item : items) {
    item.id = catalog::make_item_id("liaoyang-2023-07-31", item.seq);
    facts.push_back(extractor.extract(item));
  }
  return match::compile_rules(items, facts, match::default_overrides(),
                              match::default_industries());
}

// A registry file that is never materialized: rows are generated as the reader asks for them, so
// the end-to-end run shows memory bounded by the chunk, not by the input.
class SyntheticFile : public std::streambuf {
 public:
  SyntheticFile(match::SyntheticRegistry& registry, std::uint64_t rows, match::Format format)
      : registry_(registry), rows_(rows), format_(format) {
    if (format_ == match::Format::csv) {
      for (const match::FieldInfo& field : match::all_fields()) {
        if (field.kind == match::FieldKind::size) continue;
        buffer_ += buffer_.empty() ? "id," : ",";
        buffer_ += field.path;
      }
      buffer_ += "\n";
      setg(buffer_.data(), buffer_.data(), buffer_.data() + buffer_.size());
    }
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    buffer_.clear();
    for (int i = 0; i < 256 && rows_ > 0; ++i, --rows_) {
      const match::Profile p = registry_.next();
      if (format_ == match::Format::jsonl) {
        buffer_ += match::to_json(p).dump();
      } else {
        buffer_ += p.id;
        for (const match::FieldInfo& field : match::all_fields()) {
          if (field.kind == match::FieldKind::size) continue;
          buffer_ += ',';
          if (match::display_value(p, field.id) == "未知") continue;
          buffer_ += cell(p, field);
        }
      }
      buffer_ += '\n';
    }
    if (buffer_.empty()) return traits_type::eof();
    setg(buffer_.data(), buffer_.data(), buffer_.data() + buffer_.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  static std::string cell(const match::Profile& p, const match::FieldInfo& field) {
    switch (field.kind) {
      case match::FieldKind::boolean:
        return *match::get_bool(p, field.id) ? "true" : "false";
      case match::FieldKind::number:
        return match::format_number(*match::get_number(p, field.id));
      case match::FieldKind::choice:
        return std::string(
            field.choices[static_cast<std::size_t>(*match::get_choice(p, field.id))].value);
      case match::FieldKind::set: {
        const auto& values = **match::set_slot(const_cast<match::Profile&>(p), field.id);
        std::string out;
        for (const std::string& value : values) out += (out.empty() ? "" : ";") + value;
        return out.empty() ? "none" : out;
      }
      default:
        return *match::get_code(p, field.id);
    }
  }

  match::SyntheticRegistry& registry_;
  std::uint64_t rows_;
  match::Format format_;
  std::string buffer_;
};

// Counts what is written and keeps nothing.
class NullOutput : public std::streambuf {
 public:
  std::uint64_t bytes = 0;

 protected:
  int_type overflow(int_type c) override {
    ++bytes;
    return c;
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<std::uint64_t>(n);
    return n;
  }
};

std::uint64_t parse_count(const char* text) {
  return static_cast<std::uint64_t>(std::strtoull(text, nullptr, 10));
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t profiles = 10'000'000;
  std::uint64_t baseline = 1'000'000;
  std::size_t chunk_size = 65536;
  std::string as_of = "2023-08-01";
  std::uint64_t seed = 20230731;
  std::uint64_t end_to_end = 1'000'000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--profiles")
      profiles = parse_count(argv[i + 1]);
    else if (flag == "--baseline")
      baseline = parse_count(argv[i + 1]);
    else if (flag == "--chunk")
      chunk_size = static_cast<std::size_t>(parse_count(argv[i + 1]));
    else if (flag == "--as-of")
      as_of = argv[i + 1];
    else if (flag == "--seed")
      seed = parse_count(argv[i + 1]);
    else if (flag == "--e2e")
      end_to_end = parse_count(argv[i + 1]);
    else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  baseline = std::min(baseline, profiles);

  const match::Rules rules = liaoyang_rules();
  const match::IndustryCatalog& industries = match::default_industries();
  const match::SizeStandard& standard = match::default_size_standard();
  match::BatchOptions options;
  options.as_of = as_of;
  match::BatchMatcher matcher(rules, options);
  const std::size_t items = matcher.items().size();
  std::printf("rules: %zu items active on %s (%zu expired left out), %zu distinct nodes\n", items,
              as_of.c_str(), matcher.expired().size(), matcher.node_count());

  const double wall_start = wall_now();
  // Bit-parallel engine over the whole registry, chunk by chunk.
  match::SyntheticRegistry registry(industries, {.seed = seed});
  match::ProfileColumns chunk(chunk_size, standard, industries);
  std::vector<std::uint64_t> eligible(items, 0);
  std::vector<std::uint64_t> likely(items, 0);
  std::vector<std::uint64_t> base_eligible(items, 0);
  std::vector<std::uint64_t> base_likely(items, 0);
  std::vector<match::Profile> prefix;  // the first `baseline` profiles, chunk by chunk
  double generate_s = 0;
  double columns_s = 0;
  double evaluate_s = 0;
  double baseline_s = 0;
  std::uint64_t done = 0;
  std::uint64_t baseline_done = 0;
  while (done < profiles) {
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(chunk_size, profiles - done));
    std::vector<match::Profile> batch;
    batch.reserve(n);
    double t = Clock::now();
    for (std::size_t i = 0; i < n; ++i) batch.push_back(registry.next());
    generate_s += seconds_since(t);

    t = Clock::now();
    chunk.clear();
    for (std::size_t i = 0; i < n; ++i) chunk.append(batch[i], done + i + 1);
    columns_s += seconds_since(t);

    t = Clock::now();
    matcher.evaluate(chunk);
    for (std::size_t k = 0; k < items; ++k) {
      for (std::size_t w = 0; w < (n + 63) / 64; ++w) {
        eligible[k] += static_cast<std::uint64_t>(__builtin_popcountll(matcher.yes(k)[w]));
        likely[k] += static_cast<std::uint64_t>(__builtin_popcountll(matcher.unknown(k)[w]));
      }
    }
    evaluate_s += seconds_since(t);

    // The straightforward way on the same profiles, for the first `baseline` of them.
    if (baseline_done < baseline) {
      const std::size_t m =
          static_cast<std::size_t>(std::min<std::uint64_t>(n, baseline - baseline_done));
      t = Clock::now();
      for (std::size_t i = 0; i < m; ++i) {
        const match::Subject subject = match::make_subject(batch[i], standard);
        for (std::size_t k = 0; k < items; ++k) {
          const match::Tri value = match::evaluate(matcher.items()[k]->rule, subject);
          base_eligible[k] += value == match::Tri::yes;
          base_likely[k] += value == match::Tri::unknown;
        }
      }
      baseline_s += seconds_since(t);
      baseline_done += m;
      if (baseline_done == done + n) {  // same profiles so far: the counts must agree
        for (std::size_t k = 0; k < items; ++k) {
          if (base_eligible[k] != eligible[k] || base_likely[k] != likely[k]) {
            std::fprintf(stderr, "MISMATCH on %s\n", matcher.items()[k]->item.id.c_str());
            return 1;
          }
        }
      }
    }
    done += n;
  }

  const double wall = wall_now() - wall_start;
  const double total = static_cast<double>(profiles);
  std::printf("profiles: %llu (chunk %zu, seed %llu); CPU seconds below, wall %.1f s for all\n",
              static_cast<unsigned long long>(profiles), chunk_size,
              static_cast<unsigned long long>(seed), wall);
  std::printf("generate (synthetic Profile structs): %8.2f s  %12.0f profiles/s\n", generate_s,
              total / generate_s);
  std::printf("columns  (Profile -> columns + size): %8.2f s  %12.0f profiles/s\n", columns_s,
              total / columns_s);
  std::printf("evaluate (bitsets, %zu rules + counts): %6.2f s  %12.0f profiles/s\n", items,
              evaluate_s, total / evaluate_s);
  std::printf("engine   (columns + evaluate):         %6.2f s  %12.0f profiles/s\n",
              columns_s + evaluate_s, total / (columns_s + evaluate_s));
  std::printf("per-profile baseline (%llu profiles):  %6.2f s  %12.0f profiles/s\n",
              static_cast<unsigned long long>(baseline_done), baseline_s,
              static_cast<double>(baseline_done) / baseline_s);
  const double base_rate = static_cast<double>(baseline_done) / baseline_s;
  std::printf("speed-up over per-profile: engine %.1fx, evaluate alone %.1fx\n",
              total / (columns_s + evaluate_s) / base_rate, total / evaluate_s / base_rate);
  std::printf("peak RSS: %.1f MB\n", peak_mb());
  // End to end: run_batch reading generated CSV and JSONL and writing JSON lines.
  for (const match::Format format : {match::Format::csv, match::Format::jsonl}) {
    if (end_to_end == 0) break;
    match::SyntheticRegistry rows(industries, {.seed = seed});
    SyntheticFile file(rows, end_to_end, format);
    std::istream in(&file);
    NullOutput sink;
    std::ostream out(&sink);
    // Generating the rows is part of this timing; subtract it for the reader's own cost.
    double t = Clock::now();
    const match::BatchSummary summary = match::run_batch(in, format, out, rules, {}, options);
    const double seconds = seconds_since(t);
    std::printf(
        "run_batch %-5s (rows generated on the fly): %7.2f s  %10.0f rows/s  "
        "(%llu rows, %llu bad, %.0f MB written)\n",
        format == match::Format::csv ? "csv" : "jsonl", seconds,
        static_cast<double>(summary.rows) / seconds, static_cast<unsigned long long>(summary.rows),
        static_cast<unsigned long long>(summary.bad), static_cast<double>(sink.bytes) / 1e6);
  }
  std::printf("peak RSS after end-to-end runs: %.1f MB\n", peak_mb());

  std::uint64_t any_eligible = 0;
  for (std::size_t k = 0; k < items; ++k) any_eligible += eligible[k];
  std::printf("eligible verdicts: %llu (e.g. %s: %llu eligible, %llu likely)\n",
              static_cast<unsigned long long>(any_eligible),
              matcher.items().front()->item.id.c_str(),
              static_cast<unsigned long long>(eligible.front()),
              static_cast<unsigned long long>(likely.front()));
  return 0;
}
