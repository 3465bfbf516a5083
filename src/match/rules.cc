#include "match/rules.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "base/data_dir.h"
#include "base/error.h"
#include "match/industries.h"

namespace huiqi::match {

namespace {

[[noreturn]] void bad(const std::string& source, const std::string& pointer, const std::string& en,
                      const std::string& zh) {
  throw UserError("bad-overrides", en, zh, Location{.file = source, .field = pointer});
}

std::string string_at(const nlohmann::json& object, const char* key, const std::string& source,
                      const std::string& pointer, bool required) {
  if (!object.contains(key)) {
    if (required) {
      bad(source, pointer, std::string("missing '") + key + "'", std::string("缺少 ") + key);
    }
    return {};
  }
  if (!object[key].is_string()) {
    bad(source, pointer + "/" + key, "must be a string", "应为字符串");
  }
  return object[key].get<std::string>();
}

std::optional<double> number_at(const nlohmann::json& object, const char* key,
                                const std::string& source, const std::string& pointer) {
  if (!object.contains(key) || object[key].is_null()) return std::nullopt;
  if (!object[key].is_number() || object[key].get<double>() < 0) {
    bad(source, pointer + "/" + key, "must be a non-negative number", "应为非负数");
  }
  return object[key].get<double>();
}

// Every "phrase" written in a rule's JSON (not those a "ref" brings in).
void collect_phrases(const nlohmann::json& json, std::vector<std::string>& out) {
  if (json.is_object()) {
    for (const auto& [key, value] : json.items()) {
      if (key == "phrase" && value.is_string()) {
        out.push_back(value.get<std::string>());
      } else {
        collect_phrases(value, out);
      }
    }
  } else if (json.is_array()) {
    for (const auto& element : json) collect_phrases(element, out);
  }
}

// The names a rule's JSON refers to with "ref".
void collect_refs(const nlohmann::json& json, std::set<std::string>& out) {
  if (json.is_object()) {
    for (const auto& [key, value] : json.items()) {
      if (key == "ref" && value.is_string()) {
        out.insert(value.get<std::string>());
      } else {
        collect_refs(value, out);
      }
    }
  } else if (json.is_array()) {
    for (const auto& element : json) collect_refs(element, out);
  }
}

Definitions parse_definitions(const nlohmann::json& json, const Definitions& base,
                              const std::string& source, const std::string& pointer,
                              const IndustryCatalog& industries) {
  Definitions out;
  if (json.is_null()) return out;
  if (!json.is_object()) bad(source, pointer, "must be an object", "应为对象");
  // A definition may use others; the JSON object has no order, so parse each once all the names
  // it refers to are parsed (a cycle or a missing name is reported by parse_expr below).
  std::set<std::string> pending;
  for (const auto& [name, value] : json.items()) pending.insert(name);
  const auto ready = [&](const std::string& name) {
    std::set<std::string> refs;
    collect_refs(json[name], refs);
    return std::all_of(refs.begin(), refs.end(), [&](const std::string& ref) {
      return base.contains(ref) || out.contains(ref) || !json.contains(ref);
    });
  };
  while (!pending.empty()) {
    auto next = std::find_if(pending.begin(), pending.end(), ready);
    if (next == pending.end()) next = pending.begin();  // a cycle: let parse_expr report it
    Definitions scope = base;
    scope.insert(out.begin(), out.end());
    Expr expr = parse_expr(json[*next], scope, industries, source, pointer + "/" + *next);
    if (expr.label.empty()) expr.label = *next;
    out.emplace(*next, std::move(expr));
    pending.erase(next);
  }
  return out;
}

AmountSpec parse_amount(const nlohmann::json& json, const Definitions& definitions,
                        const IndustryCatalog& industries, const std::string& source,
                        const std::string& pointer) {
  if (!json.is_object()) bad(source, pointer, "an amount must be an object", "金额应为对象");
  AmountSpec spec;
  spec.label = string_at(json, "label", source, pointer, true);
  spec.clause = string_at(json, "clause", source, pointer, true);
  spec.rate_text = string_at(json, "rate_text", source, pointer, false);
  const auto fixed = number_at(json, "fixed_yuan", source, pointer);
  const auto up_to = number_at(json, "up_to_yuan", source, pointer);
  const auto rate = number_at(json, "rate", source, pointer);
  if ((fixed ? 1 : 0) + (up_to ? 1 : 0) + (rate ? 1 : 0) != 1) {
    bad(source, pointer, "an amount needs exactly one of fixed_yuan, up_to_yuan, rate",
        "金额应有且只有 fixed_yuan、up_to_yuan、rate 之一");
  }
  if (fixed) {
    spec.kind = AmountSpec::Kind::fixed;
    spec.value = *fixed;
  } else if (up_to) {
    spec.kind = AmountSpec::Kind::up_to;
    spec.value = *up_to;
  } else {
    spec.kind = AmountSpec::Kind::rate;
    spec.value = *rate;
    const std::string of = string_at(json, "of", source, pointer, true);
    const FieldInfo* field = find_field(of);
    if (field == nullptr || field->kind != FieldKind::number) {
      bad(source, pointer + "/of", "'" + of + "' is not a number field",
          "“" + of + "”不是数值字段");
    }
    spec.of = field->id;
    spec.cap_yuan = number_at(json, "cap_yuan", source, pointer);
  }
  if (json.contains("when")) {
    spec.when = parse_expr(json["when"], definitions, industries, source, pointer + "/when");
  }
  return spec;
}

Override parse_entry(const nlohmann::json& json, const Definitions& definitions,
                     const IndustryCatalog& industries, const std::string& source,
                     const std::string& pointer) {
  if (!json.is_object()) bad(source, pointer, "an entry must be an object", "条目应为对象");
  static const std::set<std::string> kKeys = {"item",    "clause", "note",  "reviewed",
                                              "context", "rule",   "scope", "amounts"};
  for (const auto& [key, value] : json.items()) {
    if (!kKeys.contains(key)) bad(source, pointer + "/" + key, "unknown key", "未知键");
  }
  Override entry;
  entry.item = string_at(json, "item", source, pointer, true);
  entry.clause = string_at(json, "clause", source, pointer, true);
  entry.note = string_at(json, "note", source, pointer, true);
  entry.reviewed = string_at(json, "reviewed", source, pointer, false);
  entry.context = string_at(json, "context", source, pointer, false);
  if (entry.clause.empty()) bad(source, pointer + "/clause", "empty clause", "引文为空");
  entry.quotes.push_back(entry.clause);
  if (json.contains("rule")) {
    if (!entry.context.empty()) {
      bad(source, pointer, "an entry has either a rule or a context",
          "条目只能有 rule 或 context 之一");
    }
    entry.rule = parse_expr(json["rule"], definitions, industries, source, pointer + "/rule");
    collect_phrases(json["rule"], entry.quotes);
  } else if (entry.context.empty()) {
    bad(source, pointer, "an entry needs a rule or a context", "条目应有 rule 或 context");
  }
  if (json.contains("scope")) {
    if (json["scope"].is_null()) {
      entry.scope_none = true;
    } else {
      entry.scope = parse_expr(json["scope"], definitions, industries, source, pointer + "/scope");
    }
  }
  if (json.contains("amounts")) {
    if (!json["amounts"].is_array())
      bad(source, pointer + "/amounts", "must be an array", "应为数组");
    for (std::size_t i = 0; i < json["amounts"].size(); ++i) {
      entry.amounts.push_back(parse_amount(json["amounts"][i], definitions, industries, source,
                                           pointer + "/amounts/" + std::to_string(i)));
      entry.quotes.push_back(entry.amounts.back().clause);
      if (json["amounts"][i].contains("when")) {
        collect_phrases(json["amounts"][i]["when"], entry.quotes);
      }
    }
  }
  return entry;
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw UserError("file-not-found", "cannot read the match overrides", "无法读取匹配规则复核文件",
                    Location{.file = file.string()});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool is_space_byte(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The numbers an amount spec states, in the forms extraction may record them, to find the
// extracted amount with the same number.
std::vector<double> spec_numbers(const AmountSpec& spec) {
  std::vector<double> out;
  if (spec.kind != AmountSpec::Kind::rate) {
    out.push_back(spec.value);
    return out;
  }
  // A rate may be recorded as a fraction, a percent or a permille; a per-unit sum as itself.
  out.push_back(spec.value);
  out.push_back(spec.value * 100);
  out.push_back(spec.value * 1000);
  if (spec.cap_yuan) out.push_back(*spec.cap_yuan);
  return out;
}

bool same(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b)); }

}  // namespace

std::string squeeze(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_space_byte(c)) continue;
    // U+3000 IDEOGRAPHIC SPACE and U+00A0 NO-BREAK SPACE.
    if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0x80) {
      i += 2;
      continue;
    }
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    out += text[i];
  }
  return out;
}

Overrides Overrides::parse(const nlohmann::json& json, const std::string& source,
                           const IndustryCatalog& industries) {
  if (!json.is_object())
    bad(source, "", "the override file must be a JSON object", "应为 JSON 对象");
  Overrides out;
  out.source = source;
  out.list = string_at(json, "list", source, "", true);
  if (!json.contains("version") || json["version"] != 1) {
    bad(source, "/version", "only version 1 is understood", "只支持 version 1");
  }
  out.definitions = parse_definitions(json.value("definitions", nlohmann::json()), {}, source,
                                      "/definitions", industries);
  if (json.contains("scope") && !json["scope"].is_null()) {
    out.scope = parse_expr(json["scope"], out.definitions, industries, source, "/scope");
  }
  out.beneficiaries = parse_definitions(json.value("beneficiaries", nlohmann::json()),
                                        out.definitions, source, "/beneficiaries", industries);
  if (!json.contains("items") || !json["items"].is_array()) {
    bad(source, "/items", "'items' must be an array", "items 应为数组");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < json["items"].size(); ++i) {
    const std::string pointer = "/items/" + std::to_string(i);
    Override entry = parse_entry(json["items"][i], out.definitions, industries, source, pointer);
    if (!seen.insert(entry.item).second) {
      bad(source, pointer + "/item", "a second entry for " + entry.item, entry.item + " 重复");
    }
    out.entries.push_back(std::move(entry));
  }
  return out;
}

nlohmann::json Overrides::read_json(const std::filesystem::path& file) {
  const std::string text = read_file(file);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    bad(file.string(), "", "malformed JSON at byte " + std::to_string(error.byte),
        "JSON 格式错误(第 " + std::to_string(error.byte) + " 字节处)");
  }
}

Overrides Overrides::load(const std::filesystem::path& file, const IndustryCatalog& industries) {
  return parse(read_json(file), file.string(), industries);
}

const nlohmann::json& bundled_overrides_json() {
  static const nlohmann::json json = [] {
    const std::filesystem::path file = data_dir() / "match-overrides.json";
    if (!std::filesystem::exists(file)) {  // a data folder without reviewed overrides
      return nlohmann::json{{"version", 1}, {"list", "stored"}, {"items", nlohmann::json::array()}};
    }
    return Overrides::read_json(file);
  }();
  return json;
}

const Overrides& default_overrides() {
  static const Overrides overrides =
      Overrides::parse(bundled_overrides_json(), (data_dir() / "match-overrides.json").string(),
                       default_industries());
  return overrides;
}

const SizeStandard& default_size_standard() {
  static const SizeStandard standard = [] {
    SizeStandard loaded = SizeStandard::load(data_dir() / "sme-size-standard.csv");
    loaded.set_known_codes(default_industries().raw_codes());
    return loaded;
  }();
  return standard;
}

Expr rule_from_facts(const catalog::Facts& facts, const Overrides& overrides,
                     const IndustryCatalog& industries) {
  std::vector<Expr> groups;
  std::vector<Expr> who;
  std::set<std::string> seen;
  for (const catalog::TagFact& tag : facts.beneficiaries) {
    if (!seen.insert(tag.value).second) continue;
    const auto found = overrides.beneficiaries.find(tag.value);
    Expr expr;
    if (found != overrides.beneficiaries.end()) {
      expr = found->second;
    } else {
      Condition ask;
      ask.op = Op::ask;
      ask.question = "是否属于: " + tag.value + "?";
      expr = Expr::leaf(std::move(ask));
      expr.label = tag.value;
    }
    expr.phrase = tag.evidence.phrase;
    who.push_back(std::move(expr));
  }
  if (!who.empty()) groups.push_back(Expr::any_of(std::move(who)));
  Condition trades;
  trades.field = Field::industry;
  trades.op = Op::in;
  std::vector<std::string> phrases;
  for (const catalog::IndustryFact& industry : facts.industries) {
    if (auto canonical = industries.canonical(industry.code)) {
      if (std::find(trades.codes.begin(), trades.codes.end(), *canonical) == trades.codes.end()) {
        trades.codes.push_back(*canonical);
        phrases.push_back(industry.evidence.phrase);
      }
    }
  }
  if (!trades.codes.empty()) {
    std::string phrase;
    for (const std::string& p : phrases) phrase += (phrase.empty() ? "" : "、") + p;
    groups.push_back(Expr::leaf(std::move(trades), phrase));
  }
  return Expr::all_of(std::move(groups));
}

Rules compile_rules(const std::vector<catalog::Item>& items,
                    const std::vector<catalog::Facts>& facts, const Overrides& overrides,
                    const IndustryCatalog& industries) {
  if (items.size() != facts.size()) {
    throw std::invalid_argument("compile_rules: items and facts differ in size");
  }
  Rules rules;
  std::map<std::string, const Override*> by_item;
  for (const Override& entry : overrides.entries) by_item[entry.item] = &entry;
  std::set<std::string> used;

  for (std::size_t i = 0; i < items.size(); ++i) {
    RuleItem rule;
    rule.item = items[i];
    rule.facts = facts[i];
    const auto found = by_item.find(items[i].id);
    const Override* entry = found == by_item.end() ? nullptr : found->second;
    if (entry != nullptr) used.insert(entry->item);

    if (entry != nullptr) {
      const std::string text = squeeze(items[i].title) + squeeze(items[i].content);
      for (const std::string& quote : entry->quotes) {
        if (text.find(squeeze(quote)) == std::string::npos) {
          rule.stale = true;
          rules.issues.push_back({items[i].id, "stale-override",
                                  "复核规则的引文已不在条目文本中，规则未采用: “" + quote + "”"});
          break;
        }
      }
    }
    const bool applied = entry != nullptr && !rule.stale;
    if (applied) {
      rule.clause = entry->clause;
      rule.note = entry->note;
    }

    if (!rule.facts.actionable) {
      rule.offers = false;
      rule.context_reason = "政府部门工作任务，企业无需申请";
      if (applied && entry->rule) {
        rules.issues.push_back({items[i].id, "override-on-task",
                                "抽取结果认为本条是政府工作任务，复核规则未采用；请复核抽取结果"});
      }
      if (applied && !entry->context.empty()) rule.context_reason = entry->context;
    } else if (applied && !entry->context.empty()) {
      rule.offers = false;
      rule.context_reason = entry->context;
      rule.source = RuleItem::Source::override;
    } else {
      Expr body;
      if (applied) {
        body = *entry->rule;
        rule.source = RuleItem::Source::override;
        rule.amounts = entry->amounts;
      } else {
        body = rule_from_facts(rule.facts, overrides, industries);
        rule.source = RuleItem::Source::facts;
        if (entry == nullptr) {
          rules.issues.push_back(
              {items[i].id, "no-override", "仅按抽取结果生成的粗略规则，尚无人工复核"});
        }
        // Facts alone: the largest stated ceiling in yuan, as an upper bound.
        const catalog::AmountFact* largest = nullptr;
        for (const catalog::AmountFact& amount : rule.facts.amounts) {
          if (amount.kind == "cap" && amount.unit == "元" &&
              (largest == nullptr || amount.value > largest->value)) {
            largest = &amount;
          }
        }
        if (largest != nullptr) {
          AmountSpec spec;
          spec.kind = AmountSpec::Kind::up_to;
          spec.label = "文中所列最高金额";
          spec.clause = largest->evidence.phrase;
          spec.value = largest->value;
          spec.evidence = largest->evidence.phrase;
          rule.amounts.push_back(std::move(spec));
        }
      }
      std::optional<Expr> scope = overrides.scope;
      if (applied && entry->scope) scope = entry->scope;
      if (applied && entry->scope_none) scope.reset();
      std::vector<Expr> parts;
      if (scope) parts.push_back(*scope);
      if (body.kind == Expr::Kind::all && body.label.empty() && body.phrase.empty()) {
        for (Expr& child : body.children) parts.push_back(std::move(child));
      } else {
        parts.push_back(std::move(body));
      }
      rule.rule = Expr::all_of(std::move(parts));

      // Trace each override amount to the extracted amount stating the same number.
      for (AmountSpec& spec : rule.amounts) {
        if (!spec.evidence.empty()) continue;
        const std::vector<double> numbers = spec_numbers(spec);
        for (const catalog::AmountFact& amount : rule.facts.amounts) {
          if (std::any_of(numbers.begin(), numbers.end(),
                          [&](double n) { return same(amount.value, n); })) {
            spec.evidence = amount.evidence.phrase;
            break;
          }
        }
        if (spec.evidence.empty()) {
          rules.issues.push_back({items[i].id, "amount-not-in-facts",
                                  "复核金额“" + spec.label + "”的数字未见于抽取的金额"});
        }
      }
    }
    rules.items.push_back(std::move(rule));
  }
  for (const Override& entry : overrides.entries) {
    if (!used.contains(entry.item) && entry.item.starts_with(overrides.list + "/")) {
      rules.issues.push_back({entry.item, "unknown-item", "复核规则所指的条目不在清单中"});
    }
  }
  return rules;
}

}  // namespace huiqi::match
