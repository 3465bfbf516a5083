// The OpenAPI 3.0 description of the HTTP API, served at /openapi.json.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace huiqi::server {

//! The document as served (JSON text, UTF-8). Every route of Server::routes() is described in
//! it and nothing else is (tests/unit/server checks both ways, and that every $ref resolves).
std::string_view openapi_text();

//! The same, parsed once (thread-safe).
const nlohmann::json& openapi_document();

}  // namespace huiqi::server
