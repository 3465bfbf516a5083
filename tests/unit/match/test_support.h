// Shared fixtures for the matching tests: the bundled Liaoyang list, its extracted facts and the
// rules compiled with data/match-overrides.json, each built once.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/facts.h"
#include "catalog/model.h"
#include "extract/extractor.h"
#include "ingest/text_parser.h"
#include "match/industries.h"
#include "match/match.h"
#include "match/profile.h"
#include "match/rules.h"

namespace huiqi::match::testing {

inline constexpr const char* kListId = "liaoyang-2023-07-31";

inline std::string data_dir() { return HUIQI_DEFAULT_DATA_DIR; }
inline std::string tests_data_dir() {
  return std::string(HUIQI_DEFAULT_DATA_DIR) + "/../tests/data";
}

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline nlohmann::json read_json_file(const std::string& path) {
  return nlohmann::json::parse(read_text_file(path));
}

//! The 130 items of the bundled Liaoyang list.
inline const std::vector<catalog::Item>& liaoyang_items() {
  static const std::vector<catalog::Item> items = [] {
    std::vector<catalog::Item> parsed =
        ingest::TextParser()
            .parse(read_text_file(data_dir() + "/liaoyang-2023-07-31.txt"), "liaoyang.txt")
            .items;
    // Ids are given on import, once the list id is known.
    for (catalog::Item& item : parsed) item.id = catalog::make_item_id(kListId, item.seq);
    return parsed;
  }();
  return items;
}

//! Their facts, by the bundled extractor.
inline const std::vector<catalog::Facts>& liaoyang_facts() {
  static const std::vector<catalog::Facts> facts = [] {
    const extract::Extractor extractor(extract::Dictionaries::load(data_dir()));
    std::vector<catalog::Facts> out;
    for (const catalog::Item& item : liaoyang_items()) out.push_back(extractor.extract(item));
    return out;
  }();
  return facts;
}

//! The compiled rules of the bundled list.
inline const Rules& liaoyang_rules() {
  static const Rules rules =
      compile_rules(liaoyang_items(), liaoyang_facts(), default_overrides(), default_industries());
  return rules;
}

inline const RuleItem* find_rule(int seq) {
  for (const RuleItem& rule : liaoyang_rules().items) {
    if (rule.item.seq == seq) return &rule;
  }
  return nullptr;
}

inline Profile profile_from(const nlohmann::json& json) { return parse_profile(json, "<test>"); }

}  // namespace huiqi::match::testing
