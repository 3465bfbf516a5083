// Hashing for unordered containers keyed by std::string that are looked up by string_view.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace huiqi {

//! A transparent string hash: with std::equal_to<>, find() and contains() take a string_view
//! without building a std::string.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace huiqi
