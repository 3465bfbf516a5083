// Reading a list file: size limits, encoding (UTF-8, or GB18030/GBK converted), format sniffing,
// and the parser for the format. Fails fast, with bounded memory, on what is not a list.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "ingest/parser.h"

namespace huiqi::ingest {

struct ReadOptions {
  Format format = Format::automatic;
  //! "auto" (UTF-8, else GB18030 if the bytes decode as such), "utf-8" or "gb18030".
  std::string encoding = "auto";
  //! Larger files are refused before they are read.
  std::uintmax_t max_bytes = std::uintmax_t{1} << 30;
};

struct ReadResult {
  ParseResult parsed;
  Format format = Format::automatic;  //!< the format used
  std::string encoding;               //!< the encoding found: "utf-8" or "gb18030"
};

//! Reads and parses one file. Problems with the content are diagnostics in the result (with
//! severity error when nothing can be imported); a file that cannot be opened throws UserError.
ReadResult read_list_file(const std::filesystem::path& path, const ReadOptions& options = {});

//! The same for bytes already in memory; name is used in diagnostics and for sniffing.
ReadResult read_list_bytes(std::string bytes, const std::string& name,
                           const ReadOptions& options = {});

//! The format for a file name and the first bytes of its content.
Format sniff_format(const std::string& name, std::string_view head);

}  // namespace huiqi::ingest
