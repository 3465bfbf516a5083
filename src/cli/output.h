// How the CLI shows diagnostics, items and lists to a person or as JSON.
#pragma once

#include <iosfwd>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/error.h"
#include "catalog/facts.h"
#include "catalog/model.h"
#include "ingest/diagnostic.h"

namespace huiqi::cli {

//! "file:line:col: warning: message [code]" in the user's language.
std::string describe(const ingest::Diagnostic& diagnostic, Lang lang);
nlohmann::json to_json(const ingest::Diagnostic& diagnostic);
nlohmann::json to_json(const std::vector<ingest::Diagnostic>& diagnostics);

//! Counts by severity, e.g. "0 errors, 9 warnings" / "0 个错误,9 个警告".
std::string count_summary(const std::vector<ingest::Diagnostic>& diagnostics, Lang lang);

//! Items per category, in order of first appearance.
std::vector<std::pair<std::string, int>> category_counts(const std::vector<catalog::Item>& items);

void print_item(std::ostream& out, const catalog::Item& item, Lang lang);
//! Documents, departments, status on as_of, validity, beneficiaries, forms and amounts.
void print_facts(std::ostream& out, const catalog::Facts& facts, const std::string& as_of,
                 Lang lang);

}  // namespace huiqi::cli
