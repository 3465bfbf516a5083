// Highlights on the raw text: matched positions → raw byte spans (through the slots recorded at
// build time from text::normalize's byte map) → a snippet of about kSnippetChars characters
// around the densest group of matches.
#include <algorithm>

#include "search/index_data.h"
#include "text/utf8.h"

namespace huiqi::search {
namespace {

constexpr std::size_t kSnippetChars = 80;
constexpr std::size_t kLeadChars = 15;  // context kept before the first match of the window
const char* const kOpen = "«";
const char* const kClose = "»";
const char* const kEllipsis = "…";

using Span = std::pair<std::size_t, std::size_t>;

std::string snippet(const std::string& raw, const std::vector<Span>& spans) {
  std::vector<std::size_t> cuts{0};  // byte offset of each code point boundary
  for (std::size_t pos = 0; pos < raw.size();) {
    text::decode_utf8(raw, pos);
    cuts.push_back(pos);
  }
  const std::size_t chars = cuts.size() - 1;
  auto char_at = [&](std::size_t byte) {
    return static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), byte) -
                                    cuts.begin()) -
           1;
  };
  std::size_t first = 0;
  std::size_t last = chars;
  if (chars > kSnippetChars) {
    std::size_t best = 0;
    std::size_t best_count = 0;
    for (const Span& anchor : spans) {
      const std::size_t c = char_at(anchor.first);
      const std::size_t start =
          std::min(c > kLeadChars ? c - kLeadChars : 0, chars - kSnippetChars);
      std::size_t count = 0;
      for (const Span& s : spans) {
        if (s.first >= cuts[start] && s.second <= cuts[start + kSnippetChars]) ++count;
      }
      if (count > best_count) {
        best_count = count;
        best = start;
      }
    }
    first = best;
    last = best + kSnippetChars;
  }
  std::string out;
  if (first > 0) out += kEllipsis;
  std::size_t at = cuts[first];
  const std::size_t stop = cuts[last];
  for (const Span& s : spans) {
    const std::size_t b = std::max(s.first, cuts[first]);
    const std::size_t e = std::min(s.second, stop);
    if (b >= e || b < at) continue;
    out.append(raw, at, b - at);
    out += kOpen;
    out.append(raw, b, e - b);
    out += kClose;
    at = e;
  }
  out.append(raw, at, stop - at);
  if (last < chars) out += kEllipsis;
  return out;
}

}  // namespace

std::map<std::string, Highlight> make_highlights(
    const Index::Data& data, std::uint32_t doc,
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans) {
  std::map<std::string, Highlight> out;
  const DocInfo& info = data.info[doc];
  const catalog::Item& item = data.documents[doc].item;
  const std::array<const std::string*, kRawFieldCount> raw = {&item.title, &item.content,
                                                              &item.basis, &item.departments};
  std::array<std::vector<Span>, kRawFieldCount> by_field;
  for (const auto& [b, e] : spans) {
    const auto f = field_of(b);
    if (f >= kRawFieldCount || e <= b) continue;
    const auto& slots = info.slots[f];
    const std::size_t pb = b & kPosMask;
    const std::size_t pe = std::min<std::size_t>(e - (b & ~kPosMask), slots.size());
    if (pb >= pe) continue;  // a synthetic segment (names from facts): nothing to mark
    std::size_t rb = slots[pb].begin;
    std::size_t re = rb;
    for (std::size_t p = pb; p < pe; ++p) re = std::max<std::size_t>(re, slots[p].end);
    if (re > rb) by_field[f].emplace_back(rb, re);
  }
  for (int f = 0; f < kRawFieldCount; ++f) {
    auto& v = by_field[f];
    if (v.empty()) continue;
    std::sort(v.begin(), v.end());
    std::vector<Span> merged;
    for (const Span& s : v) {
      if (!merged.empty() && s.first <= merged.back().second) {
        merged.back().second = std::max(merged.back().second, s.second);
      } else {
        merged.push_back(s);
      }
    }
    Highlight h;
    h.snippet = snippet(*raw[f], merged);
    h.spans = std::move(merged);
    out.emplace(field_name(f), std::move(h));
  }
  return out;
}

}  // namespace huiqi::search
