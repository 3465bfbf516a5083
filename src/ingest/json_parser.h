// huiqi's own JSON export format (catalog/json.h), read back so export → import round-trips.
#pragma once

#include "ingest/parser.h"

namespace huiqi::ingest {

class JsonParser : public Parser {
 public:
  ParseResult parse(std::string_view text, const std::string& file) const override;
};

}  // namespace huiqi::ingest
