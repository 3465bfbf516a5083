// API tokens for the admin writes: random secrets of which the store keeps only the SHA-256.
#pragma once

#include <string>
#include <string_view>

namespace huiqi::server {

//! A new token: 32 bytes from /dev/urandom as 64 lower-case hex digits. Throws
//! std::runtime_error when /dev/urandom cannot be read.
std::string new_token();

//! What the store keeps for a token: its SHA-256, lower-case hex.
std::string token_hash(std::string_view token);

//! The token in an Authorization header value "Bearer <token>" (scheme case-insensitive);
//! empty when the value is not of that form or the token is not 64 hex digits.
std::string bearer_token(std::string_view header);

//! A token name: 1 to 64 characters of ASCII letters, digits, '.', '_', '-' and '@'.
bool valid_token_name(std::string_view name);

}  // namespace huiqi::server
