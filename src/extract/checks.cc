#include "extract/checks.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <unordered_map>

#include "text/normalize.h"
#include "text/utf8.h"

namespace huiqi::extract {
namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }
std::string quoted_zh(const std::string& s) { return "“" + s + "”"; }

//! The distinct character bigrams of a text (spaces skipped), as 64-bit keys.
std::vector<std::uint64_t> bigrams(std::string_view raw) {
  std::string normalized = text::normalize(raw).text;
  std::vector<std::uint64_t> out;
  std::string_view s = normalized;
  char32_t previous = 0;
  for (std::size_t pos = 0; pos < s.size();) {
    char32_t cp = text::decode_utf8(s, pos);
    if (cp == U' ') continue;
    if (previous != 0) {
      out.push_back((static_cast<std::uint64_t>(previous) << 21) | static_cast<std::uint64_t>(cp));
    }
    previous = cp;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::size_t intersection_size(const std::vector<std::uint32_t>& a,
                              const std::vector<std::uint32_t>& b) {
  std::size_t n = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

}  // namespace

std::vector<Finding> check_facts(const catalog::Item& item, const catalog::Facts& facts) {
  std::vector<Finding> out;
  auto add = [&](const char* code, std::string en, std::string zh) {
    out.push_back(Finding{item.seq, code, std::move(en), std::move(zh)});
  };
  if (facts.departments.empty()) {
    add("no-department", "no department is named", "未写明实施部门");
  }
  for (const catalog::DepartmentRef& d : facts.departments) {
    if (!d.known) {
      add("unknown-department", "department " + quoted(d.name) + " is not in the dictionary",
          "实施部门" + quoted_zh(d.name) + "不在部门词典中");
    }
  }
  if (facts.documents.empty()) {
    add("no-document", "no policy document is named in the basis", "政策依据中未写明政策文件");
  }
  for (const catalog::DocumentRef& d : facts.documents) {
    if (d.truncated) {
      add("document-number-unparsed",
          "document number " + quoted(d.evidence.phrase) + " is cut off or malformed (read as " +
              quoted(d.number) + ")",
          "文号" + quoted_zh(d.evidence.phrase) + "残缺或格式有误（读作" + quoted_zh(d.number) +
              "）");
    }
  }
  for (const catalog::AmountFact& a : facts.amounts) {
    if (a.unit.empty()) {
      add("amount-without-unit", "amount without a unit in " + quoted(a.evidence.phrase),
          "金额缺少单位：" + quoted_zh(a.evidence.phrase));
    }
  }
  if (!facts.valid_from.empty() && !facts.valid_until.empty() &&
      facts.valid_from > facts.valid_until) {
    add("contradictory-dates",
        "the measures start (" + facts.valid_from + ") after they end (" + facts.valid_until + ")",
        "措施开始日期（" + facts.valid_from + "）晚于结束日期（" + facts.valid_until + "）");
  }
  for (const catalog::TimeFact& t : facts.times) {
    if (!t.from.empty() && !t.until.empty() && t.from > t.until) {
      add("contradictory-dates", "window " + quoted(t.evidence.phrase) + " starts after it ends",
          "期限" + quoted_zh(t.evidence.phrase) + "的开始日期晚于结束日期");
    }
  }
  return out;
}

std::vector<NearDuplicate> near_duplicates(const std::vector<catalog::Item>& items,
                                           double similarity, double containment) {
  std::vector<NearDuplicate> out;
  if (items.size() < 2) return out;
  similarity = std::clamp(similarity, 1e-6, 1.0);
  containment = std::clamp(containment, 1e-6, 1.0);
  // Either bound means the pair shares at least alpha * |shorter| bigrams.
  const double alpha = std::min(similarity, containment);

  // Bigrams → dense token ids, then ranks by ascending document frequency (rare first), so
  // that the prefixes compared are made of the rarest bigrams.
  std::unordered_map<std::uint64_t, std::uint32_t> ids;
  std::vector<std::uint32_t> frequency;
  std::vector<std::vector<std::uint32_t>> records(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (std::uint64_t key : bigrams(items[i].content)) {
      auto [it, inserted] = ids.emplace(key, static_cast<std::uint32_t>(frequency.size()));
      if (inserted) frequency.push_back(0);
      ++frequency[it->second];
      records[i].push_back(it->second);
    }
  }
  std::vector<std::uint32_t> order(frequency.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return frequency[a] != frequency[b] ? frequency[a] < frequency[b] : a < b;
  });
  std::vector<std::uint32_t> rank(frequency.size());
  for (std::uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
  for (auto& record : records) {
    for (auto& token : record) token = rank[token];
    std::sort(record.begin(), record.end());
  }

  // Prefix filtering: when two sets share at least alpha * |y| tokens (y the smaller), any
  // |y| - ceil(alpha |y|) + 1 tokens of y include a shared one. So each record's prefix of rare
  // tokens is indexed, and each later (larger or equal) record probes the index with all of its
  // tokens. Records are visited by ascending size.
  std::vector<std::size_t> by_size;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!records[i].empty()) by_size.push_back(i);
  }
  std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t a, std::size_t b) {
    return records[a].size() < records[b].size();
  });
  std::vector<std::vector<std::size_t>> index(rank.size());
  std::vector<std::size_t> seen_stamp(records.size(), SIZE_MAX);
  for (std::size_t x : by_size) {
    const auto& rx = records[x];
    for (std::uint32_t token : rx) {
      for (std::size_t y : index[token]) {
        if (seen_stamp[y] == x) continue;
        seen_stamp[y] = x;
        const auto& ry = records[y];  // ry.size() <= rx.size()
        std::size_t common = intersection_size(rx, ry);
        double jaccard =
            static_cast<double>(common) / static_cast<double>(rx.size() + ry.size() - common);
        double contained = static_cast<double>(common) / static_cast<double>(ry.size());
        if (jaccard + 1e-12 >= similarity || contained + 1e-12 >= containment) {
          int a = items[x].seq, b = items[y].seq;
          out.push_back(NearDuplicate{std::min(a, b), std::max(a, b), jaccard, contained});
        }
      }
    }
    double size_x = static_cast<double>(rx.size());
    auto needed = static_cast<std::size_t>(std::ceil(alpha * size_x - 1e-9));
    std::size_t prefix = std::min(rx.size(), rx.size() - std::min(rx.size(), needed) + 1);
    for (std::size_t k = 0; k < prefix; ++k) index[rx[k]].push_back(x);
  }
  std::sort(out.begin(), out.end(), [](const NearDuplicate& a, const NearDuplicate& b) {
    return a.seq_a != b.seq_a ? a.seq_a < b.seq_a : a.seq_b < b.seq_b;
  });
  return out;
}

}  // namespace huiqi::extract
