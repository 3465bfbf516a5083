// Commands that read the policy base through a snapshot: search, items, show with facts, and
// the extraction accuracy check.
#include <iostream>

#include "base/data_dir.h"
#include "catalog/facts_json.h"
#include "catalog/json.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "extract/accuracy.h"
#include "extract/dictionaries.h"
#include "snapshot/snapshot.h"

namespace huiqi::cli {
namespace {

std::vector<std::pair<std::string, std::string>> parse_filters(
    const std::vector<std::string>& filters) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& filter : filters) {
    const std::size_t eq = filter.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw UserError("bad-filter", "a filter is FIELD=VALUE, got '" + filter + "'",
                      "筛选条件应为 字段=值,而不是“" + filter + "”", {.field = "--filter"});
    }
    out.emplace_back(filter.substr(0, eq), filter.substr(eq + 1));
  }
  return out;
}

}  // namespace

extract::Extractor load_extractor() {
  return extract::Extractor(extract::Dictionaries::load(data_dir()));
}

std::shared_ptr<const snapshot::Snapshot> load_snapshot(const Common& common) {
  auto store = open_store_for(common);
  return snapshot::build(*store, load_extractor());
}

nlohmann::json item_json(const catalog::Item& item, const catalog::Facts& facts,
                         const std::string& list_id, const std::string& as_of) {
  nlohmann::json out = catalog::to_json(item, list_id);
  nlohmann::json documents = nlohmann::json::array();
  for (const auto& d : facts.documents) {
    documents.push_back({{"title", d.title},
                         {"number", d.number},
                         {"issuer", d.issuer_code},
                         {"issuer_name", d.issuer},
                         {"year", d.year},
                         {"seq", d.serial},
                         {"level", catalog::to_string(d.level)},
                         {"truncated", d.truncated},
                         {"inferred", d.inferred}});
  }
  nlohmann::json departments = nlohmann::json::array();
  for (const auto& d : facts.departments) {
    departments.push_back({{"name", d.name}, {"raw", d.raw}, {"note", d.note}, {"known", d.known}});
  }
  out["documents"] = std::move(documents);
  out["departments"] = std::move(departments);
  out["facts"] = catalog::to_json(facts);
  out["as_of"] = as_of;
  out["status"] = catalog::to_string(facts.status_on(as_of));
  return out;
}

int run_search(const Common& common, const SearchArgs& args) {
  const auto snapshot = load_snapshot(common);
  search::SearchRequest request;
  request.query = args.query;
  request.as_of = args.as_of;
  request.filters = parse_filters(args.filters);
  request.sort = args.sort;
  request.offset = args.offset;
  request.limit = args.limit;
  const search::SearchResult result = snapshot->index->search(request);
  if (common.json) {
    std::cout << search::to_json(result).dump(2) << "\n";
  } else {
    std::cout << search::to_text(result);
  }
  return 0;
}

int run_items(const Common& common, const ItemsArgs& args) {
  SearchArgs listing;
  listing.as_of = args.as_of;
  listing.filters = args.filters;
  if (!args.status.empty()) listing.filters.push_back("status=" + args.status);
  listing.sort = "seq";
  listing.limit = 1000;
  const auto snapshot = load_snapshot(common);
  search::SearchRequest request;
  request.as_of = listing.as_of;
  request.filters = parse_filters(listing.filters);
  request.sort = listing.sort;
  request.limit = listing.limit;
  request.highlight = false;
  const search::SearchResult result = snapshot->index->search(request);
  if (common.json) {
    std::cout << search::to_json(result).dump(2) << "\n";
    return 0;
  }
  for (const search::Hit& hit : result.hits) {
    const search::Document* doc = snapshot->find(hit.id);
    std::cout << hit.id << "\t" << hit.status << "\t"
              << (doc != nullptr && !doc->facts.valid_until.empty() ? doc->facts.valid_until : "-")
              << "\t" << hit.title << "\n";
  }
  std::cout << result.total << (common.lang == Lang::zh ? " 项\n" : " items\n");
  return 0;
}

int run_eval_extraction(const Common& common, const EvalArgs& args) {
  const auto report = extract::evaluate_list(args.list_file, load_extractor(), args.expected);
  if (common.json) {
    nlohmann::json mismatches = nlohmann::json::array();
    for (const auto& m : report.mismatches) {
      mismatches.push_back(
          {{"seq", m.seq}, {"field", m.field}, {"expected", m.expected}, {"actual", m.actual}});
    }
    auto field = [](const extract::FieldAccuracy& f) {
      return nlohmann::json{
          {"compared", f.compared}, {"correct", f.correct}, {"accuracy", f.accuracy()}};
    };
    std::cout << nlohmann::json{{"documents", field(report.documents)},
                                {"departments", field(report.departments)},
                                {"valid_until", field(report.valid_until)},
                                {"mismatches", mismatches},
                                {"missing", report.missing}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << extract::to_text(report);
  }
  const bool perfect = report.mismatches.empty() && report.missing.empty();
  return perfect ? 0 : 1;
}

}  // namespace huiqi::cli
