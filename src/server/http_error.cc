#include "server/http_error.h"

namespace huiqi::server {

HttpError::HttpError(int status, std::string code, std::string message_en, std::string message_zh,
                     std::string field)
    : std::runtime_error(message_en),
      status_(status),
      code_(std::move(code)),
      message_en_(std::move(message_en)),
      message_zh_(std::move(message_zh)),
      field_(std::move(field)) {}

nlohmann::json error_json(const std::string& code, const std::string& message_en,
                          const std::string& message_zh, const std::string& field) {
  nlohmann::json error = {{"code", code}, {"message", message_en}, {"message_zh", message_zh}};
  if (!field.empty()) error["field"] = field;
  return {{"error", std::move(error)}};
}

nlohmann::json error_json(const HttpError& error) {
  return error_json(error.code(), error.message_en(), error.message_zh(), error.field());
}

HttpError from_user_error(const UserError& error, const std::string& field) {
  int status = 400;
  if (error.code() == "not-found") status = 404;
  if (error.code() == "db-unavailable" || error.code() == "db-open") status = 503;
  return HttpError(status, error.code(), error.message(Lang::en), error.message(Lang::zh),
                   field.empty() ? error.where().field : field);
}

}  // namespace huiqi::server
