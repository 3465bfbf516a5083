#include "server/params.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include "base/dates.h"
#include "server/http_error.h"
#include "text/utf8.h"

namespace huiqi::server {
namespace {

HttpError bad_parameter(const std::string& name, const std::string& en, const std::string& zh) {
  return HttpError(400, "bad-parameter", en, zh, name);
}

bool is_filter(std::string_view name) {
  return std::find(std::begin(kFilterNames), std::end(kFilterNames), name) !=
         std::end(kFilterNames);
}

}  // namespace

void check_params(const Params& params, std::initializer_list<std::string_view> allowed) {
  for (const auto& [name, value] : params) {
    if (!text::is_valid_utf8(name) || !text::is_valid_utf8(value)) {
      const std::string shown = text::is_valid_utf8(name) ? name : std::string("?");
      throw HttpError(400, "invalid-utf8", "the parameter '" + shown + "' is not valid UTF-8",
                      "参数“" + shown + "”不是有效的 UTF-8", shown);
    }
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string known;
      for (const std::string_view a : allowed) {
        known += (known.empty() ? "" : ", ") + std::string(a);
      }
      throw HttpError(400, "unknown-parameter",
                      "unknown parameter '" + name + "'" +
                          (known.empty() ? " (this route takes none)" : " (known: " + known + ")"),
                      "未知参数“" + name + "”", name);
    }
  }
}

std::optional<std::string> single(const Params& params, const std::string& name) {
  const auto [first, last] = params.equal_range(name);
  if (first == last) return std::nullopt;
  if (std::next(first) != last) {
    throw HttpError(400, "repeated-parameter", "the parameter '" + name + "' is given twice",
                    "参数“" + name + "”重复", name);
  }
  return first->second;
}

std::size_t parse_count(const std::string& name, const std::string& value, std::size_t low,
                        std::size_t high) {
  std::size_t out = 0;
  const char* end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(value.data(), end, out);
  if (value.empty() || ec != std::errc() || ptr != end || out < low || out > high) {
    const std::string range = std::to_string(low) + ".." + std::to_string(high);
    throw bad_parameter(name, name + " must be a whole number in " + range,
                        name + " 应为 " + range + " 之间的整数");
  }
  return out;
}

void check_date(const std::string& name, const std::string& value) {
  if (!is_iso_date(value) || value < "1900") {
    throw bad_parameter(name, name + " must be a date, YYYY-MM-DD", name + " 应为日期 YYYY-MM-DD");
  }
}

bool parse_flag(const std::string& name, const std::string& value) {
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  throw bad_parameter(name, name + " must be true or false", name + " 应为 true 或 false");
}

SearchQuery parse_search_query(const Params& params, SearchRoute route) {
  if (route == SearchRoute::exporter) {
    check_params(params, {"q", "as_of", "sort", "format", "category", "department", "document",
                          "level", "beneficiary", "industry", "form", "status", "year", "list"});
  } else {
    check_params(
        params, {"q", "as_of", "page", "size", "sort", "highlight", "category", "department",
                 "document", "level", "beneficiary", "industry", "form", "status", "year", "list"});
  }
  SearchQuery out;
  search::SearchRequest& request = out.request;
  if (auto q = single(params, "q")) {
    if (text::count_code_points(*q) > kMaxQueryChars) {
      throw HttpError(400, "query-too-long", "q is longer than 1000 characters",
                      "查询超过 1000 个字符", "q");
    }
    request.query = std::move(*q);
  }
  if (auto as_of = single(params, "as_of")) {
    check_date("as_of", *as_of);
    request.as_of = std::move(*as_of);
  } else {
    request.as_of = today();
  }
  if (auto sort = single(params, "sort")) {
    if (*sort != "relevance" && *sort != "amount" && *sort != "valid_until" && *sort != "seq") {
      throw bad_parameter("sort", "sort must be relevance, amount, valid_until or seq",
                          "sort 应为 relevance、amount、valid_until 或 seq");
    }
    request.sort = std::move(*sort);
  }
  std::size_t filters = 0;
  for (const auto& [name, value] : params) {
    if (!is_filter(name)) continue;
    if (++filters > kMaxFilters) {
      throw bad_parameter(name, "more than 64 filter values", "筛选值超过 64 个");
    }
    if (value.empty() || text::count_code_points(value) > kMaxValueChars) {
      throw bad_parameter(name, name + " must have a value of 1 to 200 characters",
                          name + " 的值应为 1 至 200 个字符");
    }
    request.filters.emplace_back(name, value);
  }
  if (route == SearchRoute::exporter) {
    out.format = single(params, "format").value_or("json");
    if (out.format != "json" && out.format != "csv" && out.format != "xlsx") {
      throw bad_parameter("format", "format must be json, csv or xlsx",
                          "format 应为 json、csv 或 xlsx");
    }
    request.highlight = false;
    return out;
  }
  if (auto page = single(params, "page")) out.page = parse_count("page", *page, 1, kMaxPage);
  if (auto size = single(params, "size")) out.size = parse_count("size", *size, 0, kMaxPageSize);
  if (auto highlight = single(params, "highlight")) {
    request.highlight = parse_flag("highlight", *highlight);
  }
  request.offset = (out.page - 1) * out.size;
  request.limit = out.size;
  if (route != SearchRoute::policies) {
    request.offset = 0;
    request.limit = 0;
    request.highlight = false;
  }
  return out;
}

std::string search_field_to_param(const std::string& field) {
  if (field == "query") return "q";
  if (field == "limit") return "size";
  if (field == "filters") return "filter";
  return field;
}

}  // namespace huiqi::server
