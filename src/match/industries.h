// GB/T 4754-2017 industry codes, as data/profile.schema.json lists them ("x-gbt4754-2017"), and
// the paths of the bundled matching data.
#pragma once

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace huiqi::match {

//! The code list: 20 sections, 97 divisions, 473 groups, 1381 classes. Immutable after
//! construction, so safe to share between threads.
class IndustryCatalog {
 public:
  //! From a parsed profile schema: its "$defs"."industry"."x-gbt4754-2017" array of
  //! [code, name, parent] in the standard's order (a parent before its children). Throws UserError
  //! ("bad-profile-schema") naming source when it is missing or malformed.
  static IndustryCatalog from_schema(const nlohmann::json& schema, const std::string& source);
  //! Reads the schema file first.
  static IndustryCatalog load(const std::filesystem::path& schema_file);

  //! The canonical form: the section letter followed by the digits ("H6210", "H62", "H"), from
  //! "6210", "H6210", "h6210" or "H". nullopt when the code is not in the list (or the letter
  //! does not fit the digits).
  std::optional<std::string> canonical(std::string_view code) const;
  //! The name of a canonical code (正餐服务); empty when unknown.
  std::string name(std::string_view canonical_code) const;
  //! Stable dense index of a canonical code, 0 … size()-1; nullopt when unknown.
  std::optional<std::size_t> index(std::string_view canonical_code) const;
  //! Canonical code at an index.
  const std::string& code(std::size_t index) const { return canonical_[index]; }
  std::size_t size() const { return canonical_.size(); }
  //! The codes as the standard writes them ("A", "01", "0111"): for SizeStandard::set_known_codes.
  const std::vector<std::string>& raw_codes() const { return raw_; }

 private:
  std::vector<std::string> raw_;
  std::vector<std::string> canonical_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> by_canonical_;
  std::unordered_map<std::string, std::size_t> by_digits_;  // "6210" → index
};

//! The catalog of data_dir()/profile.schema.json, loaded on first use (thread-safe); throws
//! UserError when the file is unreadable.
const IndustryCatalog& default_industries();

}  // namespace huiqi::match
