#include "snapshot/snapshot.h"

#include <algorithm>

#include "base/sha256.h"
#include "catalog/facts_json.h"
#include "match/industries.h"
#include "match/match.h"

namespace huiqi::snapshot {

const search::Document* Snapshot::find(const std::string& item_id) const {
  const auto it = by_id_.find(item_id);
  return it == by_id_.end() ? nullptr : &index->document(it->second);
}

void Snapshot::finish() {
  by_id_.clear();
  for (std::size_t i = 0; i < index->size(); ++i) by_id_.emplace(index->document(i).item.id, i);
}

nlohmann::json merged_overrides(const std::vector<store::StoredOverride>& stored) {
  nlohmann::json document = match::bundled_overrides_json();
  nlohmann::json& items = document["items"];
  for (const store::StoredOverride& entry : stored) {
    nlohmann::json parsed = nlohmann::json::parse(entry.json, nullptr, false);
    if (parsed.is_discarded()) continue;  // checked when stored; never expected
    auto same = std::find_if(items.begin(), items.end(), [&](const nlohmann::json& e) {
      return e.is_object() && e.value("item", std::string()) == entry.item_id;
    });
    if (same != items.end()) {
      *same = std::move(parsed);
    } else {
      items.push_back(std::move(parsed));
    }
  }
  return document;
}

std::shared_ptr<const Snapshot> build(store::Store& store, const extract::Extractor& extractor) {
  auto snapshot = std::make_shared<Snapshot>();
  // Read the generation first: a write that lands while we load moves it on, and the next
  // refresh picks that write up.
  snapshot->generation = store.generation();
  std::vector<search::Document> documents;
  for (const catalog::ListVersion& version : store.versions()) {
    if (!snapshot->lists.empty() && snapshot->lists.back().info.id == version.info.id) {
      snapshot->lists.back() = version;  // versions come in order: keep the latest
    } else {
      snapshot->lists.push_back(version);
    }
  }
  for (const catalog::ListVersion& version : snapshot->lists) {
    auto list = store.load_list(version.info.id, version.version);
    if (!list) continue;  // removed meanwhile; the next refresh sees it
    std::vector<std::pair<int, std::string>> stored;
    std::string all_facts;
    for (catalog::Item& item : list->items) {
      catalog::Facts facts = extractor.extract(item);
      std::string json =
          catalog::to_json(facts).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      all_facts += json;
      stored.emplace_back(item.seq, std::move(json));
      documents.push_back({std::move(item), std::move(facts)});
    }
    // The facts' own hash names them: stored facts that match need no write.
    const std::string fingerprint = "facts-sha256:" + sha256_hex(all_facts);
    if (store.load_facts(version.info.id, version.version).extractor != fingerprint) {
      store.save_facts(version.info.id, version.version, stored, fingerprint);
    }
  }
  snapshot->index = search::Index::build(std::move(documents));
  std::vector<catalog::Item> items;
  std::vector<catalog::Facts> facts;
  items.reserve(snapshot->index->size());
  facts.reserve(snapshot->index->size());
  for (std::size_t i = 0; i < snapshot->index->size(); ++i) {
    items.push_back(snapshot->index->document(i).item);
    facts.push_back(snapshot->index->document(i).facts);
  }
  snapshot->overrides = store.overrides();
  try {
    const match::Overrides overrides = match::Overrides::parse(
        merged_overrides(snapshot->overrides), "match-overrides", match::default_industries());
    snapshot->rules = std::make_shared<const match::Rules>(
        match::compile_rules(items, facts, overrides, match::default_industries()));
  } catch (const std::exception& e) {
    snapshot->rules_error = e.what();
  }
  snapshot->finish();
  return snapshot;
}

}  // namespace huiqi::snapshot
