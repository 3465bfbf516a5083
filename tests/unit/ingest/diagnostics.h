// Looking at a parse's diagnostics, for the parser tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/parser.h"

namespace huiqi::ingest::test_diagnostics {

//! The diagnostics of that code, in order.
inline std::vector<const Diagnostic*> with_code(const ParseResult& result,
                                                const std::string& code) {
  std::vector<const Diagnostic*> found;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.code == code) found.push_back(&d);
  }
  return found;
}

inline bool has_code(const ParseResult& result, const std::string& code) {
  return !with_code(result, code).empty();
}

//! Every diagnostic is complete: the file, a code, both messages, a line.
inline void expect_well_formed(const ParseResult& result, const std::string& file) {
  for (const Diagnostic& d : result.diagnostics) {
    EXPECT_EQ(d.file, file);
    EXPECT_FALSE(d.code.empty());
    EXPECT_FALSE(d.message.empty()) << d.code;
    EXPECT_FALSE(d.message_zh.empty()) << d.code;
    EXPECT_GE(d.line, 0);
  }
}

}  // namespace huiqi::ingest::test_diagnostics
