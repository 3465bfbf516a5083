// Structured facts about an item, each with the evidence it was read from. Extraction fills
// them; search (facets), matching (rules), the server and the page read them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace huiqi::catalog {

//! Where a fact was read: a field of the item and a byte span of that field's raw text (what
//! the user sees, so it can be highlighted), plus the phrase itself.
struct Evidence {
  std::string field;  //!< "title", "content", "basis" or "departments"
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string phrase;  //!< the raw text of [begin, end)

  bool operator==(const Evidence&) const = default;
};

enum class DocumentLevel { national, provincial, city, county, other, unknown };
const char* to_string(DocumentLevel level);
//! The level for its to_string() name; nullopt for any other text.
std::optional<DocumentLevel> parse_document_level(std::string_view name);

//! A document an item rests on, e.g. 《…通知》辽市政发〔2020〕3号.
struct DocumentRef {
  std::string title;   //!< the 《…》 title without the book-title marks; may be empty
  std::string number;  //!< canonical 文号 "辽市政发〔2020〕3号"; empty when none is given
  std::string issuer_code;  //!< "辽市政发"
  std::string issuer;       //!< the issuing body when known ("辽阳市人民政府"); may be empty
  int year = 0;
  int serial = 0;  //!< the 3 of 〔2020〕3号; 0 when unknown
  DocumentLevel level = DocumentLevel::unknown;
  bool truncated = false;  //!< the 文号 is cut off in the text ("辽市政发[202011")
  bool inferred = false;   //!< some part (e.g. the level, or a truncated year) was inferred
  Evidence evidence;

  bool operator==(const DocumentRef&) const = default;
};

//! A department responsible for an item, under its canonical name.
struct DepartmentRef {
  std::string name;   //!< canonical: 市工信局 / 市工息局 → 市工业和信息化局
  std::string raw;    //!< as written
  bool lead = false;  //!< the text names it as the lead unit (牵头)
  //! A trailing "等" or "按职责分工负责" after the name: kept in raw, noted here, not in name.
  std::string note;
  bool known = false;  //!< the name (or its alias) is in the department dictionary
  Evidence evidence;

  bool operator==(const DepartmentRef&) const = default;
};

//! A value from a controlled vocabulary (beneficiaries, support forms), with a condition kept
//! as text where it is not structured yet ("上一年度进出口额不超过500万美元").
struct TagFact {
  std::string value;
  std::string condition;
  Evidence evidence;

  bool operator==(const TagFact&) const = default;
};

//! A GB/T 4754-2017 industry the item targets: H62 餐饮业.
struct IndustryFact {
  std::string code;
  std::string name;
  Evidence evidence;

  bool operator==(const IndustryFact&) const = default;
};

//! Money, rates and durations the item states.
struct AmountFact {
  std::string kind;      //!< cap | floor | rate | fixed | per_unit
  std::string quantity;  //!< amount | percent | permille | basis_points | count | duration
  double value = 0;
  std::optional<double> high;  //!< upper end of a range
  std::string unit;            //!< 元, 美元, %, ‰, BP, 个月, …
  std::string per;             //!< 人, 亩, 户, 企业, … (for per-unit sums)
  std::string of;              //!< what a rate applies to, as text
  Evidence evidence;

  bool operator==(const AmountFact&) const = default;
};

//! A point or window in time the text states.
//!
//! kind is one of:
//! - start: a stated start ("自2020年1月1日起"), in from;
//! - end: a stated end ("实施期限至2020年12月31日", "2023年底前"), in until;
//! - window: both ("实施期限为2020年1月1日至12月31日");
//! - year: a measure stated only for a calendar year ("免除2023年3个月房屋租金"): from and
//!   until are its first and last day, always inferred; not a stated start;
//! - relative: a bound with no date ("疫情解除后3个月内", "疫情防控期间"), from/until empty.
struct TimeFact {
  std::string kind;       //!< start | end | window | year | relative
  std::string from;       //!< YYYY-MM-DD or empty
  std::string until;      //!< YYYY-MM-DD or empty
  bool inferred = false;  //!< e.g. the year of "至12月31日" taken from context
  Evidence evidence;

  bool operator==(const TimeFact&) const = default;
};

enum class Status { active, expired, not_yet, long_term, unknown };
const char* to_string(Status status);
//! The status for its to_string() name; nullopt for any other text.
std::optional<Status> parse_status(std::string_view name);

//! What an item gives a business: money or relief (direct), a service or facilitation it can
//! use (service), or nothing to apply for: a task of the government's own (task).
enum class BenefitKind { direct, service, task };
const char* to_string(BenefitKind kind);
//! The kind for its to_string() name; nullopt for any other text.
std::optional<BenefitKind> parse_benefit_kind(std::string_view name);

//! Everything extraction knows about one item.
struct Facts {
  std::vector<DocumentRef> documents;  //!< what the basis (政策依据) cites
  //! Documents the title or content cites ("《就业补助资金管理办法》(财社〔2017〕164号)").
  std::vector<DocumentRef> cited_documents;
  std::vector<DepartmentRef> departments;
  std::vector<TagFact> beneficiaries;
  std::vector<IndustryFact> industries;
  std::vector<TagFact> forms;  //!< 补贴, 奖励, 贴息, 减免, 缓缴, 退税, 担保, 贷款, 保险, …
  std::vector<AmountFact> amounts;
  std::vector<TimeFact> times;
  //! The item offers a business something to apply for or receive; false for the
  //! government's own tasks (做好宣传和舆论引导工作), which are context, never "eligible".
  bool actionable = true;
  //! Finer than actionable: direct | service are actionable, task is not.
  BenefitKind benefit_kind = BenefitKind::direct;
  //! The cue words that decided actionable / benefit_kind.
  std::vector<Evidence> actionability_evidence;
  std::string valid_from;            //!< YYYY-MM-DD when the item's measures start, if stated
  std::string valid_until;           //!< YYYY-MM-DD when they end, if stated
  bool validity_unresolved = false;  //!< the end is relative ("疫情解除后3个月内") or unclear

  //! Status on a date (YYYY-MM-DD): not_yet before valid_from; active / expired against
  //! valid_until; otherwise unknown when unresolved, long_term without any end.
  Status status_on(const std::string& date) const;

  bool operator==(const Facts&) const = default;
};

}  // namespace huiqi::catalog
