#include "server/static_files.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/http_error.h"

namespace huiqi::server {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileBytes = 16u << 20;

HttpError not_found(const std::string& path) {
  return HttpError(404, "not-found", "no file " + path, "找不到文件 " + path);
}

}  // namespace

std::string default_web_dir() {
  const char* dir = std::getenv("HUIQI_WEB_DIR");
  return dir != nullptr && *dir != '\0' ? dir : HUIQI_DEFAULT_WEB_DIR;
}

std::string content_type_for(std::string_view file_name) {
  const std::size_t dot = file_name.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : file_name.substr(dot + 1);
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "woff2") return "font/woff2";
  return "application/octet-stream";
}

StaticFile read_static(const std::string& web_dir, const std::string& path) {
  if (path.empty() || path.front() != '/') throw not_found(path);
  std::string relative = path.substr(1);
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  // Refuse what could step outside before touching the file system.
  if (relative.find('\\') != std::string::npos || relative.find('\0') != std::string::npos) {
    throw HttpError(400, "bad-path", "the path may not hold a backslash or NUL",
                    "路径中不能有反斜杠或 NUL");
  }
  std::size_t start = 0;
  while (start <= relative.size()) {
    std::size_t end = relative.find('/', start);
    if (end == std::string::npos) end = relative.size();
    const std::string_view segment(relative.data() + start, end - start);
    if (segment == ".." || segment == ".") {
      throw HttpError(400, "bad-path", "the path may not hold '.' or '..' segments",
                      "路径中不能有“.”或“..”");
    }
    if (!segment.empty() && segment.front() == '.') throw not_found(path);
    start = end + 1;
  }
  std::error_code ec;
  const fs::path root = fs::canonical(web_dir, ec);
  if (ec) throw not_found(path);
  const fs::path file = fs::canonical(root / relative, ec);
  if (ec) throw not_found(path);
  // Symbolic links may point anywhere: what counts is where the file really is.
  const auto [root_end, file_it] =
      std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (root_end != root.end() || !fs::is_regular_file(file, ec) ||
      fs::file_size(file, ec) > kMaxFileBytes) {
    throw not_found(path);
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream body;
  body << in.rdbuf();
  if (!in) throw not_found(path);
  return {body.str(), content_type_for(file.filename().string())};
}

std::string placeholder_page() {
  return R"html(<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>huiqi 惠企</title></head>
<body>
<h1>huiqi 惠企</h1>
<p>网页尚未安装(web/ 文件夹不存在)。The web page is not installed yet (no web/ folder).</p>
<ul>
<li><a href="/api/v1/policies">/api/v1/policies</a> — 政策检索 search the policies</li>
<li><a href="/openapi.json">/openapi.json</a> — API 说明 the API (OpenAPI 3.0)</li>
</ul>
</body>
</html>
)html";
}

}  // namespace huiqi::server
