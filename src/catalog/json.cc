#include "catalog/json.h"

namespace huiqi::catalog {

nlohmann::json to_json(const ListInfo& info) {
  return {{"id", info.id},         {"title", info.title},         {"issuer", info.issuer},
          {"region", info.region}, {"published", info.published}, {"source", info.source}};
}

nlohmann::json to_json(const Item& item, const std::string& list_id) {
  return {{"id", item.id.empty() ? make_item_id(list_id, item.seq) : item.id},
          {"list", list_id},
          {"seq", item.seq},
          {"category", item.category},
          {"title", item.title},
          {"content", item.content},
          {"basis", item.basis},
          {"departments_raw", item.departments},
          {"source_lines", {{"first", item.lines.first}, {"last", item.lines.last}}}};
}

nlohmann::json to_json(const ListVersion& version) {
  nlohmann::json out = to_json(version.info);
  out["version"] = version.version;
  out["content_hash"] = version.content_hash;
  out["imported_at"] = version.imported_at;
  out["format"] = version.format;
  out["items"] = version.item_count;
  return out;
}

nlohmann::json export_json(const PolicyList& list) {
  nlohmann::json items = nlohmann::json::array();
  for (const Item& item : list.items) items.push_back(to_json(item, list.info.id));
  return {{"format", kListFormatName},
          {"format_version", kListFormatVersion},
          {"list", to_json(list.info)},
          {"items", std::move(items)}};
}

}  // namespace huiqi::catalog
