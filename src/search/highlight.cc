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

// The end of the code point at pos: text::decode_utf8's, with ASCII and well-formed 3-byte
// sequences inline.
std::size_t next_cut(const std::string& s, std::size_t pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) return pos + 1;
  if ((b0 & 0xF0) == 0xE0 && pos + 3 <= s.size()) {
    const auto b1 = static_cast<unsigned char>(s[pos + 1]);
    const auto b2 = static_cast<unsigned char>(s[pos + 2]);
    if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
      const unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return pos + 3;
    }
  }
  text::decode_utf8(s, pos);
  return pos;
}

// The byte offset count code points before pos (or 0).
std::size_t back_chars(const std::string& s, std::size_t pos, std::size_t count) {
  for (; count > 0 && pos > 0; --count) {
    --pos;
    while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  }
  return pos;
}

// The snippet: a window of kSnippetChars characters (the whole text when shorter) starting
// kLeadChars before the span whose window holds the most spans (moved back where the text ends
// sooner), with the spans in it marked. spans: ascending, not overlapping.
std::string snippet(const std::string& raw, const std::vector<Span>& spans) {
  // The code point boundaries of the only stretch a window can cover: from kSnippetChars
  // before the first span (a window moved back from the end of the text reaches that far) to
  // kSnippetChars past the character where the last span begins, and one more (so that a
  // longer text is known to go on).
  thread_local std::vector<std::size_t> cuts;
  cuts.clear();
  const std::size_t from = spans.empty() ? 0 : back_chars(raw, spans.front().first, kSnippetChars);
  cuts.push_back(from);
  const std::size_t last_begin = spans.empty() ? from : spans.back().first;
  std::size_t reach = 0;  // the characters to find, once the last span's is known
  for (std::size_t pos = from; pos < raw.size();) {
    pos = next_cut(raw, pos);
    cuts.push_back(pos);
    if (reach == 0 && pos > last_begin) reach = cuts.size() - 2 + kSnippetChars + 1;
    if (reach != 0 && cuts.size() - 1 >= reach) break;
  }
  const std::size_t chars = cuts.size() - 1;
  const bool to_end = cuts.back() == raw.size();
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
      std::size_t start = c > kLeadChars ? c - kLeadChars : 0;
      if (to_end) start = std::min(start, chars - kSnippetChars);
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
  if (cuts[first] > 0) out += kEllipsis;
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
  if (stop < raw.size()) out += kEllipsis;
  return out;
}

// Reads a document's slot map (index_data.h) field by field.
class SlotReader {
 public:
  SlotReader(const Index::Data& data, std::uint32_t doc)
      : p_(data.slot_bytes.data() + data.slot_offset[doc]) {}

  // The slots of the next raw field, the first `limit` of them at most, into out; returns the
  // field's slot count.
  std::size_t field(std::size_t limit, std::vector<Slot>& out) {
    out.clear();
    const std::uint32_t count = get_varint(p_);
    const std::uint32_t bytes = get_varint(p_);
    const std::uint8_t* p = p_;
    p_ += bytes;
    std::uint32_t prev_end = 0;
    for (std::size_t i = 0; i < count && i < limit; ++i) {
      const std::uint8_t code = *p++;
      std::uint32_t begin = 0;
      std::uint32_t length = 0;
      if (code != kSlotEscape) {
        begin = prev_end + code / 32u;
        length = code % 32u;
      } else {
        const std::uint32_t z = get_varint(p);
        const std::int64_t gap =
            static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1u);
        begin = static_cast<std::uint32_t>(static_cast<std::int64_t>(prev_end) + gap);
        length = get_varint(p);
      }
      out.push_back(Slot{begin, begin + length});
      prev_end = begin + length;
    }
    return count;
  }

 private:
  const std::uint8_t* p_;
};

}  // namespace

std::map<std::string, Highlight> make_highlights(
    const Index::Data& data, std::uint32_t doc,
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans) {
  std::map<std::string, Highlight> out;
  const catalog::Item& item = data.documents[doc].item;
  const std::array<const std::string*, kRawFieldCount> raw = {&item.title, &item.content,
                                                              &item.basis, &item.departments};
  // The slots each field needs: up to the end of its last span.
  std::array<std::size_t, kRawFieldCount> need{};
  for (const auto& [b, e] : spans) {
    const auto f = field_of(b);
    if (f >= kRawFieldCount || e <= b) continue;
    need[f] = std::max<std::size_t>(need[f], e - (b & ~kPosMask));
  }
  std::array<std::vector<Span>, kRawFieldCount> by_field;
  SlotReader reader(data, doc);
  thread_local std::vector<Slot> slots;  // (kept between calls: a field may have thousands)
  for (std::uint32_t f = 0; f < kRawFieldCount; ++f) {
    const std::size_t size = reader.field(need[f], slots);
    if (need[f] == 0) continue;
    for (const auto& [b, e] : spans) {
      if (field_of(b) != f || e <= b) continue;
      const std::size_t pb = b & kPosMask;
      const std::size_t pe = std::min<std::size_t>(e - (b & ~kPosMask), size);
      if (pb >= pe) continue;  // a synthetic segment (names from facts): nothing to mark
      std::size_t rb = slots[pb].begin;
      std::size_t re = rb;
      for (std::size_t p = pb; p < pe; ++p) re = std::max<std::size_t>(re, slots[p].end);
      if (re > rb) by_field[f].emplace_back(rb, re);
    }
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
