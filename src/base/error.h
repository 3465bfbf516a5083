// Errors a user can cause, and where they are.
//
// Library code throws UserError for a problem the user can fix (bad input, unknown id, a file
// that cannot be read). The CLI and the server catch it at their boundary and report it in the
// user's language. Programmer errors are not UserErrors.
#pragma once

#include <stdexcept>
#include <string>

namespace huiqi {

enum class Lang { en, zh };

//! The language for messages: HUIQI_LANG, then LC_ALL / LC_MESSAGES / LANG ("zh…" → Chinese).
Lang preferred_lang();

//! Where a problem is: any part may be empty / zero when unknown.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  std::string field;
};

//! "file:line:column: field: " for the parts that are known; empty when none is.
std::string format_location(const Location& where);

class UserError : public std::runtime_error {
 public:
  //! code: a stable kebab-case identifier (e.g. "file-not-found"); messages say what was wrong.
  UserError(std::string code, std::string message_en, std::string message_zh, Location where = {});

  const std::string& code() const { return code_; }
  const std::string& message(Lang lang) const {
    return lang == Lang::zh ? message_zh_ : message_en_;
  }
  const Location& where() const { return where_; }
  //! Location and message in one line, e.g. "list.csv:3: seq: not a number".
  std::string describe(Lang lang) const;

 private:
  std::string code_;
  std::string message_en_;
  std::string message_zh_;
  Location where_;
};

}  // namespace huiqi
