#include "text/numbers.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

#include "text/utf8.h"

namespace huiqi::text {
namespace {

// ---------------------------------------------------------------------------------------------
// Decoded text: code points plus the byte offset of each (and of the end).

struct Decoded {
  std::u32string cps;
  std::vector<std::size_t> offsets;  // cps.size() + 1 entries

  explicit Decoded(std::string_view bytes) {
    cps.reserve(bytes.size());
    offsets.reserve(bytes.size() + 1);
    std::size_t pos = 0;
    while (pos < bytes.size()) {
      offsets.push_back(pos);
      cps.push_back(decode_utf8(bytes, pos));
    }
    offsets.push_back(bytes.size());
  }

  std::size_t size() const { return cps.size(); }
  char32_t at(std::size_t i) const { return i < cps.size() ? cps[i] : U'\0'; }
  bool starts_with(std::size_t i, std::u32string_view s) const {
    return i <= cps.size() && std::u32string_view(cps).substr(i).starts_with(s);
  }
  bool ends_with(std::size_t end, std::u32string_view s) const {
    return end <= cps.size() && std::u32string_view(cps).substr(0, end).ends_with(s);
  }
};

bool is_digit(char32_t cp) { return cp >= U'0' && cp <= U'9'; }
bool is_ascii_letter(char32_t cp) {
  return (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z');
}

std::string to_utf8(std::u32string_view cps) {
  std::string out;
  for (char32_t cp : cps) append_utf8(out, cp);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Numerals.

struct Numeral {
  char32_t cp;
  int value;  // digit 0-9, or a multiplier 10, 100, 1000, 10000, 100000000
};
constexpr auto kNumerals = std::to_array<Numeral>({
    {U'〇', 0},   {U'零', 0},    {U'一', 1},    {U'壹', 1},     {U'二', 2},         {U'贰', 2},
    {U'两', 2},   {U'三', 3},    {U'叁', 3},    {U'四', 4},     {U'肆', 4},         {U'五', 5},
    {U'伍', 5},   {U'六', 6},    {U'陆', 6},    {U'七', 7},     {U'柒', 7},         {U'八', 8},
    {U'捌', 8},   {U'九', 9},    {U'玖', 9},    {U'十', 10},    {U'拾', 10},        {U'百', 100},
    {U'佰', 100}, {U'千', 1000}, {U'仟', 1000}, {U'万', 10000}, {U'亿', 100000000},
});

std::optional<int> numeral_value(char32_t cp) {
  for (const Numeral& n : kNumerals) {
    if (n.cp == cp) return n.value;
  }
  return std::nullopt;
}
bool is_chinese_digit(char32_t cp) {
  const auto v = numeral_value(cp);
  return v && *v < 10;
}
bool is_multiplier(char32_t cp) {
  const auto v = numeral_value(cp);
  return v && *v >= 10;
}

// An Arabic number at s[i]: digits, thousands groups ("1,000,000"), a decimal fraction.
// Returns its value and end; nullopt when s[i] is not a digit or the value is not finite.
std::optional<std::pair<double, std::size_t>> lex_arabic(std::u32string_view s, std::size_t i) {
  std::size_t j = i;
  std::string ascii;
  while (j < s.size() && is_digit(s[j])) ascii += static_cast<char>(s[j++]);
  if (ascii.empty()) return std::nullopt;
  if (ascii.size() <= 3) {
    // Thousands separators only in a well-formed group pattern, never in "1,2" (a list).
    while (j + 3 < s.size() && s[j] == U',' && is_digit(s[j + 1]) && is_digit(s[j + 2]) &&
           is_digit(s[j + 3]) && (j + 4 >= s.size() || !is_digit(s[j + 4]))) {
      for (std::size_t k = j + 1; k <= j + 3; ++k) ascii += static_cast<char>(s[k]);
      j += 4;
    }
  }
  if (j + 1 < s.size() && s[j] == U'.' && is_digit(s[j + 1])) {
    ascii += '.';
    ++j;
    while (j < s.size() && is_digit(s[j])) ascii += static_cast<char>(s[j++]);
  }
  double value = 0;
  const auto [ptr, ec] = std::from_chars(ascii.data(), ascii.data() + ascii.size(), value);
  if (ec != std::errc() || ptr != ascii.data() + ascii.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return std::make_pair(value, j);
}

// The value of s as a whole, Chinese numerals and Arabic digits mixed ("1.2万", "三千五百万").
std::optional<double> parse_numeral(std::u32string_view s) {
  if (s.empty()) return std::nullopt;
  if (s == U"半") return 0.5;

  // Digit by digit, no multipliers: "二〇二〇".
  if (s.size() > 1 && std::all_of(s.begin(), s.end(), is_chinese_digit)) {
    double value = 0;
    for (char32_t cp : s) value = value * 10 + *numeral_value(cp);
    if (!std::isfinite(value)) return std::nullopt;
    return value;
  }

  double total = 0;      // finished 亿 groups
  double wan_group = 0;  // finished 万 groups inside the current 亿 group
  double section = 0;    // below 万
  double current = 0;    // the number waiting for its multiplier
  bool has_current = false;
  double last_small = std::numeric_limits<double>::infinity();  // 千 > 百 > 十 inside a section
  double tail = 0;  // multiplier right before the current number ("三千五" → 五 × 100)
  bool wan_seen = false;
  bool previous_multiplier = false;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = s[i];
    if (is_digit(cp)) {
      const auto arabic = lex_arabic(s, i);
      if (!arabic || has_current) return std::nullopt;
      current = arabic->first;
      has_current = true;
      tail = previous_multiplier ? tail : 0;
      previous_multiplier = false;
      i = arabic->second;
      continue;
    }
    const auto v = numeral_value(cp);
    if (!v) return std::nullopt;
    ++i;
    if (*v == 0) {  // 零 only holds a place: "一百零五"
      if (has_current) return std::nullopt;
      tail = 0;
      previous_multiplier = false;
      continue;
    }
    if (*v < 10) {
      if (has_current) return std::nullopt;  // "一二十"
      current = *v;
      has_current = true;
      tail = previous_multiplier ? tail : 0;
      previous_multiplier = false;
      continue;
    }
    const double m = *v;
    if (m < 10000) {
      if (!has_current) {
        if (i != 1) return std::nullopt;  // only a leading 十/百/千 stands for 1: "十五"
        current = 1;
      }
      if (m >= last_small) return std::nullopt;  // "十百"
      section += current * m;
      last_small = m;
    } else if (m == 10000) {
      const double group = section + current;
      if (group == 0 || wan_seen) return std::nullopt;
      wan_group += group * m;
      section = 0;
      last_small = std::numeric_limits<double>::infinity();
      wan_seen = true;
    } else {
      const double group = wan_group + section + current;
      if (group == 0) return std::nullopt;
      total += group * m;
      wan_group = section = 0;
      last_small = std::numeric_limits<double>::infinity();
      wan_seen = false;
    }
    current = 0;
    has_current = false;
    tail = m;
    previous_multiplier = true;
  }
  if (has_current) section += tail >= 100 ? current * tail / 10 : current;
  const double value = total + wan_group + section;
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

// ---------------------------------------------------------------------------------------------
// Units.

struct UnitEntry {
  std::u32string_view written;
  Quantity::Kind kind;
  std::string_view unit;  // canonical
  bool chinese_ok;        // may follow a number written in Chinese numerals
};

using K = Quantity::Kind;
// Longest first where one is a prefix of another (个月 before 个, 元人民币 before 元).
constexpr auto kUnitTable = std::to_array<UnitEntry>({
    {U"元人民币", K::amount, "元", true},
    {U"元", K::amount, "元", true},
    {U"美元", K::amount, "美元", true},
    {U"欧元", K::amount, "欧元", true},
    {U"日元", K::amount, "日元", true},
    {U"港元", K::amount, "港元", true},
    {U"%", K::percent, "%", false},
    {U"‰", K::permille, "‰", false},
    {U"BP", K::basis_points, "BP", false},
    {U"bp", K::basis_points, "BP", false},
    {U"个基点", K::basis_points, "BP", false},
    {U"基点", K::basis_points, "BP", false},
    {U"个工作日", K::duration, "工作日", true},
    {U"工作日", K::duration, "工作日", true},
    {U"个月", K::duration, "个月", true},
    {U"个季度", K::duration, "季度", true},
    {U"个小时", K::duration, "小时", true},
    {U"小时", K::duration, "小时", true},
    {U"个星期", K::duration, "周", true},
    {U"星期", K::duration, "周", true},
    {U"周岁", K::count, "岁", false},
    {U"周", K::duration, "周", true},
    {U"年", K::duration, "年", true},
    {U"天", K::duration, "天", true},
    {U"日", K::duration, "天", true},
    {U"人次", K::count, "人次", false},
    {U"人", K::count, "人", false},
    {U"名", K::count, "名", false},
    {U"户", K::count, "户", false},
    {U"家", K::count, "家", false},
    {U"个", K::count, "个", false},
    {U"项", K::count, "项", false},
    {U"次", K::count, "次", false},
    {U"亩", K::count, "亩", false},
    {U"台", K::count, "台", false},
    {U"套", K::count, "套", false},
    {U"岁", K::count, "岁", false},
    {U"倍", K::count, "倍", false},
});

// What follows 年 when it is part of a date or a name rather than a duration.
constexpr auto kNotYearDuration =
    std::to_array<std::u32string_view>({U"代", U"度", U"级", U"底", U"初", U"末", U"份"});

// What an amount is counted per, after 每 or '/'. Longest first.
struct PerEntry {
  std::u32string_view written;
  std::string_view per;
};
constexpr auto kPerNouns = std::to_array<PerEntry>({
    {U"家企业", "企业"}, {U"个企业", "企业"}, {U"户企业", "户"}, {U"企业", "企业"},
    {U"人次", "人次"},   {U"人", "人"},       {U"名", "人"},     {U"位", "人"},
    {U"户", "户"},       {U"亩", "亩"},       {U"家", "企业"},   {U"个月", "月"},
    {U"月", "月"},       {U"年", "年"},       {U"季度", "季度"}, {U"平方米", "平方米"},
    {U"吨", "吨"},       {U"台", "台"},       {U"套", "套"},     {U"项", "项"},
    {U"次", "次"},       {U"天", "天"},       {U"日", "天"},     {U"个", "个"},
});

// Per-unit written before the amount without 每 ("亩补助25元", "人均").
constexpr auto kPerPrefixes = std::to_array<PerEntry>({
    {U"亩补助", "亩"},
    {U"亩补贴", "亩"},
    {U"亩奖励", "亩"},
    {U"亩均", "亩"},
    {U"人均", "人"},
    {U"户均", "户"},
});

const UnitEntry* match_unit(const Decoded& d, std::size_t i, bool chinese) {
  for (const UnitEntry& entry : kUnitTable) {
    if (!d.starts_with(i, entry.written)) continue;
    if (chinese && !entry.chinese_ok) return nullptr;
    if (entry.written == U"人" && d.at(i + 1) == U'民') return nullptr;  // 人民币, 人民银行
    return &entry;
  }
  return nullptr;
}

const PerEntry* match_per(const Decoded& d, std::size_t i) {
  for (const PerEntry& entry : kPerNouns) {
    if (d.starts_with(i, entry.written)) return &entry;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Finding quantities (offsets in code points until the end).

struct Number {
  double value = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool chinese = false;
  double multiplier = 1;  // trailing 万/亿/千… of an Arabic number ("20万" → 1e4)
  bool four_digit_integer = false;
};

bool is_numeral_start(char32_t cp) {
  const auto v = numeral_value(cp);
  return v && ((*v >= 1 && *v <= 10) || cp == U'〇');
}

// The number at i, or nullopt; *skip_to is where scanning goes on when nothing is found.
std::optional<Number> lex_number(const Decoded& d, std::size_t i, std::size_t* skip_to) {
  const std::u32string_view s(d.cps);
  *skip_to = i + 1;
  const char32_t before = i > 0 ? s[i - 1] : U'\0';
  if (is_digit(s[i])) {
    const auto arabic = lex_arabic(s, i);
    // "IPv6", "1.2.3", "1/3", "第3年" are not quantities.
    if (!arabic || is_ascii_letter(before) || before == U'.' || before == U'/' || before == U'第') {
      std::size_t end = i;
      while (end < s.size() && (is_digit(s[end]) || s[end] == U'.' || s[end] == U',')) ++end;
      *skip_to = end;  // the whole run, so that no part of it is read again
      return std::nullopt;
    }
    Number n;
    n.begin = i;
    n.end = arabic->second;
    n.value = arabic->first;
    std::size_t digits = 0;
    while (digits < s.size() - i && is_digit(s[i + digits])) ++digits;
    n.four_digit_integer = digits == 4 && n.end == i + 4;
    std::size_t m = n.end;
    while (m < s.size() && is_multiplier(s[m])) ++m;
    if (m > n.end && n.value != 0) {
      if (const auto scaled = parse_numeral(s.substr(i, m - i))) {
        n.multiplier = *scaled / n.value;
        n.value = *scaled;
        n.end = m;
        n.four_digit_integer = false;
      }
    }
    if (d.at(n.end) == U'/' && is_digit(d.at(n.end + 1))) return std::nullopt;
    *skip_to = n.end;
    return n;
  }
  if (s[i] == U'半') {
    Number n{.value = 0.5, .begin = i, .end = i + 1, .chinese = true};
    return n;
  }
  if (!is_numeral_start(s[i])) return std::nullopt;
  std::size_t end = i;
  while (end < s.size() && numeral_value(s[end])) ++end;
  *skip_to = end;
  if (before == U'第') return std::nullopt;
  const auto value = parse_numeral(s.substr(i, end - i));
  if (!value) return std::nullopt;
  Number n{.value = *value, .begin = i, .end = end, .chinese = true};
  n.four_digit_integer =
      end - i == 4 && std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i),
                                  s.begin() + static_cast<std::ptrdiff_t>(end), is_chinese_digit);
  return n;
}

struct Found {
  Quantity::Kind kind = Quantity::Kind::amount;
  double value = 0;
  std::optional<double> high;
  std::string unit;
  std::string per;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool dropped = false;  // a count folded into a following amount's per
};

Found make_found(Quantity::Kind kind, double value, std::string_view unit, std::size_t begin,
                 std::size_t end) {
  Found f;
  f.kind = kind;
  f.value = value;
  f.unit = unit;
  f.begin = begin;
  f.end = end;
  return f;
}

bool is_currency(const Found& f) { return f.kind == Quantity::Kind::amount; }

// A year or a day of a month read as if it were a duration.
bool is_date(const Decoded& d, const Number& n, const UnitEntry& unit, std::size_t unit_end) {
  if (unit.unit == "年") {
    if (n.four_digit_integer && n.value >= 1000 && n.value < 3000) return true;
    for (std::u32string_view next : kNotYearDuration) {
      if (d.starts_with(unit_end, next)) return true;
    }
    if (d.at(unit_end) == U'期' && d.at(unit_end + 1) != U'限') return true;  // 一年期贷款
  }
  if (unit.written == U"日" && n.begin > 0 && d.at(n.begin - 1) == U'月') return true;
  return false;
}

constexpr auto kRangeJoiners = std::to_array<char32_t>({U'-', U'~', U'至', U'到'});
constexpr auto kListJoiners = std::to_array<char32_t>({U'、', U'和', U'或', U'及', U'与'});

template <typename Array>
bool contains(const Array& set, char32_t cp) {
  return std::find(set.begin(), set.end(), cp) != set.end();
}

// Clause delimiters; a comma between digits is a thousands separator, not a clause end.
bool is_clause_end(const Decoded& d, std::size_t i) {
  switch (d.at(i)) {
    case U'。':
    case U';':
    case U'!':
    case U'?':
    case U'\n':
    case U'\r':
      return true;
    case U',':
      return !(i > 0 && is_digit(d.at(i - 1)) && is_digit(d.at(i + 1)));
    default:
      return false;
  }
}

struct Clauses {
  std::vector<std::size_t> ends;  // positions of delimiters

  explicit Clauses(const Decoded& d) {
    for (std::size_t i = 0; i < d.size(); ++i) {
      if (is_clause_end(d, i)) ends.push_back(i);
    }
  }
  std::size_t begin_of(std::size_t pos) const {
    auto it = std::lower_bound(ends.begin(), ends.end(), pos);
    return it == ends.begin() ? 0 : *(it - 1) + 1;
  }
  std::size_t end_of(std::size_t pos, std::size_t text_size) const {
    auto it = std::lower_bound(ends.begin(), ends.end(), pos);
    return it == ends.end() ? text_size : *it;
  }
};

constexpr std::size_t kPerWindow = 24;  // characters between 每 and its amount

// The per-unit of the amount at f, from "每…" or "亩补助" before it in the same clause.
void find_per(const Decoded& d, const Clauses& clauses, std::vector<Found>& found,
              std::size_t index) {
  Found& f = found[index];
  const std::size_t clause_begin = clauses.begin_of(f.begin);
  const std::size_t low =
      f.begin > kPerWindow ? std::max(clause_begin, f.begin - kPerWindow) : clause_begin;
  for (std::size_t end = f.begin; end > low; --end) {
    for (const PerEntry& prefix : kPerPrefixes) {
      if (end >= low + prefix.written.size() && d.ends_with(end, prefix.written)) {
        f.per = prefix.per;
        return;
      }
    }
    const std::size_t p = end - 1;
    if (d.at(p) != U'每') continue;
    if (const PerEntry* noun = match_per(d, p + 1)) {
      f.per = noun->per;
      return;
    }
    // "每新招用1人…1000元": the first count after 每 names the unit.
    for (std::size_t k = index; k-- > 0;) {
      Found& count = found[k];
      if (count.end <= p) break;
      if (count.kind == Quantity::Kind::count && count.begin <= p + 9 && count.end <= f.begin) {
        f.per = count.unit;
        count.dropped = true;
        return;
      }
    }
    return;  // the nearest 每 decides, even when it names nothing we know
  }
}

std::vector<Found> find_all(const Decoded& d, const Clauses& clauses) {
  std::vector<Found> found;
  std::vector<Number> bare;  // numbers without a unit, for "20万、15万和10万元"
  const std::u32string_view s(d.cps);
  std::size_t i = 0;
  while (i < s.size()) {
    bool percent_words = false;
    std::size_t start = i;
    if (d.starts_with(i, U"百分之")) {
      percent_words = true;
      start = i + 3;
    }
    if (start >= s.size()) break;
    std::size_t skip_to = start + 1;
    std::optional<Number> number = lex_number(d, start, &skip_to);
    if (!number) {
      i = percent_words ? i + 1 : skip_to;
      continue;
    }
    if (percent_words) {
      found.push_back(make_found(Quantity::Kind::percent, number->value, "%", i, number->end));
      i = number->end;
      continue;
    }
    if (number->chinese && number->value == 0.5 && s[number->begin] == U'半') {
      // 半 is a number only before a duration unit.
      const UnitEntry* unit = match_unit(d, number->end, true);
      if (unit == nullptr || unit->kind != Quantity::Kind::duration) {
        i = number->end;
        continue;
      }
    }

    const UnitEntry* unit = match_unit(d, number->end, number->chinese);
    std::size_t unit_end = unit ? number->end + unit->written.size() : number->end;

    // A range: "10%-20%", "5-15BP", "3至12个月", "10-20万元".
    if (contains(kRangeJoiners, d.at(unit_end))) {
      std::size_t skip2 = 0;
      std::optional<Number> second;
      if (unit_end + 1 < s.size()) second = lex_number(d, unit_end + 1, &skip2);
      if (second && second->chinese == number->chinese) {
        const UnitEntry* unit2 = match_unit(d, second->end, second->chinese);
        if (unit2 != nullptr && (unit == nullptr || unit->unit == unit2->unit)) {
          const std::size_t end2 = second->end + unit2->written.size();
          if (is_date(d, *number, *unit2, end2) || is_date(d, *second, *unit2, end2)) {
            i = end2;
            continue;
          }
          double low = number->value;
          if (unit == nullptr && number->multiplier == 1) low *= second->multiplier;
          found.push_back(make_found(unit2->kind, low, unit2->unit, number->begin, end2));
          found.back().high = second->value;
          i = end2;
          continue;
        }
      }
    }

    if (unit == nullptr) {
      bare.push_back(*number);
      i = number->end;
      continue;
    }
    if (is_date(d, *number, *unit, unit_end)) {
      i = unit_end;
      continue;
    }
    Found f = make_found(unit->kind, number->value, unit->unit, number->begin, unit_end);
    if (unit->unit == "年" && d.at(unit_end) == U'半') {  // 一年半
      f.value += 0.5;
      f.end = ++unit_end;
    }
    if (is_currency(f) && d.at(unit_end) == U'/') {  // 200元/人
      if (const PerEntry* noun = match_per(d, unit_end + 1)) {
        f.per = noun->per;
        f.end = unit_end + 1 + noun->written.size();
      }
    }
    if (is_currency(f)) {
      // Earlier members of a list that wrote the currency once, at the end.
      std::vector<Found> members;
      std::size_t next_begin = f.begin;
      while (!bare.empty()) {
        const Number& b = bare.back();
        if (b.chinese || b.end + 1 != next_begin || !contains(kListJoiners, d.at(b.end))) break;
        if (!found.empty() && found.back().end > b.begin) break;
        members.push_back(make_found(f.kind, b.value, f.unit, b.begin, b.end));
        next_begin = b.begin;
        bare.pop_back();
      }
      found.insert(found.end(), members.rbegin(), members.rend());
    }
    bare.clear();
    found.push_back(std::move(f));
    i = found.back().end;
  }

  for (std::size_t k = 0; k < found.size(); ++k) {
    if (!is_currency(found[k]) || !found[k].per.empty()) continue;
    find_per(d, clauses, found, k);
    // "每亩分别为770元、1290元": a list member inherits the per of the one before.
    if (found[k].per.empty() && k > 0 && is_currency(found[k - 1]) &&
        found[k - 1].end + 1 == found[k].begin && contains(kListJoiners, d.at(found[k - 1].end))) {
      found[k].per = found[k - 1].per;
    }
  }
  std::erase_if(found, [](const Found& f) { return f.dropped; });
  return found;
}

Quantity to_quantity(const Decoded& d, const Found& f) {
  return Quantity{.kind = f.kind,
                  .value = f.value,
                  .unit = f.unit,
                  .high = f.high,
                  .per = f.per,
                  .begin = d.offsets[f.begin],
                  .end = d.offsets[f.end]};
}

// ---------------------------------------------------------------------------------------------
// Bounds.

struct Cue {
  std::u32string_view written;
  Bound::Kind kind;
};
// Longest first among cues that end alike (最高不超过 before 不超过 before 超过).
constexpr auto kPrefixCues = std::to_array<Cue>({
    {U"最高不超过", Bound::Kind::cap}, {U"最长不超过", Bound::Kind::cap},
    {U"最多不超过", Bound::Kind::cap}, {U"原则上不超过", Bound::Kind::cap},
    {U"不得超过", Bound::Kind::cap},   {U"不超过", Bound::Kind::cap},
    {U"不高于", Bound::Kind::cap},     {U"不多于", Bound::Kind::cap},
    {U"不大于", Bound::Kind::cap},     {U"上限为", Bound::Kind::cap},
    {U"上限", Bound::Kind::cap},       {U"封顶", Bound::Kind::cap},
    {U"最高", Bound::Kind::cap},       {U"最长", Bound::Kind::cap},
    {U"最多", Bound::Kind::cap},       {U"至多", Bound::Kind::cap},
    {U"不足", Bound::Kind::cap},       {U"小于", Bound::Kind::cap},
    {U"不低于", Bound::Kind::floor},   {U"不少于", Bound::Kind::floor},
    {U"不小于", Bound::Kind::floor},   {U"至少", Bound::Kind::floor},
    {U"最低", Bound::Kind::floor},     {U"最少", Bound::Kind::floor},
    {U"超过", Bound::Kind::floor},     {U"高于", Bound::Kind::floor},
    {U"大于", Bound::Kind::floor},     {U"多于", Bound::Kind::floor},
    {U"低于", Bound::Kind::cap},       {U"少于", Bound::Kind::cap},
});
constexpr auto kSuffixCues = std::to_array<Cue>({
    {U"及以上", Bound::Kind::floor},
    {U"以上", Bound::Kind::floor},
    {U"及以下", Bound::Kind::cap},
    {U"以下", Bound::Kind::cap},
    {U"以内", Bound::Kind::cap},
    {U"之内", Bound::Kind::cap},
    {U"为限", Bound::Kind::cap},
    {U"封顶", Bound::Kind::cap},
});
constexpr std::size_t kCueWindow = 6;  // characters allowed between a prefix cue and its number
// Words that contain a cue but bound nothing: "按本市最低工资标准的40%" is a rate, not a floor.
constexpr auto kNotCues = std::to_array<std::u32string_view>(
    {U"最低工资", U"最低缴费", U"最低生活", U"最低收购", U"最高人民"});

// Words that open the base of a rate: "按照其融资额的2‰", "对减免租金的50%".
constexpr auto kRateOpeners = std::to_array<std::u32string_view>(
    {U"按照", U"按", U"对", U"返还", U"为", U"占", U"不低于", U"不超过", U"不高于"});
constexpr std::size_t kOfWindow = 40;
constexpr std::size_t kPhraseReach = 80;  // characters of evidence kept on each side

std::u32string_view trim_spaces(std::u32string_view s) {
  while (!s.empty() && s.front() == U' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == U' ') s.remove_suffix(1);
  return s;
}

// The base a percent applies to, or "".
std::string find_of(const Decoded& d, const Found& f, std::size_t clause_begin) {
  const std::u32string_view s(d.cps);
  std::size_t before = f.begin;
  if (before > clause_begin && s[before - 1] == U' ') --before;
  const std::size_t low =
      std::max(clause_begin, before > kOfWindow ? before - kOfWindow : std::size_t{0});
  if (before > clause_begin && s[before - 1] == U'的') {
    const std::size_t de = before - 1;
    for (std::size_t end = de; end > low; --end) {
      for (std::u32string_view opener : kRateOpeners) {
        if (end >= low + opener.size() && d.ends_with(end, opener)) {
          return to_utf8(trim_spaces(s.substr(end, de - end)));
        }
      }
    }
    return "";
  }
  // "按当地最低工资标准50%的比例"
  if (!d.starts_with(f.end, U"的比例") && !d.starts_with(f.end, U"比例")) return "";
  for (std::size_t end = before; end > low; --end) {
    for (std::u32string_view opener : {std::u32string_view(U"按照"), std::u32string_view(U"按")}) {
      if (end < low + opener.size() || !d.ends_with(end, opener)) continue;
      std::u32string_view base = trim_spaces(s.substr(end, before - end));
      for (const Cue& cue : kPrefixCues) {
        if (base.ends_with(cue.written)) {
          base = trim_spaces(base.substr(0, base.size() - cue.written.size()));
          break;
        }
      }
      return to_utf8(base);
    }
  }
  return "";
}

}  // namespace

std::optional<double> parse_chinese_number(std::string_view text) {
  const Decoded d(text);
  return parse_numeral(d.cps);
}

std::vector<Quantity> find_quantities(std::string_view normalized_text) {
  const Decoded d(normalized_text);
  const Clauses clauses(d);
  std::vector<Quantity> out;
  for (const Found& f : find_all(d, clauses)) out.push_back(to_quantity(d, f));
  return out;
}

std::string_view to_string(Quantity::Kind kind) {
  switch (kind) {
    case Quantity::Kind::amount:
      return "amount";
    case Quantity::Kind::percent:
      return "percent";
    case Quantity::Kind::permille:
      return "permille";
    case Quantity::Kind::basis_points:
      return "basis_points";
    case Quantity::Kind::count:
      return "count";
    case Quantity::Kind::duration:
      return "duration";
  }
  return "?";
}

std::string_view to_string(Bound::Kind kind) {
  switch (kind) {
    case Bound::Kind::cap:
      return "cap";
    case Bound::Kind::floor:
      return "floor";
    case Bound::Kind::fixed:
      return "fixed";
    case Bound::Kind::rate:
      return "rate";
    case Bound::Kind::per_unit:
      return "per_unit";
  }
  return "?";
}

std::vector<AmountFact> find_amounts(std::string_view normalized_text) {
  const Decoded d(normalized_text);
  const Clauses clauses(d);
  const std::vector<Found> found = find_all(d, clauses);
  std::vector<AmountFact> out;
  std::size_t previous_end = 0;
  for (std::size_t k = 0; k < found.size(); ++k) {
    const Found& f = found[k];
    const std::size_t clause_begin = clauses.begin_of(f.begin);
    const std::size_t clause_end = clauses.end_of(f.end, d.size());
    const std::size_t floor_pos = std::max(clause_begin, previous_end);
    previous_end = f.end;

    // "200万元以下(含200万元)": the aside restates the bound just reported.
    if (f.begin >= 2 && d.ends_with(f.begin, U"(含") && !out.empty() &&
        out.back().value == f.value && out.back().unit == f.unit) {
      continue;
    }

    AmountFact fact;
    fact.quantity_kind = f.kind;
    fact.value = f.value;
    fact.high = f.high;
    fact.unit = f.unit;
    fact.per = f.per;
    fact.begin = d.offsets[f.begin];
    fact.end = d.offsets[f.end];

    const Cue* cue = nullptr;
    const std::size_t low = std::max(floor_pos, f.begin > kCueWindow ? f.begin - kCueWindow : 0);
    for (std::size_t end = f.begin; end >= low && cue == nullptr; --end) {
      for (const Cue& c : kPrefixCues) {
        if (end < floor_pos + c.written.size() || !d.ends_with(end, c.written)) continue;
        const std::size_t cue_begin = end - c.written.size();
        if (std::none_of(kNotCues.begin(), kNotCues.end(),
                         [&](std::u32string_view w) { return d.starts_with(cue_begin, w); })) {
          cue = &c;
        }
        break;
      }
      if (end == 0) break;
    }
    if (cue == nullptr) {
      std::size_t after = f.end;
      while (d.at(after) == U' ') ++after;
      if (d.starts_with(after, U"(含")) {  // "6个(含本数)以内"
        for (std::size_t close = after; close < after + 16 && close < d.size(); ++close) {
          if (d.at(close) == U')') {
            after = close + 1;
            break;
          }
        }
      }
      for (const Cue& c : kSuffixCues) {
        if (d.starts_with(after, c.written)) {
          cue = &c;
          break;
        }
      }
      if (cue == nullptr && f.kind == Quantity::Kind::duration && d.at(after) == U'内') {
        static constexpr Cue kWithin{U"内", Bound::Kind::cap};
        cue = &kWithin;
      }
    }

    const bool is_rate = f.kind == Quantity::Kind::percent || f.kind == Quantity::Kind::permille ||
                         f.kind == Quantity::Kind::basis_points;
    if (cue != nullptr) {
      fact.kind = cue->kind;
      fact.cue = to_utf8(cue->written);
    } else if (is_rate) {
      fact.kind = Bound::Kind::rate;
    } else if (!f.per.empty()) {
      fact.kind = Bound::Kind::per_unit;
    } else {
      fact.kind = Bound::Kind::fixed;
    }
    if (f.kind == Quantity::Kind::percent || f.kind == Quantity::Kind::permille) {
      fact.of = find_of(d, f, clause_begin);
    }

    // A clause can be arbitrarily long; evidence around the number is what is useful.
    const std::size_t lo =
        std::max(clause_begin, f.begin > kPhraseReach ? f.begin - kPhraseReach : 0);
    const std::size_t hi = std::min(clause_end, f.end + kPhraseReach);
    std::u32string_view clause = std::u32string_view(d.cps).substr(lo, hi - lo);
    std::size_t phrase_begin = lo;
    while (!clause.empty() && clause.front() == U' ') {
      clause.remove_prefix(1);
      ++phrase_begin;
    }
    clause = trim_spaces(clause);
    fact.phrase_begin = d.offsets[phrase_begin];
    fact.phrase_end = d.offsets[phrase_begin + clause.size()];
    fact.phrase =
        std::string(normalized_text.substr(fact.phrase_begin, fact.phrase_end - fact.phrase_begin));
    out.push_back(std::move(fact));
  }
  return out;
}

}  // namespace huiqi::text
