// Shared fixtures for the extraction tests: the bundled dictionaries and the Liaoyang list.
#pragma once

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/model.h"
#include "extract/extractor.h"
#include "ingest/text_parser.h"

namespace huiqi::extract::testing {

inline std::string data_dir() { return HUIQI_DEFAULT_DATA_DIR; }

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

//! The extractor over the bundled data/ dictionaries (built once).
inline const Extractor& bundled_extractor() {
  static const Extractor extractor(Dictionaries::load(data_dir()));
  return extractor;
}

//! The 130 items of the bundled Liaoyang list (parsed once).
inline const std::vector<catalog::Item>& liaoyang_items() {
  static const std::vector<catalog::Item> items =
      ingest::TextParser()
          .parse(read_text_file(data_dir() + "/liaoyang-2023-07-31.txt"), "liaoyang.txt")
          .items;
  return items;
}

inline const catalog::Item& liaoyang_item(int seq) {
  const auto& items = liaoyang_items();
  auto it = std::find_if(items.begin(), items.end(),
                         [&](const catalog::Item& i) { return i.seq == seq; });
  if (it == items.end()) throw std::runtime_error("no item " + std::to_string(seq));
  return *it;
}

//! An item with only the given fields.
inline catalog::Item make_item(std::string title, std::string content, std::string basis = "",
                               std::string departments = "") {
  catalog::Item item;
  item.seq = 1;
  item.title = std::move(title);
  item.content = std::move(content);
  item.basis = std::move(basis);
  item.departments = std::move(departments);
  return item;
}

}  // namespace huiqi::extract::testing
