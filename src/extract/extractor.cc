#include "extract/extractor.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

#include "extract/departments.h"
#include "extract/documents.h"
#include "extract/field.h"
#include "extract/matcher.h"
#include "extract/text_scan.h"
#include "extract/times.h"
#include "text/numbers.h"

namespace huiqi::extract {
namespace {

using catalog::BenefitKind;

// Words that open the clause describing a beneficiary ("对承租国有房屋…的服务业小微企业"):
// the condition is what follows the last of them.
constexpr std::array<std::string_view, 9> kConditionOpeners = {"对",   "支持", "鼓励", "为",  "向",
                                                               "帮助", "引导", "将",   "推动"};
constexpr std::array<std::string_view, 8> kClauseEnds = {",", ";", "。", ":", "!", "?", "(", ")"};
constexpr std::string_view kOf = "的";
constexpr std::size_t kMaxQualifierChars = 3;  // 的[服务业]小微企业
// A qualifier is one noun: with one of these in it, it joins two ("的企业和个体工商户").
constexpr std::array<std::string_view, 4> kConjunctions = {"和", "及", "与", "或"};
constexpr std::size_t kMinAsideChars = 5;  // a shorter aside is a synonym: 孵化基地(创业园)
constexpr std::size_t kMaxConditionBytes = 240;
constexpr int kTitleWeight = 2;
constexpr std::size_t kMaxActionEvidence = 12;

//! A vocabulary whose phrases map to values (by index into `values`).
struct Vocabulary {
  std::vector<std::string> values;
  PhraseMatcher matcher;

  std::uint32_t value_id(const std::string& value) {
    auto it = std::find(values.begin(), values.end(), value);
    if (it != values.end()) return static_cast<std::uint32_t>(it - values.begin());
    values.push_back(value);
    return static_cast<std::uint32_t>(values.size() - 1);
  }

  void add(const TagRule& rule) {
    if (rule.value.empty()) {
      matcher.add(rule.phrase);
    } else {
      matcher.add(rule.phrase, value_id(rule.value));
    }
  }
};

std::size_t ends_with_any_before(std::string_view s, std::size_t pos, const auto& list) {
  for (std::string_view x : list) {
    if (pos >= x.size() && s.compare(pos - x.size(), x.size(), x) == 0) return x.size();
  }
  return 0;
}

//! The condition written next to a beneficiary at [begin, end) of s, or empty.
std::string beneficiary_condition(std::string_view s, std::size_t begin, std::size_t end) {
  // "小微民营企业(上一年度进出口额不超过500万美元的民营企业)"
  std::size_t p = skip_spaces(s, end);
  if (p < s.size() && s[p] == '(') {
    std::size_t close = s.find(')', p + 1);
    if (close != std::string_view::npos && close - p <= kMaxConditionBytes) {
      std::string_view aside = s.substr(p + 1, close - p - 1);
      if (text::count_code_points(aside) >= kMinAsideChars) return std::string(aside);
    }
  }
  // "对承租国有房屋从事生产经营活动的服务业小微企业": a 的-clause, maybe with a short qualifier.
  std::size_t of = std::string_view::npos;
  std::size_t q = begin;
  for (std::size_t n = 0; n <= kMaxQualifierChars && q > 0; ++n) {
    if (q >= kOf.size() && s.compare(q - kOf.size(), kOf.size(), kOf) == 0) {
      of = q - kOf.size();
      break;
    }
    if (ends_with_any_before(s, q, kConjunctions)) return {};
    q = previous_boundary(s, q);
    if (!is_han(code_point_at(s, q))) return {};
  }
  if (of == std::string_view::npos) return {};
  std::size_t start = of;
  while (start > 0 && of - start < kMaxConditionBytes) {
    if (ends_with_any_before(s, start, kClauseEnds) ||
        ends_with_any_before(s, start, kConditionOpeners)) {
      break;
    }
    start = previous_boundary(s, start);
  }
  if (of - start >= kMaxConditionBytes || of <= start) return {};
  std::string condition(s.substr(start, of - start));
  if (of + kOf.size() < begin) {
    condition += std::string(s.substr(of, begin - of));  // keep 的 + the qualifier
  }
  return condition;
}

}  // namespace

struct Extractor::Compiled {
  explicit Compiled(Dictionaries d)
      : dictionaries(std::move(d)),
        issuers(dictionaries.issuers()),
        departments(dictionaries.departments()),
        times(dictionaries.time_cues()) {
    for (const TagRule& r : dictionaries.beneficiaries()) beneficiaries.add(r);
    for (const TagRule& r : dictionaries.forms()) forms.add(r);
    beneficiaries.matcher.finish();
    forms.matcher.finish();
    const auto& industry_rules = dictionaries.industries();
    for (std::uint32_t i = 0; i < industry_rules.size(); ++i) {
      if (industry_rules[i].code.empty()) {
        industries.add(industry_rules[i].phrase);
      } else {
        industries.add(industry_rules[i].phrase, i);
      }
    }
    industries.finish();
    const auto& cues = dictionaries.actionability();
    for (std::uint32_t i = 0; i < cues.size(); ++i) actions.add(cues[i].phrase, i);
    actions.finish();
  }

  Dictionaries dictionaries;
  IssuerTable issuers;
  DepartmentTable departments;
  TimeReader times;
  Vocabulary beneficiaries;
  Vocabulary forms;
  PhraseMatcher industries;  // ids index dictionaries.industries()
  PhraseMatcher actions;     // ids index dictionaries.actionability()
};

Extractor::Extractor(Dictionaries dictionaries)
    : compiled_(std::make_unique<const Compiled>(std::move(dictionaries))) {}
Extractor::~Extractor() = default;
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;

const Dictionaries& Extractor::dictionaries() const { return compiled_->dictionaries; }

catalog::Facts Extractor::extract(const catalog::Item& item) const {
  const Compiled& c = *compiled_;
  const FieldText title("title", item.title);
  const FieldText content("content", item.content);
  const FieldText basis("basis", item.basis);
  const FieldText departments("departments", item.departments);
  const std::vector<const FieldText*> prose = {&title, &content};

  catalog::Facts facts;
  facts.documents = find_documents(basis, c.issuers);
  for (const FieldText* f : prose) {
    for (catalog::DocumentRef& d : find_documents(*f, c.issuers)) {
      facts.cited_documents.push_back(std::move(d));
    }
  }
  facts.departments = c.departments.parse(departments);

  // Beneficiaries and forms: one fact per value, at its first occurrence, except that a later
  // occurrence with a condition written next to it replaces one without.
  auto tag = [&](const Vocabulary& vocabulary, bool with_conditions) {
    std::vector<catalog::TagFact> out;
    std::unordered_map<std::uint32_t, std::size_t> index;
    for (const FieldText* f : prose) {
      for (const PhraseMatcher::Match& m : vocabulary.matcher.find_all(f->text())) {
        std::string condition;
        if (with_conditions) condition = beneficiary_condition(f->text(), m.begin, m.end);
        for (std::uint32_t id : *m.ids) {
          auto [it, inserted] = index.emplace(id, out.size());
          if (inserted) {
            out.push_back(
                catalog::TagFact{vocabulary.values[id], condition, f->evidence(m.begin, m.end)});
          } else if (!condition.empty() && out[it->second].condition.empty()) {
            out[it->second].condition = condition;
            out[it->second].evidence = f->evidence(m.begin, m.end);
          }
        }
      }
    }
    return out;
  };
  facts.beneficiaries = tag(c.beneficiaries, /*with_conditions=*/true);
  facts.forms = tag(c.forms, /*with_conditions=*/false);

  const auto& industry_rules = c.dictionaries.industries();
  for (const FieldText* f : prose) {
    for (const PhraseMatcher::Match& m : c.industries.find_all(f->text())) {
      for (std::uint32_t id : *m.ids) {
        const IndustryRule& rule = industry_rules[id];
        bool seen =
            std::any_of(facts.industries.begin(), facts.industries.end(),
                        [&](const catalog::IndustryFact& i) { return i.code == rule.code; });
        if (!seen) {
          facts.industries.push_back({rule.code, rule.name, f->evidence(m.begin, m.end)});
        }
      }
    }
  }

  for (const FieldText* f : prose) {
    for (const text::AmountFact& a : text::find_amounts(f->text())) {
      catalog::AmountFact out;
      out.kind = std::string(text::to_string(a.kind));
      out.quantity = std::string(text::to_string(a.quantity_kind));
      out.value = a.value;
      out.high = a.high;
      out.unit = a.unit;
      out.per = a.per;
      out.of = a.of;
      out.evidence = f->evidence(a.phrase_begin, a.phrase_end);
      facts.amounts.push_back(std::move(out));
    }
  }

  int document_year = 0;
  for (const catalog::DocumentRef& d : facts.documents) {
    if (d.year > 0) {
      document_year = d.year;
      break;
    }
  }
  Validity validity = c.times.read(prose, document_year);
  facts.times = std::move(validity.times);
  facts.valid_from = std::move(validity.valid_from);
  facts.valid_until = std::move(validity.valid_until);
  facts.validity_unresolved = validity.unresolved;

  // Actionability: weigh the cues of each kind.
  const auto& cues = c.dictionaries.actionability();
  std::array<int, 3> weight = {0, 0, 0};  // by BenefitKind
  std::array<std::vector<catalog::Evidence>, 3> evidence;
  for (const FieldText* f : prose) {
    int factor = f == &title ? kTitleWeight : 1;
    for (const PhraseMatcher::Match& m : c.actions.find_all(f->text())) {
      for (std::uint32_t id : *m.ids) {
        auto k = static_cast<std::size_t>(cues[id].kind);
        weight[k] += cues[id].weight * factor;
        if (evidence[k].size() < kMaxActionEvidence) {
          evidence[k].push_back(f->evidence(m.begin, m.end));
        }
      }
    }
  }
  int direct = weight[static_cast<std::size_t>(BenefitKind::direct)];
  int service = weight[static_cast<std::size_t>(BenefitKind::service)];
  int task = weight[static_cast<std::size_t>(BenefitKind::task)];
  if (task > direct + service) {
    facts.benefit_kind = BenefitKind::task;
  } else if (direct > 0 && direct >= service) {
    facts.benefit_kind = BenefitKind::direct;
  } else {
    facts.benefit_kind = BenefitKind::service;
  }
  facts.actionable = facts.benefit_kind != BenefitKind::task;
  facts.actionability_evidence = std::move(evidence[static_cast<std::size_t>(facts.benefit_kind)]);
  return facts;
}

}  // namespace huiqi::extract
