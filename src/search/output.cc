#include <sstream>

#include "search/request.h"

namespace huiqi::search {

nlohmann::json to_json(const SearchResult& result) {
  nlohmann::json hits = nlohmann::json::array();
  for (const Hit& h : result.hits) {
    nlohmann::json highlights = nlohmann::json::object();
    for (const auto& [field, hl] : h.highlights) {
      nlohmann::json spans = nlohmann::json::array();
      for (const auto& [b, e] : hl.spans) spans.push_back({b, e});
      highlights[field] = {{"snippet", hl.snippet}, {"spans", std::move(spans)}};
    }
    hits.push_back({{"id", h.id},
                    {"list", h.list},
                    {"seq", h.seq},
                    {"title", h.title},
                    {"category", h.category},
                    {"score", h.score},
                    {"weak", h.weak},
                    {"status", h.status},
                    {"highlights", std::move(highlights)}});
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [name, values] : result.facets) {
    nlohmann::json list = nlohmann::json::array();
    for (const FacetCount& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
    facets[name] = std::move(list);
  }
  return {{"total", result.total}, {"strong", result.strong}, {"took_ms", result.took_ms},
          {"as_of", result.as_of}, {"hits", std::move(hits)}, {"facets", std::move(facets)}};
}

std::string to_text(const SearchResult& result) {
  std::ostringstream out;
  out << result.total << " hits (" << result.strong << " full matches) as of " << result.as_of
      << ", " << result.took_ms << " ms\n";
  for (const Hit& h : result.hits) {
    out << "\n"
        << h.id << "  " << h.title << "  [" << h.status << (h.weak ? ", partial" : "") << "]\n";
    for (const char* field : {"title", "content", "basis", "departments"}) {
      auto it = h.highlights.find(field);
      if (it == h.highlights.end() || std::string(field) == "title") continue;
      out << "  " << field << ": " << it->second.snippet << "\n";
    }
  }
  return out.str();
}

}  // namespace huiqi::search
