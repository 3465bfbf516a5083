// The server's parts on their own: parameters, list references and diffs, tokens, JSON text,
// metrics, the connection pool.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "server/auth.h"
#include "server/diff.h"
#include "server/http_error.h"
#include "server/json_writer.h"
#include "server/metrics.h"
#include "server/params.h"
#include "server/task_queue.h"

namespace huiqi::server {
namespace {

std::string field_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 400);
    return e.field();
  }
  ADD_FAILURE() << "no error";
  return {};
}

TEST(Params, SearchParametersBecomeARequest) {
  const Params params = {{"q", "房租"},     {"as_of", "2023-08-01"}, {"page", "3"},
                         {"size", "20"},    {"sort", "seq"},         {"category", "a"},
                         {"category", "b"}, {"status", "active"},    {"highlight", "false"}};
  const SearchQuery query = parse_search_query(params, SearchRoute::policies);
  EXPECT_EQ(query.request.query, "房租");
  EXPECT_EQ(query.request.as_of, "2023-08-01");
  EXPECT_EQ(query.page, 3u);
  EXPECT_EQ(query.size, 20u);
  EXPECT_EQ(query.request.offset, 40u);
  EXPECT_EQ(query.request.limit, 20u);
  EXPECT_EQ(query.request.sort, "seq");
  EXPECT_FALSE(query.request.highlight);
  const std::vector<std::pair<std::string, std::string>> filters = {
      {"category", "a"}, {"category", "b"}, {"status", "active"}};
  EXPECT_EQ(query.request.filters, filters);
}

TEST(Params, DefaultsAreTheFirstPageOfTenAsOfToday) {
  const SearchQuery query = parse_search_query({}, SearchRoute::policies);
  EXPECT_EQ(query.page, 1u);
  EXPECT_EQ(query.size, 10u);
  EXPECT_EQ(query.request.offset, 0u);
  EXPECT_EQ(query.request.as_of.size(), 10u);
  const SearchQuery facets = parse_search_query({{"page", "4"}}, SearchRoute::facets);
  EXPECT_EQ(facets.request.limit, 0u);
  EXPECT_EQ(parse_search_query({}, SearchRoute::exporter).format, "json");
}

TEST(Params, BadValuesNameTheirParameter) {
  auto bad = [](Params params, SearchRoute route = SearchRoute::policies) {
    return field_of([&] { parse_search_query(params, route); });
  };
  EXPECT_EQ(bad({{"page", "0"}}), "page");
  EXPECT_EQ(bad({{"page", "100001"}}), "page");
  EXPECT_EQ(bad({{"page", " 1"}}), "page");
  EXPECT_EQ(bad({{"size", "101"}}), "size");
  EXPECT_EQ(bad({{"size", "-1"}}), "size");
  EXPECT_EQ(bad({{"as_of", "2023-02-29"}}), "as_of");
  EXPECT_EQ(bad({{"as_of", "20230801"}}), "as_of");
  EXPECT_EQ(bad({{"q", std::string(1001, 'x')}}), "q");
  EXPECT_EQ(bad({{"q", "a"}, {"q", "b"}}), "q");
  EXPECT_EQ(bad({{"sort", "name"}}), "sort");
  EXPECT_EQ(bad({{"x", "1"}}), "x");
  EXPECT_EQ(bad({{"format", "csv"}}), "format");  // export only
  EXPECT_EQ(bad({{"page", "2"}}, SearchRoute::exporter), "page");
  EXPECT_EQ(bad({{"format", "doc"}}, SearchRoute::exporter), "format");
  EXPECT_EQ(bad({{"department", std::string(201, 'x')}}), "department");
  EXPECT_EQ(bad({{"q", "\xff"}}), "q");
}

TEST(Params, LeapDaysAreDates) {
  EXPECT_EQ(parse_search_query({{"as_of", "2024-02-29"}}, SearchRoute::policies).request.as_of,
            "2024-02-29");
  EXPECT_NO_THROW(check_date("as_of", "2000-02-29"));
  EXPECT_ANY_THROW(check_date("as_of", "1900-02-29"));
}

TEST(Params, AThousandChineseCharactersAreAllowed) {
  std::string q;
  for (int i = 0; i < 1000; ++i) q += "房";
  EXPECT_EQ(parse_search_query({{"q", q}}, SearchRoute::policies).request.query, q);
}

TEST(ListRefs, IdAndVersion) {
  EXPECT_EQ(parse_list_ref("liaoyang-2023-07-31", "", "id"), (ListRef{"liaoyang-2023-07-31", 0}));
  EXPECT_EQ(parse_list_ref("liaoyang-2023-07-31@2", "", "id"), (ListRef{"liaoyang-2023-07-31", 2}));
  EXPECT_EQ(parse_list_ref("@3", "a", "other"), (ListRef{"a", 3}));
  for (const char* bad :
       {"", "@", "a@", "a@0", "a@-1", "a@x", "a@1x", "@2", "a/b", "a@99999999999"}) {
    EXPECT_EQ(field_of([&] { parse_list_ref(bad, "", "id"); }), "id") << bad;
  }
}

catalog::PolicyList list_of(std::vector<std::pair<int, std::string>> items) {
  catalog::PolicyList list;
  list.info.id = "l";
  for (const auto& [seq, title] : items) {
    catalog::Item item;
    item.seq = seq;
    item.id = catalog::make_item_id("l", seq);
    item.title = title;
    item.content = "内容" + title;
    list.items.push_back(item);
  }
  return list;
}

TEST(Diff, PairsByContentThenTitleThenSeq) {
  const auto before = list_of({{1, "甲"}, {2, "乙"}, {3, "丙"}, {4, "丁"}});
  auto after = list_of({{1, "甲"}, {2, "新"}, {3, "乙"}, {4, "丙"}, {5, "戊"}});
  after.items[3].content = "改过的内容";  // 丙 changed, and moved from 3 to 4
  const nlohmann::json diff = diff_json(before, 1, after, 2);
  EXPECT_EQ(diff["summary"]["unchanged"], 1);  // 甲
  EXPECT_EQ(diff["summary"]["changed"], 2);    // 乙 moved (seq), 丙 moved and changed
  EXPECT_EQ(diff["summary"]["added"], 2);      // 新, 戊
  EXPECT_EQ(diff["summary"]["removed"], 1);    // 丁
  EXPECT_EQ(diff["removed"][0]["title"], "丁");
  for (const auto& change : diff["changed"]) {
    if (change["from"]["title"] == "乙") {
      EXPECT_EQ(change["fields"], nlohmann::json::array({"seq"}));
      EXPECT_EQ(change["before"]["seq"], 2);
      EXPECT_EQ(change["after"]["seq"], 3);
    } else {
      EXPECT_EQ(change["fields"], nlohmann::json::array({"seq", "content"}));
      EXPECT_EQ(change["after"]["content"], "改过的内容");
    }
  }
  EXPECT_EQ(diff["from"]["version"], 1);
  EXPECT_EQ(diff["to"]["items"], 5);
}

TEST(Tokens, AreRandomHexAndHashedForTheStore) {
  const std::string a = new_token();
  const std::string b = new_token();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(token_hash(a).size(), 64u);
  EXPECT_NE(token_hash(a), a);
  EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Tokens, BearerHeaders) {
  const std::string token(64, 'a');
  EXPECT_EQ(bearer_token("Bearer " + token), token);
  EXPECT_EQ(bearer_token("bearer  " + token + " "), token);
  EXPECT_EQ(bearer_token("Basic " + token), "");
  EXPECT_EQ(bearer_token("Bearer " + token.substr(1)), "");
  EXPECT_EQ(bearer_token("Bearer " + std::string(64, 'G')), "");
  EXPECT_EQ(bearer_token("Bearer"), "");
  EXPECT_EQ(bearer_token(""), "");
  EXPECT_TRUE(valid_token_name("ci-bot@huiqi.example"));
  EXPECT_FALSE(valid_token_name(""));
  EXPECT_FALSE(valid_token_name("two words"));
  EXPECT_FALSE(valid_token_name(std::string(65, 'a')));
  EXPECT_FALSE(valid_token_name("名字"));
}

TEST(JsonText, StringsAreEscapedAsNlohmannDoes) {
  for (const std::string& s :
       {std::string("plain"), std::string("引号\"和\\反斜杠"), std::string("tab\tnew\nline\r"),
        std::string("\x01\x1f", 2), std::string("nul\0in", 6), std::string("🙂 𠀀")}) {
    std::string out;
    append_json_string(out, s);
    EXPECT_EQ(nlohmann::json::parse(out), nlohmann::json(s)) << out;
  }
  // Invalid UTF-8 is replaced as nlohmann's error_handler_t::replace does.
  for (const std::string bad : {"bad \xff\xfe end", "cut \xe6\x88", "\xed\xa0\x80 surrogate",
                                "\xc0\xaf overlong", "\x80 stray", "\xf4\x90\x80\x80 too high"}) {
    std::string out;
    append_json_string(out, bad);
    const std::string expected =
        nlohmann::json(bad).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    EXPECT_EQ(nlohmann::json::parse(out), nlohmann::json::parse(expected)) << bad;
  }
}

TEST(JsonText, NumbersReadBackTheSame) {
  for (const double value : {0.0, 1.0, -2.5, 0.1, 1e-9, 123456789.123, 3.0}) {
    std::string out;
    append_json_number(out, value);
    EXPECT_EQ(nlohmann::json::parse(out).get<double>(), value) << out;
    EXPECT_TRUE(nlohmann::json::parse(out).is_number_float()) << out;
  }
  std::string out;
  append_json_number(out, std::numeric_limits<double>::infinity());
  EXPECT_EQ(out, "null");
}

TEST(Metrics, CountAndRenderPrometheusText) {
  Metrics metrics({"GET /a", "GET /b"});
  metrics.observe(0, 200, std::chrono::microseconds(50));
  metrics.observe(0, 200, std::chrono::microseconds(3000));
  metrics.observe(0, 404, std::chrono::microseconds(20));
  metrics.observe(1, 999, std::chrono::microseconds(20));
  metrics.observe(7, 200, std::chrono::microseconds(20));  // no such route: ignored
  EXPECT_EQ(metrics.count(0), 3u);
  EXPECT_EQ(metrics.count(1), 1u);
  const std::string text = metrics.render({.generation = 4, .items = 130});
  EXPECT_NE(text.find("huiqi_http_requests_total{route=\"GET /a\",status=\"200\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("huiqi_http_requests_total{route=\"GET /a\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("huiqi_http_requests_total{route=\"GET /b\",status=\"599\"} 1\n"),
            std::string::npos);
  EXPECT_NE(
      text.find("huiqi_http_request_duration_seconds_bucket{route=\"GET /a\",le=\"0.0001\"} 2\n"),
      std::string::npos);
  EXPECT_NE(
      text.find("huiqi_http_request_duration_seconds_bucket{route=\"GET /a\",le=\"0.005\"} 3\n"),
      std::string::npos);
  EXPECT_NE(
      text.find("huiqi_http_request_duration_seconds_bucket{route=\"GET /a\",le=\"+Inf\"} 3\n"),
      std::string::npos);
  EXPECT_NE(text.find("huiqi_http_request_duration_seconds_count{route=\"GET /a\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("huiqi_snapshot_generation 4\n"), std::string::npos);
  EXPECT_NE(text.find("huiqi_items 130\n"), std::string::npos);
}

TEST(ElasticPool, GrowsForWaitingWorkAndShrinksWhenIdle) {
  ElasticPool pool(2, 64, std::chrono::milliseconds(100));
  EXPECT_EQ(pool.threads(), 2u);
  std::atomic<int> running{0};
  std::atomic<bool> release{false};
  std::atomic<int> done{0};
  for (int i = 0; i < 40; ++i) {
    pool.enqueue([&] {
      ++running;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      ++done;
    });
  }
  // Every task runs at once (each is a long-lived connection): none waits for another.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (running < 40 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(running, 40);
  EXPECT_GE(pool.threads(), 40u);
  EXPECT_EQ(pool.busy(), 40u);
  release = true;
  while (done < 40 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(done, 40);
  // Idle threads above the minimum go away.
  while (pool.threads() > 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(pool.threads(), 2u);
  pool.enqueue([&] { ++done; });  // joins the ended threads
  pool.shutdown();
  EXPECT_EQ(done, 41);
}

TEST(ElasticPool, BeyondItsMaximumWorkWaits) {
  ElasticPool pool(0, 3, std::chrono::seconds(5));
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
  std::atomic<int> done{0};
  for (int i = 0; i < 12; ++i) {
    pool.enqueue([&] {
      const int now = ++running;
      int seen = peak;
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      --running;
      ++done;
    });
  }
  pool.shutdown();  // runs what is queued first
  EXPECT_EQ(done, 12);
  EXPECT_LE(peak, 3);
  EXPECT_EQ(pool.threads(), 0u);
}

}  // namespace
}  // namespace huiqi::server
