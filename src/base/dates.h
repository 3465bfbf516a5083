// Calendar dates as huiqi writes them everywhere: YYYY-MM-DD.
#pragma once

#include <string>
#include <string_view>

namespace huiqi {

//! Today's date in local time, YYYY-MM-DD.
std::string today();

//! Whether text is a date of the calendar written YYYY-MM-DD (2024-02-29 is, 2023-02-29 is not).
bool is_iso_date(std::string_view text);

}  // namespace huiqi
