// Departments (实施部门 / 责任单位): the list split into units and each unit under its
// canonical name.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/facts.h"
#include "extract/dictionaries.h"
#include "extract/field.h"

namespace huiqi::extract {

//! The departments table compiled for lookups. Immutable; thread-safe.
class DepartmentTable {
 public:
  explicit DepartmentTable(const std::vector<DepartmentRule>& rules);

  //! The units of a departments field, in order. The list is split on 、 , ; and spaces, never
  //! inside brackets ("各县(市)区政府", "各市(不含大连)商务局" and "各项任务均须各县(市、区)
  //! 人民政府落实" are one unit each). A leading label (责任单位:) is dropped; a trailing suffix
  //! (等, 按职责分工负责) is noted and left out of the name; a lead marker (牵头) sets lead.
  //! Names in the table get their canonical form and known = true; others are kept as written,
  //! except that a unit after one that starts with a scope ("各市(不含大连)商务局、财政局") is
  //! read with that scope when that makes it a known name ("各市(不含大连)财政局").
  std::vector<catalog::DepartmentRef> parse(const FieldText& field) const;

  //! The canonical name for a normalized name, or empty when the table does not know it.
  std::string canonical(std::string_view name) const;

 private:
  std::unordered_map<std::string, std::string> names_;
  std::vector<std::string> suffixes_;  //!< longest first
  std::vector<std::string> leads_;     //!< longest first
  std::vector<std::string> labels_;    //!< longest first
  std::vector<std::string> scopes_;    //!< longest first
};

}  // namespace huiqi::extract
