#include "extract/documents.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "extract/text_scan.h"

namespace huiqi::extract {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kOpenTitle = "《";
constexpr std::string_view kCloseTitle = "》";
constexpr std::string_view kNumberMark = "号";
// Brackets a 文号's year is written in, after normalize() (which already turned the complete
// ones into 〔〕): what is left are the cut-off ones such as "辽市政发[202011".
constexpr std::array<std::string_view, 5> kYearOpeners = {"〔", "[", "【", "(", "〖"};
constexpr std::array<std::string_view, 5> kYearClosers = {"〕", "]", "】", ")", "〗"};
// Characters that make a digit run a date or a quantity rather than a cut-off 文号.
constexpr std::array<std::string_view, 7> kNotNumberAfter = {"年", "月", "日", "-", ".", "%", "至"};
// Issuer codes are short (辽银保监办发 has 6 characters): a longer run before the bracket is
// searched for a known code at its end, and is never a code as a whole.
constexpr std::size_t kMaxCodeChars = 10;
constexpr std::size_t kMaxUnknownCodeChars = 8;
// Between a title and its 文号 only brackets and spaces may stand, this many bytes at most.
constexpr std::size_t kMaxTitleGap = 4;

struct Title {
  Span outer;  // with the book-title marks
  Span inner;
  bool paired = false;
};

std::vector<Title> find_titles(std::string_view s) {
  std::vector<Title> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t pos = 0; pos < s.size();) {
    if (s.compare(pos, kOpenTitle.size(), kOpenTitle) == 0) {
      if (depth++ == 0) start = pos;
      pos += kOpenTitle.size();
    } else if (depth > 0 && s.compare(pos, kCloseTitle.size(), kCloseTitle) == 0) {
      pos += kCloseTitle.size();
      if (--depth == 0) {
        out.push_back(Title{{start, pos}, {start + kOpenTitle.size(), pos - kCloseTitle.size()}});
      }
    } else {
      ++pos;
    }
  }
  // An unclosed title runs to the end of the text.
  if (depth > 0) out.push_back(Title{{start, s.size()}, {start + kOpenTitle.size(), s.size()}});
  return out;
}

struct Number {
  Span span;
  std::string code;
  const IssuerRule* rule = nullptr;
  int year = 0;
  int serial = 0;
  bool truncated = false;
  bool inferred = false;
};

std::optional<std::size_t> starts_with_any(std::string_view s, std::size_t pos,
                                           const auto& candidates) {
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (s.compare(pos, candidates[i].size(), candidates[i]) == 0) return i;
  }
  return std::nullopt;
}

//! The issuer code ending at `end`: the longest suffix of the Han run before it that is a known
//! code ("根据辽市政发" → 辽市政发); else the whole run when a prefix row matches it (辽财预, 财社)
//! or, with `allow_unknown` (a complete 文号), when it is short enough to be a code at all.
//! Empty (end) when none of these holds.
std::pair<std::size_t, const IssuerRule*> issuer_code_start(std::string_view s, std::size_t end,
                                                            const IssuerTable& issuers,
                                                            bool allow_unknown) {
  std::vector<std::size_t> starts;  // code point starts of the run, nearest first
  for (std::size_t p = end; p > 0 && starts.size() < kMaxCodeChars;) {
    std::size_t q = previous_boundary(s, p);
    if (!is_han(code_point_at(s, q))) break;
    starts.push_back(q);
    p = q;
  }
  for (std::size_t n = starts.size(); n > 0; --n) {
    std::size_t begin = starts[n - 1];
    const IssuerRule* rule = issuers.by_code(s.substr(begin, end - begin));
    if (rule != nullptr && rule->match == IssuerRule::Match::code) return {begin, rule};
  }
  if (starts.empty() || starts.size() > kMaxUnknownCodeChars) return {end, nullptr};
  std::size_t whole = starts.back();
  if (const IssuerRule* rule = issuers.by_code(s.substr(whole, end - whole))) {
    return {whole, rule};
  }
  return {allow_unknown ? whole : end, nullptr};
}

//! A 文号 whose year bracket opens at `pos`, if there is one.
std::optional<Number> number_at(std::string_view s, std::size_t pos, std::size_t opener_size,
                                const IssuerTable& issuers) {
  std::size_t p = skip_spaces(s, pos + opener_size);
  Span digits = digit_run(s, p);
  std::size_t count = digits.end - digits.begin;
  if (count < 4 || count > 8) return std::nullopt;
  int year = parse_int(s.substr(digits.begin, 4));
  if (year < 1949 || year > 2100) return std::nullopt;

  Number n;
  n.year = year;
  std::size_t end = digits.end;
  if (count == 4) {
    std::size_t q = skip_spaces(s, digits.end);
    auto closer = starts_with_any(s, q, kYearClosers);
    if (closer) {
      q += kYearClosers[*closer].size();
      end = q;
      std::size_t r = skip_spaces(s, q);
      Span serial = digit_run(s, r);
      if (serial.end > serial.begin && serial.end - serial.begin <= 6) {
        n.serial = parse_int(s.substr(serial.begin, serial.end - serial.begin));
        end = serial.end;
        std::size_t t = skip_spaces(s, end);
        if (s.compare(t, kNumberMark.size(), kNumberMark) == 0) end = t + kNumberMark.size();
      } else {
        n.truncated = true;  // "辽市政发〔2020〕" with no serial
      }
    } else {
      n.truncated = true;  // "辽市政发[2020" cut off after the year
    }
  } else {
    // "辽市政发[202011": the closing bracket is lost and the serial runs into the year.
    if (starts_with_any(s, digits.end, kNotNumberAfter)) return std::nullopt;
    n.truncated = true;
    n.serial = parse_int(s.substr(digits.begin + 4, count - 4));
    n.inferred = n.serial > 0;
  }

  // "辽市政发 [2020] 3号": a space may stand between the code and its bracket.
  std::size_t code_end = skip_spaces_back(s, pos);
  auto [code_begin, rule] = issuer_code_start(s, code_end, issuers, /*allow_unknown=*/!n.truncated);
  if (code_begin == code_end) return std::nullopt;
  // A cut-off number is only believed with an issuer code the table knows.
  if (n.truncated && rule == nullptr) return std::nullopt;
  n.code = std::string(s.substr(code_begin, code_end - code_begin));
  n.rule = rule;
  n.span = {code_begin, end};
  return n;
}

std::string canonical_number(const Number& n) {
  std::string out = n.code + "〔" + std::to_string(n.year) + "〕";
  if (n.serial > 0) out += std::to_string(n.serial) + std::string(kNumberMark);
  return out;
}

bool inside(const std::vector<Title>& titles, std::size_t pos) {
  return std::any_of(titles.begin(), titles.end(),
                     [&](const Title& t) { return pos >= t.outer.begin && pos < t.outer.end; });
}

//! Only spaces and opening brackets, and few of them, between a title and its number.
bool close_enough(std::string_view s, std::size_t from, std::size_t to) {
  if (to < from) return false;
  std::string_view gap = s.substr(from, to - from);
  std::size_t counted = 0;
  for (std::size_t p = 0; p < gap.size();) {
    if (gap[p] == ' ') {
      ++p;
      continue;
    }
    auto opener = starts_with_any(gap, p, kYearOpeners);
    if (!opener) return false;
    p += kYearOpeners[*opener].size();
    counted += kYearOpeners[*opener].size();
  }
  return counted <= kMaxTitleGap;
}

}  // namespace

IssuerTable::IssuerTable(const std::vector<IssuerRule>& rules) : rules_(rules) {
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const IssuerRule& r = rules_[i];
    switch (r.match) {
      case IssuerRule::Match::code:
        codes_.emplace(r.pattern, i);
        break;
      case IssuerRule::Match::prefix:
        prefixes_.push_back(i);
        break;
      case IssuerRule::Match::title:
        titles_.add(r.pattern, static_cast<std::uint32_t>(i));
        break;
    }
  }
  std::stable_sort(prefixes_.begin(), prefixes_.end(), [&](std::size_t a, std::size_t b) {
    return rules_[a].pattern.size() > rules_[b].pattern.size();
  });
  titles_.finish();
}

const IssuerRule* IssuerTable::by_code(std::string_view code) const {
  if (code.empty()) return nullptr;
  if (auto it = codes_.find(std::string(code)); it != codes_.end()) return &rules_[it->second];
  for (std::size_t i : prefixes_) {
    if (code.starts_with(rules_[i].pattern)) return &rules_[i];
  }
  return nullptr;
}

const IssuerRule* IssuerTable::by_title(std::string_view title) const {
  // Leftmost-longest matching yields the earliest phrase, and the longest one there.
  for (const PhraseMatcher::Match& m : titles_.find_all(title)) {
    if (m.ids != nullptr && !m.ids->empty()) return &rules_[m.ids->front()];
  }
  return nullptr;
}

std::vector<catalog::DocumentRef> find_documents(const FieldText& field,
                                                 const IssuerTable& issuers) {
  std::string_view s = field.text();
  std::vector<Title> titles = find_titles(s);

  std::vector<Number> numbers;
  for (std::size_t pos = 0; pos < s.size();) {
    // Every opener starts with one of these bytes ('\xE3' leads 〔【〖): a cheap first test.
    char c = s[pos];
    auto opener =
        c == '[' || c == '(' || c == '\xE3' ? starts_with_any(s, pos, kYearOpeners) : std::nullopt;
    if (!opener || inside(titles, pos)) {
      ++pos;
      continue;
    }
    std::size_t size = kYearOpeners[*opener].size();
    if (auto n = number_at(s, pos, size, issuers)) {
      pos = n->span.end;
      numbers.push_back(std::move(*n));
    } else {
      pos += size;
    }
  }

  struct Found {
    std::size_t begin;
    catalog::DocumentRef doc;
  };
  std::vector<Found> found;
  auto resolve_level = [&](catalog::DocumentRef& d, const IssuerRule* rule) {
    if (rule != nullptr) {
      d.level = rule->level;
      d.issuer = rule->issuer;
      return;
    }
    if (const IssuerRule* by_title = issuers.by_title(d.title)) {
      d.level = by_title->level;
      d.issuer = by_title->issuer;
      d.inferred = true;
    }
  };

  for (const Number& n : numbers) {
    catalog::DocumentRef d;
    d.number = canonical_number(n);
    d.issuer_code = n.code;
    d.year = n.year;
    d.serial = n.serial;
    d.truncated = n.truncated;
    d.inferred = n.inferred;
    Span span = n.span;
    // The nearest unpaired title that ends just before the number is its title.
    for (auto it = titles.rbegin(); it != titles.rend(); ++it) {
      if (it->outer.end > n.span.begin) continue;
      if (!it->paired && close_enough(s, it->outer.end, n.span.begin)) {
        it->paired = true;
        d.title = std::string(s.substr(it->inner.begin, it->inner.end - it->inner.begin));
        span.begin = it->outer.begin;
      }
      break;
    }
    resolve_level(d, n.rule);
    d.evidence = field.evidence(span.begin, span.end);
    found.push_back(Found{span.begin, std::move(d)});
  }
  for (const Title& t : titles) {
    if (t.paired) continue;
    catalog::DocumentRef d;
    d.title = std::string(s.substr(t.inner.begin, t.inner.end - t.inner.begin));
    resolve_level(d, nullptr);
    d.evidence = field.evidence(t.outer.begin, t.outer.end);
    found.push_back(Found{t.outer.begin, std::move(d)});
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Found& a, const Found& b) { return a.begin < b.begin; });
  std::vector<catalog::DocumentRef> out;
  out.reserve(found.size());
  for (Found& f : found) out.push_back(std::move(f.doc));
  return out;
}

}  // namespace huiqi::extract
