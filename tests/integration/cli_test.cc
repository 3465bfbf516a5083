// Runs build/huiqi as a user would, on temporary databases, and checks what it prints, its exit
// code and what it stored.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/files.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kBinary = HUIQI_BINARY;
const std::string kBundled = std::string(HUIQI_DEFAULT_DATA_DIR) + "/liaoyang-2023-07-31.txt";
const std::string kTestData = HUIQI_TEST_DATA_DIR;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

std::string quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

using huiqi::test_support::read_file;

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("huiqi-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = file("h.db");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string file(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(file(name), std::ios::binary) << bytes;
  }

  // Runs huiqi with args (already split), in English unless lang is given.
  Outcome huiqi(const std::vector<std::string>& args, const std::string& lang = "en") const {
    std::string command = "HUIQI_LANG=" + lang + " " + quote(kBinary);
    for (const auto& arg : args) command += " " + quote(arg);
    const std::string out_file = file("stdout"), err_file = file("stderr");
    command += " >" + quote(out_file) + " 2>" + quote(err_file);
    const int status = std::system(command.c_str());
    Outcome run;
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = read_file(out_file);
    run.err = read_file(err_file);
    return run;
  }
  Outcome huiqi_db(std::vector<std::string> args) const {
    args.push_back("--db");
    args.push_back(db_);
    return huiqi(args);
  }
  // What the database holds, as the CLI reports it: every version and the latest export.
  std::string stored_state() const {
    std::string state = huiqi_db({"list", "--json"}).out;
    const Outcome exported = huiqi_db({"export", "--format", "json"});
    return state + exported.out;
  }

  fs::path dir_;
  std::string db_;
};

std::map<std::string, int> categories(const json& report) {
  std::map<std::string, int> out;
  for (const auto& c : report["categories"]) out[c["name"]] = c["items"];
  return out;
}

TEST_F(Cli, ImportsTheBundledListWith130ItemsAndReportsItsDefects) {
  const Outcome run = huiqi_db({"import", kBundled, "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  const json report = json::parse(run.out);
  ASSERT_TRUE(report["ok"].get<bool>());
  const json& imported = report["imports"][0];
  EXPECT_EQ(imported["items"], 130);
  EXPECT_EQ(imported["list"], "liaoyang-2023-07-31");
  EXPECT_EQ(imported["version"], 1);
  const auto counts = categories(imported);
  EXPECT_EQ(counts.at("财政资金支持"), 48);
  EXPECT_EQ(counts.at("金融资金支持"), 22);
  EXPECT_EQ(counts.at("税收优惠支持"), 3);
  EXPECT_EQ(counts.at("其他优惠支持"), 57);
  std::map<std::string, std::vector<int>> lines;
  for (const auto& d : imported["diagnostics"]) {
    lines[d["code"]].push_back(d["line"]);
    EXPECT_NE(d["severity"], "error");
  }
  EXPECT_EQ(lines["category-count-mismatch"], (std::vector<int>{56, 94}));
  EXPECT_EQ(lines["seq-gap"], (std::vector<int>{133}));
  EXPECT_EQ(lines["truncated-doc-number"].size(), 10u);
}

TEST_F(Cli, ReimportingTheSameListSaysUnchanged) {
  ASSERT_EQ(huiqi_db({"import", kBundled}).code, 0);
  const Outcome again = huiqi_db({"import", kBundled});
  EXPECT_EQ(again.code, 0);
  EXPECT_NE(again.out.find("unchanged"), std::string::npos) << again.out;
  const json versions = json::parse(huiqi_db({"list", "--json"}).out)["versions"];
  EXPECT_EQ(versions.size(), 1u);
}

TEST_F(Cli, ANewEditionIsANewVersionAndTheOldStaysReadable) {
  ASSERT_EQ(huiqi_db({"import", kBundled}).code, 0);
  std::string edited = read_file(kBundled);
  const std::string before = "建立复工复产帮扶机制";
  edited.replace(edited.find(before), before.size(), "建立复工复产帮扶长效机制");
  write("liaoyang-2023-07-31.txt", edited);
  const Outcome run = huiqi_db({"import", file("liaoyang-2023-07-31.txt"), "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(json::parse(run.out)["imports"][0]["version"], 2);
  EXPECT_EQ(json::parse(huiqi_db({"show", "liaoyang-2023-07-31/1", "--json"}).out)["title"],
            "建立复工复产帮扶长效机制");
  EXPECT_EQ(
      json::parse(
          huiqi_db({"show", "liaoyang-2023-07-31/1", "--version", "1", "--json"}).out)["title"],
      before);
}

TEST_F(Cli, ShowsItems55To60AsPublished) {
  ASSERT_EQ(huiqi_db({"import", kBundled}).code, 0);
  const Outcome run = huiqi_db({"show", "liaoyang-2023-07-31/58", "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  const json item = json::parse(run.out);
  EXPECT_EQ(item["id"], "liaoyang-2023-07-31/58");
  EXPECT_EQ(item["seq"], 58);
  EXPECT_EQ(item["category"], "金融资金支持");
  EXPECT_TRUE(item["title"].get<std::string>().ends_with("按80%的比例给予支持"));
  EXPECT_EQ(
      item["basis"],
      "《辽宁省商务厅 辽宁省财政厅关于印发〈 2020 年度外经贸发展资金(第一批)项目实施方案〉的通"
      "知》(辽商财函〔2020〕117号)");
  EXPECT_EQ(item["departments_raw"], "省商务厅、省财政厅,各市(不含大连)商务局、财政局");

  const json i55 = json::parse(huiqi_db({"show", "liaoyang-2023-07-31/55", "--json"}).out);
  EXPECT_EQ(i55["title"], "扩大知识产权质押融资规模");
  EXPECT_EQ(i55["departments_raw"], "市市场监管局");
  const json i59 = json::parse(huiqi_db({"show", "liaoyang-2023-07-31/59", "--json"}).out);
  EXPECT_EQ(i59["basis"],
            "《关于印发〈辽阳市加快科技创新若干政策〉的通知》(辽市政发〔2017〕47 号)");
  const json i60 = json::parse(huiqi_db({"show", "liaoyang-2023-07-31/60", "--json"}).out);
  EXPECT_EQ(i60["departments_raw"], "银行保险机构");

  const Outcome text = huiqi_db({"show", "liaoyang-2023-07-31/60"});
  EXPECT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("进一步加强个体工商户金融服务"), std::string::npos);
}

TEST_F(Cli, ShowCarriesFactsAndTheStatusOnADate) {
  ASSERT_EQ(huiqi_db({"import", kBundled}).code, 0);
  const Outcome run =
      huiqi_db({"show", "liaoyang-2023-07-31/43", "--as-of", "2023-08-01", "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  const json item = json::parse(run.out);
  EXPECT_EQ(item["status"], "active");
  EXPECT_EQ(item["documents"][0]["number"], "辽市政发〔2023〕3号");
  EXPECT_EQ(item["documents"][0]["level"], "city");
  EXPECT_EQ(item["departments"][0]["name"], "市住房城乡建设局");
  EXPECT_EQ(item["facts"]["valid_until"], "2023-12-31");
  const json later = json::parse(
      huiqi_db({"show", "liaoyang-2023-07-31/43", "--as-of", "2024-01-01", "--json"}).out);
  EXPECT_EQ(later["status"], "expired");
}

TEST_F(Cli, SearchFindsTwoCharacterWordsAndReturnsFacets) {
  ASSERT_EQ(huiqi_db({"import", kBundled}).code, 0);
  const Outcome run = huiqi_db({"search", "房租", "--json", "--as-of", "2023-08-01"});
  ASSERT_EQ(run.code, 0) << run.err;
  const json result = json::parse(run.out);
  std::vector<int> seqs;
  for (const auto& hit : result["hits"]) seqs.push_back(hit["seq"]);
  for (int expected : {43, 79, 162}) {
    EXPECT_NE(std::find(seqs.begin(), seqs.end(), expected), seqs.end()) << expected;
  }
  EXPECT_TRUE(result["facets"].contains("status"));
  EXPECT_EQ(huiqi_db({"search", "房租", "--filter", "nonsense"}).code, 1);
}

TEST_F(Cli, ItemsListsWhatHadLapsedWhenTheListWasPublished) {
  ASSERT_EQ(huiqi_db({"import", kBundled}).code, 0);
  const Outcome run = huiqi_db({"items", "--as-of", "2023-07-31", "--status", "expired", "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  const json result = json::parse(run.out);
  EXPECT_GT(result["total"].get<int>(), 10);
  for (const auto& hit : result["hits"]) EXPECT_EQ(hit["status"], "expired");
}

TEST_F(Cli, ExtractionMatchesTheHandReadFactsExactly) {
  const Outcome run = huiqi(
      {"eval-extraction", "--expected", kTestData + "/liaoyang-expected-facts.tsv", "--json"});
  EXPECT_EQ(run.code, 0) << run.out << run.err;
  const json report = json::parse(run.out);
  EXPECT_EQ(report["documents"]["accuracy"], 1.0);
  EXPECT_EQ(report["departments"]["accuracy"], 1.0);
  EXPECT_EQ(report["valid_until"]["accuracy"], 1.0);
  EXPECT_EQ(report["documents"]["compared"], 130);
}

TEST_F(Cli, CheckReportsNearDuplicatesAndExtractionFindings) {
  const Outcome run = huiqi({"check", kBundled, "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  std::vector<std::string> duplicates;
  const json report = json::parse(run.out);
  for (const auto& d : report["files"][0]["diagnostics"]) {
    if (d["code"] == "near-duplicate") duplicates.push_back(d["message"]);
  }
  ASSERT_EQ(duplicates.size(), 2u);
  EXPECT_NE(duplicates[0].find("item 91 nearly repeats item 81"), std::string::npos);
  EXPECT_NE(duplicates[1].find("item 162 nearly repeats item 43"), std::string::npos);
}

TEST_F(Cli, MatchesARestaurantRentingStateOwnedPremises) {
  ASSERT_EQ(huiqi_db({"import", kBundled}).code, 0);
  write("resto.json",
        R"({"name": "小吃店", "entity_type": "individual_business", "industry": "H6210",
            "region": "211002", "employees": 5, "revenue_10k_yuan": 60,
            "premises": {"rents_state_owned": true}})");
  auto eligible = [&](const std::string& as_of) {
    const Outcome run =
        huiqi_db({"match", "--profile", file("resto.json"), "--as-of", as_of, "--json"});
    EXPECT_EQ(run.code, 0) << run.err;
    std::vector<int> seqs;
    const json result = json::parse(run.out);
    for (const auto& item : result["eligible"]) seqs.push_back(item["seq"]);
    return seqs;
  };
  const auto in_2023 = eligible("2023-08-01");
  EXPECT_NE(std::find(in_2023.begin(), in_2023.end(), 43), in_2023.end());
  EXPECT_EQ(std::find(in_2023.begin(), in_2023.end(), 162), in_2023.end());  // expired
  const auto in_2022 = eligible("2022-06-01");
  EXPECT_NE(std::find(in_2022.begin(), in_2022.end(), 162), in_2022.end());
  const Outcome text =
      huiqi_db({"match", "--profile", file("resto.json"), "--as-of", "2023-08-01"});
  EXPECT_NE(text.out.find("可以享受"), std::string::npos);
}

TEST_F(Cli, ABadProfileNamesTheField) {
  ASSERT_EQ(huiqi_db({"import", kBundled}).code, 0);
  write("bad.json", R"({"entity_type": "enterprise", "employees": -3})");
  const Outcome run = huiqi_db({"match", "--profile", file("bad.json")});
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find("employees"), std::string::npos) << run.err;
  EXPECT_EQ(huiqi_db({"match"}).code, 1);
}

TEST_F(Cli, MatchesASyntheticRegistryInBatch) {
  ASSERT_EQ(huiqi_db({"import", kBundled}).code, 0);
  ASSERT_EQ(huiqi({"generate-registry", "--count", "3000", "--out", file("registry.jsonl")}).code,
            0);
  std::string registry = read_file(file("registry.jsonl"));
  registry += "{\"entity_type\": \"enterprise\", \"employees\": \"many\"}\n";  // a bad row
  write("registry.jsonl", registry);
  const Outcome run = huiqi_db({"match", "--batch", file("registry.jsonl"), "--out",
                                file("out.jsonl"), "--as-of", "2023-08-01", "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  const json summary = json::parse(run.out);
  EXPECT_EQ(summary["rows"], 3001);
  EXPECT_EQ(summary["bad"], 1);
  EXPECT_EQ(summary["matched"], 3000);
  std::uint64_t eligible = 0;
  for (const auto& policy : summary["policies"])
    eligible += policy["eligible"].get<std::uint64_t>();
  EXPECT_GT(eligible, 0u);
  EXPECT_TRUE(fs::exists(file("out.jsonl")));
  EXPECT_FALSE(fs::exists(file("out.jsonl.tmp")));
}

TEST_F(Cli, UnknownIdIsAUserError) {
  ASSERT_EQ(huiqi_db({"import", kBundled}).code, 0);
  const Outcome run = huiqi_db({"show", "liaoyang-2023-07-31/113"});
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find("liaoyang-2023-07-31/113"), std::string::npos) << run.err;
}

TEST_F(Cli, JsonAndCsvExportsRoundTrip) {
  ASSERT_EQ(huiqi_db({"import", kBundled}).code, 0);
  for (const std::string format : {"json", "csv"}) {
    const std::string exported = file("export." + format);
    ASSERT_EQ(huiqi_db({"export", "--format", format, "--out", exported}).code, 0);
    const std::string other_db = file("other-" + format + ".db");
    const Outcome imported =
        huiqi({"import", exported, "--db", other_db, "--id", "liaoyang-2023-07-31", "--json"});
    ASSERT_EQ(imported.code, 0) << imported.err << imported.out;
    EXPECT_EQ(json::parse(imported.out)["imports"][0]["items"], 130);
    // The same six columns come back: exporting again gives the same CSV.
    const Outcome first = huiqi_db({"export", "--format", "csv"});
    const Outcome second = huiqi({"export", "--format", "csv", "--db", other_db});
    EXPECT_EQ(first.out, second.out) << format;
  }
}

TEST_F(Cli, HtmlAndCsvEditionsHoldTheSameItemsAsTheText) {
  ASSERT_EQ(huiqi_db({"import", kBundled}).code, 0);
  const std::string reference = huiqi_db({"export", "--format", "csv"}).out;
  for (const std::string name : {"liaoyang-2023-07-31.html", "liaoyang-2023-07-31.csv"}) {
    const std::string other_db = file(name + ".db");
    const Outcome run = huiqi({"import", kTestData + "/" + name, "--db", other_db, "--json"});
    ASSERT_EQ(run.code, 0) << name << run.err << run.out;
    EXPECT_EQ(json::parse(run.out)["imports"][0]["items"], 130) << name;
    EXPECT_EQ(huiqi({"export", "--format", "csv", "--db", other_db}).out, reference) << name;
  }
}

TEST_F(Cli, CheckDiagnosesWithoutWriting) {
  const Outcome run = huiqi({"check", kBundled, "--json", "--db", db_}, "en");
  // check has no --db: bad usage.
  EXPECT_EQ(run.code, 2);
  const Outcome ok = huiqi({"check", kBundled});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.err.find(":133: warning: numbers 113–154 are missing"), std::string::npos) << ok.err;
  EXPECT_NE(ok.out.find("130 items"), std::string::npos);
  const Outcome zh = huiqi({"check", kBundled}, "zh_CN.UTF-8");
  EXPECT_NE(zh.err.find("警告"), std::string::npos);
  EXPECT_NE(zh.out.find("130 项"), std::string::npos);
}

TEST_F(Cli, ReadsAGb18030EditionOfTheList) {
  const std::string converted = file("liaoyang-gb.txt");
  ASSERT_EQ(
      std::system(
          ("iconv -f UTF-8 -t GB18030 " + quote(kBundled) + " > " + quote(converted)).c_str()),
      0);
  const Outcome run = huiqi({"check", converted, "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  const json report = json::parse(run.out)["files"][0];
  EXPECT_EQ(report["encoding"], "gb18030");
  EXPECT_EQ(report["items"], 130);
}

TEST_F(Cli, BadUsageExitsWith2) {
  EXPECT_EQ(huiqi({}).code, 2);
  EXPECT_EQ(huiqi({"frobnicate"}).code, 2);
  EXPECT_EQ(huiqi({"import"}).code, 2);
  EXPECT_EQ(huiqi({"import", kBundled, "--format", "pdf"}).code, 2);
  EXPECT_EQ(huiqi({"--help"}).code, 0);
  EXPECT_EQ(huiqi({"import", "--help"}).code, 0);
}

// Each hostile input is refused with a message that names the file, exit 1, and the stored
// content is exactly what it was.
class HostileInput : public Cli {
 protected:
  void expect_refused(const std::string& path, const std::string& expected_code) {
    const std::string before = stored_state();
    const Outcome run = huiqi_db({"import", path});
    EXPECT_EQ(run.code, 1) << path << "\n" << run.err;
    EXPECT_NE(run.err.find(fs::path(path).filename().string()), std::string::npos) << run.err;
    EXPECT_NE(run.err.find(expected_code), std::string::npos) << run.err;
    EXPECT_EQ(stored_state(), before);
    const Outcome json_run = huiqi_db({"import", path, "--json"});
    EXPECT_EQ(json_run.code, 1);
    EXPECT_FALSE(json::parse(json_run.out)["ok"].get<bool>());
  }
  void SetUp() override {
    Cli::SetUp();
    ASSERT_EQ(huiqi_db({"import", kBundled}).code, 0);
  }
};

TEST_F(HostileInput, EmptyFile) {
  write("empty.txt", "");
  expect_refused(file("empty.txt"), "empty-input");
}

TEST_F(HostileInput, BinaryFile) {
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes += static_cast<char>(i % 256);
  write("image.txt", bytes);
  expect_refused(file("image.txt"), "binary-input");
}

TEST_F(HostileInput, InvalidUtf8) {
  std::string text = read_file(kBundled);
  text.insert(text.find("\n2 ") + 5, "\xE5\xFF\xFE");  // a broken sequence inside item 2
  write("broken.txt", text);
  const Outcome run = huiqi({"check", file("broken.txt")});
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find("broken.txt:9:"), std::string::npos) << run.err;
  expect_refused(file("broken.txt"), "invalid-utf8");
}

TEST_F(HostileInput, A200MegabyteFileThatIsNotAListFailsFastInBoundedMemory) {
  {
    std::ofstream out(file("big.txt"), std::ios::binary);
    const std::string line = "这不是政策清单,只是一行很长的普通文字。Lorem ipsum dolor sit amet.\n";
    for (std::size_t written = 0; written < (std::size_t{200} << 20); written += line.size()) {
      out << line;
    }
  }
  expect_refused(file("big.txt"), "not-a-list");
  // The refused import alone, its peak memory measured by wait4: far below the file's 200 MB.
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, STDOUT_FILENO);
    ::dup2(devnull, STDERR_FILENO);
    ::execl(kBinary.c_str(), kBinary.c_str(), "import", file("big.txt").c_str(), "--db",
            db_.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  ASSERT_EQ(::wait4(child, &status, 0, &usage), child);
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_LT(usage.ru_maxrss, 150 * 1024) << "KiB";
}

TEST_F(HostileInput, CsvWithAMissingColumn) {
  write("missing.csv", "序号,扶持政策事项,政策内容,政策依据\n1,标题,内容,《文件》\n");
  expect_refused(file("missing.csv"), "missing-column");
}

TEST_F(HostileInput, DuplicateSeqNumbers) {
  std::string text = read_file(kBundled);
  text.replace(text.find("\n3 "), 3, "\n2 ");  // item 3 numbered 2 again
  write("dup.txt", text);
  expect_refused(file("dup.txt"), "seq-duplicate");
}

TEST_F(HostileInput, BrokenJson) {
  write("broken.json", "{\"format\": \"huiqi-list\", \"items\": [");
  expect_refused(file("broken.json"), "bad-json");
}

TEST_F(HostileInput, MissingFile) {
  const Outcome run = huiqi_db({"import", file("nope.txt")});
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find("nope.txt: no such file"), std::string::npos) << run.err;
}

}  // namespace
