#include "match/match.h"

#include <algorithm>
#include <cmath>

#include "base/dates.h"
#include "match/fields.h"
#include "match/industries.h"

namespace huiqi::match {

namespace {

// A leaf with what its ancestors say about it.
struct LeafContext {
  const Expr* leaf = nullptr;
  std::string phrase;  // nearest non-empty phrase, leaf first
  std::string group;   // nearest non-empty label above the leaf
};

void collect(const Expr& expr, const std::string& phrase, const std::string& group,
             std::vector<LeafContext>& out) {
  const std::string here_phrase = expr.phrase.empty() ? phrase : expr.phrase;
  if (expr.kind == Expr::Kind::leaf) {
    out.push_back({&expr, here_phrase, group});
    return;
  }
  const std::string here_group = expr.label.empty() ? group : expr.label;
  for (const Expr& child : expr.children) collect(child, here_phrase, here_group, out);
}

std::string size_label(SizeClass size, SizeClass largest) {
  if (size != SizeClass::unknown) return chinese_name(size);
  if (largest != SizeClass::unknown && largest != SizeClass::large) {
    return std::string("未知(至多为") + chinese_name(largest) + ")";
  }
  return "未知";
}

// Questions settling the size class: the missing indicators, else the class itself.
std::vector<std::pair<std::string, std::string>> size_questions(const SizeResult& result) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& missing : result.missing) {
    if (const FieldInfo* field = find_field(missing)) {
      out.emplace_back(std::string(field->path), std::string(field->question));
    }
  }
  if (out.empty()) {
    const FieldInfo& field = info(Field::size_class);
    out.emplace_back(std::string(field.path), std::string(field.question));
  }
  return out;
}

std::string profile_value(const Condition& condition, const Subject& subject) {
  if (condition.op == Op::ask) return "未知";
  if (condition.field == Field::size) return size_label(subject.size, subject.largest);
  return display_value(*subject.profile, condition.field);
}

std::string rate_text(const AmountSpec& spec) {
  if (!spec.rate_text.empty()) return spec.rate_text;
  if (spec.value < 1) return format_number(spec.value * 100) + "%";
  return format_number(spec.value);
}

AmountPart estimate_part(const AmountSpec& spec, const Subject& subject) {
  AmountPart part;
  part.label = spec.label;
  part.clause = spec.clause;
  part.evidence = spec.evidence;
  if (spec.when) part.applies = evaluate(*spec.when, subject);
  switch (spec.kind) {
    case AmountSpec::Kind::fixed:
      part.yuan = spec.value;
      part.formula = spec.label + " " + format_yuan(spec.value);
      break;
    case AmountSpec::Kind::up_to:
      part.yuan = spec.value;
      part.upper_bound = true;
      part.formula = spec.label + " 最高" + format_yuan(spec.value);
      break;
    case AmountSpec::Kind::rate: {
      const FieldInfo& field = info(*spec.of);
      const auto base = get_number(*subject.profile, *spec.of);
      const double per_unit = field.yuan_per_unit > 0 ? field.yuan_per_unit : 1;
      std::string formula = rate_text(spec) + " × " + std::string(field.label);
      const std::string cap =
          spec.cap_yuan ? ", 上限" + format_yuan(*spec.cap_yuan) : std::string();
      if (!base) {
        formula += "(未知)" + cap;
        part.question = std::string(field.question);
        if (spec.cap_yuan) {
          part.yuan = *spec.cap_yuan;
          part.upper_bound = true;
        }
      } else {
        const double raw = spec.value * *base * per_unit;
        formula += " " + format_number(*base) + std::string(field.unit) + " = " + format_yuan(raw);
        if (spec.cap_yuan && raw > *spec.cap_yuan) {
          formula += cap + " → " + format_yuan(*spec.cap_yuan);
          part.yuan = *spec.cap_yuan;
        } else {
          formula += cap;
          part.yuan = raw;
        }
      }
      part.formula = std::move(formula);
      break;
    }
  }
  return part;
}

AmountEstimate estimate(const std::vector<AmountSpec>& specs, const Subject& subject) {
  AmountEstimate out;
  double total = 0;
  bool any = false;
  for (const AmountSpec& spec : specs) {
    AmountPart part = estimate_part(spec, subject);
    if (part.applies == Tri::no) continue;
    if (part.applies == Tri::yes && part.yuan) {
      total += *part.yuan;
      any = true;
      out.upper_bound = out.upper_bound || part.upper_bound;
    }
    out.parts.push_back(std::move(part));
  }
  if (any) out.total_yuan = total;
  return out;
}

void add_question(std::vector<Question>& questions, const std::string& field,
                  const std::string& text, const std::string& item) {
  for (Question& question : questions) {
    if (question.text == text) {
      if (std::find(question.items.begin(), question.items.end(), item) == question.items.end()) {
        question.items.push_back(item);
      }
      return;
    }
  }
  questions.push_back({field, text, {item}});
}

// Whether the answer to unknown leaf `leaf` can change the verdict, for some answers to the other
// unknowns: all combinations are tried when there are few (the usual case), else the others stay
// unknown. Two unknowns that matter only together ("受疫情影响 and 困难") are both asked.
bool decides(const Expr& rule, const std::vector<Tri>& values, std::size_t leaf) {
  std::vector<std::size_t> others;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != leaf && values[i] == Tri::unknown) others.push_back(i);
  }
  std::vector<Tri> trial = values;
  const auto flips = [&] {
    trial[leaf] = Tri::yes;
    const Tri if_yes = combine(rule, trial);
    trial[leaf] = Tri::no;
    return if_yes != combine(rule, trial);
  };
  if (others.size() > 10) return flips();
  for (std::uint32_t bits = 0; bits < (1U << others.size()); ++bits) {
    for (std::size_t k = 0; k < others.size(); ++k) {
      trial[others[k]] = (bits >> k) & 1U ? Tri::yes : Tri::no;
    }
    if (flips()) return true;
  }
  return false;
}

// The node's value; the indexes of the leaves that make it true are added to `support` when it is.
Tri support_walk(const Expr& expr, const std::vector<Tri>& values, std::size_t& cursor,
                 std::vector<std::size_t>& support) {
  switch (expr.kind) {
    case Expr::Kind::leaf: {
      const std::size_t index = cursor++;
      if (values[index] == Tri::yes) support.push_back(index);
      return values[index];
    }
    case Expr::Kind::negate: {
      std::vector<std::size_t> ignored;  // a false condition is no reason for a yes
      return tri_not(support_walk(expr.children.front(), values, cursor, ignored));
    }
    case Expr::Kind::all:
    case Expr::Kind::any: {
      const bool all = expr.kind == Expr::Kind::all;
      Tri result = all ? Tri::yes : Tri::no;
      std::vector<std::size_t> mine;
      for (const Expr& child : expr.children) {
        std::vector<std::size_t> theirs;
        const Tri value = support_walk(child, values, cursor, theirs);
        result = all ? tri_and(result, value) : tri_or(result, value);
        if (value == Tri::yes) mine.insert(mine.end(), theirs.begin(), theirs.end());
      }
      if (result == Tri::yes) support.insert(support.end(), mine.begin(), mine.end());
      return result;
    }
  }
  return Tri::unknown;
}

ItemMatch evaluate_item(const RuleItem& rule, const Subject& subject, const SizeResult& size,
                        const IndustryCatalog& industries, catalog::Status status) {
  ItemMatch out;
  out.id = rule.item.id;
  out.seq = rule.item.seq;
  out.category = rule.item.category;
  out.title = rule.item.title;
  out.status = status;
  out.valid_from = rule.facts.valid_from;
  out.valid_until = rule.facts.valid_until;
  out.departments = rule.facts.departments;
  out.source = rule.source;
  out.note = rule.note;
  out.clause = rule.clause;
  out.stale = rule.stale;

  std::vector<LeafContext> contexts;
  collect(rule.rule, "", "", contexts);
  std::vector<Tri> values;
  values.reserve(contexts.size());
  for (const LeafContext& context : contexts) {
    values.push_back(evaluate(context.leaf->condition, subject));
  }
  const Tri verdict = combine(rule.rule, values);
  out.verdict = verdict == Tri::yes  ? Verdict::eligible
                : verdict == Tri::no ? Verdict::not_eligible
                                     : Verdict::likely;

  std::vector<std::size_t> support;
  std::size_t cursor = 0;
  support_walk(rule.rule, values, cursor, support);

  for (std::size_t i = 0; i < contexts.size(); ++i) {
    const Condition& condition = contexts[i].leaf->condition;
    ConditionResult result;
    result.detail = describe(condition, &industries);
    // A named condition ({"ref": "服务业"}) reads better by its name than by its 18 codes.
    result.test = contexts[i].leaf->label.empty() || condition.op == Op::ask
                      ? result.detail
                      : std::string(info(condition.field).label) + ": " + contexts[i].leaf->label;
    result.supports = std::find(support.begin(), support.end(), i) != support.end();
    result.field = condition.op == Op::ask ? "" : std::string(info(condition.field).path);
    result.value = values[i];
    result.profile_value = profile_value(condition, subject);
    result.phrase = contexts[i].phrase;
    result.group = contexts[i].group;
    out.conditions.push_back(std::move(result));

    std::vector<Tri> trial = values;
    if (values[i] == Tri::unknown) {
      if (!decides(rule.rule, values, i)) continue;
      if (condition.op != Op::ask && condition.field == Field::size) {
        for (const auto& [field, text] : size_questions(size)) {
          add_question(out.questions, field, text, out.id);
        }
      } else {
        add_question(out.questions, out.conditions.back().field, question_for(condition), out.id);
      }
    } else if (values[i] == Tri::no && verdict == Tri::no) {
      trial[i] = Tri::yes;
      if (combine(rule.rule, trial) != Tri::no) {
        out.near_misses.push_back("差一个条件: " + out.conditions.back().test + ", 您为 " +
                                  out.conditions.back().profile_value);
      }
    }
  }
  out.amount = estimate(rule.amounts, subject);
  return out;
}

nlohmann::json to_json(const AmountEstimate& amount) {
  nlohmann::json parts = nlohmann::json::array();
  for (const AmountPart& part : amount.parts) {
    nlohmann::json p = {{"label", part.label},
                        {"formula", part.formula},
                        {"clause", part.clause},
                        {"upper_bound", part.upper_bound},
                        {"applies", to_string(part.applies)}};
    p["yuan"] = part.yuan ? nlohmann::json(*part.yuan) : nlohmann::json();
    if (!part.evidence.empty()) p["evidence"] = part.evidence;
    if (!part.question.empty()) p["question"] = part.question;
    parts.push_back(std::move(p));
  }
  nlohmann::json out = {{"parts", std::move(parts)}, {"upper_bound", amount.upper_bound}};
  out["total_yuan"] = amount.total_yuan ? nlohmann::json(*amount.total_yuan) : nlohmann::json();
  if (amount.total_yuan) {
    out["text"] = (amount.upper_bound ? "最高约" : "约") + format_yuan(*amount.total_yuan);
  }
  return out;
}

nlohmann::json to_json(const std::vector<Question>& questions) {
  nlohmann::json out = nlohmann::json::array();
  for (const Question& question : questions) {
    out.push_back(
        {{"field", question.field}, {"question", question.text}, {"items", question.items}});
  }
  return out;
}

nlohmann::json to_json(const ItemMatch& item) {
  nlohmann::json conditions = nlohmann::json::array();
  for (const ConditionResult& c : item.conditions) {
    nlohmann::json one = {{"test", c.test},
                          {"detail", c.detail},
                          {"field", c.field},
                          {"value", to_string(c.value)},
                          {"profile_value", c.profile_value},
                          {"phrase", c.phrase},
                          {"supports", c.supports}};
    if (!c.group.empty()) one["group"] = c.group;
    conditions.push_back(std::move(one));
  }
  nlohmann::json departments = nlohmann::json::array();
  for (const catalog::DepartmentRef& department : item.departments) {
    departments.push_back({{"name", department.name}, {"raw", department.raw}});
  }
  nlohmann::json out = {
      {"id", item.id},
      {"seq", item.seq},
      {"category", item.category},
      {"title", item.title},
      {"status", catalog::to_string(item.status)},
      {"valid_from", item.valid_from},
      {"valid_until", item.valid_until},
      {"verdict", to_string(item.verdict)},
      {"verdict_zh", chinese_name(item.verdict)},
      {"conditions", std::move(conditions)},
      {"questions", to_json(item.questions)},
      {"near_misses", item.near_misses},
      {"departments", std::move(departments)},
      {"amount", to_json(item.amount)},
      {"rule_source", item.source == RuleItem::Source::override ? "override" : "facts"}};
  if (!item.note.empty()) out["review_note"] = item.note;
  if (!item.clause.empty()) out["clause"] = item.clause;
  if (item.stale) out["stale_override"] = true;
  return out;
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::string departments_text(const ItemMatch& item) {
  std::vector<std::string> names;
  for (const catalog::DepartmentRef& department : item.departments) {
    names.push_back(department.name.empty() ? department.raw : department.name);
  }
  return join(names, "、");
}

std::string validity_text(const ItemMatch& item) {
  switch (item.status) {
    case catalog::Status::active:
      return item.valid_until.empty() ? "有效" : "有效至 " + item.valid_until;
    case catalog::Status::expired:
      return "已于 " + item.valid_until + " 到期";
    case catalog::Status::not_yet:
      return "自 " + item.valid_from + " 起施行";
    case catalog::Status::long_term:
      return "长期有效";
    case catalog::Status::unknown:
      break;
  }
  return "期限不明确";
}

void text_item(std::string& out, std::size_t number, const ItemMatch& item, bool reasons) {
  out += "  " + std::to_string(number) + ". [" + std::to_string(item.seq) + "] " + item.title +
         "  (" + validity_text(item) + ")\n";
  if (reasons) {
    std::vector<std::string> why;
    for (const ConditionResult& c : item.conditions) {
      if (c.supports && std::find(why.begin(), why.end(), c.test) == why.end()) {
        why.push_back(c.test);
      }
    }
    if (!why.empty()) out += "     依据: " + join(why, "; ") + "\n";
  }
  if (item.amount.total_yuan) {
    out += "     金额: " + std::string(item.amount.upper_bound ? "最高约" : "约") +
           format_yuan(*item.amount.total_yuan) + "\n";
  }
  for (const AmountPart& part : item.amount.parts) {
    if (part.applies == Tri::no) continue;
    out += "       " + part.formula + (part.applies == Tri::unknown ? " (如适用)" : "") + "  —“" +
           part.clause + "”\n";
  }
  for (const Question& question : item.questions) out += "     待确认: " + question.text + "\n";
  const std::string departments = departments_text(item);
  if (!departments.empty()) out += "     咨询: " + departments + "\n";
}

}  // namespace

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::eligible:
      return "eligible";
    case Verdict::likely:
      return "likely";
    case Verdict::not_eligible:
      break;
  }
  return "not_eligible";
}

const char* chinese_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::eligible:
      return "可以享受";
    case Verdict::likely:
      return "可能可以享受";
    case Verdict::not_eligible:
      break;
  }
  return "不符合";
}

std::string format_yuan(double yuan) {
  if (std::fabs(yuan) >= 1e8) return format_number(yuan / 1e8) + "亿元";
  if (std::fabs(yuan) >= 1e4) return format_number(yuan / 1e4) + "万元";
  return format_number(yuan) + "元";
}

MatchResult match(const Profile& profile, const std::vector<RuleItem>& items,
                  const MatchOptions& options) {
  const SizeStandard& standard =
      options.size_standard != nullptr ? *options.size_standard : default_size_standard();
  const IndustryCatalog& industries =
      options.industries != nullptr ? *options.industries : default_industries();
  MatchResult result;
  result.as_of = options.as_of.empty() ? today() : options.as_of;
  result.profile_id = profile.id;
  result.profile_name = profile.name;
  const Subject subject = make_subject(profile, standard, &result.size_result);
  result.size = subject.size;
  result.largest = subject.largest;
  result.size_stated = profile.size_class.has_value() && *profile.size_class != SizeClass::unknown;

  for (const RuleItem& rule : items) {
    if (!rule.offers) {
      result.context.push_back({rule.item.id, rule.item.seq, rule.item.title, rule.context_reason});
      continue;
    }
    const catalog::Status status = rule.facts.status_on(result.as_of);
    if (status == catalog::Status::expired && !options.include_expired) {
      result.expired.push_back(rule.item.id);
      continue;
    }
    ItemMatch item = evaluate_item(rule, subject, result.size_result, industries, status);
    switch (item.verdict) {
      case Verdict::eligible:
        result.eligible.push_back(std::move(item));
        break;
      case Verdict::likely:
        for (const Question& question : item.questions) {
          add_question(result.questions, question.field, question.text, item.id);
        }
        result.likely.push_back(std::move(item));
        break;
      case Verdict::not_eligible:
        result.not_eligible.push_back(std::move(item));
        break;
    }
  }
  std::stable_sort(
      result.questions.begin(), result.questions.end(),
      [](const Question& a, const Question& b) { return a.items.size() > b.items.size(); });
  return result;
}

// {"as_of", "profile": {"id", "name", "size": {"class", "largest_possible", "stated", "row",
//  "reasons", "missing"}}, "summary": {"eligible", "likely", "not_eligible", "expired_left_out",
//  "context"}, "eligible": [item…], "likely": [item…], "not_eligible": [item…], "questions":
//  [{"field", "question", "items"}], "context": [{"id", "seq", "title", "reason"}], "expired":
//  [id…]}; item = {"id", "seq", "category", "title", "status", "valid_from", "valid_until",
//  "verdict", "verdict_zh", "conditions": [{"test", "detail", "field", "value", "profile_value",
//  "phrase", "supports", "group"?}], "questions", "near_misses", "departments": [{"name",
//  "raw"}], "amount": {"parts": [{"label", "formula", "clause", "yuan", "upper_bound",
//  "applies", "evidence"?, "question"?}], "total_yuan", "upper_bound", "text"?}, "rule_source":
//  "override"|"facts", "review_note"?, "clause"?, "stale_override"?}.
nlohmann::json to_json(const MatchResult& result) {
  const auto items = [](const std::vector<ItemMatch>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const ItemMatch& item : list) out.push_back(to_json(item));
    return out;
  };
  nlohmann::json context = nlohmann::json::array();
  for (const ContextItem& item : result.context) {
    context.push_back(
        {{"id", item.id}, {"seq", item.seq}, {"title", item.title}, {"reason", item.reason}});
  }
  nlohmann::json size = {{"class", to_string(result.size)},
                         {"class_zh", chinese_name(result.size)},
                         {"largest_possible", to_string(result.largest)},
                         {"stated", result.size_stated},
                         {"row", result.size_result.row},
                         {"reasons", result.size_result.reasons},
                         {"missing", result.size_result.missing}};
  return {{"as_of", result.as_of},
          {"profile", {{"id", result.profile_id}, {"name", result.profile_name}, {"size", size}}},
          {"summary",
           {{"eligible", result.eligible.size()},
            {"likely", result.likely.size()},
            {"not_eligible", result.not_eligible.size()},
            {"expired_left_out", result.expired.size()},
            {"context", result.context.size()}}},
          {"eligible", items(result.eligible)},
          {"likely", items(result.likely)},
          {"not_eligible", items(result.not_eligible)},
          {"questions", to_json(result.questions)},
          {"context", std::move(context)},
          {"expired", result.expired}};
}

std::string to_text(const MatchResult& result) {
  std::string out;
  out += "匹配日期 " + result.as_of;
  if (!result.profile_name.empty()) out += " · " + result.profile_name;
  out += "\n企业规模: " + size_label(result.size, result.largest) +
         (result.size_stated ? " (自报)" : "") + "\n";
  if (!result.size_stated && !result.size_result.reasons.empty()) {
    out += "  " + join(result.size_result.reasons, "; ") + "\n";
  }
  out += "\n可以享受 (" + std::to_string(result.eligible.size()) + " 项)\n";
  for (std::size_t i = 0; i < result.eligible.size(); ++i) {
    text_item(out, i + 1, result.eligible[i], true);
  }
  out += "\n可能可以享受，需确认 (" + std::to_string(result.likely.size()) + " 项)\n";
  for (std::size_t i = 0; i < result.likely.size(); ++i) {
    text_item(out, i + 1, result.likely[i], false);
  }
  if (!result.questions.empty()) {
    out += "\n回答这些问题可以确定更多政策:\n";
    for (const Question& question : result.questions) {
      out += "  - " + question.text + " (涉及 " + std::to_string(question.items.size()) + " 项)\n";
    }
  }
  std::vector<const ItemMatch*> near;
  for (const ItemMatch& item : result.not_eligible) {
    if (!item.near_misses.empty()) near.push_back(&item);
  }
  if (!near.empty()) {
    out += "\n差一点 (" + std::to_string(near.size()) + " 项):\n";
    for (const ItemMatch* item : near) {
      out += "  [" + std::to_string(item->seq) + "] " + item->title + ": " +
             join(item->near_misses, "; 或") + "\n";
    }
  }
  out += "\n不符合 " + std::to_string(result.not_eligible.size()) + " 项";
  if (!result.expired.empty())
    out += "；已过期未列出 " + std::to_string(result.expired.size()) + " 项";
  out +=
      "；政府工作部署或不面向企业的 " + std::to_string(result.context.size()) + " 项不需申请。\n";
  return out;
}

}  // namespace huiqi::match
