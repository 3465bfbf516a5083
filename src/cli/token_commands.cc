// huiqi token create|list|revoke: the bearer tokens of the server's writes.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "server/auth.h"

namespace huiqi::cli {

int run_token_create(const Common& common, const std::string& name) {
  if (!server::valid_token_name(name)) {
    throw UserError("bad-token-name",
                    "a token name has 1 to 64 ASCII letters, digits, '.', '_', '-' or '@'",
                    "令牌名称应为 1 至 64 个 ASCII 字母、数字或 . _ - @", {.field = "NAME"});
  }
  auto store = open_store_for(common);
  const std::string token = server::new_token();
  store->create_token(name, server::token_hash(token));
  if (common.json) {
    std::cout << nlohmann::json{{"name", name}, {"token", token}}.dump(2) << "\n";
  } else {
    std::cout << token << "\n";
  }
  std::cerr << (common.lang == Lang::zh
                    ? "令牌“" + name +
                          "”已创建。请立即保存:它不会再次显示。用法:Authorization: Bearer <令牌>\n"
                    : "token '" + name +
                          "' created. Keep it now: it is not shown again. Use it as "
                          "Authorization: Bearer <token>\n");
  return 0;
}

int run_token_list(const Common& common) {
  auto store = open_store_for(common);
  const auto tokens = store->list_tokens();
  if (common.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : tokens) out.push_back({{"name", t.name}, {"created_at", t.created_at}});
    std::cout << nlohmann::json{{"tokens", out}}.dump(2) << "\n";
    return 0;
  }
  if (tokens.empty()) {
    std::cout << (common.lang == Lang::zh ? "还没有令牌\n" : "no tokens\n");
    return 0;
  }
  for (const auto& t : tokens) std::cout << t.name << "\t" << t.created_at << "\n";
  return 0;
}

int run_token_revoke(const Common& common, const std::string& name) {
  auto store = open_store_for(common);
  if (!store->revoke_token(name)) {
    throw UserError("not-found", "no token named '" + name + "'", "没有名为“" + name + "”的令牌",
                    {.field = "NAME"});
  }
  std::cout << (common.lang == Lang::zh ? "已撤销令牌 " : "revoked token ") << name << "\n";
  return 0;
}

}  // namespace huiqi::cli
