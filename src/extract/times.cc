#include "extract/times.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <set>

#include "extract/text_scan.h"

namespace huiqi::extract {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kYear = "年";
constexpr std::string_view kFiscal = "度";  // 年度
constexpr std::string_view kMonth = "月";
constexpr std::array<std::string_view, 2> kDay = {"日", "号"};
constexpr std::array<std::string_view, 2> kPeriodEnd = {"底", "末"};  // 年底, 6月底
// What joins the two ends of a range (normalize() turns dashes between numbers into '-').
constexpr std::array<std::string_view, 4> kRangeJoiners = {"至", "到", "-", "~"};
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2099;

enum class Precision { year, month, day };

//! A date as written, before its role and missing year are known.
struct RawDate {
  std::size_t field = 0;  // index into the fields being read
  Span span;              // normalized offsets in that field
  int year = 0;           // 0: not written
  int year_to = 0;        // the second year of "2020-2022年", else 0
  int month = 0;
  int day = 0;  // 0 with Precision::month; -1: the last day (底/末)
  Precision precision = Precision::day;
};

bool at(std::string_view s, std::size_t pos, std::string_view what) {
  return s.compare(pos, what.size(), what) == 0;
}

std::size_t at_any(std::string_view s, std::size_t pos, const auto& list) {
  for (std::string_view x : list) {
    if (at(s, pos, x)) return x.size();
  }
  return 0;
}

//! "M月", "M月D日", "M月底" at pos; fills month/day/precision and returns the end, or 0.
std::size_t read_month_day(std::string_view s, std::size_t pos, RawDate& d) {
  Span m = digit_run(s, pos);
  std::size_t mlen = m.end - m.begin;
  if (mlen < 1 || mlen > 2 || !at(s, m.end, kMonth)) return 0;
  int month = parse_int(s.substr(m.begin, mlen));
  if (month < 1 || month > 12) return 0;
  std::size_t p = m.end + kMonth.size();
  d.month = month;
  if (std::size_t n = at_any(s, p, kPeriodEnd)) {
    d.day = -1;
    d.precision = Precision::day;
    return p + n;
  }
  Span day = digit_run(s, p);
  std::size_t dlen = day.end - day.begin;
  if (dlen >= 1 && dlen <= 2) {
    if (std::size_t n = at_any(s, day.end, kDay)) {
      int value = parse_int(s.substr(day.begin, dlen));
      if (value >= 1 && value <= 31) {
        d.day = value;
        d.precision = Precision::day;
        return day.end + n;
      }
    }
  }
  d.precision = Precision::month;
  return p;
}

//! Every date written in s, in order.
std::vector<RawDate> scan_dates(std::string_view s, std::size_t field) {
  std::vector<RawDate> out;
  for (std::size_t pos = 0; pos < s.size();) {
    if (!is_digit(s[pos]) || (pos > 0 && (is_digit(s[pos - 1]) || s[pos - 1] == '.'))) {
      ++pos;
      continue;
    }
    Span digits = digit_run(s, pos);
    std::size_t len = digits.end - digits.begin;
    RawDate d;
    d.field = field;
    std::size_t end = 0;
    if (len == 4) {
      int year = parse_int(s.substr(digits.begin, 4));
      std::size_t p = digits.end;
      if (year >= kMinYear && year <= kMaxYear) {
        d.year = year;
        // "2020-2022年": a range of years.
        if (p < s.size() && s[p] == '-') {
          Span second = digit_run(s, p + 1);
          if (second.end - second.begin == 4 && at(s, second.end, kYear)) {
            int year_to = parse_int(s.substr(second.begin, 4));
            if (year_to >= year && year_to <= kMaxYear) {
              d.year_to = year_to;
              d.precision = Precision::year;
              end = second.end + kYear.size();
              if (at(s, end, kFiscal)) end += kFiscal.size();
            }
          }
        } else if (at(s, p, kYear)) {
          std::size_t q = p + kYear.size();
          if (at(s, q, kFiscal)) {
            d.precision = Precision::year;
            end = q + kFiscal.size();
          } else if (std::size_t n = at_any(s, q, kPeriodEnd)) {
            d.month = 12;
            d.day = -1;
            d.precision = Precision::day;
            end = q + n;
          } else if (std::size_t m = read_month_day(s, q, d)) {
            end = m;
          } else {
            d.precision = Precision::year;
            end = q;
          }
        }
      }
    } else if (len <= 2) {
      end = read_month_day(s, pos, d);
    }
    if (end == 0) {
      pos = digits.end;
      continue;
    }
    d.span = {pos, end};
    out.push_back(d);
    pos = end;
  }
  return out;
}

std::string first_day(const RawDate& d, int year) {
  if (d.precision == Precision::year) return iso_date(year, 1, 1);
  int day = d.precision == Precision::month ? 1 : d.day;
  if (day < 0) day = days_in_month(year, d.month);
  return iso_date(year, d.month, day);
}

std::string last_day(const RawDate& d, int year) {
  if (d.precision == Precision::year) {
    return iso_date(d.year_to > 0 ? d.year_to : year, 12, 31);
  }
  int day = d.precision == Precision::day && d.day > 0 ? d.day : days_in_month(year, d.month);
  return iso_date(year, d.month, std::min(day, days_in_month(year, d.month)));
}

struct Found {
  std::size_t field;
  std::size_t begin;
  catalog::TimeFact fact;
};

}  // namespace

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::string iso_date(int year, int month, int day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year % 10000, month % 100, day % 100);
  return buffer;
}

TimeReader::TimeReader(const std::vector<TimeCue>& cues) {
  for (const TimeCue& c : cues) {
    switch (c.position) {
      case TimeCue::Position::before:
        before_.push_back(Cue{c.phrase, c.role});
        break;
      case TimeCue::Position::after:
        after_.push_back(Cue{c.phrase, c.role});
        break;
      case TimeCue::Position::phrase:
        relative_.add(c.phrase, 0);
        break;
    }
  }
  auto longest_first = [](const Cue& a, const Cue& b) { return a.phrase.size() > b.phrase.size(); };
  std::stable_sort(before_.begin(), before_.end(), longest_first);
  std::stable_sort(after_.begin(), after_.end(), longest_first);
  relative_.finish();
}

Validity TimeReader::read(const std::vector<const FieldText*>& fields, int document_year) const {
  using Role = TimeCue::Role;
  std::vector<RawDate> dates;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    std::vector<RawDate> in_field = scan_dates(fields[f]->text(), f);
    dates.insert(dates.end(), in_field.begin(), in_field.end());
  }

  // The cue words around each date.
  struct Cued {
    std::optional<Role> role;
    Span span;  // the date with its cue(s)
  };
  std::vector<Cued> cued(dates.size());
  for (std::size_t i = 0; i < dates.size(); ++i) {
    std::string_view s = fields[dates[i].field]->text();
    Cued& c = cued[i];
    c.span = dates[i].span;
    std::optional<Role> before, after;
    std::size_t b = skip_spaces_back(s, dates[i].span.begin);
    for (const Cue& cue : before_) {
      if (b >= cue.phrase.size() && at(s, b - cue.phrase.size(), cue.phrase)) {
        before = cue.role;
        c.span.begin = b - cue.phrase.size();
        break;
      }
    }
    std::size_t a = skip_spaces(s, dates[i].span.end);
    for (const Cue& cue : after_) {
      if (at(s, a, cue.phrase)) {
        after = cue.role;
        c.span.end = a + cue.phrase.size();
        break;
      }
    }
    // A cue that bounds the measure beats one that says the date is not a bound
    // ("到2022年底前"); the cue before the date beats the one after it.
    if (before && *before != Role::ignore) {
      c.role = before;
    } else if (after && *after != Role::ignore) {
      c.role = after;
    } else if (before || after) {
      c.role = Role::ignore;
    }
  }

  // The year of a date that has none: the nearest year written before it in the item (not one
  // the text says is no bound), else the basis document's.
  std::vector<int> year_before(dates.size(), document_year);
  for (std::size_t i = 1; i < dates.size(); ++i) {
    const RawDate& p = dates[i - 1];
    bool usable = p.year > 0 && cued[i - 1].role != Role::ignore;
    year_before[i] = usable ? (p.year_to > 0 ? p.year_to : p.year) : year_before[i - 1];
  }

  std::vector<Found> found;
  auto add = [&](std::size_t field, Span span, catalog::TimeFact fact) {
    fact.evidence = fields[field]->evidence(span.begin, span.end);
    found.push_back(Found{field, span.begin, std::move(fact)});
  };

  for (std::size_t i = 0; i < dates.size(); ++i) {
    const RawDate& d = dates[i];
    int year = d.year > 0 ? d.year : year_before[i];
    bool year_inferred = d.year == 0;

    // "A至B" in one field: a window from A until B.
    if (i + 1 < dates.size() && dates[i + 1].field == d.field && cued[i].role != Role::ignore) {
      std::string_view s = fields[d.field]->text();
      std::size_t p = skip_spaces(s, d.span.end);
      std::size_t n = at_any(s, p, kRangeJoiners);
      if (n > 0 && skip_spaces(s, p + n) == dates[i + 1].span.begin) {
        const RawDate& e = dates[i + 1];
        int end_year = e.year > 0 ? e.year : year;
        catalog::TimeFact t;
        if (year > 0 && end_year > 0) {
          t.kind = "window";
          t.from = first_day(d, year);
          t.until = last_day(e, end_year);
          t.inferred = year_inferred || e.year == 0;
        } else {
          t.kind = "relative";  // "3月1日至6月30日" with no year anywhere: an unclear bound
        }
        Span span{cued[i].span.begin, std::max(cued[i + 1].span.end, e.span.end)};
        add(d.field, span, std::move(t));
        ++i;
        continue;
      }
    }

    catalog::TimeFact t;
    if (!cued[i].role) {
      // A bare year is a measure stated for that year; a bare date bounds nothing.
      if (d.precision != Precision::year || d.year == 0) continue;
      if (document_year > 0 && d.year < document_year) continue;
      t.kind = "year";
      t.from = first_day(d, d.year);
      t.until = last_day(d, d.year);
      t.inferred = true;
    } else if (*cued[i].role == Role::ignore) {
      continue;
    } else if (year == 0) {
      t.kind = "relative";
    } else if (*cued[i].role == Role::end) {
      t.kind = "end";
      t.until = last_day(d, year);
      t.inferred = year_inferred || d.precision != Precision::day;
    } else {
      t.kind = "start";
      t.from = first_day(d, year);
      t.inferred = year_inferred;
    }
    add(d.field, cued[i].span, std::move(t));
  }

  for (std::size_t f = 0; f < fields.size(); ++f) {
    const std::string_view text = fields[f]->text();
    for (const PhraseMatcher::Match& m : relative_.find_all(text)) {
      // "疫情解除后,迅速组织…" opens a clause: it says when something starts, not when a
      // measure ends ("疫情解除后3个月内" does).
      if (text.substr(0, m.end).ends_with("后") && text.substr(m.end).starts_with(",")) continue;
      catalog::TimeFact t;
      t.kind = "relative";
      add(f, {m.begin, m.end}, std::move(t));
    }
  }

  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.field != b.field ? a.field < b.field : a.begin < b.begin;
  });

  Validity v;
  std::set<std::string> explicit_end_years;
  bool relative = false;
  for (const Found& f : found) {
    const catalog::TimeFact& t = f.fact;
    if ((t.kind == "end" || t.kind == "window") && t.until.size() >= 4) {
      explicit_end_years.insert(t.until.substr(0, 4));
    }
  }
  for (Found& f : found) {
    const catalog::TimeFact& t = f.fact;
    if (t.kind == "relative") relative = true;
    bool counts = t.kind == "end" || t.kind == "window" ||
                  (t.kind == "year" && !explicit_end_years.contains(t.until.substr(0, 4)));
    if (counts && !t.until.empty() && t.until > v.valid_until) v.valid_until = t.until;
    // A measure given for a calendar year (免除2023年3个月房屋租金) starts with that year too.
    const bool starts = t.kind == "start" || t.kind == "window" || (t.kind == "year" && counts);
    if (starts && !t.from.empty() && (v.valid_from.empty() || t.from < v.valid_from)) {
      v.valid_from = t.from;
    }
    v.times.push_back(std::move(f.fact));
  }
  v.unresolved = v.valid_until.empty() && relative;
  return v;
}

}  // namespace huiqi::extract
