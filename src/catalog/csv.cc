#include "catalog/csv.h"

#include <string>

namespace huiqi::catalog {

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string to_csv(const PolicyList& list) {
  std::string out = "category,seq,title,content,basis,departments\n";
  for (const Item& item : list.items) {
    out += csv_field(item.category);
    out += ',';
    out += std::to_string(item.seq);
    for (const std::string* field : {&item.title, &item.content, &item.basis, &item.departments}) {
      out += ',';
      out += csv_field(*field);
    }
    out += '\n';
  }
  return out;
}

}  // namespace huiqi::catalog
