// Structured facts about an item, each with the evidence it was read from. Extraction fills
// them; search (facets), matching (rules), the server and the page read them.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace huiqi::catalog {

//! Where a fact was read: a field of the item and a byte span of that field's raw text (what
//! the user sees, so it can be highlighted), plus the phrase itself.
struct Evidence {
  std::string field;  //!< "title", "content", "basis" or "departments"
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string phrase;  //!< the raw text of [begin, end)
};

enum class DocumentLevel { national, provincial, city, county, other, unknown };
const char* to_string(DocumentLevel level);

//! A document an item rests on, e.g. 《…通知》辽市政发〔2020〕3号.
struct DocumentRef {
  std::string title;        //!< the 《…》 title without the book-title marks; may be empty
  std::string number;       //!< canonical 文号 "辽市政发〔2020〕3号"; empty when none is given
  std::string issuer_code;  //!< "辽市政发"
  int year = 0;
  int serial = 0;  //!< the 3 of 〔2020〕3号; 0 when unknown
  DocumentLevel level = DocumentLevel::unknown;
  bool truncated = false;  //!< the 文号 is cut off in the text ("辽市政发[202011")
  bool inferred = false;   //!< some part (e.g. the level, or a truncated year) was inferred
  Evidence evidence;
};

//! A department responsible for an item, under its canonical name.
struct DepartmentRef {
  std::string name;  //!< canonical: 市工信局 / 市工息局 → 市工业和信息化局
  std::string raw;   //!< as written
  bool lead = false;  //!< the text names it as the lead unit (牵头)
  Evidence evidence;
};

//! A value from a controlled vocabulary (beneficiaries, support forms), with a condition kept
//! as text where it is not structured yet ("上一年度进出口额不超过500万美元").
struct TagFact {
  std::string value;
  std::string condition;
  Evidence evidence;
};

//! A GB/T 4754-2017 industry the item targets: H62 餐饮业.
struct IndustryFact {
  std::string code;
  std::string name;
  Evidence evidence;
};

//! Money, rates and durations the item states.
struct AmountFact {
  std::string kind;  //!< cap | floor | rate | fixed | per_unit
  std::string quantity;  //!< amount | percent | permille | basis_points | count | duration
  double value = 0;
  std::optional<double> high;  //!< upper end of a range
  std::string unit;            //!< 元, 美元, %, ‰, BP, 个月, …
  std::string per;             //!< 人, 亩, 户, 企业, … (for per-unit sums)
  std::string of;              //!< what a rate applies to, as text
  Evidence evidence;
};

//! A point or window in time the text states.
struct TimeFact {
  std::string kind;  //!< start | end | window | relative
  std::string from;  //!< YYYY-MM-DD or empty
  std::string until;  //!< YYYY-MM-DD or empty
  bool inferred = false;  //!< e.g. the year of "至12月31日" taken from context
  Evidence evidence;
};

enum class Status { active, expired, not_yet, long_term, unknown };
const char* to_string(Status status);

//! Everything extraction knows about one item.
struct Facts {
  std::vector<DocumentRef> documents;
  std::vector<DepartmentRef> departments;
  std::vector<TagFact> beneficiaries;
  std::vector<IndustryFact> industries;
  std::vector<TagFact> forms;  //!< 补贴, 奖励, 贴息, 减免, 缓缴, 退税, 担保, 贷款, 保险, …
  std::vector<AmountFact> amounts;
  std::vector<TimeFact> times;
  //! The item offers a business something to apply for or receive; false for the
  //! government's own tasks (做好宣传和舆论引导工作), which are context, never "eligible".
  bool actionable = true;
  std::string valid_from;   //!< YYYY-MM-DD when the item's measures start, if stated
  std::string valid_until;  //!< YYYY-MM-DD when they end, if stated
  bool validity_unresolved = false;  //!< the end is relative ("疫情解除后3个月内") or unclear

  //! Status on a date (YYYY-MM-DD): long_term without an end date, unknown when unresolved.
  Status status_on(const std::string& date) const;
};

}  // namespace huiqi::catalog
