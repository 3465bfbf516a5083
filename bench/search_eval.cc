// Ranking quality of huiqi search against SQLite FTS5 on judged queries over the bundled list.
//
//   huiqi_search_eval [--queries FILE] [--list FILE] [--verbose]
//
// FILE: query<TAB>seq:grade seq:grade … (grade 2 = exactly what the query seeks, 1 = relevant;
// '#' lines are comments). Prints nDCG@10 and recall@10 (grade ≥ 1 counts as relevant) per
// system and per query. Items are indexed with empty Facts (what search sees before extraction).
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/text_parser.h"
#include "search/fts5_peer.h"
#include "search/index.h"

namespace {

using huiqi::search::peer::Fts5Index;
using huiqi::search::peer::Fts5Kind;

struct Judged {
  std::string query;
  std::map<int, int> grades;  // seq → grade
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

std::vector<Judged> read_queries(const std::string& path) {
  std::vector<Judged> out;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    Judged j{line.substr(0, tab), {}};
    std::istringstream grades(line.substr(tab + 1));
    std::string g;
    while (grades >> g) {
      const auto colon = g.find(':');
      if (colon == std::string::npos) continue;
      j.grades[std::stoi(g.substr(0, colon))] = std::stoi(g.substr(colon + 1));
    }
    out.push_back(std::move(j));
  }
  return out;
}

double ndcg10(const std::vector<int>& ranked, const std::map<int, int>& grades) {
  double dcg = 0;
  for (std::size_t i = 0; i < ranked.size() && i < 10; ++i) {
    auto it = grades.find(ranked[i]);
    if (it != grades.end())
      dcg += (std::pow(2.0, it->second) - 1) / std::log2(static_cast<double>(i) + 2);
  }
  std::vector<int> ideal;
  for (const auto& [seq, g] : grades) ideal.push_back(g);
  std::sort(ideal.rbegin(), ideal.rend());
  double idcg = 0;
  for (std::size_t i = 0; i < ideal.size() && i < 10; ++i) {
    idcg += (std::pow(2.0, ideal[i]) - 1) / std::log2(static_cast<double>(i) + 2);
  }
  return idcg > 0 ? dcg / idcg : 0;
}

double recall10(const std::vector<int>& ranked, const std::map<int, int>& grades) {
  std::size_t found = 0;
  std::size_t relevant = 0;
  for (const auto& [seq, g] : grades) {
    if (g < 1) continue;
    ++relevant;
    for (std::size_t i = 0; i < ranked.size() && i < 10; ++i) found += ranked[i] == seq ? 1 : 0;
  }
  return relevant > 0 ? static_cast<double>(found) / static_cast<double>(relevant) : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string queries_path = HUIQI_DEV_QUERIES;
  std::string list_path = std::string(HUIQI_DEFAULT_DATA_DIR) + "/liaoyang-2023-07-31.txt";
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--queries" && i + 1 < argc) {
      queries_path = argv[++i];
    } else if (a == "--list" && i + 1 < argc) {
      list_path = argv[++i];
    } else if (a == "--verbose") {
      verbose = true;
    } else {
      std::cerr << "usage: huiqi_search_eval [--queries FILE] [--list FILE] [--verbose]\n";
      return 2;
    }
  }
  try {
    auto parsed = huiqi::ingest::TextParser().parse(read_file(list_path), list_path);
    for (auto& item : parsed.items)
      item.id = huiqi::catalog::make_item_id("liaoyang-2023-07-31", item.seq);
    const auto judged = read_queries(queries_path);

    std::vector<huiqi::search::Document> docs;
    for (const auto& item : parsed.items) docs.push_back({item, {}});
    const auto index = huiqi::search::Index::build(std::move(docs));

    std::vector<Fts5Index> peers;
    for (Fts5Kind k : {Fts5Kind::trigram, Fts5Kind::unicode61, Fts5Kind::bigram}) {
      peers.emplace_back(k);
      peers.back().begin();
      for (const auto& item : parsed.items) {
        peers.back().add(item.seq, item.title, item.content, item.basis, item.departments);
      }
      peers.back().commit();
    }

    const std::vector<std::string> systems = {"huiqi", "fts5-trigram", "fts5-unicode61",
                                              "fts5-bigram"};
    std::vector<double> sum_ndcg(systems.size(), 0);
    std::vector<double> sum_recall(systems.size(), 0);
    std::printf("%s items, %zu judged queries from %s\n\n",
                std::to_string(parsed.items.size()).c_str(), judged.size(), queries_path.c_str());
    std::printf("%-14s", "query");
    for (const auto& s : systems) std::printf(" | %-15s", (s + " nDCG/R").c_str());
    std::printf("\n");
    for (const auto& j : judged) {
      std::vector<std::vector<int>> ranked(systems.size());
      huiqi::search::SearchRequest req;
      req.query = j.query;
      req.as_of = "2023-07-31";
      req.highlight = false;
      const auto result = index->search(req);
      for (const auto& h : result.hits) ranked[0].push_back(h.seq);
      for (std::size_t p = 0; p < peers.size(); ++p) {
        for (auto id : peers[p].search(j.query, 10)) ranked[p + 1].push_back(static_cast<int>(id));
      }
      std::printf("%-14s", j.query.c_str());
      for (std::size_t s = 0; s < systems.size(); ++s) {
        const double n = ndcg10(ranked[s], j.grades);
        const double r = recall10(ranked[s], j.grades);
        sum_ndcg[s] += n;
        sum_recall[s] += r;
        std::printf(" | %6.3f / %5.2f  ", n, r);
      }
      std::printf("\n");
      if (verbose) {
        std::printf("    huiqi top 10:");
        for (std::size_t i = 0; i < result.hits.size(); ++i) {
          const auto& h = result.hits[i];
          auto it = j.grades.find(h.seq);
          std::printf(" %d%s%s", h.seq, it != j.grades.end() ? (it->second == 2 ? "**" : "*") : "",
                      h.weak ? "w" : "");
        }
        std::printf("   (total %zu, strong %zu)\n", result.total, result.strong);
      }
    }
    const double q = judged.empty() ? 1 : static_cast<double>(judged.size());
    std::printf("\n| system | nDCG@10 | recall@10 |\n|---|---|---|\n");
    for (std::size_t s = 0; s < systems.size(); ++s) {
      std::printf("| %s | %.3f | %.3f |\n", systems[s].c_str(), sum_ndcg[s] / q, sum_recall[s] / q);
    }
  } catch (const std::exception& e) {
    std::cerr << "huiqi_search_eval: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
