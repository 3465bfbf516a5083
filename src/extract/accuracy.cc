#include "extract/accuracy.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "base/error.h"
#include "ingest/reader.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace huiqi::extract {
namespace {

using Set = std::set<std::string>;

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> out;
  while (true) {
    std::size_t p = s.find(separator);
    out.push_back(s.substr(0, p));
    if (p == std::string_view::npos) break;
    s.remove_prefix(p + 1);
  }
  return out;
}

bool is_none(std::string_view cell) { return cell == "none" || cell == "-"; }

//! The entries of a cell, normalized (so "辽市政发[2020]3号" reads as "辽市政发〔2020〕3号").
Set entries(std::string_view cell) {
  Set out;
  if (is_none(text::trim(cell))) return out;
  for (std::string_view entry : split(cell, ';')) {
    entry = text::trim(entry);
    if (entry.empty()) continue;
    bool implied = entry.ends_with('?');
    if (implied) entry.remove_suffix(1);
    std::string normalized = text::normalize(entry).text;
    if (implied) normalized += '?';
    out.insert(std::move(normalized));
  }
  return out;
}

std::string join(const Set& set) {
  std::string out;
  for (const std::string& s : set) out += (out.empty() ? "" : "; ") + s;
  return out.empty() ? "none" : out;
}

Set actual_documents(const catalog::Facts& facts, bool with_titles) {
  Set out;
  for (const catalog::DocumentRef& d : facts.documents) {
    if (!d.number.empty()) {
      out.insert(d.number + (d.truncated ? "?" : ""));
    } else if (with_titles && !d.title.empty()) {
      out.insert("《" + d.title + "》");
    }
  }
  return out;
}

std::string actual_valid_until(const catalog::Facts& facts) {
  if (!facts.valid_until.empty()) return facts.valid_until;
  return facts.validity_unresolved ? "relative" : "none";
}

}  // namespace

AccuracyReport evaluate_text(const std::vector<catalog::Item>& items, const Extractor& extractor,
                             std::string_view expected_tsv, const std::string& file_name) {
  std::map<int, const catalog::Item*> by_seq;
  for (const catalog::Item& item : items) by_seq.emplace(item.seq, &item);

  AccuracyReport report;
  int line_no = 0;
  bool first = true;
  for (std::string_view line : split(expected_tsv, '\n')) {
    ++line_no;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (text::trim(line).empty() || line.front() == '#') continue;
    std::vector<std::string_view> cells = split(line, '\t');
    std::string_view seq_cell = text::trim(cells[0]);
    if (first && seq_cell == "seq") {
      first = false;
      continue;
    }
    first = false;
    if (cells.size() < 4 || cells.size() > 5) {
      throw UserError(
          "expected-facts-invalid",
          "expected 4 or 5 tab-separated columns, found " + std::to_string(cells.size()),
          "应有 4 或 5 个以制表符分隔的列，实有 " + std::to_string(cells.size()) + " 列",
          Location{file_name, line_no, 0, ""});
    }
    int seq = 0;
    auto [ptr, ec] = std::from_chars(seq_cell.data(), seq_cell.data() + seq_cell.size(), seq);
    if (ec != std::errc() || ptr != seq_cell.data() + seq_cell.size() || seq <= 0) {
      throw UserError("expected-facts-invalid", "seq is not a positive number", "序号不是正整数",
                      Location{file_name, line_no, 0, "seq"});
    }
    ++report.rows;
    auto it = by_seq.find(seq);
    if (it == by_seq.end()) {
      report.missing.push_back(seq);
      continue;
    }
    catalog::Facts facts = extractor.extract(*it->second);

    auto score = [&](FieldAccuracy& field, const char* name, const std::string& expected,
                     const std::string& actual) {
      ++field.compared;
      if (expected == actual) {
        ++field.correct;
      } else {
        report.mismatches.push_back(Mismatch{seq, name, expected, actual});
      }
    };
    if (!text::trim(cells[1]).empty()) {
      Set expected = entries(cells[1]);
      bool with_titles = std::any_of(expected.begin(), expected.end(),
                                     [](const std::string& e) { return e.starts_with("《"); });
      score(report.documents, "documents", join(expected),
            join(actual_documents(facts, with_titles)));
    }
    if (!text::trim(cells[2]).empty()) {
      Set actual;
      for (const catalog::DepartmentRef& d : facts.departments) actual.insert(d.name);
      score(report.departments, "departments", join(entries(cells[2])), join(actual));
    }
    std::string_view until = text::trim(cells[3]);
    if (!until.empty()) {
      if (until.ends_with('?')) until.remove_suffix(1);
      score(report.valid_until, "valid_until", std::string(until), actual_valid_until(facts));
    }
  }
  return report;
}

AccuracyReport evaluate(const std::vector<catalog::Item>& items, const Extractor& extractor,
                        const std::filesystem::path& expected_tsv) {
  std::ifstream in(expected_tsv, std::ios::binary);
  if (!in) {
    throw UserError("file-not-found", "cannot read " + expected_tsv.string(),
                    "无法读取 " + expected_tsv.string(), Location{expected_tsv.string(), 0, 0, ""});
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return evaluate_text(items, extractor, buffer.str(), expected_tsv.string());
}

AccuracyReport evaluate_list(const std::filesystem::path& list_file, const Extractor& extractor,
                             const std::filesystem::path& expected_tsv) {
  ingest::ReadResult read = ingest::read_list_file(list_file);
  return evaluate(read.parsed.items, extractor, expected_tsv);
}

std::string to_text(const AccuracyReport& report) {
  std::string out;
  auto line = [&](const char* name, const FieldAccuracy& f) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%-12s %4d/%-4d %6.1f%%\n", name, f.correct, f.compared,
                  100.0 * f.accuracy());
    out += buffer;
  };
  line("documents", report.documents);
  line("departments", report.departments);
  line("valid_until", report.valid_until);
  for (int seq : report.missing) out += "missing item " + std::to_string(seq) + "\n";
  for (const Mismatch& m : report.mismatches) {
    out += std::to_string(m.seq) + "\t" + m.field + "\texpected: " + m.expected +
           "\tactual: " + m.actual + "\n";
  }
  return out;
}

}  // namespace huiqi::extract
