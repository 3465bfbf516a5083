#include "catalog/facts_json.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace huiqi::catalog {
namespace {

using nlohmann::json;

[[noreturn]] void fail(std::string_view key, std::string_view what) {
  throw UserError("invalid-facts-json",
                  "facts JSON: \"" + std::string(key) + "\": " + std::string(what),
                  "事实 JSON: \"" + std::string(key) + "\": " + std::string(what), {});
}

// Typed readers: a missing (or null) key leaves the default, a wrong type is an error.
const json* find(const json& object, std::string_view key) {
  if (!object.is_object()) fail(key, "expected an object around it");
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

void read(const json& object, std::string_view key, std::string& out) {
  if (const json* v = find(object, key)) {
    if (!v->is_string()) fail(key, "expected a string");
    out = v->get<std::string>();
  }
}

void read(const json& object, std::string_view key, bool& out) {
  if (const json* v = find(object, key)) {
    if (!v->is_boolean()) fail(key, "expected true or false");
    out = v->get<bool>();
  }
}

void read(const json& object, std::string_view key, int& out) {
  if (const json* v = find(object, key)) {
    if (!v->is_number_integer()) fail(key, "expected an integer");
    out = v->get<int>();
  }
}

void read(const json& object, std::string_view key, std::size_t& out) {
  if (const json* v = find(object, key)) {
    if (!v->is_number_unsigned() && !(v->is_number_integer() && v->get<long long>() >= 0)) {
      fail(key, "expected a non-negative integer");
    }
    out = v->get<std::size_t>();
  }
}

void read(const json& object, std::string_view key, double& out) {
  if (const json* v = find(object, key)) {
    if (!v->is_number()) fail(key, "expected a number");
    out = v->get<double>();
  }
}

void read(const json& object, std::string_view key, std::optional<double>& out) {
  out.reset();
  if (const json* v = find(object, key)) {
    if (!v->is_number()) fail(key, "expected a number or null");
    out = v->get<double>();
  }
}

template <typename Enum, typename Parse>
void read_enum(const json& object, std::string_view key, Enum& out, Parse parse) {
  std::string name;
  read(object, key, name);
  if (name.empty()) return;
  auto value = parse(name);
  if (!value) fail(key, "unknown value \"" + name + "\"");
  out = *value;
}

Evidence evidence_from_json(const json& j) {
  Evidence e;
  read(j, "field", e.field);
  read(j, "begin", e.begin);
  read(j, "end", e.end);
  read(j, "phrase", e.phrase);
  return e;
}

void read(const json& object, std::string_view key, Evidence& out) {
  if (const json* v = find(object, key)) out = evidence_from_json(*v);
}

template <typename T, typename FromJson>
void read_list(const json& object, std::string_view key, std::vector<T>& out, FromJson from) {
  out.clear();
  if (const json* v = find(object, key)) {
    if (!v->is_array()) fail(key, "expected an array");
    out.reserve(v->size());
    for (const json& element : *v) out.push_back(from(element));
  }
}

json to_json(const DocumentRef& d) {
  return {{"title", d.title},
          {"number", d.number},
          {"issuer_code", d.issuer_code},
          {"issuer", d.issuer},
          {"year", d.year},
          {"serial", d.serial},
          {"level", to_string(d.level)},
          {"truncated", d.truncated},
          {"inferred", d.inferred},
          {"evidence", to_json(d.evidence)}};
}

DocumentRef document_from_json(const json& j) {
  DocumentRef d;
  read(j, "title", d.title);
  read(j, "number", d.number);
  read(j, "issuer_code", d.issuer_code);
  read(j, "issuer", d.issuer);
  read(j, "year", d.year);
  read(j, "serial", d.serial);
  read_enum(j, "level", d.level, parse_document_level);
  read(j, "truncated", d.truncated);
  read(j, "inferred", d.inferred);
  read(j, "evidence", d.evidence);
  return d;
}

json to_json(const DepartmentRef& d) {
  return {{"name", d.name}, {"raw", d.raw},     {"lead", d.lead},
          {"note", d.note}, {"known", d.known}, {"evidence", to_json(d.evidence)}};
}

DepartmentRef department_from_json(const json& j) {
  DepartmentRef d;
  read(j, "name", d.name);
  read(j, "raw", d.raw);
  read(j, "lead", d.lead);
  read(j, "note", d.note);
  read(j, "known", d.known);
  read(j, "evidence", d.evidence);
  return d;
}

json to_json(const TagFact& t) {
  return {{"value", t.value}, {"condition", t.condition}, {"evidence", to_json(t.evidence)}};
}

TagFact tag_from_json(const json& j) {
  TagFact t;
  read(j, "value", t.value);
  read(j, "condition", t.condition);
  read(j, "evidence", t.evidence);
  return t;
}

json to_json(const IndustryFact& i) {
  return {{"code", i.code}, {"name", i.name}, {"evidence", to_json(i.evidence)}};
}

IndustryFact industry_from_json(const json& j) {
  IndustryFact i;
  read(j, "code", i.code);
  read(j, "name", i.name);
  read(j, "evidence", i.evidence);
  return i;
}

json to_json(const AmountFact& a) {
  return {{"kind", a.kind},   {"quantity", a.quantity},
          {"value", a.value}, {"high", a.high ? json(*a.high) : json(nullptr)},
          {"unit", a.unit},   {"per", a.per},
          {"of", a.of},       {"evidence", to_json(a.evidence)}};
}

AmountFact amount_from_json(const json& j) {
  AmountFact a;
  read(j, "kind", a.kind);
  read(j, "quantity", a.quantity);
  read(j, "value", a.value);
  read(j, "high", a.high);
  read(j, "unit", a.unit);
  read(j, "per", a.per);
  read(j, "of", a.of);
  read(j, "evidence", a.evidence);
  return a;
}

json to_json(const TimeFact& t) {
  return {{"kind", t.kind},
          {"from", t.from},
          {"until", t.until},
          {"inferred", t.inferred},
          {"evidence", to_json(t.evidence)}};
}

TimeFact time_from_json(const json& j) {
  TimeFact t;
  read(j, "kind", t.kind);
  read(j, "from", t.from);
  read(j, "until", t.until);
  read(j, "inferred", t.inferred);
  read(j, "evidence", t.evidence);
  return t;
}

template <typename T>
json array_of(const std::vector<T>& values) {
  json out = json::array();
  for (const T& v : values) out.push_back(to_json(v));
  return out;
}

}  // namespace

json to_json(const Evidence& e) {
  return {{"field", e.field}, {"begin", e.begin}, {"end", e.end}, {"phrase", e.phrase}};
}

json to_json(const Facts& f) {
  return {{"documents", array_of(f.documents)},
          {"cited_documents", array_of(f.cited_documents)},
          {"departments", array_of(f.departments)},
          {"beneficiaries", array_of(f.beneficiaries)},
          {"industries", array_of(f.industries)},
          {"forms", array_of(f.forms)},
          {"amounts", array_of(f.amounts)},
          {"times", array_of(f.times)},
          {"actionable", f.actionable},
          {"benefit_kind", to_string(f.benefit_kind)},
          {"actionability_evidence", array_of(f.actionability_evidence)},
          {"valid_from", f.valid_from},
          {"valid_until", f.valid_until},
          {"validity_unresolved", f.validity_unresolved}};
}

Facts facts_from_json(const json& j) {
  if (!j.is_object()) fail("facts", "expected an object");
  Facts f;
  read_list(j, "documents", f.documents, document_from_json);
  read_list(j, "cited_documents", f.cited_documents, document_from_json);
  read_list(j, "departments", f.departments, department_from_json);
  read_list(j, "beneficiaries", f.beneficiaries, tag_from_json);
  read_list(j, "industries", f.industries, industry_from_json);
  read_list(j, "forms", f.forms, tag_from_json);
  read_list(j, "amounts", f.amounts, amount_from_json);
  read_list(j, "times", f.times, time_from_json);
  read(j, "actionable", f.actionable);
  read_enum(j, "benefit_kind", f.benefit_kind, parse_benefit_kind);
  read_list(j, "actionability_evidence", f.actionability_evidence, evidence_from_json);
  read(j, "valid_from", f.valid_from);
  read(j, "valid_until", f.valid_until);
  read(j, "validity_unresolved", f.validity_unresolved);
  return f;
}

}  // namespace huiqi::catalog
