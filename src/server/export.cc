#include "server/export.h"

#include <xlsxwriter.h>

#include <memory>
#include <stdexcept>

#include "catalog/csv.h"
#include "cli/commands.h"

namespace huiqi::server {
namespace {

constexpr std::size_t kBatch = 1000;  // search::SearchRequest::limit at most

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    out += (out.empty() ? "" : "、") + part;
  }
  return out;
}

std::string canonical_departments(const catalog::Facts& facts) {
  std::vector<std::string> names;
  for (const auto& d : facts.departments) names.push_back(d.name);
  return joined(names);
}

std::string document_numbers(const catalog::Facts& facts) {
  std::vector<std::string> numbers;
  for (const auto& d : facts.documents) numbers.push_back(d.number);
  return joined(numbers);
}

// Excel keeps at most 32,767 characters in a cell; cut at a character boundary below that.
std::string cell_text(const std::string& text) {
  constexpr std::size_t kMaxBytes = 32767;
  if (text.size() <= kMaxBytes) return text;
  std::size_t end = kMaxBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

struct WorkbookCloser {
  void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};

// The status names shown to staff: 有效, 已过期, 尚未生效, 长期有效, 不确定.
const char* status_zh(catalog::Status status) {
  switch (status) {
    case catalog::Status::active:
      return "有效";
    case catalog::Status::expired:
      return "已过期";
    case catalog::Status::not_yet:
      return "尚未生效";
    case catalog::Status::long_term:
      return "长期有效";
    case catalog::Status::unknown:
      break;
  }
  return "不确定";
}

}  // namespace

std::vector<const search::Document*> export_rows(const snapshot::Snapshot& snapshot,
                                                 search::SearchRequest request) {
  std::vector<const search::Document*> rows;
  request.highlight = false;
  request.offset = 0;
  request.limit = kBatch;
  for (;;) {
    const search::SearchResult result = snapshot.index->search(request);
    for (const search::Hit& hit : result.hits) {
      if (const search::Document* doc = snapshot.find(hit.id)) rows.push_back(doc);
    }
    request.offset += result.hits.size();
    if (result.hits.size() < kBatch || request.offset >= result.total) break;
  }
  return rows;
}

nlohmann::json export_json(const std::vector<const search::Document*>& rows,
                           const search::SearchRequest& request) {
  nlohmann::json items = nlohmann::json::array();
  for (const search::Document* doc : rows) {
    const std::string& id = doc->item.id;
    items.push_back(
        cli::item_json(doc->item, doc->facts, id.substr(0, id.rfind('/')), request.as_of));
  }
  nlohmann::json filters = nlohmann::json::array();
  for (const auto& [name, value] : request.filters) filters.push_back({name, value});
  return {{"as_of", request.as_of},
          {"query", request.query},
          {"filters", std::move(filters)},
          {"total", rows.size()},
          {"items", std::move(items)}};
}

std::string export_csv(const std::vector<const search::Document*>& rows, const std::string& as_of) {
  std::string out =
      "category,seq,title,content,basis,departments,status,valid_until,departments_canonical,"
      "document_numbers\n";
  for (const search::Document* doc : rows) {
    const catalog::Item& item = doc->item;
    const catalog::Facts& facts = doc->facts;
    out += catalog::csv_field(item.category) + "," + std::to_string(item.seq) + "," +
           catalog::csv_field(item.title) + "," + catalog::csv_field(item.content) + "," +
           catalog::csv_field(item.basis) + "," + catalog::csv_field(item.departments) + "," +
           catalog::to_string(facts.status_on(as_of)) + "," + facts.valid_until + "," +
           catalog::csv_field(canonical_departments(facts)) + "," +
           catalog::csv_field(document_numbers(facts)) + "\n";
  }
  return out;
}

void write_xlsx(const std::string& path, const std::vector<const search::Document*>& rows,
                const std::string& as_of) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go to disk as written: flat memory for any size
  std::unique_ptr<lxw_workbook, WorkbookCloser> workbook(workbook_new_opt(path.c_str(), &options));
  if (!workbook) throw std::runtime_error("cannot create the workbook " + path);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook.get(), "政策清单");
  if (sheet == nullptr) throw std::runtime_error("cannot add a worksheet");

  lxw_format* header = workbook_add_format(workbook.get());
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* wrap = workbook_add_format(workbook.get());
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* plain = workbook_add_format(workbook.get());
  format_set_align(plain, LXW_ALIGN_VERTICAL_TOP);

  struct Column {
    const char* title;
    double width;
    bool wrap;
  };
  static constexpr Column kColumns[] = {
      {"政策类别", 14, true}, {"序号", 6, false},      {"扶持政策事项", 30, true},
      {"政策内容", 80, true}, {"政策依据", 40, true},  {"实施部门", 24, true},
      {"状态", 10, false},    {"有效期至", 12, false}, {"实施部门(规范名称)", 30, true},
      {"文号", 28, true}};
  constexpr auto kLast = static_cast<lxw_col_t>(std::size(kColumns) - 1);
  for (lxw_col_t c = 0; c <= kLast; ++c) {
    worksheet_set_column(sheet, c, c, kColumns[c].width, kColumns[c].wrap ? wrap : plain);
  }
  worksheet_set_row(sheet, 0, 20, header);
  for (lxw_col_t c = 0; c <= kLast; ++c) {
    worksheet_write_string(sheet, 0, c, kColumns[c].title, header);
  }
  lxw_row_t row = 0;
  for (const search::Document* doc : rows) {
    ++row;
    const catalog::Item& item = doc->item;
    const catalog::Facts& facts = doc->facts;
    const std::string cells[] = {item.category,
                                 {},
                                 item.title,
                                 item.content,
                                 item.basis,
                                 item.departments,
                                 status_zh(facts.status_on(as_of)),
                                 facts.valid_until,
                                 canonical_departments(facts),
                                 document_numbers(facts)};
    for (lxw_col_t c = 0; c <= kLast; ++c) {
      lxw_format* format = kColumns[c].wrap ? wrap : plain;
      const lxw_error error =
          c == 1 ? worksheet_write_number(sheet, row, c, item.seq, format)
                 : worksheet_write_string(sheet, row, c, cell_text(cells[c]).c_str(), format);
      if (error != LXW_NO_ERROR) {
        throw std::runtime_error(std::string("cannot write a cell: ") + lxw_strerror(error));
      }
    }
  }
  worksheet_freeze_panes(sheet, 1, 0);
  worksheet_autofilter(sheet, 0, 0, row, kLast);
  const lxw_error closed = workbook_close(workbook.release());
  if (closed != LXW_NO_ERROR) {
    throw std::runtime_error(std::string("cannot write the workbook: ") + lxw_strerror(closed));
  }
}

}  // namespace huiqi::server
