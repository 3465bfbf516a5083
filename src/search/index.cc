#include "search/index.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "search/fold.h"
#include "search/index_data.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace huiqi::search {
namespace {

// BM25F field weights and length normalization: the title names the measure, so a word there
// says far more than one in a long content cell; departments and extracted facts are short
// lists where a match is a strong signal; the basis cell is mostly document titles.
constexpr std::array<float, kFieldCount> kWeight = {4.0f, 1.0f, 0.5f, 1.5f, 1.5f};
constexpr std::array<float, kFieldCount> kB = {0.5f, 0.75f, 0.5f, 0.5f, 0.5f};
// Positions left between the segments of one field so that no phrase spans two of them.
constexpr std::uint32_t kSegmentGap = 8;

double cap_in_yuan(const catalog::AmountFact& a) {
  if (a.kind != "cap" || a.quantity != "amount") return -1;
  const std::string& u = a.unit;
  if (u.find("美元") != std::string::npos) return -1;  // no exchange rate is invented
  double v = a.high.value_or(a.value);
  if (u.find("亿") != std::string::npos) {
    v *= 1e8;
  } else if (u.find("万") != std::string::npos) {
    v *= 1e4;
  } else if (u.find("元") == std::string::npos && !u.empty()) {
    return -1;
  }
  return v;
}

// Departments from the raw 实施部门 text, for items whose facts have none yet (before
// extraction): split at the list separators, without the 责任单位 label.
std::vector<std::string> raw_departments(const std::string& raw) {
  std::string s = text::normalize(raw).text;
  for (const char* label : {"责任单位:", "牵头单位:", "实施部门:"}) {
    for (std::size_t at; (at = s.find(label)) != std::string::npos;) {
      s.replace(at, std::string(label).size(), "、");
    }
  }
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    const auto t = std::string(text::trim(cur));
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    cur.clear();
  };
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, 3, "、") == 0) {
      flush();
      i += 3;
    } else if (s[i] == ',' || s[i] == ';') {
      flush();
      ++i;
    } else {
      cur.push_back(s[i++]);
    }
  }
  flush();
  return out;
}

template <typename T>
std::size_t bytes_of(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

class Builder {
 public:
  explicit Builder(Index::Data& data) : data_(data) {}

  void add(std::uint32_t doc_id) {
    const Document& doc = data_.documents[doc_id];
    DocInfo& info = data_.info[doc_id];
    const catalog::Item& item = doc.item;
    const catalog::Facts& facts = doc.facts;
    const std::size_t slash = item.id.rfind('/');
    info.list = slash == std::string::npos ? std::string() : item.id.substr(0, slash);

    entries_.clear();
    std::array<std::vector<std::string>, kFieldCount> extra;
    for (const auto& d : facts.documents) {
      if (!d.title.empty()) extra[kBasis].push_back(d.title);
      if (!d.number.empty()) extra[kBasis].push_back(d.number);
    }
    for (const auto& d : facts.departments) extra[kDepartments].push_back(d.name);
    extra[kFacts].push_back(item.category);
    for (const auto& b : facts.beneficiaries) extra[kFacts].push_back(b.value);
    for (const auto& f : facts.forms) extra[kFacts].push_back(f.value);
    for (const auto& i : facts.industries) extra[kFacts].push_back(i.name);

    const std::array<const std::string*, kRawFieldCount> raw = {&item.title, &item.content,
                                                                &item.basis, &item.departments};
    for (int f = 0; f < kFieldCount; ++f) {
      std::uint32_t next = 0;
      if (f < kRawFieldCount) next = add_segment(f, *raw[f], 0, &info.slots[f]);
      for (const auto& s : extra[f])
        next = add_segment(f, s, next == 0 ? 0 : next + kSegmentGap, nullptr);
      lengths_[doc_id][f] = next;
    }
    flush(doc_id);

    // Facets.
    std::array<std::vector<std::uint32_t>, kStoredFacetCount> facet_ids;
    auto add_facet = [&](Facet facet, const std::string& value) {
      if (value.empty()) return;
      const std::string key = canonical(value);
      if (key.empty()) return;
      auto [it, inserted] = data_.facet_ids[facet].try_emplace(
          key, static_cast<std::uint32_t>(data_.facet_values[facet].size()));
      if (inserted) data_.facet_values[facet].push_back(text::normalize(value).text);
      auto& ids = facet_ids[facet];
      if (std::find(ids.begin(), ids.end(), it->second) == ids.end()) ids.push_back(it->second);
    };
    add_facet(kCategory, item.category);
    if (facts.departments.empty()) {
      for (const auto& d : raw_departments(item.departments)) add_facet(kDepartment, d);
    }
    for (const auto& d : facts.departments) add_facet(kDepartment, d.name);
    for (const auto& d : facts.documents) {
      add_facet(kDocument, d.number);
      add_facet(kLevel, catalog::to_string(d.level));
      if (d.year > 0) add_facet(kYear, std::to_string(d.year));
    }
    for (const auto& b : facts.beneficiaries) add_facet(kBeneficiary, b.value);
    for (const auto& i : facts.industries) add_facet(kIndustry, i.name);
    for (const auto& f : facts.forms) add_facet(kForm, f.value);
    add_facet(kList, info.list);
    data_.facet_start[doc_id] = static_cast<std::uint32_t>(data_.facet_data.size());
    for (auto& ids : facet_ids) {
      std::sort(ids.begin(), ids.end());
      data_.facet_data.push_back(static_cast<std::uint32_t>(ids.size()));
      data_.facet_data.insert(data_.facet_data.end(), ids.begin(), ids.end());
    }
    Validity& v = data_.validity[doc_id];
    v.from = date_number(facts.valid_from);
    v.until = date_number(facts.valid_until);
    v.unresolved = facts.validity_unresolved;
    v.exact = v.from >= 0 && v.until >= 0;
    for (const auto& a : facts.amounts) info.amount_cap = std::max(info.amount_cap, cap_in_yuan(a));
  }

  void finish() {
    const std::size_t n = data_.documents.size();
    std::array<double, kFieldCount> avg{};
    for (const auto& l : lengths_) {
      for (int f = 0; f < kFieldCount; ++f) avg[f] += l[f];
    }
    for (auto& a : avg) a = n == 0 ? 0 : a / static_cast<double>(n);
    for (std::size_t d = 0; d < n; ++d) {
      for (int f = 0; f < kFieldCount; ++f) {
        const double ratio = avg[f] > 0 ? lengths_[d][f] / avg[f] : 1.0;
        data_.fw[d][f] = static_cast<float>(kWeight[f] / (1.0 - kB[f] + kB[f] * ratio));
      }
    }
  }

  void resize(std::size_t n) {
    lengths_.assign(n, {});
    data_.fw.assign(n, {});
    data_.validity.assign(n, {});
    data_.facet_start.assign(n, 0);
  }

 private:
  // Tokenizes one segment of a field from position first; returns the position after it.
  std::uint32_t add_segment(int field, const std::string& raw, std::uint32_t first,
                            std::vector<Slot>* raw_slots) {
    const text::NormalizedText nt = text::normalize(raw);
    if (raw_slots != nullptr) {
      for (const Slot& s : slots(nt.text)) {
        const auto [b, e] = s.begin == s.end
                                ? std::pair{nt.raw_offset(s.begin), nt.raw_offset(s.begin)}
                                : nt.raw_span(s.begin, s.end);
        raw_slots->push_back(Slot{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
      }
    }
    const std::vector<Token> tokens = tokenize(nt.text, TokenizeMode::index, first);
    std::uint32_t last = first;
    for (const Token& t : tokens) {
      if (t.position > kPosMask) break;  // absurdly long field: the rest is not indexed
      auto [it, inserted] =
          data_.term_ids.try_emplace(t.term, static_cast<std::uint32_t>(data_.postings.size()));
      if (inserted) data_.postings.emplace_back();
      entries_.emplace_back(it->second,
                            (static_cast<std::uint32_t>(field) << kFieldShift) | t.position);
      last = std::max(last, t.position + 1);
    }
    return tokens.empty() ? first : last;
  }

  void flush(std::uint32_t doc_id) {
    std::sort(entries_.begin(), entries_.end());
    for (std::size_t i = 0; i < entries_.size();) {
      const std::uint32_t term = entries_[i].first;
      Postings& p = data_.postings[term];
      if (p.starts.empty()) p.starts.push_back(0);
      std::uint32_t packed = 0;
      for (; i < entries_.size() && entries_[i].first == term; ++i) {
        const std::uint32_t fp = entries_[i].second;
        const int f = static_cast<int>(field_of(fp));
        if (tf_in(packed, f) < 63) packed += 1u << (6 * f);
        p.positions.push_back(fp);
      }
      p.docs.push_back(doc_id);
      p.tfs.push_back(packed);
      p.starts.push_back(static_cast<std::uint32_t>(p.positions.size()));
    }
  }

  Index::Data& data_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> entries_;
  std::vector<std::array<std::uint32_t, kFieldCount>> lengths_;
};

}  // namespace

const char* field_name(int field) {
  static const char* const names[] = {"title", "content", "basis", "departments", "facts"};
  return field >= 0 && field < kFieldCount ? names[field] : "";
}

const char* facet_name(int facet) {
  static const char* const names[] = {"category", "department", "document", "level", "beneficiary",
                                      "industry", "form",       "year",     "list"};
  return facet >= 0 && facet < kStoredFacetCount ? names[facet] : "";
}

std::int32_t date_number(const std::string& date) {
  if (date.empty()) return 0;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return -1;
  std::int32_t out = 0;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (date[i] < '0' || date[i] > '9') return -1;
    out = out * 10 + (date[i] - '0');
  }
  return out;
}

std::shared_ptr<const Index> Index::build(std::vector<Document> documents, Synonyms synonyms) {
  const auto start = std::chrono::steady_clock::now();
  auto data = std::make_unique<Data>();
  data->documents = std::move(documents);
  data->synonyms = std::move(synonyms);
  data->info.resize(data->documents.size());
  Builder builder(*data);
  builder.resize(data->documents.size());
  for (std::uint32_t d = 0; d < data->documents.size(); ++d) builder.add(d);
  builder.finish();

  IndexStats& s = data->stats;
  s.documents = data->documents.size();
  s.terms = data->postings.size();
  std::size_t bytes = 0;
  for (auto& p : data->postings) {
    p.docs.shrink_to_fit();
    p.tfs.shrink_to_fit();
    p.starts.shrink_to_fit();
    p.positions.shrink_to_fit();
    s.postings += p.docs.size();
    s.positions += p.positions.size();
    bytes += sizeof(Postings) + bytes_of(p.docs) + bytes_of(p.tfs) + bytes_of(p.starts) +
             bytes_of(p.positions);
  }
  for (const auto& [term, id] : data->term_ids) bytes += 48 + term.capacity();
  for (std::size_t d = 0; d < data->documents.size(); ++d) {
    const auto& item = data->documents[d].item;
    bytes += sizeof(Document) + sizeof(DocInfo) + item.title.capacity() + item.content.capacity() +
             item.basis.capacity() + item.departments.capacity() + item.category.capacity() +
             item.id.capacity();
    for (const auto& sl : data->info[d].slots) bytes += bytes_of(sl);
  }
  bytes += bytes_of(data->fw) + bytes_of(data->validity) + bytes_of(data->facet_start) +
           bytes_of(data->facet_data);
  s.memory_bytes = bytes;
  s.build_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return std::make_shared<const Index>(std::move(data));
}

Index::Index(std::unique_ptr<const Data> data) : data_(std::move(data)) {}
Index::~Index() = default;

std::size_t Index::size() const { return data_->documents.size(); }
const Document& Index::document(std::size_t i) const { return data_->documents.at(i); }
const IndexStats& Index::stats() const { return data_->stats; }

}  // namespace huiqi::search
