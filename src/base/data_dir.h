// Where the bundled data files are (dictionaries, schema, the default list).
#pragma once

#include <filesystem>

namespace huiqi {

//! The data directory: $HUIQI_DATA_DIR when set and not empty, else the source tree's data/
//! (compiled in as HUIQI_DEFAULT_DATA_DIR).
std::filesystem::path data_dir();

}  // namespace huiqi
