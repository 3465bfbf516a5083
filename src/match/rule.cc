#include "match/rule.h"

#include <algorithm>

#include "base/error.h"
#include "match/industries.h"

namespace huiqi::match {

namespace {

[[noreturn]] void bad_rule(const std::string& source, const std::string& pointer,
                           const std::string& en, const std::string& zh) {
  throw UserError("bad-rule", en, zh,
                  Location{.file = source, .field = pointer.empty() ? "/" : pointer});
}

bool all_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

constexpr std::array<const char*, 4> kComparisons = {"ge", "gt", "le", "lt"};

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::vector<std::string> mask_labels(const FieldInfo& field, std::uint64_t mask) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < field.choices.size(); ++i) {
    if ((mask >> i) & 1U) out.emplace_back(field.choices[i].label);
  }
  return out;
}

// The leaf of {"field": …, <op>: …}.
Condition parse_condition(const nlohmann::json& json, const IndustryCatalog& industries,
                          const std::string& source, const std::string& pointer) {
  if (!json["field"].is_string())
    bad_rule(source, pointer, "field must be a string", "field 应为字符串");
  const std::string path = json["field"].get<std::string>();
  const FieldInfo* field = find_field(path);
  if (field == nullptr || field->kind == FieldKind::text) {
    bad_rule(source, pointer, "unknown field '" + path + "'", "未知字段“" + path + "”");
  }
  Condition condition;
  condition.field = field->id;
  int ops = 0;
  for (const auto& [key, value] : json.items()) {
    if (key == "field" || key == "phrase" || key == "label") continue;
    ++ops;
    const std::string at = pointer + "/" + key;
    if (key == "is") {
      if (field->kind != FieldKind::boolean || !value.is_boolean()) {
        bad_rule(source, at, "'is' takes true or false on a boolean field",
                 "is 只用于布尔字段，取 true 或 false");
      }
      condition.op = Op::is;
      condition.flag = value.get<bool>();
    } else if (std::find(kComparisons.begin(), kComparisons.end(), key) != kComparisons.end()) {
      if (field->kind != FieldKind::number || !value.is_number()) {
        bad_rule(source, at, "'" + key + "' takes a number on a number field",
                 key + " 只用于数值字段，取数字");
      }
      condition.op = key == "ge" ? Op::ge : key == "gt" ? Op::gt : key == "le" ? Op::le : Op::lt;
      condition.number = value.get<double>();
    } else if (key == "in" || key == "has") {
      const bool set = field->kind == FieldKind::set;
      if ((key == "has") != set) {
        bad_rule(source, at, set ? "sets take 'has'" : "'has' is for set fields",
                 set ? "集合字段用 has" : "has 只用于集合字段");
      }
      const nlohmann::json values = value.is_array() ? value : nlohmann::json::array({value});
      if (values.empty()) bad_rule(source, at, "empty list", "列表为空");
      condition.op = set ? Op::has : Op::in;
      for (const auto& element : values) {
        if (!element.is_string()) bad_rule(source, at, "values must be strings", "取值应为字符串");
        const std::string text = element.get<std::string>();
        if (field->kind == FieldKind::code) {
          if (field->id == Field::industry) {
            auto canonical = industries.canonical(text);
            if (!canonical) {
              bad_rule(source, at, "'" + text + "' is not a GB/T 4754-2017 code",
                       "“" + text + "”不是 GB/T 4754-2017 代码");
            }
            condition.codes.push_back(std::move(*canonical));
          } else {
            if (!all_digits(text) || text.size() % 2 != 0 || text.size() > 6) {
              bad_rule(source, at, "'" + text + "' is not a region code prefix (2, 4 or 6 digits)",
                       "“" + text + "”不是行政区划代码前缀(2、4 或 6 位数字)");
            }
            condition.codes.push_back(significant_region(text));
          }
        } else if (field->kind == FieldKind::choice || field->kind == FieldKind::size ||
                   field->kind == FieldKind::set) {
          const auto index = choice_index(field->id, text);
          if (!index) {
            bad_rule(source, at, "'" + text + "' is not a value of " + path,
                     "“" + text + "”不是 " + path + " 的可选值");
          }
          condition.mask |= std::uint64_t{1} << *index;
        } else {
          bad_rule(source, at, "'in' is for choice, code and size fields",
                   "in 只用于枚举、代码和规模字段");
        }
      }
    } else {
      bad_rule(source, at, "unknown operator '" + key + "'", "未知运算“" + key + "”");
    }
  }
  if (ops != 1)
    bad_rule(source, pointer, "a condition needs exactly one operator", "条件应有且只有一个运算");
  return condition;
}

void annotate(Expr& expr, const nlohmann::json& json, const std::string& source,
              const std::string& pointer) {
  for (const char* key : {"phrase", "label"}) {
    if (!json.contains(key)) continue;
    if (!json[key].is_string()) {
      bad_rule(source, pointer + "/" + key, std::string(key) + " must be a string",
               std::string(key) + " 应为字符串");
    }
    (std::string_view(key) == "phrase" ? expr.phrase : expr.label) = json[key].get<std::string>();
  }
}

}  // namespace

const char* to_string(Tri value) {
  switch (value) {
    case Tri::yes:
      return "yes";
    case Tri::no:
      return "no";
    case Tri::unknown:
      break;
  }
  return "unknown";
}

Tri tri_and(Tri a, Tri b) {
  if (a == Tri::no || b == Tri::no) return Tri::no;
  if (a == Tri::yes && b == Tri::yes) return Tri::yes;
  return Tri::unknown;
}

Tri tri_or(Tri a, Tri b) {
  if (a == Tri::yes || b == Tri::yes) return Tri::yes;
  if (a == Tri::no && b == Tri::no) return Tri::no;
  return Tri::unknown;
}

Tri tri_not(Tri a) {
  if (a == Tri::yes) return Tri::no;
  if (a == Tri::no) return Tri::yes;
  return Tri::unknown;
}

Expr Expr::leaf(Condition condition, std::string phrase) {
  Expr expr;
  expr.kind = Kind::leaf;
  expr.condition = std::move(condition);
  expr.phrase = std::move(phrase);
  return expr;
}

Expr Expr::all_of(std::vector<Expr> children, std::string phrase) {
  Expr expr;
  expr.kind = Kind::all;
  expr.children = std::move(children);
  expr.phrase = std::move(phrase);
  return expr;
}

Expr Expr::any_of(std::vector<Expr> children, std::string phrase) {
  Expr expr;
  expr.kind = Kind::any;
  expr.children = std::move(children);
  expr.phrase = std::move(phrase);
  return expr;
}

Expr Expr::negation(Expr child, std::string phrase) {
  Expr expr;
  expr.kind = Kind::negate;
  expr.children.push_back(std::move(child));
  expr.phrase = std::move(phrase);
  return expr;
}

Expr parse_expr(const nlohmann::json& json, const Definitions& definitions,
                const IndustryCatalog& industries, const std::string& source,
                const std::string& pointer) {
  if (!json.is_object())
    bad_rule(source, pointer, "a rule node must be an object", "规则节点应为对象");
  Expr expr;
  if (json.contains("ref")) {
    const auto& name = json["ref"];
    if (!name.is_string())
      bad_rule(source, pointer + "/ref", "ref must be a string", "ref 应为字符串");
    const auto found = definitions.find(name.get<std::string>());
    if (found == definitions.end()) {
      bad_rule(source, pointer + "/ref", "no definition named '" + name.get<std::string>() + "'",
               "没有名为“" + name.get<std::string>() + "”的定义");
    }
    expr = found->second;
    if (expr.label.empty()) expr.label = found->first;
  } else if (json.contains("all") || json.contains("any")) {
    const bool all = json.contains("all");
    const auto& list = json[all ? "all" : "any"];
    const std::string at = pointer + (all ? "/all" : "/any");
    if (!list.is_array()) bad_rule(source, at, "must be an array", "应为数组");
    expr.kind = all ? Expr::Kind::all : Expr::Kind::any;
    for (std::size_t i = 0; i < list.size(); ++i) {
      expr.children.push_back(
          parse_expr(list[i], definitions, industries, source, at + "/" + std::to_string(i)));
    }
    if (!all && expr.children.empty()) bad_rule(source, at, "'any' needs a member", "any 不能为空");
  } else if (json.contains("not")) {
    expr.kind = Expr::Kind::negate;
    expr.children.push_back(
        parse_expr(json["not"], definitions, industries, source, pointer + "/not"));
  } else if (json.contains("ask")) {
    if (!json["ask"].is_string() || json["ask"].get<std::string>().empty()) {
      bad_rule(source, pointer + "/ask", "ask needs the question", "ask 应为问题文本");
    }
    Condition condition;
    condition.op = Op::ask;
    condition.question = json["ask"].get<std::string>();
    expr = Expr::leaf(std::move(condition));
  } else if (json.contains("field")) {
    expr = Expr::leaf(parse_condition(json, industries, source, pointer));
  } else {
    bad_rule(source, pointer, "expected all, any, not, ref, ask or field",
             "应为 all、any、not、ref、ask 或 field");
  }
  annotate(expr, json, source, pointer);
  return expr;
}

nlohmann::json to_json(const Expr& expr, bool annotations) {
  nlohmann::json out = nlohmann::json::object();
  switch (expr.kind) {
    case Expr::Kind::all:
    case Expr::Kind::any: {
      nlohmann::json list = nlohmann::json::array();
      for (const Expr& child : expr.children) list.push_back(to_json(child, annotations));
      out[expr.kind == Expr::Kind::all ? "all" : "any"] = std::move(list);
      break;
    }
    case Expr::Kind::negate:
      out["not"] = to_json(expr.children.front(), annotations);
      break;
    case Expr::Kind::leaf: {
      const Condition& c = expr.condition;
      if (c.op == Op::ask) {
        out["ask"] = c.question;
        break;
      }
      const FieldInfo& field = info(c.field);
      out["field"] = std::string(field.path);
      switch (c.op) {
        case Op::is:
          out["is"] = c.flag;
          break;
        case Op::ge:
          out["ge"] = c.number;
          break;
        case Op::gt:
          out["gt"] = c.number;
          break;
        case Op::le:
          out["le"] = c.number;
          break;
        case Op::lt:
          out["lt"] = c.number;
          break;
        case Op::in:
        case Op::has: {
          nlohmann::json values = nlohmann::json::array();
          if (field.kind == FieldKind::code) {
            values = c.codes;
          } else {
            for (std::size_t i = 0; i < field.choices.size(); ++i) {
              if ((c.mask >> i) & 1U) values.push_back(std::string(field.choices[i].value));
            }
          }
          out[c.op == Op::in ? "in" : "has"] = std::move(values);
          break;
        }
        case Op::ask:
          break;
      }
      break;
    }
  }
  if (annotations) {
    if (!expr.label.empty()) out["label"] = expr.label;
    if (!expr.phrase.empty()) out["phrase"] = expr.phrase;
  }
  return out;
}

Subject make_subject(const Profile& profile, const SizeStandard& standard, SizeResult* result) {
  Subject subject;
  subject.profile = &profile;
  SizeFacts facts;
  facts.industry = profile.industry.value_or("");
  facts.employees = profile.employees;
  facts.revenue_10k_yuan = profile.revenue_10k_yuan;
  facts.assets_10k_yuan = profile.assets_10k_yuan;
  SizeResult computed = standard.classify(facts);
  if (profile.size_class && *profile.size_class != SizeClass::unknown) {
    subject.size = *profile.size_class;
    subject.largest = *profile.size_class;
  } else {
    subject.size = computed.size;
    subject.largest = computed.largest_possible;
  }
  if (result != nullptr) *result = std::move(computed);
  return subject;
}

Tri size_in(std::uint64_t mask, SizeClass size, SizeClass largest) {
  if (size != SizeClass::unknown) {
    return (mask >> static_cast<unsigned>(size)) & 1U ? Tri::yes : Tri::no;
  }
  // Only an upper bound is known: the class is `largest` or any smaller one.
  const unsigned from = largest == SizeClass::unknown ? 0U : static_cast<unsigned>(largest);
  bool any = false;
  bool every = true;
  for (unsigned i = from; i < 4; ++i) {
    const bool in = (mask >> i) & 1U;
    any = any || in;
    every = every && in;
  }
  return every ? Tri::yes : any ? Tri::unknown : Tri::no;
}

std::string significant_region(const std::string& code) {
  std::string out = code;
  while (out.size() > 2 && out.ends_with("00")) out.resize(out.size() - 2);
  return out;
}

Tri code_in(const std::vector<std::string>& prefixes, const std::optional<std::string>& code,
            Field field) {
  if (!code) return Tri::unknown;
  const std::string value = field == Field::region ? significant_region(*code) : *code;
  Tri result = Tri::no;
  for (const std::string& prefix : prefixes) {
    if (value.starts_with(prefix)) return Tri::yes;
    // The profile's code is coarser than the prefix: it may or may not fall inside.
    if (prefix.starts_with(value)) result = Tri::unknown;
  }
  return result;
}

Tri evaluate(const Condition& c, const Subject& subject) {
  const Profile& profile = *subject.profile;
  switch (c.op) {
    case Op::ask:
      return Tri::unknown;
    case Op::is: {
      const auto value = get_bool(profile, c.field);
      if (!value) return Tri::unknown;
      return *value == c.flag ? Tri::yes : Tri::no;
    }
    case Op::ge:
    case Op::gt:
    case Op::le:
    case Op::lt: {
      const auto value = get_number(profile, c.field);
      if (!value) return Tri::unknown;
      const double v = *value;
      const bool ok = c.op == Op::ge   ? v >= c.number
                      : c.op == Op::gt ? v > c.number
                      : c.op == Op::le ? v <= c.number
                                       : v < c.number;
      return ok ? Tri::yes : Tri::no;
    }
    case Op::has: {
      const auto value = get_set(profile, c.field);
      if (!value) return Tri::unknown;
      return (*value & c.mask) != 0 ? Tri::yes : Tri::no;
    }
    case Op::in: {
      const FieldInfo& field = info(c.field);
      if (field.kind == FieldKind::size) return size_in(c.mask, subject.size, subject.largest);
      if (field.kind == FieldKind::code)
        return code_in(c.codes, get_code(profile, c.field), c.field);
      const auto value = get_choice(profile, c.field);
      if (!value) return Tri::unknown;
      return (c.mask >> static_cast<unsigned>(*value)) & 1U ? Tri::yes : Tri::no;
    }
  }
  return Tri::unknown;
}

Tri evaluate(const Expr& expr, const Subject& subject) {
  switch (expr.kind) {
    case Expr::Kind::leaf:
      return evaluate(expr.condition, subject);
    case Expr::Kind::negate:
      return tri_not(evaluate(expr.children.front(), subject));
    case Expr::Kind::all: {
      Tri result = Tri::yes;
      for (const Expr& child : expr.children) {
        result = tri_and(result, evaluate(child, subject));
        if (result == Tri::no) break;
      }
      return result;
    }
    case Expr::Kind::any: {
      Tri result = Tri::no;
      for (const Expr& child : expr.children) {
        result = tri_or(result, evaluate(child, subject));
        if (result == Tri::yes) break;
      }
      return result;
    }
  }
  return Tri::unknown;
}

namespace {

void collect_leaves(const Expr& expr, std::vector<const Expr*>& out) {
  if (expr.kind == Expr::Kind::leaf) {
    out.push_back(&expr);
    return;
  }
  for (const Expr& child : expr.children) collect_leaves(child, out);
}

Tri combine_at(const Expr& expr, const std::vector<Tri>& values, std::size_t& cursor) {
  switch (expr.kind) {
    case Expr::Kind::leaf:
      return values[cursor++];
    case Expr::Kind::negate:
      return tri_not(combine_at(expr.children.front(), values, cursor));
    case Expr::Kind::all: {
      Tri result = Tri::yes;
      for (const Expr& child : expr.children)
        result = tri_and(result, combine_at(child, values, cursor));
      return result;
    }
    case Expr::Kind::any: {
      Tri result = Tri::no;
      for (const Expr& child : expr.children)
        result = tri_or(result, combine_at(child, values, cursor));
      return result;
    }
  }
  return Tri::unknown;
}

}  // namespace

std::vector<const Expr*> leaves(const Expr& expr) {
  std::vector<const Expr*> out;
  collect_leaves(expr, out);
  return out;
}

Tri combine(const Expr& expr, const std::vector<Tri>& leaf_values) {
  std::size_t cursor = 0;
  return combine_at(expr, leaf_values, cursor);
}

std::string describe(const Condition& c, const IndustryCatalog* industries) {
  if (c.op == Op::ask) return c.question;
  const FieldInfo& field = info(c.field);
  const std::string label(field.label);
  switch (c.op) {
    case Op::is:
      return label + ": " + (c.flag ? "是" : "否");
    case Op::ge:
      return label + " ≥ " + format_number(c.number) + std::string(field.unit);
    case Op::gt:
      return label + " > " + format_number(c.number) + std::string(field.unit);
    case Op::le:
      return label + " ≤ " + format_number(c.number) + std::string(field.unit);
    case Op::lt:
      return label + " < " + format_number(c.number) + std::string(field.unit);
    case Op::has:
      return label + ": " + join(mask_labels(field, c.mask), "或");
    case Op::in: {
      if (field.kind != FieldKind::code)
        return label + ": " + join(mask_labels(field, c.mask), "或");
      std::vector<std::string> parts;
      for (const std::string& code : c.codes) {
        const std::string name = industries != nullptr && c.field == Field::industry
                                     ? industries->name(code)
                                     : std::string();
        parts.push_back(name.empty() ? code : code + " " + name);
      }
      return label + ": " + join(parts, "、");
    }
    case Op::ask:
      break;
  }
  return label;
}

std::string question_for(const Condition& c) {
  if (c.op == Op::ask) return c.question;
  const FieldInfo& field = info(c.field);
  if (field.kind == FieldKind::set) {
    const std::vector<std::string> labels = mask_labels(field, c.mask);
    if (labels.size() > 1)
      return std::string(field.label) + "是否包括: " + join(labels, "或") + "?";
    for (std::size_t i = 0; i < field.choices.size(); ++i) {
      if ((c.mask >> i) & 1U) return std::string(field.choices[i].question);
    }
  }
  return std::string(field.question);
}

}  // namespace huiqi::match
