#include "ingest/reader.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <memory>

#include "base/error.h"
#include "text/utf8.h"

namespace huiqi::ingest {
namespace {

constexpr std::size_t kHeadBytes = std::size_t{1} << 20;  // what is looked at before reading all

std::string lower_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

Diagnostic error(const std::string& file, int line, int column, std::string code, std::string en,
                 std::string zh) {
  return Diagnostic{file,          line,         column, Severity::error, std::move(code),
                    std::move(en), std::move(zh)};
}

ReadResult failed(Diagnostic diagnostic) {
  ReadResult result;
  result.parsed.diagnostics.push_back(std::move(diagnostic));
  return result;
}

// Converts GB18030 (a superset of GBK and GB2312) to UTF-8; nullopt if the bytes are not valid.
std::optional<std::string> gb18030_to_utf8(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open("GB18030", &status),
                                                               &ucnv_close);
  if (U_FAILURE(status)) return std::nullopt;
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::unique_ptr<UConverter, decltype(&ucnv_close)> utf8(ucnv_open("UTF-8", &status), &ucnv_close);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out(bytes.size() * 2 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(utf8.get(), converter.get(), &target, out.data() + out.size(), &source,
                 bytes.data() + bytes.size(), nullptr, nullptr, nullptr, nullptr, true, true,
                 &status);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(static_cast<std::size_t>(target - out.data()));
  return out;
}

// Any well-formed multi-byte UTF-8 sequence before the first bad byte says the file is UTF-8
// with damage, not GB18030.
bool has_utf8_multibyte_before(std::string_view bytes, std::size_t end) {
  for (std::size_t pos = 0; pos < end;) {
    const std::size_t start = pos;
    text::decode_utf8(bytes, pos);
    if (pos - start > 1) return true;
  }
  return false;
}

// Decodes to UTF-8 in place, or returns the diagnostic that says why it cannot.
std::optional<Diagnostic> to_utf8(std::string& bytes, const std::string& name,
                                  const std::string& encoding, std::string& found) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.erase(0, 3);
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return error(name, 1, 1, "unsupported-encoding",
                 "UTF-16 files are not supported: save as UTF-8",
                 "不支持 UTF-16 编码,请另存为 UTF-8");
  }
  const std::string wanted = lower_ascii(encoding);
  const auto problem = text::find_invalid_utf8(bytes);
  if (wanted != "gb18030" && wanted != "gbk" && !problem) {
    found = "utf-8";
    return std::nullopt;
  }
  const bool try_gb = wanted == "gb18030" || wanted == "gbk" ||
                      (wanted == "auto" && !has_utf8_multibyte_before(bytes, problem->offset));
  if (try_gb) {
    if (auto converted = gb18030_to_utf8(bytes)) {
      bytes = std::move(*converted);
      found = "gb18030";
      return std::nullopt;
    }
    if (wanted != "auto") {
      return error(name, 0, 0, "invalid-encoding", "the file is not valid GB18030",
                   "文件不是有效的 GB18030 编码");
    }
  }
  if (!problem) {
    found = "utf-8";
    return std::nullopt;
  }
  return error(name, problem->line, problem->column, "invalid-utf8",
               "invalid UTF-8 at byte " + std::to_string(problem->offset) +
                   " (the file is neither UTF-8 nor GB18030)",
               "第" + std::to_string(problem->offset) +
                   "字节处 UTF-8 编码无效(文件既不是 UTF-8 也不是 "
                   "GB18030)");
}

// Whether the head of a file in the text layout holds anything list-like: a column header or
// a line starting with a number. Lets a large file that is no list fail before it is read.
bool looks_like_text_list(std::string_view head) {
  if (head.find("序号") != std::string_view::npos) return true;
  std::size_t begin = 0;
  while (begin < head.size()) {
    std::size_t end = head.find('\n', begin);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view line = text::trim(head.substr(begin, end - begin));
    if (!line.empty() && line[0] >= '0' && line[0] <= '9') return true;
    if (line.find("项)") != std::string_view::npos) return true;
    begin = end + 1;
  }
  return false;
}

}  // namespace

Format sniff_format(const std::string& name, std::string_view head) {
  const std::string extension = lower_ascii(std::filesystem::path(name).extension().string());
  if (extension == ".html" || extension == ".htm" || extension == ".shtml") return Format::html;
  if (extension == ".csv") return Format::csv;
  if (extension == ".json") return Format::json;
  if (extension == ".txt") return Format::text;
  const std::string_view trimmed = text::trim(head.substr(0, 4096));
  if (trimmed.starts_with("{")) return Format::json;
  const std::string lowered = lower_ascii(std::string(head.substr(0, 65536)));
  if (lowered.find("<table") != std::string::npos || lowered.find("<html") != std::string::npos) {
    return Format::html;
  }
  const std::string_view first_line = head.substr(0, head.find('\n'));
  if (std::count(first_line.begin(), first_line.end(), ',') >= 4) return Format::csv;
  return Format::text;
}

ReadResult read_list_bytes(std::string bytes, const std::string& name, const ReadOptions& options) {
  const std::string_view head = std::string_view(bytes).substr(0, kHeadBytes);
  if (text::is_blank(bytes)) {
    return failed(error(name, 0, 0, "empty-input", "the file is empty", "文件为空"));
  }
  if (head.find('\0') != std::string_view::npos) {
    return failed(error(name, 0, 0, "binary-input",
                        "the file is binary (it contains NUL bytes), not a list",
                        "文件是二进制文件(含 NUL 字节),不是清单"));
  }
  ReadResult result;
  if (auto problem = to_utf8(bytes, name, options.encoding, result.encoding)) {
    return failed(std::move(*problem));
  }
  result.format = options.format == Format::automatic ? sniff_format(name, bytes) : options.format;
  result.parsed = make_parser(result.format)->parse(bytes, name);
  std::stable_sort(result.parsed.diagnostics.begin(), result.parsed.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  if (result.encoding == "gb18030") {
    result.parsed.diagnostics.insert(
        result.parsed.diagnostics.begin(),
        Diagnostic{name, 0, 0, Severity::info, "converted-encoding",
                   "the file was GB18030/GBK and was converted to UTF-8",
                   "文件为 GB18030/GBK 编码,已转换为 UTF-8"});
  }
  return result;
}

ReadResult read_list_file(const std::filesystem::path& path, const ReadOptions& options) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    throw UserError("file-not-found", "no such file", "文件不存在", {.file = name});
  }
  if (std::filesystem::is_directory(status)) {
    throw UserError("not-a-file", "is a directory, not a list file", "是目录,不是清单文件",
                    {.file = name});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw UserError("unreadable", "cannot be opened for reading", "无法读取", {.file = name});
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > options.max_bytes) {
    return failed(error(name, 0, 0, "file-too-large",
                        "the file is " + std::to_string(size >> 20) + " MiB, over the limit of " +
                            std::to_string(options.max_bytes >> 20) + " MiB",
                        "文件大小 " + std::to_string(size >> 20) + " MiB,超过上限 " +
                            std::to_string(options.max_bytes >> 20) + " MiB"));
  }

  // Look at the head first, so a large file that is no list fails without being read whole.
  std::string bytes(kHeadBytes, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  const bool complete = in.eof();
  if (!complete) {
    if (bytes.find('\0') != std::string::npos) {
      return failed(error(name, 0, 0, "binary-input",
                          "the file is binary (it contains NUL bytes), not a list",
                          "文件是二进制文件(含 NUL 字节),不是清单"));
    }
    const Format format =
        options.format == Format::automatic ? sniff_format(name, bytes) : options.format;
    if (format == Format::text && !looks_like_text_list(bytes)) {
      return failed(error(name, 0, 0, "not-a-list",
                          "the first MiB holds no column header and no numbered item: "
                          "this is not a policy list",
                          "文件前 1 MiB 中既无表头也无带序号的事项:不是政策清单"));
    }
    std::string rest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bytes += rest;
  }
  return read_list_bytes(std::move(bytes), name, options);
}

}  // namespace huiqi::ingest
