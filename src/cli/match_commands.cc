// "我能享受哪些政策?": one profile against every policy, or a whole registry in batch.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "match/batch.h"
#include "match/industries.h"
#include "match/match.h"
#include "match/profile.h"
#include "match/synthetic.h"

namespace huiqi::cli {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError("file-not-found", "no such file", "文件不存在", {.file = path});
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Matching needs the compiled rules (a broken data/match-overrides.json leaves none).
void require_rules(const snapshot::Snapshot& snapshot) {
  if (!snapshot.rules) {
    throw UserError("rules-unavailable",
                    "the matching rules could not be compiled: " + snapshot.rules_error,
                    "匹配规则无法编译:" + snapshot.rules_error, {.field = "match-overrides"});
  }
}

int match_one(const Common& common, const MatchArgs& args) {
  const match::Profile profile = match::parse_profile_text(read_file(args.profile), args.profile);
  const auto snapshot = load_snapshot(common);
  require_rules(*snapshot);
  match::MatchOptions options;
  options.as_of = args.as_of;
  options.include_expired = args.include_expired;
  const match::MatchResult result = match::match(profile, snapshot->rules->items, options);
  if (common.json) {
    std::cout << match::to_json(result).dump(2) << "\n";
  } else {
    std::cout << match::to_text(result);
  }
  return 0;
}

int match_batch(const Common& common, const MatchArgs& args) {
  if (args.out.empty()) {
    throw UserError("bad-usage", "--batch needs --out FILE.jsonl", "--batch 需要 --out FILE.jsonl",
                    {.field = "--out"});
  }
  const bool jsonl = args.batch.ends_with(".jsonl") || args.batch.ends_with(".json");
  std::ifstream in(args.batch, std::ios::binary);
  if (!in) throw UserError("file-not-found", "no such file", "文件不存在", {.file = args.batch});
  const std::string temporary = args.out + ".tmp";
  std::ofstream out(temporary, std::ios::binary);
  if (!out) {
    throw UserError("write-failed", "cannot write", "无法写入", {.file = args.out});
  }
  const auto snapshot = load_snapshot(common);
  require_rules(*snapshot);
  match::BatchOptions options;
  options.as_of = args.as_of;
  options.include_expired = args.include_expired;
  // A progress line on a terminal only: piped output stays clean.
  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  const auto progress = [&](const match::BatchProgress& p) {
    if (!terminal) return;
    std::cerr << "\r" << (common.lang == Lang::zh ? "已处理 " : "profiles: ") << p.rows
              << (common.lang == Lang::zh ? " 家,错误 " : ", bad rows: ") << p.bad << std::flush;
  };
  const match::BatchSummary summary =
      match::run_batch(in, jsonl ? match::Format::jsonl : match::Format::csv, out, *snapshot->rules,
                       progress, options);
  out.close();
  std::filesystem::rename(temporary, args.out);
  if (terminal) std::cerr << "\n";
  if (common.json) {
    std::cout << match::to_json(summary).dump(2) << "\n";
    return 0;
  }
  const bool zh = common.lang == Lang::zh;
  std::cout << (zh ? "读取 " : "rows read: ") << summary.rows << (zh ? " 行,匹配 " : ", matched: ")
            << summary.matched << (zh ? " 行,错误 " : ", bad: ") << summary.bad << "\n";
  for (const auto& error : summary.errors) {
    std::cerr << args.batch << ":" << error.line << ": " << error.field
              << (error.field.empty() ? "" : ": ") << error.message << " [" << error.code << "]\n";
  }
  for (const auto& policy : summary.policies) {
    if (policy.eligible == 0 && policy.likely == 0) continue;
    std::cout << policy.id << "\t" << (zh ? "符合 " : "eligible ") << policy.eligible
              << (zh ? "\t可能 " : "\tlikely ") << policy.likely << "\t" << policy.title << "\n";
  }
  return 0;
}

}  // namespace

int run_match(const Common& common, const MatchArgs& args) {
  if (args.profile.empty() == args.batch.empty()) {
    throw UserError("bad-usage", "give either --profile FILE.json or --batch FILE",
                    "请指定 --profile FILE.json 或 --batch FILE 之一", {.field = "--profile"});
  }
  return args.profile.empty() ? match_batch(common, args) : match_one(common, args);
}

int run_generate_registry(const Common& /*common*/, const RegistryArgs& args) {
  match::SyntheticOptions options;
  options.seed = args.seed;
  match::SyntheticRegistry registry(match::default_industries(), options);
  std::ofstream file;
  if (!args.out.empty()) {
    file.open(args.out, std::ios::binary);
    if (!file) throw UserError("write-failed", "cannot write", "无法写入", {.file = args.out});
  }
  std::ostream& out = args.out.empty() ? std::cout : file;
  for (std::uint64_t i = 0; i < args.count; ++i)
    out << match::to_json(registry.next()).dump() << "\n";
  return 0;
}

}  // namespace huiqi::cli
