#include "ingest/parser.h"

#include "base/error.h"
#include "ingest/csv_parser.h"
#include "ingest/html_parser.h"
#include "ingest/json_parser.h"
#include "ingest/text_parser.h"

namespace huiqi::ingest {

const char* to_string(Format format) {
  switch (format) {
    case Format::automatic:
      return "auto";
    case Format::text:
      return "text";
    case Format::html:
      return "html";
    case Format::csv:
      return "csv";
    case Format::json:
      return "json";
  }
  return "auto";
}

Format parse_format(std::string_view name) {
  for (Format format : {Format::automatic, Format::text, Format::html, Format::csv, Format::json}) {
    if (name == to_string(format)) return format;
  }
  throw UserError(
      "bad-format",
      "unknown format '" + std::string(name) + "' (expected auto, text, html, csv or json)",
      "未知格式“" + std::string(name) + "”(应为 auto、text、html、csv 或 json)",
      {.field = "--format"});
}

std::unique_ptr<Parser> make_parser(Format format) {
  switch (format) {
    case Format::html:
      return std::make_unique<HtmlParser>();
    case Format::csv:
      return std::make_unique<CsvParser>();
    case Format::json:
      return std::make_unique<JsonParser>();
    case Format::text:
    case Format::automatic:
      break;
  }
  return std::make_unique<TextParser>();
}

}  // namespace huiqi::ingest
