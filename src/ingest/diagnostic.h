// What a parser says about its input, line by line.
#pragma once

#include <string>
#include <vector>

namespace huiqi::ingest {

enum class Severity { info, warning, error };

const char* to_string(Severity severity);

//! One finding about an input file. An error makes the file unusable (nothing is imported);
//! a warning is worth a look; info records what the parser did with a line it did not use.
struct Diagnostic {
  std::string file;
  int line = 0;    //!< 1-based; 0 for the whole file
  int column = 0;  //!< 1-based code point column; 0 when not known
  Severity severity = Severity::warning;
  std::string code;        //!< stable kebab-case code, e.g. "seq-gap"
  std::string message;     //!< English
  std::string message_zh;  //!< Chinese
  std::string field;       //!< the field concerned, when the format has fields (e.g. items[3].seq)
};

bool has_errors(const std::vector<Diagnostic>& diagnostics);

}  // namespace huiqi::ingest
