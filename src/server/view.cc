#include "server/view.h"

#include <algorithm>
#include <map>

namespace huiqi::server {
namespace {

struct DocumentEntry {
  catalog::DocumentRef ref;
  std::vector<std::string> items;
  std::vector<std::string> mentioned_in;
};

void add_unique(std::vector<std::string>& ids, const std::string& id) {
  if (ids.empty() || ids.back() != id) ids.push_back(id);
}

std::string document_key(const catalog::DocumentRef& d) {
  if (!d.number.empty()) return d.number;
  if (!d.title.empty()) return "《" + d.title + "》";
  return {};
}

}  // namespace

nlohmann::json documents_json(const snapshot::Snapshot& snapshot) {
  std::map<std::string, DocumentEntry> by_key;
  const search::Index& index = *snapshot.index;
  for (std::size_t i = 0; i < index.size(); ++i) {
    const search::Document& doc = index.document(i);
    auto note = [&](const catalog::DocumentRef& d, bool basis) {
      const std::string key = document_key(d);
      if (key.empty()) return;
      DocumentEntry& entry = by_key[key];
      if (entry.ref.number.empty() && entry.ref.title.empty()) entry.ref = d;
      if (entry.ref.title.empty()) entry.ref.title = d.title;
      add_unique(basis ? entry.items : entry.mentioned_in, doc.item.id);
    };
    for (const auto& d : doc.facts.documents) note(d, true);
    for (const auto& d : doc.facts.cited_documents) note(d, false);
  }
  std::vector<std::pair<std::string, const DocumentEntry*>> sorted;
  for (const auto& [key, entry] : by_key) sorted.emplace_back(key, &entry);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    if (a.second->ref.year != b.second->ref.year) return a.second->ref.year > b.second->ref.year;
    return a.first < b.first;
  });
  nlohmann::json documents = nlohmann::json::array();
  for (const auto& [key, entry] : sorted) {
    const catalog::DocumentRef& d = entry->ref;
    documents.push_back({{"key", key},
                         {"number", d.number},
                         {"title", d.title},
                         {"issuer", d.issuer_code},
                         {"issuer_name", d.issuer},
                         {"year", d.year},
                         {"level", catalog::to_string(d.level)},
                         {"items", entry->items},
                         {"mentioned_in", entry->mentioned_in}});
  }
  return {{"total", documents.size()}, {"documents", std::move(documents)}};
}

nlohmann::json departments_json(const snapshot::Snapshot& snapshot) {
  struct Entry {
    bool known = false;
    std::vector<std::string> items;
    std::map<std::string, std::size_t> raw;
  };
  std::map<std::string, Entry> by_name;
  const search::Index& index = *snapshot.index;
  for (std::size_t i = 0; i < index.size(); ++i) {
    const search::Document& doc = index.document(i);
    for (const auto& d : doc.facts.departments) {
      if (d.name.empty()) continue;
      Entry& entry = by_name[d.name];
      entry.known = entry.known || d.known;
      add_unique(entry.items, doc.item.id);
      ++entry.raw[d.raw.empty() ? d.name : d.raw];
    }
  }
  std::vector<std::pair<std::string, const Entry*>> sorted;
  for (const auto& [name, entry] : by_name) sorted.emplace_back(name, &entry);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second->items.size() > b.second->items.size();
  });
  nlohmann::json departments = nlohmann::json::array();
  for (const auto& [name, entry] : sorted) {
    nlohmann::json raw = nlohmann::json::array();
    for (const auto& [text, count] : entry->raw) raw.push_back({{"text", text}, {"count", count}});
    departments.push_back({{"name", name},
                           {"known", entry->known},
                           {"items", entry->items.size()},
                           {"item_ids", entry->items},
                           {"raw", std::move(raw)}});
  }
  return {{"total", departments.size()}, {"departments", std::move(departments)}};
}

std::shared_ptr<const View> build_view(store::Store& store, const extract::Extractor& extractor) {
  auto view = std::make_shared<View>();
  view->snapshot = snapshot::build(store, extractor);
  view->versions = store.versions();
  view->documents_body = documents_json(*view->snapshot)
                             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  view->departments_body = departments_json(*view->snapshot)
                               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return view;
}

Catalog::Catalog(store::Store& store, extract::Extractor extractor)
    : store_(store), extractor_(std::move(extractor)) {
  view_.store(build_view(store_, extractor_));
  builds_ = 1;
}

bool Catalog::refresh() {
  std::lock_guard lock(refresh_mutex_);
  const auto now = current();
  if (now && now->generation() == store_.generation()) return false;
  view_.store(build_view(store_, extractor_));
  ++builds_;
  return true;
}

}  // namespace huiqi::server
