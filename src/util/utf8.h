// Small UTF-8 helpers: decoding, validation, classification of code points.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gk::utf8 {

// Decode the code point at s[i], advance i. Invalid bytes yield U+FFFD.
char32_t next(std::string_view s, size_t& i);
void append(std::string& out, char32_t c);
bool valid(std::string_view s);
// Replace invalid sequences with U+FFFD.
std::string sanitize(std::string_view s);
std::string from_u32(std::u32string_view s);
std::u32string to_u32(std::string_view s);

inline bool is_cjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}
inline bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
inline bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000 || c == '\r' || c == '\f' ||
         c == '\v' || c == 0x2002 || c == 0x2003 || c == 0x2009 || c == 0x200B || c == 0xFEFF;
}

}  // namespace gk::utf8
