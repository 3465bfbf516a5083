// huiqi's own JSON form of lists and items: the export format, which import reads back.
#pragma once

#include <nlohmann/json.hpp>

#include "catalog/model.h"

namespace huiqi::catalog {

inline constexpr const char* kListFormatName = "huiqi-list";
inline constexpr int kListFormatVersion = 1;

nlohmann::json to_json(const ListInfo& info);
//! An item as the CLI and API show it: id, list, seq, the six columns, source lines.
nlohmann::json to_json(const Item& item, const std::string& list_id);
nlohmann::json to_json(const ListVersion& version);

//! The export document: {"format": "huiqi-list", "format_version": 1, "list": {...},
//! "items": [...]}. Reading it back (ingest's JSON parser) yields the same list.
nlohmann::json export_json(const PolicyList& list);

}  // namespace huiqi::catalog
