// Parsers turn the text of a published list into items plus diagnostics.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.h"
#include "ingest/diagnostic.h"

namespace huiqi::ingest {

enum class Format { automatic, text, html, csv, json };

const char* to_string(Format format);
//! "auto", "text", "html", "csv", "json"; throws UserError otherwise.
Format parse_format(std::string_view name);

//! What a parser produced. Items carry seq, the six columns and source lines; ids are given
//! later, once the list id is known. info holds the metadata the file states about itself.
struct ParseResult {
  catalog::ListInfo info;
  std::vector<catalog::Item> items;
  std::vector<Diagnostic> diagnostics;

  bool ok() const { return !has_errors(diagnostics); }
};

//! One list layout. Implementations are stateless and safe to share between threads.
class Parser {
 public:
  virtual ~Parser() = default;
  //! text is valid UTF-8 (the reader converts other encodings first). file names the input in
  //! diagnostics. Never throws for bad input: problems become diagnostics.
  virtual ParseResult parse(std::string_view text, const std::string& file) const = 0;
};

std::unique_ptr<Parser> make_parser(Format format);

}  // namespace huiqi::ingest
