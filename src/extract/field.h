// One field of an item as extraction reads it: the raw text, its normalized form and the way
// back from normalized offsets to raw evidence.
#pragma once

#include <string_view>

#include "catalog/facts.h"
#include "text/normalize.h"

namespace huiqi::extract {

struct FieldText {
  std::string_view name;  //!< "title", "content", "basis" or "departments"
  std::string_view raw;
  text::NormalizedText normalized;

  FieldText(std::string_view field_name, std::string_view raw_text)
      : name(field_name), raw(raw_text), normalized(text::normalize(raw_text)) {}

  std::string_view text() const { return normalized.text; }

  //! Evidence for normalized [begin, end): the raw span behind it and its raw text.
  catalog::Evidence evidence(std::size_t begin, std::size_t end) const {
    auto [raw_begin, raw_end] = normalized.raw_span(begin, end);
    if (raw_end > raw.size()) raw_end = raw.size();
    if (raw_begin > raw_end) raw_begin = raw_end;
    return catalog::Evidence{std::string(name), raw_begin, raw_end,
                             std::string(raw.substr(raw_begin, raw_end - raw_begin))};
  }
};

}  // namespace huiqi::extract
