// huiqi: the command line. Exit codes: 0 success, 1 a user error (reason on stderr), 2 bad usage.
#include <CLI/CLI.hpp>
#include <iostream>

#include "base/error.h"
#include "cli/commands.h"

namespace {

void add_common(CLI::App* command, huiqi::cli::Common& common, bool with_db, bool with_json) {
  if (with_db) {
    command->add_option("--db", common.db,
                        "SQLite database file or postgresql:// URL (default: $HUIQI_DB, else "
                        "~/.local/share/huiqi/huiqi.db)");
  }
  if (with_json) command->add_flag("--json", common.json, "Print JSON instead of text");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace huiqi;
  cli::Common common;
  common.lang = preferred_lang();
  std::string lang_name;

  CLI::App app{"huiqi (惠企): support-policy lists for small businesses, as a live policy base"};
  app.require_subcommand(1);
  app.fallthrough();  // --lang may come after the subcommand too
  app.add_option("--lang", lang_name, "Language of messages: en or zh (default from $LANG)")
      ->check(CLI::IsMember({"en", "zh"}));

  cli::ImportArgs import_args;
  auto* import =
      app.add_subcommand("import", "Import list files as new versions (one transaction each)");
  import->add_option("files", import_args.files, "List files (text, HTML, CSV or JSON)")
      ->required();
  import->add_option("--format", import_args.format, "auto, text, html, csv or json")
      ->check(CLI::IsMember({"auto", "text", "html", "csv", "json"}));
  import->add_option("--encoding", import_args.encoding, "auto, utf-8 or gb18030")
      ->check(CLI::IsMember({"auto", "utf-8", "gb18030", "gbk"}));
  import->add_option("--id", import_args.list_id, "List id (default: from the file name)");
  add_common(import, common, true, true);

  cli::ImportArgs check_args;
  auto* check = app.add_subcommand("check", "Parse and diagnose list files; write nothing");
  check->add_option("files", check_args.files, "List files")->required();
  check->add_option("--format", check_args.format, "auto, text, html, csv or json")
      ->check(CLI::IsMember({"auto", "text", "html", "csv", "json"}));
  check->add_option("--encoding", check_args.encoding, "auto, utf-8 or gb18030")
      ->check(CLI::IsMember({"auto", "utf-8", "gb18030", "gbk"}));
  add_common(check, common, false, true);

  auto* list = app.add_subcommand("list", "Show stored lists and their versions");
  add_common(list, common, true, true);

  cli::SearchArgs search_args;
  auto* search = app.add_subcommand("search", "Search the policies (Chinese full text, facets)");
  search->add_option("query", search_args.query,
                     "Words, \"phrases\", -excluded, field:value (empty: every item); a "
                     "query that starts with - goes after --: huiqi search -- -疫情");
  search->add_option("--limit", search_args.limit, "Hits to show (default 10)")
      ->check(CLI::Range(1, 1000));
  search->add_option("--offset", search_args.offset, "Hits to skip");
  search->add_option("--as-of", search_args.as_of,
                     "Status on this date, YYYY-MM-DD (default today)");
  search->add_option("--filter", search_args.filters,
                     "FIELD=VALUE: category, department, document, level, beneficiary, industry, "
                     "form, status, year, list (repeatable)");
  search->add_option("--sort", search_args.sort, "relevance, amount, valid_until or seq")
      ->check(CLI::IsMember({"relevance", "amount", "valid_until", "seq"}));
  add_common(search, common, true, true);

  cli::ItemsArgs items_args;
  auto* items = app.add_subcommand("items", "List items with their status on a date");
  items->add_option("--as-of", items_args.as_of, "YYYY-MM-DD (default today)");
  items->add_option("--status", items_args.status, "active, expired, not_yet, long_term, unknown")
      ->check(CLI::IsMember({"active", "expired", "not_yet", "long_term", "unknown"}));
  items->add_option("--filter", items_args.filters, "FIELD=VALUE, as for search (repeatable)");
  add_common(items, common, true, true);

  cli::MatchArgs match_args;
  auto* match =
      app.add_subcommand("match", "我能享受哪些政策: match a profile, or a registry in batch");
  match->add_option("--profile", match_args.profile,
                    "Enterprise profile (JSON, data/profile.schema.json)");
  match->add_option("--batch", match_args.batch, "Registry of profiles (.csv or .jsonl)");
  match->add_option("--out", match_args.out, "Batch output (JSON lines)");
  match->add_option("--as-of", match_args.as_of, "YYYY-MM-DD (default today)");
  match->add_flag("--include-expired", match_args.include_expired, "Also evaluate expired items");
  add_common(match, common, true, true);

  cli::RegistryArgs registry_args;
  auto* registry = app.add_subcommand("generate-registry",
                                      "Write a synthetic registry of profiles (JSON lines)");
  registry->add_option("--count", registry_args.count, "Profiles (default 1000)");
  registry->add_option("--seed", registry_args.seed, "Random seed");
  registry->add_option("--out", registry_args.out, "Output file (default: standard output)");

  cli::EvalArgs eval_args;
  auto* eval = app.add_subcommand(
      "eval-extraction", "Score extraction against hand-read expected facts (exit 1 unless 100%)");
  eval->add_option("--list", eval_args.list_file, "List file (default: the bundled list)");
  eval->add_option("--expected", eval_args.expected, "Expected facts TSV")->required();
  add_common(eval, common, false, true);

  cli::ShowArgs show_args;
  auto* show =
      app.add_subcommand("show", "Show an item (<list-id>/<seq>) with its facts, or a list");
  show->add_option("id", show_args.id, "Item or list id")->required();
  show->add_option("--as-of", show_args.as_of, "Status on this date, YYYY-MM-DD (default today)");
  show->add_option("--version", show_args.version, "List version (default: latest)")
      ->check(CLI::PositiveNumber);
  add_common(show, common, true, true);

  cli::ExportArgs export_args;
  auto* exporter = app.add_subcommand("export", "Write a stored list as JSON or CSV");
  exporter->add_option("--format", export_args.format, "json or csv")
      ->check(CLI::IsMember({"json", "csv"}));
  exporter->add_option("--list", export_args.list_id, "List id (default: the only list)");
  exporter->add_option("--version", export_args.version, "List version (default: latest)")
      ->check(CLI::PositiveNumber);
  exporter->add_option("--out", export_args.out, "Output file (default: standard output)");
  add_common(exporter, common, true, false);

  cli::ServeArgs serve_args;
  auto* serve = app.add_subcommand(
      "serve", "Serve the policy base (imports the bundled list into an empty database)");
  serve->add_option("--bind", serve_args.bind, "Address to listen on");
  serve->add_option("--port", serve_args.port, "Port")->check(CLI::Range(1, 65535));
  serve
      ->add_option("--threads", serve_args.threads,
                   "Most connections served at once, one thread each, started on demand "
                   "(default 512)")
      ->check(CLI::Range(1, 10000));
  add_common(serve, common, true, false);

  std::string token_name;
  auto* token = app.add_subcommand("token", "API tokens for the server's writes");
  token->require_subcommand(1);
  auto* token_create =
      token->add_subcommand("create", "Create a token and print it once (only its hash is kept)");
  token_create->add_option("name", token_name, "Token name (who or what uses it)")->required();
  add_common(token_create, common, true, true);
  auto* token_list = token->add_subcommand("list", "List tokens by name");
  add_common(token_list, common, true, true);
  auto* token_revoke = token->add_subcommand("revoke", "Revoke a token at once");
  token_revoke->add_option("name", token_name, "Token name")->required();
  add_common(token_revoke, common, true, false);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (!lang_name.empty()) common.lang = lang_name == "zh" ? Lang::zh : Lang::en;

  try {
    if (*import) return cli::run_import(common, import_args);
    if (*check) return cli::run_check(common, check_args);
    if (*list) return cli::run_list(common);
    if (*show) return cli::run_show(common, show_args);
    if (*search) return cli::run_search(common, search_args);
    if (*items) return cli::run_items(common, items_args);
    if (*match) return cli::run_match(common, match_args);
    if (*registry) return cli::run_generate_registry(common, registry_args);
    if (*eval) {
      if (eval_args.list_file.empty()) eval_args.list_file = cli::bundled_list_path();
      return cli::run_eval_extraction(common, eval_args);
    }
    if (*exporter) return cli::run_export(common, export_args);
    if (*serve) return cli::run_serve(common, serve_args);
    if (*token_create) return cli::run_token_create(common, token_name);
    if (*token_list) return cli::run_token_list(common);
    if (*token_revoke) return cli::run_token_revoke(common, token_name);
  } catch (const UserError& e) {
    std::cerr << "huiqi: " << e.describe(common.lang) << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "huiqi: internal error: " << e.what() << "\n";
    return 70;
  }
  return 2;
}
