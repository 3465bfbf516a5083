// /openapi.json describes exactly the routes the server registers, and holds together.
#include "server/openapi.h"

#include <gtest/gtest.h>

#include <set>

#include "test_support.h"

namespace huiqi::server::testing {
namespace {

const std::set<std::string> kMethods = {"get",     "put",  "post",  "delete",
                                        "options", "head", "patch", "trace"};

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return text;
}

// Every {"$ref": "#/…"} in json, with where it is.
void collect_refs(const nlohmann::json& json, const std::string& where,
                  std::vector<std::pair<std::string, std::string>>& out) {
  if (json.is_object()) {
    for (const auto& [key, value] : json.items()) {
      if (key == "$ref" && value.is_string()) out.emplace_back(where, value.get<std::string>());
      collect_refs(value, where + "/" + key, out);
    }
  } else if (json.is_array()) {
    for (std::size_t i = 0; i < json.size(); ++i) {
      collect_refs(json[i], where + "/" + std::to_string(i), out);
    }
  }
}

// The parameter object a (possibly $ref'd) entry stands for.
const nlohmann::json& resolve(const nlohmann::json& document, const nlohmann::json& entry) {
  if (entry.contains("$ref")) {
    return document.at(nlohmann::json::json_pointer(entry["$ref"].get<std::string>().substr(1)));
  }
  return entry;
}

class OpenApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() { delete server_; }
  static inline TestServer* server_ = nullptr;
};

TEST_F(OpenApi, TheServedDocumentParsesAndIsOpenApi3) {
  for (const char* path : {"/openapi.json", "/api/v1/openapi.json"}) {
    const auto result = server_->client()->Get(path);
    ASSERT_EQ(status_of(result), 200);
    const nlohmann::json document = json_of(result);
    EXPECT_EQ(document, openapi_document());
    EXPECT_EQ(document["openapi"].get<std::string>().rfind("3.0.", 0), 0u);
    EXPECT_TRUE(document["info"]["title"].is_string());
    EXPECT_TRUE(document["info"]["version"].is_string());
    EXPECT_TRUE(document["paths"].is_object());
  }
}

TEST_F(OpenApi, EveryRegisteredRouteIsDescribedAndNothingElse) {
  const nlohmann::json& document = openapi_document();
  std::set<std::pair<std::string, std::string>> registered;
  for (const RouteInfo& route : server_->server().routes()) {
    registered.emplace(lower(route.method), route.path);
  }
  std::set<std::pair<std::string, std::string>> described;
  for (const auto& [path, item] : document["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (kMethods.contains(method)) described.emplace(method, path);
    }
  }
  for (const auto& route : registered) {
    EXPECT_TRUE(described.contains(route)) << route.first << " " << route.second << " is not in it";
  }
  for (const auto& route : described) {
    EXPECT_TRUE(registered.contains(route))
        << route.first << " " << route.second << " is described but not served";
  }
  EXPECT_EQ(registered.size(), server_->server().routes().size()) << "a route registered twice";
}

TEST_F(OpenApi, EveryReferenceResolves) {
  const nlohmann::json& document = openapi_document();
  std::vector<std::pair<std::string, std::string>> refs;
  collect_refs(document, "", refs);
  EXPECT_GT(refs.size(), 50u);
  for (const auto& [where, ref] : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << where << ": only local references";
    EXPECT_TRUE(document.contains(nlohmann::json::json_pointer(ref.substr(1))))
        << where << ": " << ref << " does not resolve";
  }
}

TEST_F(OpenApi, OperationsAreCompleteAndPathParametersDeclared) {
  const nlohmann::json& document = openapi_document();
  std::set<std::string> operation_ids;
  for (const auto& [path, item] : document["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (!kMethods.contains(method)) continue;
      const std::string name = method + " " + path;
      EXPECT_TRUE(operation.contains("summary")) << name;
      ASSERT_TRUE(operation.contains("responses")) << name;
      EXPECT_FALSE(operation["responses"].empty()) << name;
      ASSERT_TRUE(operation.contains("operationId")) << name;
      EXPECT_TRUE(operation_ids.insert(operation["operationId"]).second)
          << name << ": operationId repeated";
      std::set<std::string> declared;
      for (const auto& entry : operation.value("parameters", nlohmann::json::array())) {
        const nlohmann::json& parameter = resolve(document, entry);
        EXPECT_TRUE(parameter.contains("name")) << name;
        EXPECT_TRUE(parameter.contains("in")) << name;
        EXPECT_TRUE(parameter.contains("schema")) << name;
        if (parameter["in"] == "path") {
          EXPECT_EQ(parameter.value("required", false), true) << name;
          declared.insert(parameter["name"]);
        }
      }
      // Each {name} of the path template has its path parameter, and only those.
      std::set<std::string> in_template;
      for (std::size_t open = path.find('{'); open != std::string::npos;
           open = path.find('{', open + 1)) {
        in_template.insert(path.substr(open + 1, path.find('}', open) - open - 1));
      }
      EXPECT_EQ(declared, in_template) << name;
      const bool writes = method == "post" || method == "put";
      if (writes && path != "/api/v1/match") {
        EXPECT_TRUE(operation.contains("security")) << name << " needs a token";
      }
    }
  }
}

// The documented query parameters are the ones the server takes: a documented one is never
// refused as unknown.
TEST_F(OpenApi, DocumentedQueryParametersAreAccepted) {
  const nlohmann::json& document = openapi_document();
  auto c = server_->client();
  for (const char* path :
       {"/api/v1/policies", "/api/v1/facets", "/api/v1/stats", "/api/v1/export"}) {
    for (const auto& entry : document["paths"][path]["get"]["parameters"]) {
      const nlohmann::json& parameter = resolve(document, entry);
      const std::string name = parameter["name"];
      const auto result = c->Get(std::string(path) + "?" + name + "=zzz");
      ASSERT_TRUE(result);
      if (result->status == 400) {
        const nlohmann::json error = json_of(result)["error"];
        EXPECT_NE(error["code"], "unknown-parameter") << path << " " << name;
      }
    }
  }
}

}  // namespace
}  // namespace huiqi::server::testing
