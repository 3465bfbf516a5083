// Chinese and Arabic numbers, quantities with units, and the bounds policy text puts on them
// ("最高不超过500万元", "按融资额的2‰", "每亩不低于1300元").
//
// All functions take text that went through normalize() (ASCII digits, '-' for ranges, no
// spaces inside numbers). They never throw, accept any byte string (invalid UTF-8 is read as
// U+FFFD) and run in time linear in the input. Thread-safe: no shared mutable state.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace huiqi::text {

//! The value of a whole string written as a number, or nullopt when it is not one:
//! - Arabic, with decimals and thousands commas: "1000", "1.2", "1,000,000";
//! - Chinese numerals: 零〇一二两三四五六七八九十百千万亿 and 壹贰叁肆伍陆柒捌玖拾佰仟:
//!   "十五" = 15, "一百二十" = 120, "一百零五" = 105, "两千" = 2000, "三千五百万" = 3.5e7,
//!   the colloquial tail "一万二" = 12000 and "三千五" = 3500, digit by digit "二〇二〇" = 2020;
//! - Arabic with Chinese multipliers: "1.2万" = 12000, "3千万" = 3e7, "1.5亿" = 1.5e8;
//! - "半" alone = 0.5 (find_quantities only reads it before a duration unit: 半年, 半个月).
//! Non-finite results (a 10,000-digit string) are nullopt.
std::optional<double> parse_chinese_number(std::string_view text);

//! A number with its unit, found in text.
struct Quantity {
  enum class Kind { amount, percent, permille, basis_points, count, duration };
  Kind kind = Kind::amount;
  //! Amounts are always in the currency's base unit: 100万元 → 1e6 with unit "元",
  //! 500万美元 → 5e6 with unit "美元" (never converted between currencies).
  double value = 0;
  //! One of: "元" "美元" "欧元" "日元" "港元" | "%" | "‰" | "BP" | durations "年" "个月" "周"
  //! "天" (for 日 and 天) "工作日" "小时" | counts as written: "人" "人次" "名" "户" "家" "个"
  //! "项" "次" "亩" "台" "套" "岁" "倍".
  std::string unit;
  //! Upper end of a range ("10%-20%", "5-15BP", "3至12个月"); value is the lower end.
  std::optional<double> high;
  //! What an amount is counted per, if the text says: "人" (每人, 每新招用1人, 200元/人),
  //! "亩" (每亩, 亩补助), "户", "企业" (每家企业), "年" (每年, 元/年), ...; empty otherwise.
  std::string per;
  //! Byte offsets of the number and its unit in the input ([begin, end)), including any
  //! "每…"/"/人" per-unit wording only when it is adjacent ("200元/人").
  std::size_t begin = 0;
  std::size_t end = 0;
};

//! Every quantity in the text, in order.
//!
//! What is and is not reported:
//! - Arabic numbers with any unit above; Chinese numerals only with a currency or a duration
//!   unit ("十五日内", "七个工作日", "两年", "半年", "三千五百万元") or after 百分之.
//! - Dates are not quantities: a 4-digit year before 年 (2020年, 二〇二〇年), N月 (not 个月),
//!   N日 right after 月; nor are 文号 serials (24号), "N年期" loan terms or "60年代".
//! - Ranges joined by '-', '~', 至 or 到 become one Quantity with `high`; the unit may be written
//!   once ("5-15BP") or twice ("10%-20%").
//! - In a list of amounts where only the last carries the currency ("20万、15万和10万元"), each
//!   member is reported as its own amount with that currency; the same holds for `per`
//!   ("每亩分别为770元、1290元" → both per 亩).
//! - A count that only introduces a per-unit ("每新招用1人…1000元") is folded into the
//!   amount's `per` and not reported on its own.
std::vector<Quantity> find_quantities(std::string_view normalized_text);

//! How the text bounds a quantity.
struct Bound {
  enum class Kind {
    cap,  //!< 最高不超过, 最高, 上限为, 不超过, 不高于, 以内, 以下, 不足, 内 (of a duration)...
    floor,     //!< 不低于, 不少于, 以上, 至少, 最低, 超过...
    fixed,     //!< a plain amount, count or duration ("一次性2000万元")
    rate,      //!< a percent, permille or BP without a cap/floor cue ("给予20%补贴")
    per_unit,  //!< an amount with `per` set and no cap/floor cue ("每人1000元", "200元/人")
  };
};

//! Stable lower-case names ("amount", "basis_points", "per_unit", ...) for JSON and tests.
std::string_view to_string(Quantity::Kind kind);
std::string_view to_string(Bound::Kind kind);

//! A quantity with its bound, as extraction records it.
struct AmountFact {
  Bound::Kind kind = Bound::Kind::fixed;
  Quantity::Kind quantity_kind = Quantity::Kind::amount;
  double value = 0;
  std::optional<double> high;
  std::string unit;
  std::string per;
  //! For a rate: the base it applies to when the text says it simply ("按照其融资额的2‰" →
  //! "其融资额", "对减免租金的50%" → "减免租金", "按当地最低工资标准50%的比例" →
  //! "当地最低工资标准"); empty otherwise.
  std::string of;
  //! The cue words that decided kind ("最高不超过", "以上"), empty for fixed/rate/per_unit.
  std::string cue;
  //! The quantity, as in Quantity.
  std::size_t begin = 0;
  std::size_t end = 0;
  //! The evidence: the clause around the quantity (between ,;。!? or line ends; at most 80
  //! characters on either side of the quantity), and its byte offsets in the input.
  std::string phrase;
  std::size_t phrase_begin = 0;
  std::size_t phrase_end = 0;
};

//! Every quantity of find_quantities() with its bound, in order. A restatement of a bound in
//! parentheses ("200万元以下(含200万元)") is reported once.
//!
//! Cue words count only inside the clause of the quantity: before it (at most 6 characters
//! between cue and number, and not across another quantity) or right after it (skipping one
//! "(含…)" aside). A cap/floor cue wins over rate and per_unit.
std::vector<AmountFact> find_amounts(std::string_view normalized_text);

}  // namespace huiqi::text
