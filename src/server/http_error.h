// Answers other than success, as the API's error JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "base/error.h"

namespace huiqi::server {

//! An answer with a 4xx/5xx status and the body {"error": {"code", "message", "message_zh",
//! "field"?}}. Thrown by request handling and turned into the response at the HTTP boundary.
class HttpError : public std::runtime_error {
 public:
  //! code: stable kebab-case; field: the parameter or body field at fault, when there is one.
  HttpError(int status, std::string code, std::string message_en, std::string message_zh,
            std::string field = {});

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& message_en() const { return message_en_; }
  const std::string& message_zh() const { return message_zh_; }
  const std::string& field() const { return field_; }

 private:
  int status_;
  std::string code_;
  std::string message_en_;
  std::string message_zh_;
  std::string field_;
};

//! The error body; "field" only when field is not empty.
nlohmann::json error_json(const std::string& code, const std::string& message_en,
                          const std::string& message_zh, const std::string& field = {});
nlohmann::json error_json(const HttpError& error);

//! A UserError from library code as an HTTP answer: "not-found" → 404, "db-unavailable" and
//! "db-open" → 503, anything else → 400. field replaces the error's own field when not empty
//! (library field names are not always the HTTP parameter names).
HttpError from_user_error(const UserError& error, const std::string& field = {});

}  // namespace huiqi::server
