#include "text/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace huiqi::text {
namespace {

using namespace std::string_view_literals;

TEST(Utf8Test, WellFormedTextHasNoProblem) {
  constexpr std::string_view kValid[] = {
      ""sv,
      "ascii only"sv,
      "辽市政发〔2020〕3号"sv,
      "\u00A0\u3000\uFEFF"sv,
      "\x7F"sv,              // last one-byte
      "\xC2\x80"sv,          // first two-byte
      "\xDF\xBF"sv,          // last two-byte
      "\xE0\xA0\x80"sv,      // first three-byte
      "\xED\x9F\xBF"sv,      // U+D7FF, just below the surrogates
      "\xEE\x80\x80"sv,      // U+E000, just above them
      "\xEF\xBF\xBF"sv,      // U+FFFF
      "\xF0\x90\x80\x80"sv,  // U+10000
      "\xF4\x8F\xBF\xBF"sv,  // U+10FFFF
      "a\0b"sv,              // NUL is a character like any other
  };
  for (std::string_view text : kValid) {
    EXPECT_FALSE(find_invalid_utf8(text).has_value()) << testing::PrintToString(text);
    EXPECT_TRUE(is_valid_utf8(text));
  }
}

struct InvalidCase {
  std::string_view bytes;
  std::size_t offset;
  int line;
  int column;
  const char* why;
};

TEST(Utf8Test, FirstInvalidByteIsLocated) {
  const InvalidCase kCases[] = {
      {"\x80"sv, 0, 1, 1, "lone continuation byte"},
      {"ab\xBF"sv, 2, 1, 3, "continuation byte after ASCII"},
      {"\xC0\x80"sv, 0, 1, 1, "overlong NUL"},
      {"\xC1\xBF"sv, 0, 1, 1, "overlong two-byte"},
      {"\xE0\x80\x80"sv, 0, 1, 1, "overlong three-byte"},
      {"\xE0\x9F\xBF"sv, 0, 1, 1, "overlong three-byte, highest"},
      {"\xF0\x80\x80\x80"sv, 0, 1, 1, "overlong four-byte"},
      {"\xF0\x8F\xBF\xBF"sv, 0, 1, 1, "overlong four-byte, highest"},
      {"\xED\xA0\x80"sv, 0, 1, 1, "high surrogate U+D800"},
      {"\xED\xBF\xBF"sv, 0, 1, 1, "low surrogate U+DFFF"},
      {"\xF4\x90\x80\x80"sv, 0, 1, 1, "above U+10FFFF"},
      {"\xF5\x80\x80\x80"sv, 0, 1, 1, "lead byte F5"},
      {"\xFF"sv, 0, 1, 1, "byte FF"},
      {"\xFE"sv, 0, 1, 1, "byte FE"},
      {"\xF8\x88\x80\x80\x80"sv, 0, 1, 1, "five-byte form"},
      {"中\xE4\xB8"sv, 3, 1, 2, "truncated at the end"},
      {"\xE4\xB8z"sv, 0, 1, 1, "truncated by an ASCII byte"},
      {"\xF0\x9F\x98"sv, 0, 1, 1, "truncated four-byte"},
      {"第一行\n第二行\n中文\xFF"sv, 26, 3, 3, "third line, after two CJK characters"},
      {"a\r\nb\xC3"sv, 4, 2, 2, "CR is a character, LF ends the line"},
  };
  for (const InvalidCase& c : kCases) {
    SCOPED_TRACE(c.why);
    const auto problem = find_invalid_utf8(c.bytes);
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->offset, c.offset);
    EXPECT_EQ(problem->line, c.line);
    EXPECT_EQ(problem->column, c.column);
    EXPECT_FALSE(is_valid_utf8(c.bytes));
  }
}

TEST(Utf8Test, DecodeWalksAnyBytes) {
  const std::string_view text = "a中\xFF\xE4\xB8😀"sv;
  std::size_t pos = 0;
  EXPECT_EQ(decode_utf8(text, pos), U'a');
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(decode_utf8(text, pos), U'中');
  EXPECT_EQ(pos, 4u);
  EXPECT_EQ(decode_utf8(text, pos), U'\uFFFD');  // invalid byte: one byte, U+FFFD
  EXPECT_EQ(pos, 5u);
  EXPECT_EQ(decode_utf8(text, pos), U'\uFFFD');  // truncated sequence: one byte at a time
  EXPECT_EQ(pos, 6u);
  EXPECT_EQ(decode_utf8(text, pos), U'\uFFFD');
  EXPECT_EQ(pos, 7u);
  EXPECT_EQ(decode_utf8(text, pos), U'\U0001F600');
  EXPECT_EQ(pos, text.size());
}

TEST(Utf8Test, AppendEncodesAndReplacesInvalidValues) {
  std::string out;
  for (char32_t cp : {U'a', U'\u00E9', U'中', U'\U0001F600', U'\U0010FFFF'}) append_utf8(out, cp);
  EXPECT_EQ(out, "a\u00E9中\U0001F600\U0010FFFF");
  std::string replaced;
  append_utf8(replaced, static_cast<char32_t>(0xD800));
  append_utf8(replaced, static_cast<char32_t>(0x110000));
  EXPECT_EQ(replaced, "\uFFFD\uFFFD");
}

TEST(Utf8Test, EncodeDecodeRoundTrip) {
  for (char32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x3000 ? 1 : 97)) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string bytes;
    append_utf8(bytes, cp);
    ASSERT_TRUE(is_valid_utf8(bytes)) << static_cast<unsigned>(cp);
    std::size_t pos = 0;
    ASSERT_EQ(decode_utf8(bytes, pos), cp);
    ASSERT_EQ(pos, bytes.size());
  }
}

TEST(Utf8Test, CountCodePoints) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("abc"), 3u);
  EXPECT_EQ(count_code_points("辽阳市"), 3u);
  EXPECT_EQ(count_code_points("a\xFF\xFE"), 3u);  // each invalid byte counts once
}

TEST(Utf8Test, TrimRemovesListSpacesOnly) {
  struct Case {
    std::string_view in;
    std::string_view out;
  };
  const Case kCases[] = {
      {"", ""},
      {"   ", ""},
      {"\u3000\u3000", ""},
      {" \t\r\n辽阳\n", "辽阳"},
      {"\u3000来源:辽阳市市场监管局\u3000", "来源:辽阳市市场监管局"},
      {"\u00A0政策内容\u00A0\u00A0", "政策内容"},
      {"\uFEFF序号", "序号"},
      {"a \u3000 b", "a \u3000 b"},                      // inner spaces stay
      {"\u2003em space\u2003", "\u2003em space\u2003"},  // not a list space
      {"abc\x80", "abc\x80"},                            // a stray byte at the end is content
      {"\xE3\x80", "\xE3\x80"},                          // a truncated U+3000 is not a space
      {" \xFF ", "\xFF"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(trim(c.in), c.out) << testing::PrintToString(c.in);
  }
  EXPECT_TRUE(is_blank(" \u3000\u00A0\t"));
  EXPECT_FALSE(is_blank(" x "));
}

TEST(Utf8Test, IsSpace) {
  for (char32_t cp : {U' ', U'\t', U'\r', U'\n', U'\u3000', U'\u00A0', U'\uFEFF'}) {
    EXPECT_TRUE(is_space(cp)) << static_cast<unsigned>(cp);
  }
  for (char32_t cp : {U'a', U'中', U'\u2003', U'\uFFFD', U'\0'}) {
    EXPECT_FALSE(is_space(cp)) << static_cast<unsigned>(cp);
  }
}

}  // namespace
}  // namespace huiqi::text
