// The web page's files, served from one folder and never from outside it.
#pragma once

#include <string>
#include <string_view>

namespace huiqi::server {

//! The folder of the page: $HUIQI_WEB_DIR when set, else the source tree's web/ (compiled in
//! as HUIQI_DEFAULT_WEB_DIR).
std::string default_web_dir();

//! The Content-Type for a file name by its extension (.html, .css, .js, .mjs, .svg, .png,
//! .json, .ico, .txt, .webp, .jpg, .woff2, .map); application/octet-stream otherwise.
std::string content_type_for(std::string_view file_name);

struct StaticFile {
  std::string body;
  std::string content_type;
};

//! The file for a decoded URL path ("/" is index.html). Throws HttpError 400 "bad-path" for a
//! path with a ".." segment, a backslash, a NUL or a hidden segment (".git"), and 404
//! "not-found" for anything that is not a regular file inside web_dir once symbolic links are
//! resolved. Files over 16 MiB are not served (404).
StaticFile read_static(const std::string& web_dir, const std::string& path);

//! The page shown at "/" when web_dir has no index.html: says so, links to the API.
std::string placeholder_page();

}  // namespace huiqi::server
