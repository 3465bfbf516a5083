// The text layout of a list copied out of a web page (the Liaoyang file): a few lines of
// metadata, a column header line, then items numbered by 序号 whose columns run together with
// single spaces and whose cells may wrap over several lines.
#pragma once

#include "ingest/parser.h"

namespace huiqi::ingest {

//! How columns are found: an item starts at a line "[类别(共N项) ]序号 …"; its title runs to the
//! first space (or over several space-free lines, as when a long title cell wraps); the
//! departments follow the last "责任单位:"; the basis is the 《…》 cell before them (the first
//! 《 after a column break with no sentence end after it); the content is what lies between.
class TextParser : public Parser {
 public:
  ParseResult parse(std::string_view text, const std::string& file) const override;
};

}  // namespace huiqi::ingest
