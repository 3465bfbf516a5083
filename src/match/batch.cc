#include "match/batch.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <istream>
#include <limits>
#include <ostream>

#include "base/dates.h"
#include "base/error.h"
#include "match/industries.h"
#include "match/match.h"
#include "match/rule.h"

namespace huiqi::match {

namespace {

constexpr std::uint8_t kNoChoice = 0xFF;
constexpr std::uint16_t kNoIndustry = 0xFFFF;
constexpr std::uint32_t kNoRegion = 0xFFFFFFFF;

std::size_t words_for(std::size_t n) { return (n + 63) / 64; }

void put_bit(Bits& bits, std::size_t i, bool value) {
  const std::uint64_t mask = std::uint64_t{1} << (i % 64);
  std::uint64_t& word = bits[i / 64];
  word = value ? (word | mask) : (word & ~mask);
}

bool get_bit(const Bits& bits, std::size_t i) { return (bits[i / 64] >> (i % 64)) & 1U; }

int indicator_index(SizeIndicator indicator) {
  return indicator == SizeIndicator::employees ? 0 : indicator == SizeIndicator::revenue ? 1 : 2;
}

// The bucket of a value among sorted thresholds: how many are ≤ value; the last bucket means
// unknown. Two values in one bucket compare alike with every threshold of the table.
std::size_t bucket(const std::vector<double>& bounds, const std::optional<double>& value) {
  if (!value || !std::isfinite(*value) || *value < 0) return bounds.size() + 1;
  return static_cast<std::size_t>(std::upper_bound(bounds.begin(), bounds.end(), *value) -
                                  bounds.begin());
}

std::uint8_t pack(SizeClass size, SizeClass largest) {
  return static_cast<std::uint8_t>(static_cast<unsigned>(size) |
                                   (static_cast<unsigned>(largest) << 4));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// SizeMemo

SizeMemo::SizeMemo(const SizeStandard& standard, const IndustryCatalog& industries)
    : standard_(standard), industries_(industries), memo_(industries.size() + 1) {
  for (const SizeRow& row : standard.rows()) {
    for (const SizeThreshold& threshold : row.thresholds) {
      auto& bounds = bounds_[indicator_index(threshold.indicator)];
      for (double value : {threshold.large_min, threshold.medium_min, threshold.small_min}) {
        bounds.push_back(value);
      }
    }
  }
  for (auto& bounds : bounds_) {
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  }
}

std::pair<SizeClass, SizeClass> SizeMemo::classify(const Profile& profile) {
  std::optional<std::size_t> index;
  if (profile.industry) {
    index = industries_.index(*profile.industry);
    if (!index) index = industries_.size() + 1;  // not a catalog code
  }
  return classify(profile, index);
}

std::pair<SizeClass, SizeClass> SizeMemo::classify(const Profile& profile,
                                                   std::optional<std::size_t> industry_index) {
  if (profile.size_class && *profile.size_class != SizeClass::unknown) {
    return {*profile.size_class, *profile.size_class};
  }
  SizeFacts facts;
  facts.industry = profile.industry.value_or("");
  facts.employees = profile.employees;
  facts.revenue_10k_yuan = profile.revenue_10k_yuan;
  facts.assets_10k_yuan = profile.assets_10k_yuan;
  std::size_t industry = industries_.size();  // the slot for "no industry"
  if (industry_index) {
    if (*industry_index >= industries_.size()) {  // not a catalog code (never from parse_profile)
      const SizeResult result = standard_.classify(facts);
      ++calls_;
      return {result.size, result.largest_possible};
    }
    industry = *industry_index;
  }
  const std::size_t e = bucket(bounds_[0], profile.employees);
  const std::size_t r = bucket(bounds_[1], profile.revenue_10k_yuan);
  const std::size_t a = bucket(bounds_[2], profile.assets_10k_yuan);
  const std::size_t re = bounds_[1].size() + 2;
  const std::size_t ae = bounds_[2].size() + 2;
  std::vector<std::uint8_t>& table = memo_[industry];
  if (table.empty()) table.assign((bounds_[0].size() + 2) * re * ae, 0xFF);
  std::uint8_t& slot = table[(e * re + r) * ae + a];
  if (slot == 0xFF) {
    const SizeResult result = standard_.classify(facts);
    slot = pack(result.size, result.largest_possible);
    ++calls_;
  }
  return {static_cast<SizeClass>(slot & 0x0F), static_cast<SizeClass>(slot >> 4)};
}

// ---------------------------------------------------------------------------------------------
// ProfileColumns

struct ProfileColumns::Data {
  std::array<Bits, kFieldCount> known;                        // boolean, number, set fields
  std::array<Bits, kFieldCount> value;                        // boolean fields
  std::array<std::vector<double>, kFieldCount> number;        // number fields
  std::array<std::vector<std::uint8_t>, kFieldCount> choice;  // choice fields; kNoChoice
  std::array<std::vector<std::uint64_t>, kFieldCount> set;    // set fields
  std::vector<std::uint16_t> industry;                        // catalog index; kNoIndustry
  std::vector<std::uint32_t> region;                          // interned; kNoRegion
  std::vector<std::uint8_t> size;                             // effective SizeClass
  std::vector<std::uint8_t> largest;                          // largest possible SizeClass
};

ProfileColumns::ProfileColumns(std::size_t capacity, const SizeStandard& standard,
                               const IndustryCatalog& industries)
    : capacity_(std::max<std::size_t>(capacity, 1)),
      industries_(industries),
      sizes_(standard, industries),
      data_(std::make_unique<Data>()),
      rows_(capacity_),
      ids_(capacity_) {
  const std::size_t words = words_for(capacity_);
  for (const FieldInfo& field : all_fields()) {
    const auto f = static_cast<std::size_t>(field.id);
    switch (field.kind) {
      case FieldKind::boolean:
        data_->known[f].assign(words, 0);
        data_->value[f].assign(words, 0);
        break;
      case FieldKind::number:
        data_->known[f].assign(words, 0);
        data_->number[f].assign(capacity_, 0);
        break;
      case FieldKind::choice:
        data_->choice[f].assign(capacity_, kNoChoice);
        break;
      case FieldKind::set:
        data_->known[f].assign(words, 0);
        data_->set[f].assign(capacity_, 0);
        break;
      case FieldKind::code:
      case FieldKind::text:
      case FieldKind::size:
        break;
    }
  }
  data_->industry.assign(capacity_, kNoIndustry);
  data_->region.assign(capacity_, kNoRegion);
  data_->size.assign(capacity_, static_cast<std::uint8_t>(SizeClass::unknown));
  data_->largest.assign(capacity_, static_cast<std::uint8_t>(SizeClass::unknown));
}

ProfileColumns::~ProfileColumns() = default;

void ProfileColumns::clear() { size_ = 0; }

void ProfileColumns::append(const Profile& profile, std::uint64_t row) {
  const std::size_t i = size_++;
  rows_[i] = row;
  ids_[i] = profile.id;
  Data& d = *data_;
  for (const FieldInfo& field : all_fields()) {
    const auto f = static_cast<std::size_t>(field.id);
    switch (field.kind) {
      case FieldKind::boolean: {
        const auto value = get_bool(profile, field.id);
        put_bit(d.known[f], i, value.has_value());
        put_bit(d.value[f], i, value.value_or(false));
        break;
      }
      case FieldKind::number: {
        const auto value = get_number(profile, field.id);
        put_bit(d.known[f], i, value.has_value());
        d.number[f][i] = value.value_or(std::numeric_limits<double>::quiet_NaN());
        break;
      }
      case FieldKind::choice: {
        const auto value = get_choice(profile, field.id);
        d.choice[f][i] = value ? static_cast<std::uint8_t>(*value) : kNoChoice;
        break;
      }
      case FieldKind::set: {
        const auto value = get_set(profile, field.id);
        put_bit(d.known[f], i, value.has_value());
        d.set[f][i] = value.value_or(0);
        break;
      }
      case FieldKind::code:
      case FieldKind::text:
      case FieldKind::size:
        break;
    }
  }
  d.industry[i] = kNoIndustry;
  std::optional<std::size_t> industry;
  if (profile.industry) {
    industry = industries_.index(*profile.industry);
    if (industry) {
      d.industry[i] = static_cast<std::uint16_t>(*industry);
    } else {
      industry = industries_.size() + 1;  // not a catalog code: classified without the memo
    }
  }
  d.region[i] = profile.region ? intern_region(*profile.region) : kNoRegion;
  const auto [size, largest] = sizes_.classify(profile, industry);
  d.size[i] = static_cast<std::uint8_t>(size);
  d.largest[i] = static_cast<std::uint8_t>(largest);
}

std::uint32_t ProfileColumns::intern_region(const std::string& code) {
  // A registry has a handful of regions: a scan beats hashing until there are many.
  if (region_codes_.size() <= 32) {
    for (std::size_t r = 0; r < region_codes_.size(); ++r) {
      if (region_codes_[r] == code) return static_cast<std::uint32_t>(r);
    }
  }
  auto [it, inserted] =
      region_index_.try_emplace(code, static_cast<std::uint32_t>(region_codes_.size()));
  if (inserted) region_codes_.push_back(code);
  return it->second;
}

// ---------------------------------------------------------------------------------------------
// BatchMatcher

struct BatchMatcher::Graph {
  struct Node {
    Expr::Kind kind = Expr::Kind::leaf;
    std::vector<std::uint32_t> children;
    Condition condition;
    std::vector<std::uint8_t> lut;  // code and choice leaves: Tri per value
    Bits yes;
    Bits unknown;
  };
  const IndustryCatalog* industries = nullptr;
  std::vector<Node> nodes;
  std::unordered_map<std::string, std::uint32_t> index;
  std::vector<std::uint32_t> roots;  // per item

  std::uint32_t add(const Expr& expr) {
    std::string key;
    Node node;
    node.kind = expr.kind;
    if (expr.kind == Expr::Kind::leaf) {
      key = "L" + to_json(expr, false).dump();
      node.condition = expr.condition;
    } else {
      for (const Expr& child : expr.children) node.children.push_back(add(child));
      key = std::string(1, static_cast<char>('0' + static_cast<int>(expr.kind)));
      for (std::uint32_t child : node.children) key += "," + std::to_string(child);
    }
    const auto found = index.find(key);
    if (found != index.end()) return found->second;
    prepare(node);
    nodes.push_back(std::move(node));
    const auto id = static_cast<std::uint32_t>(nodes.size() - 1);
    index.emplace(std::move(key), id);
    return id;
  }

  // Lookup tables of leaves whose value set is small and fixed.
  void prepare(Node& node) const {
    if (node.kind != Expr::Kind::leaf || node.condition.op == Op::ask) return;
    const Condition& c = node.condition;
    const FieldInfo& field = info(c.field);
    if (field.kind == FieldKind::code && c.field == Field::industry) {
      node.lut.resize(industries->size() + 1, static_cast<std::uint8_t>(Tri::unknown));
      for (std::size_t i = 0; i < industries->size(); ++i) {
        node.lut[i] =
            static_cast<std::uint8_t>(code_in(c.codes, industries->code(i), Field::industry));
      }
    } else if (field.kind == FieldKind::choice) {
      node.lut.assign(256, static_cast<std::uint8_t>(Tri::unknown));
      for (std::size_t v = 0; v < field.choices.size(); ++v) {
        node.lut[v] = static_cast<std::uint8_t>((c.mask >> v) & 1U ? Tri::yes : Tri::no);
      }
    } else if (field.kind == FieldKind::size) {
      node.lut.resize(25);
      for (unsigned s = 0; s < 5; ++s) {
        for (unsigned l = 0; l < 5; ++l) {
          node.lut[s * 5 + l] = static_cast<std::uint8_t>(
              size_in(c.mask, static_cast<SizeClass>(s), static_cast<SizeClass>(l)));
        }
      }
    }
  }

  // Region leaves: their table grows with the interned codes of the run.
  static void extend_region_lut(Node& node, const std::vector<std::string>& regions) {
    for (std::size_t i = node.lut.size(); i < regions.size(); ++i) {
      node.lut.push_back(
          static_cast<std::uint8_t>(code_in(node.condition.codes, regions[i], Field::region)));
    }
  }

  // yes/unknown bits from a Tri per profile.
  template <typename TriOf>
  static void from_tri(Node& node, std::size_t n, TriOf&& tri_of) {
    for (std::size_t w = 0; w < words_for(n); ++w) {
      std::uint64_t yes = 0;
      std::uint64_t unknown = 0;
      const std::size_t end = std::min<std::size_t>(64, n - w * 64);
      for (std::size_t b = 0; b < end; ++b) {
        const std::uint8_t t = tri_of(w * 64 + b);
        yes |= static_cast<std::uint64_t>(t == 1) << b;
        unknown |= static_cast<std::uint64_t>(t == 2) << b;
      }
      node.yes[w] = yes;
      node.unknown[w] = unknown;
    }
  }

  void evaluate_leaf(Node& node, const ProfileColumns& chunk) {
    const ProfileColumns::Data& d = chunk.data();
    const std::size_t n = chunk.size();
    const std::size_t words = words_for(n);
    const Condition& c = node.condition;
    if (c.op == Op::ask) {
      std::fill_n(node.yes.begin(), words, 0);
      std::fill_n(node.unknown.begin(), words, ~std::uint64_t{0});
      return;
    }
    const auto f = static_cast<std::size_t>(c.field);
    switch (info(c.field).kind) {
      case FieldKind::boolean: {
        const Bits& known = d.known[f];
        const Bits& value = d.value[f];
        for (std::size_t w = 0; w < words; ++w) {
          node.yes[w] = known[w] & (c.flag ? value[w] : ~value[w]);
          node.unknown[w] = ~known[w];
        }
        return;
      }
      case FieldKind::number: {
        const Bits& known = d.known[f];
        const double* values = d.number[f].data();
        const double bound = c.number;
        for (std::size_t w = 0; w < words; ++w) {
          const std::size_t base = w * 64;
          const std::size_t end = std::min<std::size_t>(64, n - base);
          std::uint64_t yes = 0;
          // Unknown values are NaN, for which every comparison is false.
          switch (c.op) {
            case Op::ge:
              for (std::size_t b = 0; b < end; ++b)
                yes |= std::uint64_t{values[base + b] >= bound} << b;
              break;
            case Op::gt:
              for (std::size_t b = 0; b < end; ++b)
                yes |= std::uint64_t{values[base + b] > bound} << b;
              break;
            case Op::le:
              for (std::size_t b = 0; b < end; ++b)
                yes |= std::uint64_t{values[base + b] <= bound} << b;
              break;
            default:
              for (std::size_t b = 0; b < end; ++b)
                yes |= std::uint64_t{values[base + b] < bound} << b;
              break;
          }
          node.yes[w] = yes;
          node.unknown[w] = ~known[w];
        }
        return;
      }
      case FieldKind::set: {
        const Bits& known = d.known[f];
        const std::uint64_t* sets = d.set[f].data();
        for (std::size_t w = 0; w < words; ++w) {
          const std::size_t base = w * 64;
          const std::size_t end = std::min<std::size_t>(64, n - base);
          std::uint64_t yes = 0;
          for (std::size_t b = 0; b < end; ++b) {
            yes |= std::uint64_t{(sets[base + b] & c.mask) != 0} << b;
          }
          node.yes[w] = yes & known[w];
          node.unknown[w] = ~known[w];
        }
        return;
      }
      case FieldKind::choice: {
        const std::uint8_t* values = d.choice[f].data();
        const std::uint8_t* lut = node.lut.data();
        from_tri(node, n, [&](std::size_t i) { return lut[values[i]]; });
        return;
      }
      case FieldKind::size: {
        const std::uint8_t* lut = node.lut.data();
        from_tri(node, n, [&](std::size_t i) { return lut[d.size[i] * 5U + d.largest[i]]; });
        return;
      }
      case FieldKind::code: {
        if (c.field == Field::industry) {
          const std::uint8_t* lut = node.lut.data();
          const std::size_t none = industries->size();
          from_tri(node, n, [&](std::size_t i) {
            return lut[d.industry[i] == kNoIndustry ? none : d.industry[i]];
          });
        } else {
          extend_region_lut(node, chunk.regions());
          const std::uint8_t* lut = node.lut.data();
          from_tri(node, n, [&](std::size_t i) {
            return d.region[i] == kNoRegion ? std::uint8_t{2} : lut[d.region[i]];
          });
        }
        return;
      }
      case FieldKind::text:
        break;
    }
    std::fill_n(node.unknown.begin(), words, ~std::uint64_t{0});
    std::fill_n(node.yes.begin(), words, 0);
  }

  void evaluate(const ProfileColumns& chunk) {
    const std::size_t n = chunk.size();
    const std::size_t words = words_for(n);
    const std::uint64_t tail = n % 64 == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << (n % 64)) - 1;
    for (Node& node : nodes) {
      if (node.yes.size() < words) {
        node.yes.resize(words_for(chunk.capacity()));
        node.unknown.resize(words_for(chunk.capacity()));
      }
      switch (node.kind) {
        case Expr::Kind::leaf:
          evaluate_leaf(node, chunk);
          break;
        case Expr::Kind::negate: {
          const Node& child = nodes[node.children.front()];
          for (std::size_t w = 0; w < words; ++w) {
            node.yes[w] = ~(child.yes[w] | child.unknown[w]);
            node.unknown[w] = child.unknown[w];
          }
          break;
        }
        case Expr::Kind::all:
        case Expr::Kind::any: {
          const bool all = node.kind == Expr::Kind::all;
          for (std::size_t w = 0; w < words; ++w) {
            std::uint64_t yes = all ? ~std::uint64_t{0} : 0;
            std::uint64_t no = all ? 0 : ~std::uint64_t{0};
            for (std::uint32_t c : node.children) {
              const Node& child = nodes[c];
              const std::uint64_t child_no = ~(child.yes[w] | child.unknown[w]);
              if (all) {
                yes &= child.yes[w];
                no |= child_no;
              } else {
                yes |= child.yes[w];
                no &= child_no;
              }
            }
            node.yes[w] = yes;
            node.unknown[w] = ~(yes | no);
          }
          break;
        }
      }
      // Bits past the last profile are neither yes nor unknown, so counts stay exact.
      if (words > 0) {
        node.yes[words - 1] &= tail;
        node.unknown[words - 1] &= tail;
      }
    }
  }
};

BatchMatcher::BatchMatcher(const Rules& rules, const BatchOptions& options)
    : graph_(std::make_unique<Graph>()) {
  graph_->industries = options.industries != nullptr ? options.industries : &default_industries();
  const std::string as_of = options.as_of.empty() ? today() : options.as_of;
  for (const RuleItem& rule : rules.items) {
    if (!rule.offers) continue;
    if (!options.items.empty() && std::find(options.items.begin(), options.items.end(),
                                            rule.item.id) == options.items.end()) {
      continue;
    }
    if (!options.include_expired && rule.facts.status_on(as_of) == catalog::Status::expired) {
      expired_.push_back(&rule);
      continue;
    }
    items_.push_back(&rule);
    graph_->roots.push_back(graph_->add(rule.rule));
  }
}

BatchMatcher::~BatchMatcher() = default;

std::size_t BatchMatcher::node_count() const { return graph_->nodes.size(); }

void BatchMatcher::evaluate(const ProfileColumns& chunk) { graph_->evaluate(chunk); }

const Bits& BatchMatcher::yes(std::size_t item) const {
  return graph_->nodes[graph_->roots[item]].yes;
}

const Bits& BatchMatcher::unknown(std::size_t item) const {
  return graph_->nodes[graph_->roots[item]].unknown;
}

// ---------------------------------------------------------------------------------------------
// Readers

bool split_csv_record(std::string_view text, std::vector<std::string>& cells) {
  cells.clear();
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        cell += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.push_back(std::move(cell));
      cell.clear();
    } else if (c != '\r' || i + 1 != text.size()) {
      cell += c;
    }
  }
  cells.push_back(std::move(cell));
  return !quoted;
}

namespace {

std::string trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// A CSV cell as the JSON value parse_profile() would get; null for an empty cell.
nlohmann::json cell_value(const FieldInfo& field, const std::string& text, const Location& where) {
  if (text.empty()) return nullptr;
  switch (field.kind) {
    case FieldKind::boolean: {
      const std::string t = lower(text);
      if (t == "true" || t == "1" || t == "yes" || t == "y" || t == "t" || t == "是") return true;
      if (t == "false" || t == "0" || t == "no" || t == "n" || t == "f" || t == "否") return false;
      throw UserError("profile-type", "expected true or false, found '" + text + "'",
                      "应为 true 或 false(是/否)，实为“" + text + "”", where);
    }
    case FieldKind::number: {
      double value = 0;
      const char* first = text.data();
      const char* last = first + text.size();
      const auto result = std::from_chars(first, last, value);
      if (result.ec != std::errc() || result.ptr != last || !std::isfinite(value)) {
        throw UserError("profile-type", "expected a number, found '" + text + "'",
                        "应为数字，实为“" + text + "”", where);
      }
      return value;
    }
    case FieldKind::set: {
      const std::string t = lower(text);
      nlohmann::json values = nlohmann::json::array();
      if (t == "none" || t == "无" || t == "-") return values;
      std::string part;
      const auto flush = [&] {
        std::string value = trim(part);
        if (!value.empty()) values.push_back(std::move(value));
        part.clear();
      };
      for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ';' || text[i] == '|') {
          flush();
        } else if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "；") == 0) {
          flush();
          i += 2;
        } else {
          part += text[i];
        }
      }
      flush();
      return values;
    }
    default:
      return text;
  }
}

// The profile field of each header column (nullptr: id, name or an ignored column), looked up
// once per file rather than once per cell.
std::vector<const FieldInfo*> column_fields(const std::vector<std::string>& header) {
  std::vector<const FieldInfo*> fields;
  fields.reserve(header.size());
  for (const std::string& column : header) {
    const FieldInfo* field = find_field(column);
    fields.push_back(field != nullptr && field->kind != FieldKind::size ? field : nullptr);
  }
  return fields;
}

Profile profile_from_cells(const std::vector<std::string>& header,
                           const std::vector<const FieldInfo*>& fields,
                           const std::vector<std::string>& cells, const std::string& source,
                           int line, const IndustryCatalog& industries) {
  if (cells.size() != header.size()) {
    throw UserError("profile-csv",
                    "expected " + std::to_string(header.size()) + " cells, found " +
                        std::to_string(cells.size()),
                    "应有 " + std::to_string(header.size()) + " 列，实有 " +
                        std::to_string(cells.size()) + " 列",
                    Location{.file = source, .line = line});
  }
  Profile profile;
  profile.source = source;
  profile.line = line;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& column = header[i];
    const FieldInfo* field = fields[i];
    if (field == nullptr) {
      if (column == "id") profile.id = trim(cells[i]);
      if (column == "name") profile.name = trim(cells[i]);
      continue;
    }
    const Location where{.file = source, .line = line, .field = column};
    set_field(profile, field->id, cell_value(*field, trim(cells[i]), where), industries, where);
  }
  return profile;
}

}  // namespace

Profile profile_from_csv(const std::vector<std::string>& header,
                         const std::vector<std::string>& cells, const std::string& source, int line,
                         const IndustryCatalog& industries) {
  return profile_from_cells(header, column_fields(header), cells, source, line, industries);
}

// ---------------------------------------------------------------------------------------------
// run_batch

namespace {

class RowReader {
 public:
  RowReader(std::istream& in, Format format, const IndustryCatalog& industries,
            BatchSummary& summary)
      : in_(in), format_(format), industries_(industries), summary_(summary) {
    if (format_ == Format::csv) read_header();
  }

  // The next profile; nullopt at the end. A bad row fills `error` and returns a default profile.
  std::optional<Profile> next(std::optional<BatchError>& error) {
    error.reset();
    std::string text;
    int start = 0;
    while (true) {
      if (!read_record(text, start)) return std::nullopt;
      if (!trim(text).empty()) break;
    }
    const std::uint64_t row = ++summary_.rows;
    try {
      if (format_ == Format::jsonl) {
        return parse_profile_text(text, source(), industries_, start);
      }
      if (!split_csv_record(text, cells_)) {
        throw UserError("profile-csv", "unterminated quoted cell", "引号未闭合",
                        Location{.file = source(), .line = start});
      }
      return profile_from_cells(header_, fields_, cells_, source(), start, industries_);
    } catch (const UserError& failure) {
      error =
          BatchError{row, start, failure.where().field, failure.code(), failure.message(Lang::zh)};
      return Profile{};
    }
  }

 private:
  static std::string source() { return "<batch>"; }

  // One record: a line, or for CSV several while a quote is open.
  bool read_record(std::string& text, int& start) {
    text.clear();
    std::string line;
    if (!std::getline(in_, line)) return false;
    start = ++line_;
    text = line;
    if (format_ == Format::csv) {
      while (std::count(text.begin(), text.end(), '"') % 2 == 1 && std::getline(in_, line)) {
        ++line_;
        text += "\n" + line;
      }
    }
    return true;
  }

  void read_header() {
    std::string text;
    int start = 0;
    while (read_record(text, start) && trim(text).empty()) {
    }
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    split_csv_record(text, header_);
    for (std::string& column : header_) column = trim(column);
    fields_ = column_fields(header_);
    bool any = false;
    for (std::size_t i = 0; i < header_.size(); ++i) {
      const std::string& column = header_[i];
      if (fields_[i] != nullptr) {
        any = true;
      } else if (column != "id" && column != "name" && column != "notes") {
        summary_.ignored_columns.push_back(column);
      }
    }
    if (!any) {
      throw UserError(
          "batch-csv-header",
          "the first line names no profile field (expected a header such as "
          "id,entity_type,industry,region,employees,…)",
          "首行不是表头，没有任何企业画像字段(如 id,entity_type,industry,region,employees,…)",
          Location{.file = source(), .line = start});
    }
  }

  std::istream& in_;
  Format format_;
  const IndustryCatalog& industries_;
  BatchSummary& summary_;
  std::vector<std::string> header_;
  std::vector<const FieldInfo*> fields_;  // of each header column (column_fields)
  std::vector<std::string> cells_;
  int line_ = 0;
};

std::string json_string(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Writes the chunk's rows and its bad rows, in row order; adds the counts.
void flush(const ProfileColumns& chunk, const BatchMatcher& matcher,
           std::vector<std::pair<std::uint64_t, std::string>>& bad_lines,
           const std::vector<std::string>& item_ids, bool write_unmatched, std::ostream& out,
           BatchSummary& summary) {
  const std::size_t items = matcher.items().size();
  for (std::size_t k = 0; k < items; ++k) {
    std::uint64_t yes = 0;
    std::uint64_t unknown = 0;
    for (std::size_t w = 0; w < words_for(chunk.size()); ++w) {
      yes += static_cast<std::uint64_t>(std::popcount(matcher.yes(k)[w]));
      unknown += static_cast<std::uint64_t>(std::popcount(matcher.unknown(k)[w]));
    }
    summary.policies[k].eligible += yes;
    summary.policies[k].likely += unknown;
  }
  std::size_t next_bad = 0;
  std::string line;
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    while (next_bad < bad_lines.size() && bad_lines[next_bad].first < chunk.row(i)) {
      out << bad_lines[next_bad++].second;
    }
    std::string eligible;
    std::string likely;
    for (std::size_t k = 0; k < items; ++k) {
      if (get_bit(matcher.yes(k), i)) {
        eligible += (eligible.empty() ? "" : ",") + item_ids[k];
      } else if (get_bit(matcher.unknown(k), i)) {
        likely += (likely.empty() ? "" : ",") + item_ids[k];
      }
    }
    if (eligible.empty() && likely.empty() && !write_unmatched) continue;
    line = "{\"row\":" + std::to_string(chunk.row(i));
    if (!chunk.id(i).empty()) line += ",\"id\":" + json_string(chunk.id(i));
    line += ",\"eligible\":[" + eligible + "],\"likely\":[" + likely + "]}\n";
    out << line;
  }
  while (next_bad < bad_lines.size()) out << bad_lines[next_bad++].second;
  bad_lines.clear();
  summary.matched += chunk.size();
  ++summary.chunks;
}

}  // namespace

BatchSummary run_batch(std::istream& in, Format format, std::ostream& out_jsonl, const Rules& rules,
                       const ProgressCallback& progress, const BatchOptions& options) {
  const IndustryCatalog& industries =
      options.industries != nullptr ? *options.industries : default_industries();
  const SizeStandard& standard =
      options.size_standard != nullptr ? *options.size_standard : default_size_standard();
  BatchSummary summary;
  summary.as_of = options.as_of.empty() ? today() : options.as_of;
  BatchOptions resolved = options;
  resolved.as_of = summary.as_of;
  resolved.industries = &industries;
  BatchMatcher matcher(rules, resolved);
  std::vector<std::string> item_ids;
  for (const RuleItem* item : matcher.items()) {
    summary.policies.push_back({item->item.id, item->item.seq, item->item.title, 0, 0});
    item_ids.push_back(json_string(item->item.id));
  }
  for (const RuleItem* item : matcher.expired()) summary.expired.push_back(item->item.id);

  ProfileColumns chunk(options.chunk_size, standard, industries);
  RowReader reader(in, format, industries, summary);
  std::vector<std::pair<std::uint64_t, std::string>> bad_lines;
  const auto finish_chunk = [&] {
    matcher.evaluate(chunk);
    flush(chunk, matcher, bad_lines, item_ids, options.write_unmatched, out_jsonl, summary);
    chunk.clear();
    if (progress) progress({summary.rows, summary.bad, summary.chunks});
  };
  std::optional<BatchError> error;
  while (auto profile = reader.next(error)) {
    if (error) {
      ++summary.bad;
      nlohmann::json line = {
          {"row", error->row},
          {"line", error->line},
          {"error", {{"code", error->code}, {"field", error->field}, {"message", error->message}}}};
      bad_lines.emplace_back(
          error->row, line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
      if (summary.errors.size() < options.max_errors) summary.errors.push_back(*error);
      continue;
    }
    chunk.append(*profile, summary.rows);
    if (chunk.full()) finish_chunk();
  }
  if (chunk.size() > 0 || !bad_lines.empty()) finish_chunk();
  return summary;
}

nlohmann::json to_json(const BatchSummary& summary) {
  nlohmann::json errors = nlohmann::json::array();
  for (const BatchError& error : summary.errors) {
    errors.push_back({{"row", error.row},
                      {"line", error.line},
                      {"field", error.field},
                      {"code", error.code},
                      {"message", error.message}});
  }
  nlohmann::json policies = nlohmann::json::array();
  for (const PolicyCount& policy : summary.policies) {
    policies.push_back({{"id", policy.id},
                        {"seq", policy.seq},
                        {"title", policy.title},
                        {"eligible", policy.eligible},
                        {"likely", policy.likely}});
  }
  return {{"as_of", summary.as_of},
          {"rows", summary.rows},
          {"matched", summary.matched},
          {"bad", summary.bad},
          {"chunks", summary.chunks},
          {"errors", std::move(errors)},
          {"policies", std::move(policies)},
          {"expired", summary.expired},
          {"ignored_columns", summary.ignored_columns}};
}

}  // namespace huiqi::match
