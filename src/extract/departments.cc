#include "extract/departments.h"

#include <algorithm>
#include <array>

#include "extract/text_scan.h"

namespace huiqi::extract {
namespace {

constexpr std::array<std::string_view, 4> kSeparators = {"、", ",", ";", " "};
constexpr std::array<std::string_view, 5> kOpeners = {"(", "[", "【", "〔", "《"};
constexpr std::array<std::string_view, 5> kClosers = {")", "]", "】", "〕", "》"};

std::size_t match_any(std::string_view s, std::size_t pos, const auto& list) {
  for (std::string_view x : list) {
    if (s.compare(pos, x.size(), x) == 0) return x.size();
  }
  return 0;
}

void sort_longest_first(std::vector<std::string>& v) {
  std::stable_sort(v.begin(), v.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

//! Removes the first of `affixes` found at the start (or end) of [begin, end); returns it.
//! A name is never stripped away whole ("等" alone stays a strange unit rather than vanishing);
//! a label may be (a label written apart, "责任单位: 市财政局").
std::string_view strip(std::string_view s, Span& unit, const std::vector<std::string>& affixes,
                       bool at_end, bool may_empty = false) {
  std::string_view text = s.substr(unit.begin, unit.end - unit.begin);
  for (const std::string& a : affixes) {
    if (a.size() > text.size() || (a.size() == text.size() && !may_empty)) continue;
    if (at_end ? text.ends_with(a) : text.starts_with(a)) {
      if (at_end) {
        unit.end = skip_spaces_back(s, unit.end - a.size());
      } else {
        unit.begin = skip_spaces(s, unit.begin + a.size());
      }
      return a;
    }
  }
  return {};
}

}  // namespace

DepartmentTable::DepartmentTable(const std::vector<DepartmentRule>& rules) {
  for (const DepartmentRule& r : rules) {
    switch (r.kind) {
      case DepartmentRule::Kind::name:
        names_.emplace(r.text, r.canonical);
        break;
      case DepartmentRule::Kind::suffix:
        suffixes_.push_back(r.text);
        break;
      case DepartmentRule::Kind::lead:
        leads_.push_back(r.text);
        break;
      case DepartmentRule::Kind::label:
        labels_.push_back(r.text);
        break;
      case DepartmentRule::Kind::scope:
        scopes_.push_back(r.text);
        break;
    }
  }
  sort_longest_first(suffixes_);
  sort_longest_first(leads_);
  sort_longest_first(labels_);
  sort_longest_first(scopes_);
}

std::string DepartmentTable::canonical(std::string_view name) const {
  auto it = names_.find(std::string(name));
  return it == names_.end() ? std::string() : it->second;
}

std::vector<catalog::DepartmentRef> DepartmentTable::parse(const FieldText& field) const {
  std::string_view s = field.text();
  std::vector<Span> units;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t pos = 0; pos < s.size();) {
    if (std::size_t n = match_any(s, pos, kOpeners)) {
      ++depth;
      pos += n;
    } else if (std::size_t m = match_any(s, pos, kClosers)) {
      depth = std::max(0, depth - 1);
      pos += m;
    } else if (std::size_t k = depth == 0 ? match_any(s, pos, kSeparators) : 0) {
      units.push_back({start, pos});
      pos += k;
      start = pos;
    } else {
      pos = next_boundary(s, pos);
    }
  }
  units.push_back({start, s.size()});

  std::vector<catalog::DepartmentRef> out;
  std::string_view scope;  // the scope the previous unit started with, if any
  for (Span unit : units) {
    unit.begin = skip_spaces(s, unit.begin);
    unit.end = skip_spaces_back(s, unit.end);
    if (unit.end <= unit.begin) continue;
    const Span written = unit;
    while (unit.end > unit.begin &&
           !strip(s, unit, labels_, /*at_end=*/false, /*may_empty=*/true).empty()) {
    }
    if (unit.end <= unit.begin) continue;
    catalog::DepartmentRef d;
    // Suffixes and lead markers may stack ("市财政局(牵头)等"); peel them until none is left.
    for (bool changed = true; changed;) {
      changed = false;
      if (std::string_view note = strip(s, unit, suffixes_, /*at_end=*/true); !note.empty()) {
        d.note = std::string(note) + d.note;
        changed = true;
      }
      if (!strip(s, unit, leads_, /*at_end=*/true).empty() ||
          !strip(s, unit, leads_, /*at_end=*/false).empty()) {
        d.lead = true;
        changed = true;
      }
    }
    std::string_view name = s.substr(unit.begin, unit.end - unit.begin);
    if (name.empty()) continue;
    std::string canonical_name = canonical(name);
    if (canonical_name.empty() && !scope.empty()) {
      canonical_name = canonical(std::string(scope) + std::string(name));
    }
    scope = {};
    for (const std::string& sc : scopes_) {
      if (name.starts_with(sc) && name.size() > sc.size()) {
        scope = sc;
        break;
      }
    }
    d.known = !canonical_name.empty();
    d.name = d.known ? canonical_name : std::string(name);
    d.evidence = field.evidence(written.begin, written.end);
    d.raw = d.evidence.phrase;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace huiqi::extract
