#include "catalog/model.h"

#include <nlohmann/json.hpp>

#include "base/sha256.h"

namespace huiqi::catalog {

std::string make_item_id(const std::string& list_id, int seq) {
  return list_id + "/" + std::to_string(seq);
}

std::string content_hash(const PolicyList& list) {
  // Canonical JSON of what the list publishes; where it was read from does not count.
  nlohmann::json canonical = {{"title", list.info.title},
                              {"issuer", list.info.issuer},
                              {"region", list.info.region},
                              {"published", list.info.published}};
  auto& items = canonical["items"] = nlohmann::json::array();
  for (const Item& item : list.items) {
    items.push_back(
        {item.seq, item.category, item.title, item.content, item.basis, item.departments});
  }
  return sha256_hex(canonical.dump());
}

}  // namespace huiqi::catalog
