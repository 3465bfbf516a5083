#include "cli/commands.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "base/data_dir.h"
#include "base/dates.h"
#include "catalog/csv.h"
#include "catalog/facts_json.h"
#include "catalog/json.h"
#include "cli/output.h"
#include "extract/checks.h"
#include "ingest/reader.h"
#include "match/industries.h"
#include "store/store.h"

namespace huiqi::cli {

std::unique_ptr<store::Store> open_store_for(const Common& common) {
  return store::open_store(common.db.empty() ? store::default_location() : common.db);
}

namespace {

// A list id from a file name: its stem, with characters unsafe in URLs and ids replaced.
std::string list_id_from_path(const std::string& path) {
  std::string id = std::filesystem::path(path).stem().string();
  for (char& c : id) {
    if (c == '/' || c == '\\' || c == ' ' || c == '?' || c == '#' || c == '%' || c == '@') c = '-';
  }
  return id.empty() ? "list" : id;
}

struct ParsedFile {
  std::string path;
  ingest::ReadResult read;
};

ParsedFile parse_file(const std::string& path, const ImportArgs& args) {
  ingest::ReadOptions options;
  options.format = ingest::parse_format(args.format);
  options.encoding = args.encoding;
  return {path, ingest::read_list_file(path, options)};
}

void print_diagnostics(const std::vector<ingest::Diagnostic>& diagnostics, Lang lang,
                       bool include_info) {
  for (const auto& d : diagnostics) {
    if (d.severity == ingest::Severity::info && !include_info) continue;
    std::cerr << describe(d, lang) << "\n";
  }
}

nlohmann::json categories_json(const std::vector<catalog::Item>& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, count] : category_counts(items)) {
    out.push_back({{"name", name}, {"items", count}});
  }
  return out;
}

std::string categories_text(const std::vector<catalog::Item>& items) {
  std::string out;
  for (const auto& [name, count] : category_counts(items)) {
    out += (out.empty() ? "" : ", ") + name + " " + std::to_string(count);
  }
  return out;
}

// What extraction finds wrong in the items (no department, unknown department, unparsed 文号,
// …) and items that nearly repeat each other, as diagnostics at the items' lines.
std::vector<ingest::Diagnostic> quality_findings(const std::vector<catalog::Item>& items,
                                                 const std::string& file,
                                                 const extract::Extractor& extractor) {
  std::vector<ingest::Diagnostic> out;
  std::map<int, int> line_of;
  for (const catalog::Item& item : items) {
    line_of[item.seq] = item.lines.first;
    for (const auto& finding : extract::check_facts(item, extractor.extract(item))) {
      out.push_back({file, item.lines.first, 0, ingest::Severity::warning, finding.code,
                     finding.message, finding.message_zh});
    }
  }
  for (const auto& pair : extract::near_duplicates(items)) {
    const std::string a = std::to_string(pair.seq_a);
    const std::string b = std::to_string(pair.seq_b);
    const std::string share = std::to_string(static_cast<int>(pair.containment * 100 + 0.5));
    out.push_back({file, line_of[pair.seq_b], 0, ingest::Severity::warning, "near-duplicate",
                   "item " + b + " nearly repeats item " + a + " (" + share +
                       "% of the shorter text is shared)",
                   "第" + b + "项与第" + a + "项内容几乎相同(较短者 " + share + "% 相同)"});
  }
  return out;
}

}  // namespace

int run_check(const Common& common, const ImportArgs& args) {
  nlohmann::json report = nlohmann::json::array();
  bool ok = true;
  const extract::Extractor extractor = load_extractor();  // the dictionaries, read once
  for (const std::string& path : args.files) {
    ParsedFile file = parse_file(path, args);
    auto& parsed = file.read.parsed;
    if (parsed.ok()) {
      auto findings = quality_findings(parsed.items, path, extractor);
      parsed.diagnostics.insert(parsed.diagnostics.end(), findings.begin(), findings.end());
      std::stable_sort(parsed.diagnostics.begin(), parsed.diagnostics.end(),
                       [](const auto& x, const auto& y) { return x.line < y.line; });
    }
    ok = ok && parsed.ok();
    if (common.json) {
      report.push_back({{"file", path},
                        {"format", ingest::to_string(file.read.format)},
                        {"encoding", file.read.encoding},
                        {"ok", parsed.ok()},
                        {"items", parsed.items.size()},
                        {"categories", categories_json(parsed.items)},
                        {"diagnostics", to_json(parsed.diagnostics)}});
      continue;
    }
    print_diagnostics(parsed.diagnostics, common.lang, true);
    if (common.lang == Lang::zh) {
      std::cout << path << ": " << parsed.items.size() << " 项(" << categories_text(parsed.items)
                << "),格式 " << ingest::to_string(file.read.format) << ","
                << count_summary(parsed.diagnostics, common.lang) << "\n";
    } else {
      std::cout << path << ": " << parsed.items.size() << " items ("
                << categories_text(parsed.items) << "), format "
                << ingest::to_string(file.read.format) << ", "
                << count_summary(parsed.diagnostics, common.lang) << "\n";
    }
  }
  if (common.json) std::cout << nlohmann::json{{"ok", ok}, {"files", report}}.dump(2) << "\n";
  return ok ? 0 : 1;
}

int run_import(const Common& common, const ImportArgs& args) {
  if (!args.list_id.empty() && args.files.size() > 1) {
    throw UserError("bad-usage", "--id names one list: import one file with it",
                    "--id 只能用于导入单个文件", {.field = "--id"});
  }
  // Parse everything first: if any file has an error, nothing is stored.
  std::vector<ParsedFile> files;
  bool ok = true;
  for (const std::string& path : args.files) {
    files.push_back(parse_file(path, args));
    ok = ok && files.back().read.parsed.ok();
  }
  if (!ok) {
    nlohmann::json report = nlohmann::json::array();
    for (const auto& file : files) {
      if (common.json) {
        report.push_back({{"file", file.path},
                          {"ok", file.read.parsed.ok()},
                          {"diagnostics", to_json(file.read.parsed.diagnostics)}});
      } else {
        print_diagnostics(file.read.parsed.diagnostics, common.lang, false);
      }
    }
    if (common.json) std::cout << nlohmann::json{{"ok", false}, {"files", report}}.dump(2) << "\n";
    std::cerr << (common.lang == Lang::zh ? "导入失败:文件有错误,数据库未作任何更改\n"
                                          : "import failed: the input has errors; nothing was "
                                            "stored\n");
    return 1;
  }

  auto store = open_store_for(common);
  nlohmann::json report = nlohmann::json::array();
  for (auto& file : files) {
    catalog::PolicyList list{file.read.parsed.info, file.read.parsed.items};
    if (!args.list_id.empty()) {
      list.info.id = args.list_id;
    } else if (list.info.id.empty()) {
      list.info.id = list_id_from_path(file.path);
    }
    if (list.info.source.empty()) list.info.source = std::filesystem::path(file.path).filename();
    for (auto& item : list.items) item.id = catalog::make_item_id(list.info.id, item.seq);
    const store::ImportOutcome outcome =
        store->import_list(list, ingest::to_string(file.read.format), file.read.parsed.diagnostics);
    if (common.json) {
      report.push_back({{"file", file.path},
                        {"list", list.info.id},
                        {"version", outcome.version},
                        {"unchanged", outcome.unchanged},
                        {"items", outcome.items},
                        {"categories", categories_json(list.items)},
                        {"diagnostics", to_json(file.read.parsed.diagnostics)}});
      continue;
    }
    const bool zh = common.lang == Lang::zh;
    if (!outcome.unchanged) print_diagnostics(file.read.parsed.diagnostics, common.lang, false);
    if (outcome.unchanged) {
      std::cout << file.path << (zh ? ": 内容与 " : ": unchanged, same content as ") << list.info.id
                << (zh ? " 第 " : " version ") << outcome.version
                << (zh ? " 版相同,未作更改\n" : "; nothing stored\n");
    } else {
      std::cout << file.path << (zh ? ": 已导入 " : ": imported ") << list.info.id
                << (zh ? " 第 " : " version ") << outcome.version << (zh ? " 版," : ": ")
                << outcome.items << (zh ? " 项(" : " items (") << categories_text(list.items)
                << (zh ? ")," : "), ") << count_summary(file.read.parsed.diagnostics, common.lang)
                << "\n";
    }
  }
  if (common.json) std::cout << nlohmann::json{{"ok", true}, {"imports", report}}.dump(2) << "\n";
  return 0;
}

int run_list(const Common& common) {
  auto store = open_store_for(common);
  const auto versions = store->versions();
  if (common.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : versions) out.push_back(catalog::to_json(v));
    std::cout << nlohmann::json{{"versions", out}}.dump(2) << "\n";
    return 0;
  }
  if (versions.empty()) {
    std::cout << (common.lang == Lang::zh ? "数据库中还没有清单\n" : "no lists stored yet\n");
    return 0;
  }
  for (const auto& v : versions) {
    std::cout << v.info.id << "  v" << v.version << "  " << v.item_count
              << (common.lang == Lang::zh ? " 项  " : " items  ") << v.info.title << "  "
              << v.info.issuer << "  " << v.info.published << "  (" << v.format << ", "
              << v.imported_at << ")\n";
  }
  return 0;
}

int run_show(const Common& common, const ShowArgs& args) {
  auto store = open_store_for(common);
  const std::string as_of = args.as_of.empty() ? today() : args.as_of;
  if (auto item = store->find_item(args.id, args.version)) {
    const std::string list_id = args.id.substr(0, args.id.rfind('/'));
    const catalog::Facts facts = load_extractor().extract(*item);
    if (common.json) {
      std::cout << item_json(*item, facts, list_id, as_of).dump(2) << "\n";
    } else {
      print_item(std::cout, *item, common.lang);
      print_facts(std::cout, facts, as_of, common.lang);
    }
    return 0;
  }
  if (auto list = store->load_list(args.id, args.version)) {
    if (common.json) {
      std::cout << catalog::export_json(*list).dump(2) << "\n";
    } else {
      std::cout << list->info.id << "  " << list->info.title << "  " << list->info.issuer << "  "
                << list->info.published << "\n";
      for (const auto& item : list->items) {
        std::cout << "  " << item.seq << "\t" << item.category << "\t" << item.title << "\n";
      }
    }
    return 0;
  }
  throw UserError("not-found", "no item or list with id '" + args.id + "'",
                  "找不到编号为“" + args.id + "”的事项或清单", {.field = "ID"});
}

int run_export(const Common& common, const ExportArgs& args) {
  auto store = open_store_for(common);
  std::string list_id = args.list_id;
  if (list_id.empty()) {
    std::vector<std::string> ids;
    for (const auto& v : store->versions()) {
      if (ids.empty() || ids.back() != v.info.id) ids.push_back(v.info.id);
    }
    if (ids.size() != 1) {
      throw UserError(
          "bad-usage",
          ids.empty() ? "no list is stored" : "several lists are stored: name one with --list",
          ids.empty() ? "数据库中没有清单" : "数据库中有多个清单,请用 --list 指定",
          {.field = "--list"});
    }
    list_id = ids.front();
  }
  const auto list = store->load_list(list_id, args.version);
  if (!list) {
    throw UserError("not-found",
                    "no list '" + list_id + "'" +
                        (args.version > 0 ? " version " + std::to_string(args.version) : ""),
                    "找不到清单“" + list_id + "”", {.field = "--list"});
  }
  std::string body;
  if (args.format == "json") {
    // The export carries each item's facts; import reads the published columns back.
    nlohmann::json document = catalog::export_json(*list);
    const extract::Extractor extractor = load_extractor();
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      document["items"][i]["facts"] = catalog::to_json(extractor.extract(list->items[i]));
    }
    body = document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  } else if (args.format == "csv") {
    body = catalog::to_csv(*list);
  } else {
    throw UserError("bad-format", "unknown export format '" + args.format + "' (json or csv)",
                    "未知导出格式“" + args.format + "”(应为 json 或 csv)", {.field = "--format"});
  }
  if (args.out.empty()) {
    std::cout << body;
    return 0;
  }
  // Write beside the target, then rename: a failed export never leaves half a file.
  const std::string temporary = args.out + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary);
    out << body;
    if (!out) {
      throw UserError("write-failed", "cannot write the export", "无法写入导出文件",
                      {.file = args.out});
    }
  }
  std::filesystem::rename(temporary, args.out);
  return 0;
}

std::string bundled_list_path() { return (data_dir() / "liaoyang-2023-07-31.txt").string(); }

}  // namespace huiqi::cli
