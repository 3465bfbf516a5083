#include "base/data_dir.h"

#include <cstdlib>

namespace huiqi {

std::filesystem::path data_dir() {
  const char* dir = std::getenv("HUIQI_DATA_DIR");
  return dir != nullptr && *dir != '\0' ? std::filesystem::path(dir)
                                        : std::filesystem::path(HUIQI_DEFAULT_DATA_DIR);
}

}  // namespace huiqi
