#include "server/diff.h"

#include <charconv>
#include <map>
#include <vector>

#include "server/http_error.h"

namespace huiqi::server {
namespace {

nlohmann::json summary(const catalog::Item& item) {
  return {{"id", item.id}, {"seq", item.seq}, {"category", item.category}, {"title", item.title}};
}

std::string content_key(const catalog::Item& item) {
  std::string key;
  for (const std::string* part :
       {&item.category, &item.title, &item.content, &item.basis, &item.departments}) {
    key += std::to_string(part->size()) + ":" + *part;
  }
  return key;
}

nlohmann::json changed(const catalog::Item& a, const catalog::Item& b) {
  nlohmann::json fields = nlohmann::json::array();
  nlohmann::json before = nlohmann::json::object();
  nlohmann::json after = nlohmann::json::object();
  if (a.seq != b.seq) {
    fields.push_back("seq");
    before["seq"] = a.seq;
    after["seq"] = b.seq;
  }
  const std::pair<const char*, std::string catalog::Item::*> texts[] = {
      {"category", &catalog::Item::category},
      {"title", &catalog::Item::title},
      {"content", &catalog::Item::content},
      {"basis", &catalog::Item::basis},
      {"departments", &catalog::Item::departments}};
  for (const auto& [name, member] : texts) {
    if (a.*member == b.*member) continue;
    fields.push_back(name);
    before[name] = a.*member;
    after[name] = b.*member;
  }
  return {{"from", summary(a)},
          {"to", summary(b)},
          {"fields", std::move(fields)},
          {"before", std::move(before)},
          {"after", std::move(after)}};
}

}  // namespace

ListRef parse_list_ref(std::string_view text, const std::string& base_id,
                       const std::string& field) {
  auto bad = [&] {
    return HttpError(400, "bad-list-ref",
                     "'" + std::string(text) + "' is not a list reference (<list id>[@<version>])",
                     "“" + std::string(text) + "”不是清单引用(<清单编号>[@<版本>])", field);
  };
  ListRef out;
  const std::size_t at = text.rfind('@');
  out.id = std::string(text.substr(0, at));
  if (at != std::string_view::npos) {
    const std::string_view number = text.substr(at + 1);
    const auto [ptr, ec] =
        std::from_chars(number.data(), number.data() + number.size(), out.version);
    if (number.empty() || ec != std::errc() || ptr != number.data() + number.size() ||
        out.version < 1) {
      throw bad();
    }
    if (out.id.empty()) out.id = base_id;
  }
  if (out.id.empty() || out.id.find('/') != std::string::npos) throw bad();
  return out;
}

nlohmann::json diff_json(const catalog::PolicyList& from, int from_version,
                         const catalog::PolicyList& to, int to_version) {
  const std::size_t n = from.items.size();
  const std::size_t m = to.items.size();
  std::vector<long> pair_of_from(n, -1);
  std::vector<long> pair_of_to(m, -1);
  auto link = [&](std::size_t i, std::size_t j) {
    pair_of_from[i] = static_cast<long>(j);
    pair_of_to[j] = static_cast<long>(i);
  };
  // Pass 1: the same content, wherever it moved. Pass 2: the same title. Pass 3: the same 序号.
  for (int pass = 0; pass < 3; ++pass) {
    std::multimap<std::string, std::size_t> open;
    for (std::size_t j = 0; j < m; ++j) {
      if (pair_of_to[j] >= 0) continue;
      const catalog::Item& item = to.items[j];
      open.emplace(pass == 0   ? content_key(item)
                   : pass == 1 ? item.title
                               : std::to_string(item.seq),
                   j);
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (pair_of_from[i] >= 0) continue;
      const catalog::Item& item = from.items[i];
      if (pass == 1 && item.title.empty()) continue;
      const std::string key = pass == 0   ? content_key(item)
                              : pass == 1 ? item.title
                                          : std::to_string(item.seq);
      const auto it = open.find(key);
      if (it == open.end()) continue;
      link(i, it->second);
      open.erase(it);
    }
  }
  nlohmann::json added = nlohmann::json::array();
  nlohmann::json removed = nlohmann::json::array();
  nlohmann::json changes = nlohmann::json::array();
  std::size_t unchanged = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (pair_of_from[i] < 0) {
      removed.push_back(summary(from.items[i]));
      continue;
    }
    const catalog::Item& a = from.items[i];
    const catalog::Item& b = to.items[static_cast<std::size_t>(pair_of_from[i])];
    if (a.same_content(b)) {
      ++unchanged;
    } else {
      changes.push_back(changed(a, b));
    }
  }
  for (std::size_t j = 0; j < m; ++j) {
    if (pair_of_to[j] < 0) added.push_back(summary(to.items[j]));
  }
  auto side = [](const catalog::PolicyList& list, int version) {
    return nlohmann::json{{"id", list.info.id},
                          {"version", version},
                          {"title", list.info.title},
                          {"items", list.items.size()}};
  };
  return {{"from", side(from, from_version)},
          {"to", side(to, to_version)},
          {"summary",
           {{"added", added.size()},
            {"removed", removed.size()},
            {"changed", changes.size()},
            {"unchanged", unchanged}}},
          {"added", std::move(added)},
          {"removed", std::move(removed)},
          {"changed", std::move(changes)}};
}

}  // namespace huiqi::server
